/**
 * TCP's fields, declared once with Wireshark's display-filter names, types and bases, so that
 * tcp.ts, the option dissector, the sequence analysis and the PDU reassembly share them.
 */
import { defineProtocol, fieldsOf, names } from '../core/fields.js';
import { CHECKSUM_STATUS } from './ipv4.js';

export const tcpProto = defineProtocol({
  abbrev: 'tcp', name: 'Transmission Control Protocol', short: 'TCP',
  blurb: 'Reliable, ordered byte streams between two ports', ref: 'RFC 9293',
});

const f = fieldsOf('tcp');
const H = 'RFC 9293 §3.1';
const setNot: [string, string] = ['Set', 'Not set'];
const flag = (abbrev: string, name: string, mask: number, blurb?: string) =>
  f(abbrev, name, 'bool', { mask, bits: 12, tf: setNot, blurb, ref: H });

export const TCP_OPTION_KINDS = names({
  0: 'End of Option List', 1: 'No-Operation', 2: 'Maximum Segment Size', 3: 'Window Scale', 4: 'SACK Permitted',
  5: 'SACK', 6: 'Echo', 7: 'Echo Reply', 8: 'Time Stamp Option', 9: 'Partial Order Connection Permitted',
  10: 'Partial Order Service Profile', 11: 'CC', 12: 'CC.NEW', 13: 'CC.ECHO', 14: 'TCP Alternate Checksum Request',
  15: 'TCP Alternate Checksum Data', 16: 'Skeeter', 17: 'Bubba', 18: 'Trailer Checksum Option', 19: 'MD5 Signature Option',
  20: 'SCPS Capabilities', 21: 'Selective Negative Acknowledgements', 22: 'Record Boundaries', 23: 'Corruption experienced',
  24: 'SNAP', 25: 'Unassigned', 26: 'TCP Compression Filter', 27: 'Quick-Start Response', 28: 'User Timeout Option',
  29: 'The TCP Authentication Option', 30: 'Multipath TCP', 34: 'TCP Fast Open Cookie', 76: 'Riverbed Probe',
  78: 'Riverbed Transparency', 172: 'Accurate ECN Order 0', 174: 'Accurate ECN Order 1',
  253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
});

export const hfTcp = {
  srcport: f('srcport', 'Source Port', 'uint16', { blurb: 'Port of the sending side', ref: H }),
  dstport: f('dstport', 'Destination Port', 'uint16', { blurb: 'Port of the receiving side', ref: H }),
  port: f('port', 'Source or Destination Port', 'uint16', { hidden: true, blurb: 'Either port, for filters such as tcp.port == 1723', ref: H }),
  stream: f('stream', 'Stream index', 'uint32', { blurb: 'One number per TCP connection in the capture', ref: 'RFC 9293 §3.3.1' }),
  completeness: f('completeness', 'Conversation completeness', 'uint8', {
    blurb: 'What of the connection was seen so far: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST', ref: 'RFC 9293 §3.5',
  }),
  len: f('len', 'TCP Segment Len', 'uint32', { blurb: 'Bytes of data in this segment', ref: 'RFC 9293 §3.4' }),
  seq: f('seq', 'Sequence Number', 'uint32', { blurb: 'Relative to the first sequence number of this direction', ref: H }),
  seq_raw: f('seq_raw', 'Sequence Number (raw)', 'uint32', { blurb: 'The sequence number as sent, before making it relative', ref: H }),
  nxtseq: f('nxtseq', 'Next Sequence Number', 'uint32', { blurb: 'Sequence number of the byte after this segment (SYN and FIN count one)', ref: 'RFC 9293 §3.4' }),
  ack: f('ack', 'Acknowledgment Number', 'uint32', { blurb: 'Relative to the first sequence number of the other direction', ref: H }),
  ack_raw: f('ack_raw', 'Acknowledgment number (raw)', 'uint32', { blurb: 'The acknowledgment number as sent, before making it relative', ref: H }),
  hdr_len: f('hdr_len', 'Header Length', 'uint8', { unit: 'bytes', blurb: 'Size of the header with its options (the data offset field times four)', ref: H }),
  flags: f('flags', 'Flags', 'uint16', { base: 'hex', mask: 0x0fff, blurb: 'The twelve control bits', ref: H }),
  flags_res: flag('flags.res', 'Reserved', 0xe00, 'Bits reserved for future use; senders set them to zero'),
  flags_ae: flag('flags.ae', 'Accurate ECN', 0x100, 'Accurate ECN flag (formerly the ECN nonce)'),
  flags_cwr: flag('flags.cwr', 'Congestion Window Reduced', 0x080, 'The sender reduced its congestion window (RFC 3168 §6.1)'),
  flags_ece: flag('flags.ece', 'ECN-Echo', 0x040, 'Congestion was signalled, or ECN is offered in a SYN (RFC 3168 §6.1)'),
  flags_urg: flag('flags.urg', 'Urgent', 0x020, 'The urgent pointer is valid'),
  flags_ack: flag('flags.ack', 'Acknowledgment', 0x010, 'The acknowledgment number is valid'),
  flags_push: flag('flags.push', 'Push', 0x008, 'Deliver the data to the application now'),
  flags_reset: flag('flags.reset', 'Reset', 0x004, 'Abort the connection'),
  flags_syn: flag('flags.syn', 'Syn', 0x002, 'Synchronize sequence numbers: opens a connection'),
  flags_fin: flag('flags.fin', 'Fin', 0x001, 'No more data from the sender'),
  flags_str: f('flags.str', 'TCP Flags', 'string', { blurb: 'The twelve flag bits as letters, a dot for a clear bit', ref: H }),
  window_size_value: f('window_size_value', 'Window', 'uint16', { blurb: 'The receive window as carried in the header, unscaled', ref: H }),
  window_size: f('window_size', 'Calculated window size', 'uint32', { blurb: 'The receive window in bytes once the negotiated scale is applied', ref: 'RFC 7323 §2' }),
  window_size_scalefactor: f('window_size_scalefactor', 'Window size scaling factor', 'int32', {
    blurb: 'What the window is multiplied by: -1 when the handshake was not seen, -2 when scaling is off', ref: 'RFC 7323 §2',
  }),
  checksum: f('checksum', 'Checksum', 'uint16', { base: 'hex', blurb: 'Internet checksum over a pseudo-header, the header and the data', ref: H }),
  checksum_status: f('checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS, blurb: 'Not verified, as in Wireshark by default', ref: H }),
  urgent_pointer: f('urgent_pointer', 'Urgent Pointer', 'uint16', { blurb: 'Offset of the end of urgent data, meaningful with URG set', ref: H }),
  options: f('options', 'TCP Options', 'bytes', { blurb: 'The options part of the header', ref: 'RFC 9293 §3.2' }),
  option_kind: f('option_kind', 'Kind', 'uint8', { vals: TCP_OPTION_KINDS, blurb: 'Which option this is', ref: 'RFC 9293 §3.2' }),
  option_len: f('option_len', 'Length', 'uint8', { blurb: 'Bytes the option takes, its kind and length octets included', ref: 'RFC 9293 §3.2' }),
  opt_eol: f('options.eol', 'TCP Option - End of Option List (EOL)', 'bytes', { blurb: 'Marks the end of the options', ref: 'RFC 9293 §3.2' }),
  opt_nop: f('options.nop', 'TCP Option - No-Operation (NOP)', 'bytes', { blurb: 'Padding between options', ref: 'RFC 9293 §3.2' }),
  opt_mss: f('options.mss', 'TCP Option - Maximum segment size', 'bytes', { blurb: 'The largest segment the sender will receive', ref: 'RFC 9293 §3.7.1' }),
  mss_val: f('options.mss_val', 'MSS Value', 'uint16', { blurb: 'Maximum segment size in bytes', ref: 'RFC 9293 §3.7.1' }),
  opt_wscale: f('options.wscale', 'TCP Option - Window scale', 'bytes', { blurb: 'Offers window scaling, in SYN segments', ref: 'RFC 7323 §2.2' }),
  wscale_shift: f('options.wscale.shift', 'Shift count', 'uint8', { blurb: 'The window is shifted left by this many bits', ref: 'RFC 7323 §2.2' }),
  wscale_multiplier: f('options.wscale.multiplier', 'Multiplier', 'uint16', { blurb: 'Two to the power of the shift count', ref: 'RFC 7323 §2.2' }),
  opt_sack_perm: f('options.sack_perm', 'TCP Option - SACK permitted', 'bytes', { blurb: 'Offers selective acknowledgments, in SYN segments', ref: 'RFC 2018 §2' }),
  opt_sack: f('options.sack', 'TCP Option - SACK', 'bytes', { blurb: 'Blocks received beyond the cumulative ACK', ref: 'RFC 2018 §3' }),
  sack_le: f('options.sack_le', 'TCP SACK Left Edge', 'uint32', { blurb: 'First sequence number of a received block (relative)', ref: 'RFC 2018 §3' }),
  sack_re: f('options.sack_re', 'TCP SACK Right Edge', 'uint32', { blurb: 'Sequence number after a received block (relative)', ref: 'RFC 2018 §3' }),
  sack_count: f('options.sack.count', 'TCP SACK Count', 'uint8', { blurb: 'Number of blocks in the option', ref: 'RFC 2018 §3' }),
  dsack_le: f('options.sack.dsack_le', 'TCP D-SACK Left Edge', 'uint32', { blurb: 'Start of a block received twice', ref: 'RFC 2883 §4' }),
  dsack_re: f('options.sack.dsack_re', 'TCP D-SACK Right Edge', 'uint32', { blurb: 'End of a block received twice', ref: 'RFC 2883 §4' }),
  opt_timestamp: f('options.timestamp', 'TCP Option - Timestamps', 'bytes', { blurb: 'Timestamp and echo, for RTT measurement and PAWS', ref: 'RFC 7323 §3' }),
  tsval: f('options.timestamp.tsval', 'Timestamp value', 'uint32', { blurb: 'The sender\'s timestamp clock when the segment was sent', ref: 'RFC 7323 §3.2' }),
  tsecr: f('options.timestamp.tsecr', 'Timestamp echo reply', 'uint32', { blurb: 'The peer\'s last timestamp, sent back for RTT measurement', ref: 'RFC 7323 §3.2' }),
  opt_echo: f('options.echo', 'TCP Option - Echo', 'bytes', { blurb: 'The obsolete echo option', ref: 'RFC 1072 §4' }),
  echo_value: f('options.echo_value', 'TCP Echo Option', 'uint32', { blurb: 'A value the peer is asked to send back', ref: 'RFC 1072 §4' }),
  opt_unknown: f('options.unknown', 'TCP Option - Unknown', 'bytes', { blurb: 'An option vpnshark does not take apart', ref: 'RFC 9293 §3.2' }),
  unknown_payload: f('options.unknown.payload', 'Payload', 'bytes', { blurb: 'The option bytes after kind and length', ref: 'RFC 9293 §3.2' }),
  time_relative: f('time_relative', 'Time since first frame in this TCP stream', 'reltime', { blurb: 'Seconds since the first packet of this connection', ref: 'RFC 9293 §3.3.1' }),
  time_delta: f('time_delta', 'Time since previous frame in this TCP stream', 'reltime', { blurb: 'Seconds since the previous packet of this connection', ref: 'RFC 9293 §3.3.1' }),
  analysis: f('analysis', 'SEQ/ACK analysis', 'none', { blurb: 'What the sequence analysis found for this segment', ref: 'RFC 9293 §3.4' }),
  analysis_flags: f('analysis.flags', 'TCP Analysis Flags', 'none', { blurb: 'The anomalies the sequence analysis flagged', ref: 'RFC 9293 §3.4' }),
  acks_frame: f('analysis.acks_frame', 'This is an ACK to the segment in frame', 'framenum', { blurb: 'The earlier segment this one acknowledges', ref: 'RFC 9293 §3.4' }),
  ack_rtt: f('analysis.ack_rtt', 'The RTT to ACK the segment was', 'reltime', { blurb: 'Seconds between that segment and its acknowledgment', ref: 'RFC 6298 §2' }),
  initial_rtt: f('analysis.initial_rtt', 'iRTT', 'reltime', { blurb: 'Seconds from the SYN to the ACK that ended the handshake', ref: 'RFC 9293 §3.5' }),
  bytes_in_flight: f('analysis.bytes_in_flight', 'Bytes in flight', 'uint32', { blurb: 'Bytes sent in this direction and not yet acknowledged', ref: 'RFC 5681 §2' }),
  push_bytes_sent: f('analysis.push_bytes_sent', 'Bytes sent since last PSH flag', 'uint32', { blurb: 'Bytes sent in this direction since the last segment with PSH', ref: 'RFC 9293 §3.9.1' }),
  rto: f('analysis.rto', 'The RTO for this segment was', 'reltime', { blurb: 'Seconds between the original segment and this retransmission', ref: 'RFC 6298 §5' }),
  rto_frame: f('analysis.rto_frame', 'RTO based on delta from frame', 'framenum', { blurb: 'The frame the RTO is measured from', ref: 'RFC 6298 §5' }),
  duplicate_ack: f('analysis.duplicate_ack', 'Duplicate ACK', 'none', { blurb: 'Repeats the previous ACK, window and sequence number', ref: 'RFC 5681 §2' }),
  duplicate_ack_num: f('analysis.duplicate_ack_num', 'Duplicate ACK #', 'uint32', { blurb: 'How many times the ACK has been repeated so far', ref: 'RFC 5681 §3.2' }),
  duplicate_ack_frame: f('analysis.duplicate_ack_frame', 'Duplicate to the ACK in frame', 'framenum', { blurb: 'The frame with the ACK being repeated', ref: 'RFC 5681 §3.2' }),
  payload: f('payload', 'TCP payload', 'bytes', { blurb: 'The data bytes of the segment', ref: H }),
  segment_data: f('segment_data', 'TCP segment data', 'bytes', { blurb: 'Bytes of this segment that belong to a PDU reassembled across segments, or that were sent before', ref: 'RFC 9293 §3.10.7.4' }),
  reset_cause: f('reset_cause', 'Reset cause', 'string', { blurb: 'Text carried in a RST segment', ref: 'RFC 1122 §4.2.2.12' }),
  segments: f('segments', 'Reassembled TCP Segments', 'none', { blurb: 'The segments a PDU was reassembled from', ref: 'RFC 9293 §3.10.7.4' }),
  segment: f('segment', 'TCP Segment', 'framenum', { blurb: 'A frame that carried part of the reassembled PDU', ref: 'RFC 9293 §3.10.7.4' }),
  segment_count: f('segment.count', 'Segment count', 'uint32', { blurb: 'How many segments the PDU was reassembled from', ref: 'RFC 9293 §3.10.7.4' }),
  reassembled_length: f('reassembled.length', 'Reassembled TCP length', 'uint32', { blurb: 'Bytes in the reassembled PDU', ref: 'RFC 9293 §3.10.7.4' }),
  reassembled_data: f('reassembled.data', 'Reassembled TCP Data', 'bytes', { blurb: 'The reassembled PDU', ref: 'RFC 9293 §3.10.7.4' }),
};

/** Analysis findings that Wireshark reports only as expert items; hidden fields so that filters can name them. */
const hiddenNone = (abbrev: string, name: string) => f(abbrev, name, 'none', { hidden: true, blurb: name, ref: 'RFC 9293 §3.4' });
export const hfTcpFlags = {
  retransmission: hiddenNone('analysis.retransmission', 'This frame is a (suspected) retransmission'),
  fast_retransmission: hiddenNone('analysis.fast_retransmission', 'This frame is a (suspected) fast retransmission'),
  spurious_retransmission: hiddenNone('analysis.spurious_retransmission', 'This frame is a (suspected) spurious retransmission'),
  out_of_order: hiddenNone('analysis.out_of_order', 'This frame is a (suspected) out-of-order segment'),
  reused_ports: hiddenNone('analysis.reused_ports', 'A new tcp session is started with the same ports as an earlier session in this trace'),
  lost_segment: hiddenNone('analysis.lost_segment', 'Previous segment(s) not captured (common at capture start)'),
  ack_lost_segment: hiddenNone('analysis.ack_lost_segment', 'ACKed segment that wasn\'t captured (common at capture start)'),
  window_update: hiddenNone('analysis.window_update', 'TCP window update'),
  window_full: hiddenNone('analysis.window_full', 'TCP window specified by the receiver is now completely full'),
  keep_alive: hiddenNone('analysis.keep_alive', 'TCP keep-alive segment'),
  keep_alive_ack: hiddenNone('analysis.keep_alive_ack', 'ACK to a TCP keep-alive segment'),
  zero_window: hiddenNone('analysis.zero_window', 'TCP Zero Window segment'),
  zero_window_probe: hiddenNone('analysis.zero_window_probe', 'TCP Zero Window Probe'),
  zero_window_probe_ack: hiddenNone('analysis.zero_window_probe_ack', 'ACK to a TCP Zero Window Probe'),
};
