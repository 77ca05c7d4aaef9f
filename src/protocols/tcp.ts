/**
 * TCP (RFC 9293): header, flags, options, relative sequence numbers, window scaling, stream index,
 * conversation completeness and Wireshark's sequence analysis, and the hand-off of the payload to
 * the protocol on the ports (with the PDU reassembly service of tcp-reassembly.ts for those that
 * need it). Connection state is bounded: at most MAX_STREAMS connections, the least recently seen
 * forgotten first (with one note).
 */
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { idleBefore, type IdleCut } from '../core/forget.js';
import { IPPROTO } from './ipproto.js';
import { hfTcp, tcpProto } from './tcp-fields.js';
import {
  TA, TH, analyzeSegment, deltaNs, newAnalysis, newFlow, releaseFlow, seqLe, seqLt, u32,
  type AnalysisContext, type Flow, type SegmentAnalysis, type Time,
} from './tcp-analysis.js';
import { dissectTcpOptions } from './tcp-options.js';
import { showAnalysis } from './tcp-analysis-view.js';
import { pduInProgress, type TcpInfo } from './tcp-reassembly.js';
import { AgedMap } from '../core/aged-map.js';

export { tcpDissectPdus, type PduSpec, type TcpInfo } from './tcp-reassembly.js';
export { hfTcp, tcpProto } from './tcp-fields.js';

/** Connections tracked at once. */
export const MAX_STREAMS = 100_000;

const COMPLETENESS = { SYNSENT: 0x01, SYNACK: 0x02, ACK: 0x04, DATA: 0x08, FIN: 0x10, RST: 0x20 } as const;

interface Connection {
  stream: number;
  /** "address/port" of the side that sent the first packet seen: its direction is 0. */
  first: string;
  flows: [Flow, Flow];
  completeness: number;
  tsFirst: Time;
  tsPrev: Time;
  lastFrame: number;
  /** Time of the most recent SYN, for the iRTT. */
  tsMruSyn: Time | null;
  firstRttNs: number;
  serverPort: number;
}

class Connections {
  readonly map = new AgedMap<string, Connection>();
  next = 0;
  readonly budget = { used: 0, exhausted: false };

  lookup(key: string): Connection | undefined {
    const c = this.map.get(key);
    if (c) {
      // Least recently seen first out: move to the end.
      this.map.delete(key);
      this.map.set(key, c);
    }
    return c;
  }

  create(pkt: Packet, tree: Tree, key: string, first: string, now: Time): Connection {
    const old = this.map.get(key);
    if (old) {
      this.release(old);
      this.map.delete(key);
    } else if (this.map.size >= MAX_STREAMS) {
      this.release(this.map.dropOldest()!);
      pkt.engine.expertOnce(pkt, tree, 'note', 'sequence', 'tcp.streams.evicted',
        `More than ${MAX_STREAMS} TCP connections at once: the least recently seen are forgotten, and come back with a new stream index`);
    }
    const c: Connection = {
      stream: this.next++, first, flows: [newFlow(), newFlow()], completeness: 0,
      tsFirst: now, tsPrev: now, lastFrame: pkt.num, tsMruSyn: null, firstRttNs: 0, serverPort: 0,
    };
    this.map.set(key, c);
    return c;
  }

  /** The map is in order of last use, so the idle connections are at its front (core/forget.ts). */
  forgetIdle(cut: IdleCut): void {
    for (const [key, c] of this.map) {
      if (!idleBefore(c.tsPrev.sec + c.tsPrev.nsec / 1e9, c.lastFrame, cut)) break;
      this.release(c);
      this.map.delete(key);
    }
  }

  private release(c: Connection): void {
    releaseFlow(c.flows[0], this.budget);
    releaseFlow(c.flows[1], this.budget);
  }
}

function connections(pkt: Packet): Connections {
  return pkt.engine.state('tcp.streams', () => new Connections());
}

const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];

/** "SYN, ACK" as Wireshark lists them in Info and in the Flags item. */
export function tcpFlagsText(flags: number): string {
  const out: string[] = [];
  for (let i = 0; i < FLAG_NAMES.length; i++) if (flags & (1 << i)) out.push(FLAG_NAMES[i]);
  if (flags & 0xe00) out.push('Reserved');
  return out.length ? out.join(', ') : '<None>';
}

/** tcp.flags.str: one letter per bit, a middle dot for a clear one. */
export function tcpFlagsLetters(flags: number): string {
  const letters = 'RRRACEUAPRSF';
  let s = '';
  for (let i = 0; i < 12; i++) s += (flags >> (11 - i)) & 1 ? letters[i] : '·';
  return s;
}

/** ".... ..1. ...." for the bits of mask within the 12 flag bits. */
function bits12(flags: number, mask: number): string {
  let s = '';
  for (let i = 11; i >= 0; i--) {
    s += mask & (1 << i) ? ((flags >> i) & 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i) s += ' ';
  }
  return s;
}

const FLAG_FIELDS = [
  [hfTcp.flags_res, 0xe00], [hfTcp.flags_ae, 0x100], [hfTcp.flags_cwr, 0x080], [hfTcp.flags_ece, 0x040],
  [hfTcp.flags_urg, 0x020], [hfTcp.flags_ack, 0x010], [hfTcp.flags_push, 0x008], [hfTcp.flags_reset, 0x004],
  [hfTcp.flags_syn, 0x002], [hfTcp.flags_fin, 0x001],
] as const;

function completenessText(v: number): string {
  const c = COMPLETENESS;
  const base = c.SYNSENT | c.SYNACK | c.ACK;
  switch (v) {
    case c.SYNSENT: return `Incomplete, SYN_SENT (${v})`;
    case c.SYNSENT | c.SYNACK: return `Incomplete, CLIENT_ESTABLISHED (${v})`;
    case base: return `Incomplete, ESTABLISHED (${v})`;
    case base | c.DATA: return `Incomplete, DATA (${v})`;
    case base | c.DATA | c.FIN: case base | c.DATA | c.RST: case base | c.DATA | c.FIN | c.RST:
      return `Complete, WITH_DATA (${v})`;
    case base | c.FIN: case base | c.RST: case base | c.FIN | c.RST:
      return `Complete, NO_DATA (${v})`;
    default: return `Incomplete (${v})`;
  }
}

const seconds = (ns: number): number => ns / 1e9;

function now(pkt: Packet): Time {
  return { sec: pkt.tsSec, nsec: pkt.tsNsec };
}

export function dissectTcp(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const sp = tvb.u16(0), dp = tvb.u16(2);
  const cols = pkt.engine.columns;
  pkt.srcPort = sp;
  pkt.dstPort = dp;
  if (cols) pkt.setInfo(`${sp} → ${dp}`);
  // The whole segment until the header length is known to be sane, as in Wireshark.
  const t = tree.proto(tcpProto, tvb, 0, -1);
  t.add(hfTcp.srcport, tvb, 0, 2, sp);
  t.add(hfTcp.dstport, tvb, 2, 2, dp);
  t.add(hfTcp.port, tvb, 0, 2, sp);
  t.add(hfTcp.port, tvb, 2, 2, dp);
  const rawSeq = tvb.u32(4), rawAck = tvb.u32(8);
  const b12 = tvb.u8(12);
  const flags = tvb.u16(12) & 0x0fff;
  const rawWin = tvb.u16(14);
  const hlen = (b12 >> 4) * 4;
  const ts = now(pkt);

  // The connection: a SYN with a new initial sequence number starts a new one (ports reused).
  const conns = connections(pkt);
  const a = `${pkt.netSrc}/${sp}`, b = `${pkt.netDst}/${dp}`;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  let conn = conns.lookup(key);
  let isNew = false;
  let ta: SegmentAnalysis | null = null;
  if (!conn) {
    conn = conns.create(pkt, t, key, a, ts);
    isNew = true;
  }
  let dir: 0 | 1 = a === conn.first ? 0 : 1;
  let fwd = conn.flows[dir], rev = conn.flows[1 - dir];
  if ((flags & (TH.SYN | TH.ACK)) === TH.SYN && !isNew && fwd.baseSet) {
    if (rawSeq !== fwd.baseSeq) {
      conn = conns.create(pkt, t, key, a, ts);
      dir = 0;
      fwd = conn.flows[0];
      rev = conn.flows[1];
      ta = newAnalysis();
      ta.flags = TA.REUSED_PORTS;
      conn.completeness = COMPLETENESS.SYNSENT;
    } else {
      // The same SYN sent again: go back to what was acknowledged, so that it shows as a retransmission.
      fwd.nextseq = fwd.maxseqtobeacked;
    }
  }
  if ((flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK) && fwd.baseSet && rawSeq !== fwd.baseSeq) {
    fwd.baseSeq = rawSeq;
    ta ??= newAnalysis();
    ta.flags |= TA.REUSED_PORTS;
  }

  t.gen(hfTcp.stream, tvb, 0, 0, conn.stream);
  t.gen(hfTcp.completeness, tvb, 0, 0, conn.completeness, t.on ? `Conversation completeness: ${completenessText(conn.completeness)}` : undefined);
  fwd.sack = [];

  const deltaPrev = deltaNs(ts, conn.tsPrev);
  conn.tsPrev = ts;
  conn.lastFrame = pkt.num;

  let seglen = -1;
  let seq = rawSeq, ack = rawAck, win = rawWin;
  const reported = tvb.reported;
  if (pkt.scratch['ip.fragmented']) {
    // A fragment: the segment length is not known (Wireshark's pinfo->fragmented).
  } else if (reported < hlen) {
    const msg = 'Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)';
    pkt.engine.expert(pkt, t.text(msg, tvb, 0, 0), 'warn', 'malformed', 'tcp.short_segment', msg);
  } else {
    seglen = reported - hlen;
    t.gen(hfTcp.len, tvb, 0, 0, seglen);
    if (!fwd.baseSet) {
      fwd.baseSeq = flags & TH.SYN ? rawSeq : u32(rawSeq - 1);
      fwd.baseSet = true;
    }
    if (!rev.baseSet && (flags & TH.ACK)) {
      rev.baseSeq = u32(rawAck - 1);
      rev.baseSet = true;
    }
    const ctx: AnalysisContext = { frame: pkt.num, now: ts, firstRttNs: conn.firstRttNs, budget: conns.budget };
    ta = analyzeSegment(ctx, fwd, rev, rawSeq, rawAck, seglen, flags, rawWin, ta);
    if (conns.budget.exhausted) {
      pkt.engine.expertOnce(pkt, t, 'note', 'sequence', 'tcp.analysis.budget',
        'Too many unacknowledged TCP segments held for the sequence analysis: later ones are not tracked');
    }
    seq = u32(rawSeq - fwd.baseSeq);
    if (flags & TH.ACK) ack = u32(rawAck - rev.baseSeq);
    if (!(flags & TH.SYN) && fwd.winScale >= 0) win = rawWin * 2 ** fwd.winScale;
  }
  const nxtseq = seglen >= 0 ? u32(seq + seglen) : 0;

  const flagText = cols || t.on ? tcpFlagsText(flags) : '';
  if (cols) pkt.appendInfo(` [${flagText}] Seq=${seq}${flags & TH.ACK ? ` Ack=${ack}` : ''} Win=${win}`);
  t.add(hfTcp.seq, tvb, 4, 4, seq, t.on ? `Sequence Number: ${seq}    (relative sequence number)` : undefined);
  t.add(hfTcp.seq_raw, tvb, 4, 4, rawSeq);
  if (t.on) t.setText(`Transmission Control Protocol, Src Port: ${sp}, Dst Port: ${dp}, Seq: ${seq}`);

  if (hlen < 20) {
    if (cols) pkt.appendInfo(`, bogus TCP header length (${hlen}, must be at least 20)`);
    const hi = t.add(hfTcp.hdr_len, tvb, 12, 1, hlen, t.on ? `${(b12 >> 4).toString(2).padStart(4, '0')} .... = Header Length: ${hlen} bytes (${hlen >> 2})` : undefined);
    pkt.engine.expert(pkt, hi, 'error', 'protocol', 'tcp.bogus_header_length', `Bogus TCP header length (${hlen}, must be at least 20)`);
    return tvb.length;
  }

  updateCompleteness(conn, flags, seglen, isNew);
  if (t.on) {
    if (flags & TH.ACK) t.appendText(`, Ack: ${ack}`);
    if (seglen >= 0) t.appendText(`, Len: ${seglen}`);
  }
  t.setLen(hlen);
  if (seglen >= 0) {
    const nx = flags & (TH.SYN | TH.FIN) ? u32(nxtseq + 1) : nxtseq;
    t.gen(hfTcp.nxtseq, tvb, 0, 0, nx, t.on ? `Next Sequence Number: ${nx}    (relative sequence number)` : undefined);
  }
  const ai = t.add(hfTcp.ack, tvb, 8, 4, ack, t.on && (flags & TH.ACK) ? `Acknowledgment Number: ${ack}    (relative ack number)` : undefined);
  t.add(hfTcp.ack_raw, tvb, 8, 4, rawAck);
  if (!(flags & TH.ACK) && rawAck !== 0) {
    pkt.engine.expert(pkt, ai, 'note', 'protocol', 'tcp.ack.nonzero', 'The acknowledgment number field is nonzero while the ACK flag is not set');
  }
  t.add(hfTcp.hdr_len, tvb, 12, 1, hlen, t.on ? `${(b12 >> 4).toString(2).padStart(4, '0')} .... = Header Length: ${hlen} bytes (${hlen >> 2})` : undefined);
  const ft = t.add(hfTcp.flags, tvb, 12, 2, flags, t.on ? `Flags: 0x${flags.toString(16).padStart(3, '0')} (${flagText})` : undefined);
  let synItem: Tree = ft, finItem: Tree = ft, rstItem: Tree = ft;
  for (const [hf, mask] of FLAG_FIELDS) {
    const off = mask >= 0x100 ? 12 : 13;
    const it = ft.add(hf, tvb, off, 1, (flags & mask) !== 0, ft.on ? `${bits12(flags, mask)} = ${hf.name}: ${flags & mask ? 'Set' : 'Not set'}` : undefined);
    if (mask === TH.SYN) synItem = it;
    else if (mask === TH.FIN) finItem = it;
    else if (mask === TH.RST) rstItem = it;
  }
  if (ft.wants(hfTcp.flags_str)) ft.gen(hfTcp.flags_str, tvb, 12, 2, tcpFlagsLetters(flags));
  t.add(hfTcp.window_size_value, tvb, 14, 2, rawWin);
  t.gen(hfTcp.window_size, tvb, 14, 2, win);
  if (!(flags & TH.SYN)) {
    const ws = fwd.winScale;
    t.gen(hfTcp.window_size_scalefactor, tvb, 14, 2, ws >= 0 ? 2 ** ws : ws, t.on
      ? `Window size scaling factor: ${ws === -1 ? '-1 (unknown)' : ws === -2 ? '-2 (no window scaling used)' : String(2 ** ws)}`
      : undefined);
  }

  if (flags & TH.SYN) {
    if (flags & TH.ACK) {
      pkt.engine.expert(pkt, synItem, 'chat', 'sequence', 'tcp.connection.synack', `Connection establish acknowledge (SYN+ACK): server port ${sp}`);
      conn.serverPort = sp;
    } else {
      pkt.engine.expert(pkt, synItem, 'chat', 'sequence', 'tcp.connection.syn', `Connection establish request (SYN): server port ${dp}`);
      conn.serverPort = dp;
      conn.tsMruSyn = ts;
    }
    fwd.isFirstAck = true;
  }
  if (flags & TH.FIN) {
    pkt.engine.expert(pkt, finItem, 'chat', 'sequence', 'tcp.connection.fin', 'Connection finish (FIN)');
    if (!rev.closingInitiator) {
      fwd.closingInitiator = true;
      pkt.engine.expert(pkt, ft, 'note', 'sequence', 'tcp.connection.fin_active', 'This frame initiates the connection closing');
    } else {
      pkt.engine.expert(pkt, ft, 'note', 'sequence', 'tcp.connection.fin_passive', 'This frame undergoes the connection closing');
    }
  }
  if (flags & TH.RST) pkt.engine.expert(pkt, rstItem, 'warn', 'sequence', 'tcp.connection.rst', 'Connection reset (RST)');
  if ((flags & (TH.SYN | TH.ACK)) === TH.ACK) {
    // Wireshark takes a zero time as "no SYN seen", even for a SYN stamped at the epoch.
    if (conn.tsMruSyn && (conn.tsMruSyn.sec || conn.tsMruSyn.nsec) && !conn.firstRttNs) conn.firstRttNs = deltaNs(ts, conn.tsMruSyn);
    fwd.isFirstAck = false;
  }

  const canDesegment = seglen >= 0 && tvb.length >= reported;
  t.add(hfTcp.checksum, tvb, 16, 2, undefined, t.on ? `Checksum: 0x${tvb.u16(16).toString(16).padStart(4, '0')} [unverified]` : undefined);
  t.gen(hfTcp.checksum_status, tvb, 16, 0, 2);
  const urp = tvb.u16(18);
  const ui = t.add(hfTcp.urgent_pointer, tvb, 18, 2, urp);
  if (flags & TH.URG) {
    if (cols) pkt.appendInfo(` Urg=${urp}`);
  } else if (urp) {
    pkt.engine.expert(pkt, ui, 'note', 'protocol', 'tcp.urgent_pointer.non_zero', 'The urgent pointer field is nonzero while the URG flag is not set');
  }
  if (cols && seglen >= 0) pkt.appendInfo(` Len=${seglen}`);

  const optlen = hlen - 20;
  let ot: Tree | null = null;
  if (optlen) {
    const bc = Math.max(0, tvb.length - 20);
    ot = t.add(hfTcp.options, tvb, 20, Math.min(bc, optlen), undefined, t.on ? `Options: (${optlen} bytes)` : undefined);
  }
  if (t.on || t.wants(hfTcp.time_relative) || t.wants(hfTcp.time_delta)) {
    const tt = t.text('[Timestamps]', tvb, 0, 0);
    tt.gen(hfTcp.time_relative, tvb, 0, 0, seconds(deltaNs(ts, conn.tsFirst)));
    tt.gen(hfTcp.time_delta, tvb, 0, 0, seconds(deltaPrev));
  }
  if (ot) {
    dissectTcpOptions(tvb, 20, optlen, pkt, ot, { flags, fwd, rev, ack });
  }

  let prefix = '';
  if (ta) prefix = showAnalysis(t, tvb, pkt, conn.firstRttNs, ta);
  if (cols && prefix) pkt.setInfo(prefix + pkt.info);

  if (flags & TH.SYN) {
    // Window scaling is in use only when both SYNs carried the option (RFC 7323 §2.2).
    if (fwd.winScale === -1) {
      fwd.winScale = -2;
      rev.winScale = -2;
    } else if ((flags & TH.ACK) && rev.winScale === -2) {
      fwd.winScale = -2;
    }
  }

  const payloadLen = tvb.length - hlen;
  if (payloadLen > 0) {
    if (flags & TH.RST) {
      t.add(hfTcp.reset_cause, tvb, hlen, payloadLen, tvb.latin1(hlen, payloadLen));
    } else {
      const pseq = flags & TH.SYN ? u32(seq + 1) : seq;
      const pnxt = flags & TH.SYN ? u32(nxtseq + 1) : nxtseq;
      payload(tvb, hlen, pkt, tree, t, {
        stream: conn.stream, seq: pseq, nxtseq: pnxt, dir, fromLowPort: sp < dp, srcPort: sp, dstPort: dp, flags,
        tcpTree: t, canDesegment,
      }, conn, fwd, ta, prefix);
    }
  }
  return tvb.length;
}

function updateCompleteness(conn: Connection, flags: number, seglen: number, isNew: boolean): void {
  const c = COMPLETENESS;
  let v = isNew ? 0 : conn.completeness;
  if (isNew) {
    if ((flags & (TH.SYN | TH.ACK)) === TH.SYN) {
      v |= c.SYNSENT;
      if (seglen > 0) v |= c.DATA;
    }
  } else {
    if ((flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK)) v |= c.SYNACK;
    if ((flags & (TH.SYN | TH.ACK)) === TH.ACK) v |= seglen > 0 ? c.DATA : c.ACK;
    if ((flags & (TH.FIN | TH.ACK)) === (TH.FIN | TH.ACK)) v |= c.FIN;
    if (flags & TH.RST) v |= c.RST;
  }
  conn.completeness = v;
}

/** Hand the payload to the protocol on the ports; what nobody takes is data. */
function payload(tvb: Tvb, hlen: number, pkt: Packet, tree: Tree, t: Tree, info: TcpInfo, conn: Connection,
  fwd: Flow, ta: SegmentAnalysis | null, prefix: string): void {
  const body = tvb.sub(hlen);
  const n = body.reported;
  t.add(hfTcp.payload, tvb, hlen, body.length, undefined, t.on ? `TCP payload (${n} byte${n === 1 ? '' : 's'})` : undefined);
  // A segment inside a PDU being reassembled goes to the reassembly even when sent again: it may fill a gap.
  const inPdu = info.canDesegment && pduInProgress(pkt, info.stream, info.dir, info.seq);
  if (info.canDesegment) {
    // Data this direction already handed up, sent again: shown, not dissected again (Wireshark's "old data").
    const old = ta && (ta.flags & (TA.RETRANSMISSION | TA.SPURIOUS_RETRANSMISSION)) && fwd.maxnextseq
      && seqLe(info.seq, fwd.maxnextseq) && !inPdu;
    if (old) {
      t.add(hfTcp.segment_data, tvb, hlen, body.length, undefined,
        t.on ? `Retransmitted TCP segment data (${n} byte${n === 1 ? '' : 's'})` : undefined);
      return;
    }
    if (seqLt(fwd.maxnextseq, info.nxtseq) || fwd.maxnextseq === 0) fwd.maxnextseq = info.nxtseq;
  }
  if (ta && (ta.flags & TA.KEEP_ALIVE)) {
    pkt.engine.data(body, pkt, tree);
    return;
  }
  // Retransmitted and out-of-order segments are not handed up: the protocol above expects its bytes in order.
  if (ta && (ta.flags & (TA.RETRANSMISSION | TA.OUT_OF_ORDER)) && !inPdu) return;
  let taken = false;
  if (conn.serverPort) taken = pkt.engine.callLen('tcp.port', conn.serverPort, body, pkt, tree, info) >= 0;
  if (!taken) taken = pkt.engine.callPorts('tcp.port', info.srcPort, info.dstPort, body, pkt, tree, info);
  if (!taken) pkt.engine.data(body, pkt, tree);
  if (prefix && pkt.engine.columns && !pkt.info.startsWith(prefix)) pkt.setInfo(prefix + pkt.info);
}

register('ip.proto', IPPROTO.TCP, 'tcp', dissectTcp);
