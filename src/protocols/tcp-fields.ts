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
  srcport: f('srcport', 'Source Port', 'uint16', { ref: H }),
  dstport: f('dstport', 'Destination Port', 'uint16', { ref: H }),
  port: f('port', 'Source or Destination Port', 'uint16', { hidden: true, ref: H }),
  stream: f('stream', 'Stream index', 'uint32', { blurb: 'One number per TCP connection in the capture' }),
  completeness: f('completeness', 'Conversation completeness', 'uint8', {
    blurb: 'What of the connection was seen so far: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST',
  }),
  len: f('len', 'TCP Segment Len', 'uint32', { blurb: 'Bytes of data in this segment' }),
  seq: f('seq', 'Sequence Number', 'uint32', { blurb: 'Relative to the first sequence number of this direction', ref: H }),
  seq_raw: f('seq_raw', 'Sequence Number (raw)', 'uint32', { blurb: 'This shows the raw value of the sequence number', ref: H }),
  nxtseq: f('nxtseq', 'Next Sequence Number', 'uint32', { blurb: 'Sequence number of the byte after this segment (SYN and FIN count one)' }),
  ack: f('ack', 'Acknowledgment Number', 'uint32', { blurb: 'Relative to the first sequence number of the other direction', ref: H }),
  ack_raw: f('ack_raw', 'Acknowledgment number (raw)', 'uint32', { blurb: 'This shows the raw value of the acknowledgment number', ref: H }),
  hdr_len: f('hdr_len', 'Header Length', 'uint8', { unit: 'bytes', blurb: 'Data offset in 32-bit words', ref: H }),
  flags: f('flags', 'Flags', 'uint16', { base: 'hex', mask: 0x0fff, blurb: 'Flags (12 bits)', ref: H }),
  flags_res: flag('flags.res', 'Reserved', 0xe00, 'Three reserved bits (must be zero)'),
  flags_ae: flag('flags.ae', 'Accurate ECN', 0x100),
  flags_cwr: flag('flags.cwr', 'Congestion Window Reduced', 0x080),
  flags_ece: flag('flags.ece', 'ECN-Echo', 0x040),
  flags_urg: flag('flags.urg', 'Urgent', 0x020),
  flags_ack: flag('flags.ack', 'Acknowledgment', 0x010),
  flags_push: flag('flags.push', 'Push', 0x008),
  flags_reset: flag('flags.reset', 'Reset', 0x004),
  flags_syn: flag('flags.syn', 'Syn', 0x002),
  flags_fin: flag('flags.fin', 'Fin', 0x001),
  flags_str: f('flags.str', 'TCP Flags', 'string', { blurb: 'The twelve flag bits as letters, a dot for a clear bit' }),
  window_size_value: f('window_size_value', 'Window', 'uint16', { blurb: 'The window size value from the TCP header', ref: H }),
  window_size: f('window_size', 'Calculated window size', 'uint32', { blurb: 'The scaled window size (if scaling has been used)', ref: 'RFC 7323 §2' }),
  window_size_scalefactor: f('window_size_scalefactor', 'Window size scaling factor', 'int32', {
    blurb: 'The window size scaling factor (-1 when unknown, -2 when no scaling is used)', ref: 'RFC 7323 §2',
  }),
  checksum: f('checksum', 'Checksum', 'uint16', { base: 'hex', ref: H }),
  checksum_status: f('checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS }),
  urgent_pointer: f('urgent_pointer', 'Urgent Pointer', 'uint16', { ref: H }),
  options: f('options', 'TCP Options', 'bytes', { ref: 'RFC 9293 §3.2' }),
  option_kind: f('option_kind', 'Kind', 'uint8', { vals: TCP_OPTION_KINDS, blurb: 'This TCP option\'s kind' }),
  option_len: f('option_len', 'Length', 'uint8', { blurb: 'Length of this TCP option in bytes (including kind and length fields)' }),
  opt_eol: f('options.eol', 'TCP Option - End of Option List (EOL)', 'bytes', { ref: 'RFC 9293 §3.2' }),
  opt_nop: f('options.nop', 'TCP Option - No-Operation (NOP)', 'bytes', { ref: 'RFC 9293 §3.2' }),
  opt_mss: f('options.mss', 'TCP Option - Maximum segment size', 'bytes', { ref: 'RFC 9293 §3.7.1' }),
  mss_val: f('options.mss_val', 'MSS Value', 'uint16', { ref: 'RFC 9293 §3.7.1' }),
  opt_wscale: f('options.wscale', 'TCP Option - Window scale', 'bytes', { ref: 'RFC 7323 §2.2' }),
  wscale_shift: f('options.wscale.shift', 'Shift count', 'uint8', { blurb: 'Logarithmically encoded power of 2 scale factor', ref: 'RFC 7323 §2.2' }),
  wscale_multiplier: f('options.wscale.multiplier', 'Multiplier', 'uint16', { blurb: 'Multiply segment window size by this for scaled window size' }),
  opt_sack_perm: f('options.sack_perm', 'TCP Option - SACK permitted', 'bytes', { ref: 'RFC 2018 §2' }),
  opt_sack: f('options.sack', 'TCP Option - SACK', 'bytes', { ref: 'RFC 2018 §3' }),
  sack_le: f('options.sack_le', 'TCP SACK Left Edge', 'uint32', { ref: 'RFC 2018 §3' }),
  sack_re: f('options.sack_re', 'TCP SACK Right Edge', 'uint32', { ref: 'RFC 2018 §3' }),
  sack_count: f('options.sack.count', 'TCP SACK Count', 'uint8'),
  dsack_le: f('options.sack.dsack_le', 'TCP D-SACK Left Edge', 'uint32', { blurb: 'Duplicate SACK Left Edge', ref: 'RFC 2883 §4' }),
  dsack_re: f('options.sack.dsack_re', 'TCP D-SACK Right Edge', 'uint32', { blurb: 'Duplicate SACK Right Edge', ref: 'RFC 2883 §4' }),
  opt_timestamp: f('options.timestamp', 'TCP Option - Timestamps', 'bytes', { ref: 'RFC 7323 §3' }),
  tsval: f('options.timestamp.tsval', 'Timestamp value', 'uint32', { blurb: 'Value of sending machine\'s timestamp clock', ref: 'RFC 7323 §3.2' }),
  tsecr: f('options.timestamp.tsecr', 'Timestamp echo reply', 'uint32', { blurb: 'Echoed timestamp from remote machine', ref: 'RFC 7323 §3.2' }),
  opt_unknown: f('options.unknown', 'TCP Option - Unknown', 'bytes'),
  unknown_payload: f('options.unknown.payload', 'Payload', 'bytes'),
  time_relative: f('time_relative', 'Time since first frame in this TCP stream', 'reltime', { blurb: 'Time relative to first frame in this TCP stream' }),
  time_delta: f('time_delta', 'Time since previous frame in this TCP stream', 'reltime', { blurb: 'Time delta from previous frame in this TCP stream' }),
  analysis: f('analysis', 'SEQ/ACK analysis', 'none', { blurb: 'This frame has some of the TCP analysis shown' }),
  analysis_flags: f('analysis.flags', 'TCP Analysis Flags', 'none', { blurb: 'This frame has some of the TCP analysis flags set' }),
  acks_frame: f('analysis.acks_frame', 'This is an ACK to the segment in frame', 'framenum', { blurb: 'Which previous segment is this an ACK for' }),
  ack_rtt: f('analysis.ack_rtt', 'The RTT to ACK the segment was', 'reltime', { blurb: 'How long time it took to ACK the segment (RTT)' }),
  initial_rtt: f('analysis.initial_rtt', 'iRTT', 'reltime', { blurb: 'How long it took for the SYN to ACK handshake (iRTT)' }),
  bytes_in_flight: f('analysis.bytes_in_flight', 'Bytes in flight', 'uint32', { blurb: 'How many bytes are now in flight for this connection' }),
  push_bytes_sent: f('analysis.push_bytes_sent', 'Bytes sent since last PSH flag', 'uint32', { blurb: 'How many bytes have been sent since the last PSH flag' }),
  rto: f('analysis.rto', 'The RTO for this segment was', 'reltime', { blurb: 'How long transmission was delayed before this segment was retransmitted (RTO)' }),
  rto_frame: f('analysis.rto_frame', 'RTO based on delta from frame', 'framenum', { blurb: 'This is the frame we measure the RTO from' }),
  duplicate_ack: f('analysis.duplicate_ack', 'Duplicate ACK', 'none', { blurb: 'This is a duplicate ACK' }),
  duplicate_ack_num: f('analysis.duplicate_ack_num', 'Duplicate ACK #', 'uint32', { blurb: 'This is duplicate ACK number #' }),
  duplicate_ack_frame: f('analysis.duplicate_ack_frame', 'Duplicate to the ACK in frame', 'framenum', { blurb: 'This is a duplicate to the ACK in frame #' }),
  payload: f('payload', 'TCP payload', 'bytes', { blurb: 'The TCP payload of this packet' }),
  segment_data: f('segment_data', 'TCP segment data', 'bytes', { blurb: 'A data segment used in reassembly of a lower-level protocol' }),
  reset_cause: f('reset_cause', 'Reset cause', 'string', { blurb: 'Text carried in a RST segment (RFC 1122 §4.2.2.12)' }),
  segments: f('segments', 'Reassembled TCP Segments', 'none', { blurb: 'TCP Segments' }),
  segment: f('segment', 'TCP Segment', 'framenum', { blurb: 'A frame that carried part of the reassembled PDU' }),
  segment_count: f('segment.count', 'Segment count', 'uint32'),
  reassembled_length: f('reassembled.length', 'Reassembled TCP length', 'uint32', { blurb: 'The total length of the reassembled payload' }),
  reassembled_data: f('reassembled.data', 'Reassembled TCP Data', 'bytes', { blurb: 'The reassembled payload' }),
};

/** Analysis findings that Wireshark reports only as expert items; hidden fields so that filters can name them. */
const hiddenNone = (abbrev: string, name: string) => f(abbrev, name, 'none', { hidden: true, blurb: name });
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
