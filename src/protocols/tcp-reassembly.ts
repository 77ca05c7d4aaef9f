/**
 * PDU reassembly over TCP for the protocols above it (Wireshark's tcp_dissect_pdus): several PDUs
 * in one segment are each dissected; a PDU split across segments is kept per connection direction,
 * in sequence order, and dissected whole in the segment that completes it, from a new data source
 * ("Reassembled TCP (N bytes)"). Bytes already handed up (a retransmission) are not fed twice.
 *
 * Memory is bounded: a PDU longer than MAX_PDU cannot be reassembled (that direction is shown as
 * data from then on) and at most MAX_DIRECTIONS directions are tracked, the oldest forgotten first.
 */
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import { BoundsError, Tvb } from '../core/tvb.js';
import { forgetEntries, idleBefore, type IdleCut } from '../core/forget.js';
import { hfTcp } from './tcp-fields.js';
import { seqGe, seqGt, seqLe, seqLt, u32 } from './tcp-analysis.js';
import { AgedMap } from '../core/aged-map.js';

/** What TCP tells the protocol on its ports about the payload it hands over. */
export interface TcpInfo {
  /** tcp.stream of the connection. */
  stream: number;
  /** Relative sequence number of the payload's first byte. */
  seq: number;
  /** Relative sequence number just after the payload. */
  nxtseq: number;
  /** Direction within the stream: 0 for the side that sent the first packet seen, 1 for the other. */
  dir: 0 | 1;
  /** True when the segment was sent from the lower-numbered port to the higher. */
  fromLowPort: boolean;
  srcPort: number;
  dstPort: number;
  /** The TCP flag bits of the segment. */
  flags: number;
  /** The TCP layer's subtree, for the reassembly items TCP shows. */
  tcpTree: Tree;
  /** False when the segment was cut short by the capture, so that it cannot be reassembled. */
  canDesegment: boolean;
}

export interface PduSpec {
  /** Protocol name, for expert items. */
  name: string;
  /** Bytes needed before pduLen can be read. */
  fixedLen: number;
  /** Total length of the PDU starting at off (<= 0 or absurd: the stream direction is given up and shown as data). */
  pduLen(tvb: Tvb, off: number): number;
  /** One whole PDU; tvb starts at the PDU. */
  dissect(tvb: Tvb, pkt: Packet, tree: Tree): void;
}

/** Longest PDU that is buffered across segments. */
export const MAX_PDU = 64 * 1024;
/** Connection directions tracked at once. */
export const MAX_DIRECTIONS = 10_000;

interface Part {
  frame: number;
  /** Offset of these bytes within the PDU. */
  off: number;
  bytes: Uint8Array;
}

/** A PDU begun in an earlier segment (Wireshark's multi-segment PDU). */
interface Msp {
  seq: number;
  /** Total PDU length, or -1 while its header is still incomplete. */
  need: number;
  parts: Part[];
  firstFrame: number;
}

interface Direction {
  /** Sequence number after the last byte handed to this direction's reassembly, or -1 before the first. */
  next: number;
  msp: Msp | null;
  /** The PDU framing was lost (an impossible length): the rest is shown as data. */
  broken: boolean;
  lastFrame: number;
  lastTime: number;
}

class Directions {
  readonly map = new AgedMap<string, Direction>();

  get(pkt: Packet, tree: Tree, key: string): Direction {
    let d = this.map.get(key);
    const time = pkt.tsSec + pkt.tsNsec / 1e9;
    if (d) {
      d.lastFrame = pkt.num;
      d.lastTime = time;
      return d;
    }
    if (this.map.size >= MAX_DIRECTIONS) {
      this.map.dropOldest();
      pkt.engine.expertOnce(pkt, tree, 'note', 'reassemble', 'tcp.reassembly.evicted',
        `More than ${MAX_DIRECTIONS} TCP directions with PDU reassembly state: the oldest are forgotten`);
    }
    d = { next: -1, msp: null, broken: false, lastFrame: pkt.num, lastTime: time };
    this.map.set(key, d);
    return d;
  }

  forgetIdle(cut: IdleCut): void {
    forgetEntries(this.map, (d) => idleBefore(d.lastTime, d.lastFrame, cut));
  }
}

function directions(pkt: Packet): Directions {
  return pkt.engine.state('tcp.reassembly', () => new Directions());
}

/** Whether a PDU in progress covers seq in this direction (TCP then hands even a retransmission up). */
export function pduInProgress(pkt: Packet, stream: number, dir: 0 | 1, seq: number): boolean {
  const d = directions(pkt).map.get(`${stream}/${dir}`);
  const m = d?.msp;
  return !!m && seqLe(m.seq, seq) && seqLt(seq, mspEnd(m));
}

function isTcpInfo(x: unknown): x is TcpInfo {
  return typeof x === 'object' && x !== null && 'stream' in x && 'tcpTree' in x;
}

/** Sequence number after the PDU; while the header is incomplete, any next contiguous byte continues it. */
function mspEnd(m: Msp): number {
  return m.need > 0 ? u32(m.seq + m.need) : u32(m.seq + contiguous(m) + 1);
}

function contiguous(m: Msp): number {
  let have = 0;
  for (const p of m.parts) {
    if (p.off > have) break;
    have = Math.max(have, p.off + p.bytes.length);
  }
  return have;
}

function addPart(m: Msp, part: Part): void {
  let i = m.parts.length;
  while (i > 0 && m.parts[i - 1].off > part.off) i--;
  m.parts.splice(i, 0, part);
}

function assemble(m: Msp, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (const p of m.parts) {
    if (p.off >= len) continue;
    out.set(p.bytes.subarray(0, Math.min(p.bytes.length, len - p.off)), p.off);
  }
  return out;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function segmentData(info: TcpInfo, tvb: Tvb, off: number, len: number, retransmitted = false): void {
  const t = info.tcpTree;
  if (len <= 0 || !(t.on || t.wants(hfTcp.segment_data))) return;
  t.add(hfTcp.segment_data, tvb, off, len, tvb.copy(off, len),
    `${retransmitted ? 'Retransmitted ' : ''}TCP segment data (${len} byte${plural(len)})`);
}

/** "[TCP segment of a reassembled PDU]": nothing of this segment could be dissected yet. */
function markSegmentOf(pkt: Packet): void {
  pkt.protocol = 'TCP';
  if (pkt.engine.columns) pkt.setInfo(`${pkt.info} [TCP segment of a reassembled PDU]`.trimStart());
}

function dissectOne(spec: PduSpec, tvb: Tvb, pkt: Packet, tree: Tree): void {
  try {
    spec.dissect(tvb, pkt, tree);
  } catch (e) {
    // One bad PDU does not stop the ones after it, as in Wireshark.
    if (!(e instanceof BoundsError)) throw e;
    pkt.engine.boundsError(e, spec.name, pkt, tree);
  }
}

/** The PDU length at off, or -1 when it cannot frame a PDU. */
function lengthAt(spec: PduSpec, tvb: Tvb, off: number): number {
  let n: number;
  try {
    n = spec.pduLen(tvb, off);
  } catch (e) {
    if (!(e instanceof BoundsError)) throw e;
    return -1;
  }
  return Number.isInteger(n) && n > 0 && n >= Math.min(spec.fixedLen, 1) ? n : -1;
}

function giveUp(d: Direction, spec: PduSpec, tvb: Tvb, off: number, pkt: Packet, tree: Tree, why: string): void {
  d.broken = true;
  d.msp = null;
  pkt.engine.expert(pkt, tree, 'warn', 'malformed', 'tcp.reassembly.bad_length',
    `${spec.name.toUpperCase()}: ${why}; the rest of this direction of the connection is shown as data`);
  pkt.engine.data(tvb.sub(off), pkt, tree);
}

/**
 * Dissect the PDUs of spec in a TCP payload. `data` is the TcpInfo TCP passed to the port
 * dissector; without it (a payload that did not come from TCP) only whole PDUs are dissected.
 */
export function tcpDissectPdus(tvb: Tvb, pkt: Packet, tree: Tree, data: unknown, spec: PduSpec): void {
  if (!isTcpInfo(data) || !data.canDesegment) {
    dissectWithoutReassembly(tvb, pkt, tree, spec);
    return;
  }
  const info = data;
  const d = directions(pkt).get(pkt, tree, `${info.stream}/${info.dir}`);
  if (d.broken) {
    pkt.engine.data(tvb, pkt, tree);
    return;
  }
  const end = tvb.length;
  let pos = 0;
  let seq = info.seq;
  const inPdu = (s: number) => d.msp !== null && seqLe(d.msp.seq, s) && seqLt(s, mspEnd(d.msp));

  // Bytes this direction already received, outside a PDU in progress: a retransmission, or its overlapping start.
  if (d.next !== -1 && seqLt(seq, d.next) && !inPdu(seq)) {
    if (seqLe(info.nxtseq, d.next)) {
      segmentData(info, tvb, 0, end, true);
      return;
    }
    pos = u32(d.next - seq);
    seq = d.next;
  }

  let dissected = false;
  if (d.msp && inPdu(seq)) {
    const r = continuePdu(d, d.msp, spec, tvb, pos, seq, info, pkt, tree);
    if (r.used < 0) {
      advance(d, info.nxtseq);
      if (r.added) markSegmentOf(pkt);
      return;
    }
    pos += r.used;
    seq = u32(seq + r.used);
    dissected = true;
  } else if (d.msp && seqGe(seq, mspEnd(d.msp))) {
    // The segments that would have completed it were not captured.
    pkt.engine.expert(pkt, info.tcpTree, 'note', 'reassemble', 'tcp.reassembly.incomplete',
      `A ${spec.name.toUpperCase()} PDU begun in frame ${d.msp.firstFrame} was never completed (segments missing)`);
    d.msp = null;
  }

  while (pos < end && !d.broken) {
    const rest = end - pos;
    if (rest < spec.fixedLen) {
      startPdu(d, -1, tvb, pos, seq, info, pkt, dissected);
      break;
    }
    const plen = lengthAt(spec, tvb, pos);
    if (plen < 0) {
      giveUp(d, spec, tvb, pos, pkt, tree, 'a PDU length that cannot be right');
      break;
    }
    if (rest < plen) {
      if (plen > MAX_PDU) {
        giveUp(d, spec, tvb, pos, pkt, tree, `a PDU of ${plen} bytes, longer than the ${MAX_PDU} bytes vpnshark reassembles`);
        break;
      }
      startPdu(d, plen, tvb, pos, seq, info, pkt, dissected);
      break;
    }
    dissectOne(spec, tvb.sub(pos, plen), pkt, tree);
    dissected = true;
    pos += plen;
    seq = u32(seq + plen);
  }
  if (!d.broken) advance(d, info.nxtseq);
}

function advance(d: Direction, nxtseq: number): void {
  if (d.next === -1 || seqGt(nxtseq, d.next)) d.next = u32(nxtseq);
}

/** Keep the start of a PDU; need is -1 while its header is split, the length being known once enough bytes are in. */
function startPdu(d: Direction, need: number, tvb: Tvb, pos: number, seq: number, info: TcpInfo, pkt: Packet, dissected: boolean): void {
  const len = tvb.length - pos;
  d.msp = { seq, need, parts: [{ frame: pkt.num, off: 0, bytes: tvb.copy(pos, len) }], firstFrame: pkt.num };
  if (!dissected) markSegmentOf(pkt);
  segmentData(info, tvb, pos, len);
}

/**
 * Add the bytes of [off, off + bytes.length) the PDU does not hold yet (a retransmission or an
 * overlap brings some twice), joining them to this frame's adjacent part. Returns how many were new.
 */
function addNew(m: Msp, frame: number, off: number, bytes: Uint8Array): number {
  const end = off + bytes.length;
  const pieces: Array<[number, number]> = [];
  let at = off;
  for (const p of m.parts) {
    const ps = p.off, pe = p.off + p.bytes.length;
    if (pe <= at) continue;
    if (ps >= end) break;
    if (ps > at) pieces.push([at, ps]);
    at = Math.max(at, pe);
    if (at >= end) break;
  }
  if (at < end) pieces.push([at, end]);
  let added = 0;
  for (const [a, b] of pieces) {
    const piece = bytes.slice(a - off, b - off);
    added += piece.length;
    const before = m.parts.find((p) => p.frame === frame && p.off + p.bytes.length === a);
    if (before) {
      const grown = new Uint8Array(before.bytes.length + piece.length);
      grown.set(before.bytes);
      grown.set(piece, before.bytes.length);
      before.bytes = grown;
    } else {
      addPart(m, { frame, off: a, bytes: piece });
    }
  }
  return added;
}

/**
 * Add this segment's bytes to the PDU in progress. `used` is how many bytes of the segment (from
 * pos) belonged to the PDU when it completed it (it is then dissected), or -1 when more is needed;
 * `added` is false when the segment brought nothing new.
 */
function continuePdu(d: Direction, m: Msp, spec: PduSpec, tvb: Tvb, pos: number, seq: number, info: TcpInfo,
  pkt: Packet, tree: Tree): { used: number; added: boolean } {
  const off = u32(seq - m.seq);
  const avail = tvb.length - pos;
  // While the header is incomplete, take only what completes it; then the length says how much more.
  let take = m.need > 0 ? Math.min(avail, m.need - off) : Math.min(avail, Math.max(0, spec.fixedLen - off));
  let added = addNew(m, pkt.num, off, tvb.bytes(pos, take)) > 0;
  if (m.need < 0 && contiguous(m) >= spec.fixedLen) {
    const need = lengthAt(spec, Tvb.of(assemble(m, spec.fixedLen)), 0);
    if (need < 0 || need > MAX_PDU) {
      giveUp(d, spec, tvb, pos, pkt, tree, need < 0 ? 'a PDU length that cannot be right'
        : `a PDU of ${need} bytes, longer than the ${MAX_PDU} bytes vpnshark reassembles`);
      return { used: avail, added: true };
    }
    m.need = Math.max(need, spec.fixedLen);
    const more = Math.min(avail - take, m.need - (off + take));
    if (more > 0) {
      added = addNew(m, pkt.num, off + take, tvb.bytes(pos + take, more)) > 0 || added;
      take += more;
    }
  }
  if (m.need < 0 || contiguous(m) < m.need) {
    segmentData(info, tvb, pos, avail, !added);
    return { used: -1, added };
  }
  segmentData(info, tvb, pos, take);
  completePdu(m, spec, pkt, tree);
  d.msp = null;
  return { used: take, added: true };
}

function completePdu(m: Msp, spec: PduSpec, pkt: Packet, tree: Tree): void {
  const bytes = assemble(m, m.need);
  const ds = pkt.addSource(`Reassembled TCP (${bytes.length} bytes)`, bytes);
  const whole = new Tvb(bytes, 0, bytes.length, bytes.length, ds, 0);
  if (tree.on || pkt.interest[hfTcp.segment.id] || pkt.interest[hfTcp.segment_count.id] || pkt.interest[hfTcp.reassembled_length.id]
    || pkt.interest[hfTcp.segments.id] || pkt.interest[hfTcp.reassembled_data.id]) {
    const shown = m.parts.map((p) => ({ frame: p.frame, off: p.off, len: Math.min(p.bytes.length, bytes.length - p.off) }))
      .filter((p) => p.len > 0);
    const t = tree.gen(hfTcp.segments, whole, 0, bytes.length, null, tree.on
      ? `${shown.length} Reassembled TCP Segments (${bytes.length} bytes): ${shown.map((p) => `#${p.frame}(${p.len})`).join(', ')}`
      : undefined);
    for (const p of shown) {
      t.gen(hfTcp.segment, whole, p.off, p.len, p.frame,
        t.on ? `Frame: ${p.frame}, payload: ${p.off}-${p.off + p.len - 1} (${p.len} byte${plural(p.len)})` : undefined);
    }
    t.gen(hfTcp.segment_count, whole, 0, 0, shown.length);
    t.gen(hfTcp.reassembled_length, whole, 0, 0, bytes.length);
    t.gen(hfTcp.reassembled_data, whole, 0, bytes.length, bytes);
  }
  dissectOne(spec, whole, pkt, tree);
}

/** No reassembly possible (truncated capture, or not from TCP): whole PDUs only, the rest as data. */
function dissectWithoutReassembly(tvb: Tvb, pkt: Packet, tree: Tree, spec: PduSpec): void {
  let pos = 0;
  while (pos < tvb.length) {
    const rest = tvb.length - pos;
    const plen = rest >= spec.fixedLen ? lengthAt(spec, tvb, pos) : -1;
    if (plen < 0) {
      pkt.engine.data(tvb.sub(pos), pkt, tree);
      return;
    }
    // A PDU cut short by the capture is still dissected as far as it goes, as Wireshark does.
    dissectOne(spec, tvb.sub(pos, Math.min(plen, rest), plen), pkt, tree);
    if (plen >= rest) return;
    pos += plen;
  }
}

/** For tests: whether a direction has a PDU in progress and how many bytes it holds. */
export function pendingBytes(pkt: Packet, stream: number, dir: 0 | 1): number {
  const m = directions(pkt).map.get(`${stream}/${dir}`)?.msp;
  return m ? m.parts.reduce((n, p) => n + p.bytes.length, 0) : 0;
}

/** For tests: how many directions hold reassembly state. */
export function trackedDirections(pkt: Packet): number {
  return directions(pkt).map.size;
}

