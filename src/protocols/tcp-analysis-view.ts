/**
 * The "SEQ/ACK analysis" subtree TCP shows for a segment, with the expert items and Info prefixes
 * ("[TCP Retransmission] ") of what tcp-analysis.ts found, in Wireshark's order and words.
 */
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { hfTcp, hfTcpFlags } from './tcp-fields.js';
import { TA, type SegmentAnalysis } from './tcp-analysis.js';

const seconds = (ns: number): number => ns / 1e9;

/**
 * Findings Wireshark reports as expert items under "TCP Analysis Flags", in the order it prints them;
 * each puts its Info prefix in front of the ones before it. DUP marks where the Dup ACK one goes.
 */
const DUP = -1;
const FINDINGS: Array<[number, keyof typeof hfTcpFlags | null, 'chat' | 'note' | 'warn', string, string]> = [
  [TA.REUSED_PORTS, 'reused_ports', 'note', 'A new tcp session is started with the same ports as an earlier session in this trace', '[TCP Port numbers reused] '],
  [TA.RETRANSMISSION, 'retransmission', 'note', 'This frame is a (suspected) retransmission', '[TCP Retransmission] '],
  [TA.FAST_RETRANSMISSION, 'fast_retransmission', 'note', 'This frame is a (suspected) fast retransmission', '[TCP Fast Retransmission] '],
  [TA.SPURIOUS_RETRANSMISSION, 'spurious_retransmission', 'note', 'This frame is a (suspected) spurious retransmission', '[TCP Spurious Retransmission] '],
  [TA.OUT_OF_ORDER, 'out_of_order', 'warn', 'This frame is a (suspected) out-of-order segment', '[TCP Out-Of-Order] '],
  [TA.LOST_PACKET, 'lost_segment', 'warn', 'Previous segment(s) not captured (common at capture start)', '[TCP Previous segment not captured] '],
  [TA.ACK_LOST_PACKET, 'ack_lost_segment', 'warn', 'ACKed segment that wasn\'t captured (common at capture start)', '[TCP ACKed unseen segment] '],
  [TA.WINDOW_UPDATE, 'window_update', 'chat', 'TCP window update', '[TCP Window Update] '],
  [TA.WINDOW_FULL, 'window_full', 'warn', 'TCP window specified by the receiver is now completely full', '[TCP Window Full] '],
  [TA.KEEP_ALIVE, 'keep_alive', 'note', 'TCP keep-alive segment', '[TCP Keep-Alive] '],
  [TA.KEEP_ALIVE_ACK, 'keep_alive_ack', 'note', 'ACK to a TCP keep-alive segment', '[TCP Keep-Alive ACK] '],
  [DUP, null, 'note', '', ''],
  [TA.ZERO_WINDOW_PROBE, 'zero_window_probe', 'note', 'TCP Zero Window Probe', '[TCP ZeroWindowProbe] '],
  [TA.ZERO_WINDOW, 'zero_window', 'warn', 'TCP Zero Window segment', '[TCP ZeroWindow] '],
  [TA.ZERO_WINDOW_PROBE_ACK, 'zero_window_probe_ack', 'note', 'ACK to a TCP Zero Window Probe', '[TCP ZeroWindowProbeAck] '],
];

/** The SEQ/ACK analysis subtree; returns the Info prefix ("[TCP Retransmission] ") it adds. */
export function showAnalysis(t: Tree, tvb: Tvb, pkt: Packet, firstRttNs: number, ta: SegmentAnalysis): string {
  const a = t.gen(hfTcp.analysis, tvb, 0, 0, null, t.on ? 'SEQ/ACK analysis' : undefined);
  if (ta.frameAcked) {
    a.gen(hfTcp.acks_frame, tvb, 0, 0, ta.frameAcked);
    if (ta.ackRttNs) a.gen(hfTcp.ack_rtt, tvb, 0, 0, seconds(ta.ackRttNs));
  }
  if (firstRttNs) a.gen(hfTcp.initial_rtt, tvb, 0, 0, seconds(firstRttNs));
  if (ta.bytesInFlight) {
    a.gen(hfTcp.bytes_in_flight, tvb, 0, 0, ta.bytesInFlight);
    a.gen(hfTcp.push_bytes_sent, tvb, 0, 0, ta.pushBytesSent);
  }
  if (!ta.flags) return '';
  let prefix = '';
  const fl = a.gen(hfTcp.analysis_flags, tvb, 0, 0, null, a.on ? 'TCP Analysis Flags' : undefined);
  for (const [bit, key, sev, msg, pre] of FINDINGS) {
    if (bit === DUP) {
      if (!ta.dupackNum) continue;
      if (ta.flags & TA.DUPLICATE_ACK) {
        fl.gen(hfTcp.duplicate_ack, tvb, 0, 0, null, fl.on ? 'This is a TCP duplicate ack' : undefined);
        prefix = `[TCP Dup ACK ${ta.dupackFrame}#${ta.dupackNum}] ${prefix}`;
      }
      a.gen(hfTcp.duplicate_ack_num, tvb, 0, 0, ta.dupackNum);
      const fi = a.gen(hfTcp.duplicate_ack_frame, tvb, 0, 0, ta.dupackFrame);
      pkt.engine.expert(pkt, fi, 'note', 'sequence', 'tcp.analysis.duplicate_ack', `Duplicate ACK (#${ta.dupackNum})`);
      continue;
    }
    if (!(ta.flags & bit) || !key) continue;
    fl.gen(hfTcpFlags[key], tvb, 0, 0, null);
    pkt.engine.expert(pkt, fl, sev, 'sequence', hfTcpFlags[key].abbrev, msg);
    if (bit === TA.FAST_RETRANSMISSION || bit === TA.SPURIOUS_RETRANSMISSION) {
      // Wireshark counts these as retransmissions too.
      fl.gen(hfTcpFlags.retransmission, tvb, 0, 0, null);
      pkt.engine.expert(pkt, fl, 'note', 'sequence', hfTcpFlags.retransmission.abbrev, 'This frame is a (suspected) retransmission');
    }
    if (bit === TA.RETRANSMISSION && ta.rtoNs) {
      fl.gen(hfTcp.rto, tvb, 0, 0, seconds(ta.rtoNs));
      fl.gen(hfTcp.rto_frame, tvb, 0, 0, ta.rtoFrame);
    }
    prefix = pre + prefix;
  }
  return prefix;
}
