/**
 * TCP sequence analysis, as Wireshark's "Analyze TCP sequence numbers" does it on its first pass:
 * which earlier segment an ACK acknowledges and how long that took, bytes in flight, duplicate
 * ACKs, retransmissions (plain, fast, spurious), out-of-order and lost segments, keep-alives,
 * zero windows and window updates. The state is per direction of a connection and is bounded:
 * at most MAX_UNACKED unacknowledged segments per direction and MAX_UNACKED_TOTAL in the run.
 * Sequence numbers are the raw 32-bit values and are compared modulo 2^32 (RFC 9293 §3.4).
 */

export const TA = {
  RETRANSMISSION: 0x0001,
  LOST_PACKET: 0x0002,
  ACK_LOST_PACKET: 0x0004,
  KEEP_ALIVE: 0x0008,
  DUPLICATE_ACK: 0x0010,
  ZERO_WINDOW: 0x0020,
  ZERO_WINDOW_PROBE: 0x0040,
  ZERO_WINDOW_PROBE_ACK: 0x0080,
  KEEP_ALIVE_ACK: 0x0100,
  OUT_OF_ORDER: 0x0200,
  FAST_RETRANSMISSION: 0x0400,
  WINDOW_UPDATE: 0x0800,
  WINDOW_FULL: 0x1000,
  REUSED_PORTS: 0x2000,
  SPURIOUS_RETRANSMISSION: 0x4000,
} as const;

export const TH = { FIN: 0x01, SYN: 0x02, RST: 0x04, PUSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, AE: 0x100 } as const;

/** Per direction, as Wireshark keeps it (10000 unacknowledged segments). */
const MAX_UNACKED = 10000;
/** Across the run, so that many half-seen connections cannot exhaust memory. */
const MAX_UNACKED_TOTAL = 1_000_000;
/** An out-of-order segment arrives within the iRTT of the highest one, or within this many ns when no iRTT is known. */
const OOO_THRESHOLD_NS = 3_000_000;
/** A fast retransmission follows the duplicate ACKs within 20 ms. */
const FAST_RETRANS_NS = 20_000_000;

export interface Time {
  sec: number;
  nsec: number;
}

/** Nanoseconds from b to a (exact for spans under about 100 days). */
export function deltaNs(a: Time, b: Time): number {
  return (a.sec - b.sec) * 1e9 + (a.nsec - b.nsec);
}

export const u32 = (v: number): number => v >>> 0;
/** Sequence-space comparisons (modulo 2^32). */
export const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const seqGt = (a: number, b: number): boolean => ((b - a) | 0) < 0;
export const seqLe = (a: number, b: number): boolean => !seqGt(a, b);
export const seqGe = (a: number, b: number): boolean => !seqLt(a, b);

interface Unacked {
  frame: number;
  seq: number;
  nextseq: number;
  ts: Time;
}

/** One direction of a connection. */
export interface Flow {
  baseSeq: number;
  baseSet: boolean;
  /** -1 unknown, -2 no scaling, else the shift count. */
  winScale: number;
  /** Last raw window advertised in this direction (2^32-1 before the first). */
  window: number;
  nextseq: number;
  nextseqFrame: number;
  nextseqTime: Time;
  maxseqtobeacked: number;
  lastack: number;
  lastackTime: Time;
  lastnondupack: number;
  dupacknum: number;
  /** Unacknowledged segments, oldest first. */
  segments: Unacked[];
  validBif: boolean;
  pushBytesSent: number;
  pushSetLast: boolean;
  lastsegmentflags: number;
  closingInitiator: boolean;
  isFirstAck: boolean;
  /** SACK blocks of the last segment sent in this direction (relative edges), for bytes in flight. */
  sack: number[];
  /** Highest next sequence number handed to the payload (Wireshark's maxnextseq), for retransmission suppression. */
  maxnextseq: number;
}

export function newFlow(winScale = -1): Flow {
  return {
    baseSeq: 0, baseSet: false, winScale, window: 0xffffffff,
    nextseq: 0, nextseqFrame: 0, nextseqTime: { sec: 0, nsec: 0 }, maxseqtobeacked: 0,
    lastack: 0, lastackTime: { sec: 0, nsec: 0 }, lastnondupack: 0, dupacknum: 0,
    segments: [], validBif: true, pushBytesSent: 0, pushSetLast: false, lastsegmentflags: 0,
    closingInitiator: false, isFirstAck: false, sack: [], maxnextseq: 0,
  };
}

/** What the analysis found for one segment (Wireshark's tcp_acked). */
export interface SegmentAnalysis {
  flags: number;
  frameAcked: number;
  /** RTT to the acknowledged segment, ns. */
  ackRttNs: number;
  bytesInFlight: number;
  pushBytesSent: number;
  dupackNum: number;
  dupackFrame: number;
  rtoNs: number;
  rtoFrame: number;
}

export function newAnalysis(): SegmentAnalysis {
  return { flags: 0, frameAcked: 0, ackRttNs: 0, bytesInFlight: 0, pushBytesSent: 0, dupackNum: 0, dupackFrame: 0, rtoNs: 0, rtoFrame: 0 };
}

export interface AnalysisContext {
  frame: number;
  now: Time;
  /** iRTT of the connection in ns, 0 when not known yet. */
  firstRttNs: number;
  /** Unacked segments held across the run (shared counter). */
  budget: { used: number; exhausted: boolean };
}

/**
 * Analyse one segment sent from fwd to rev. `ta` is the analysis already started for this segment
 * (a reused-ports finding), or null; returns the analysis, or null when there is nothing to show.
 */
export function analyzeSegment(ctx: AnalysisContext, fwd: Flow, rev: Flow, seq: number, ack: number,
  seglen: number, flags: number, window: number, ta: SegmentAnalysis | null): SegmentAnalysis | null {
  const get = (): SegmentAnalysis => (ta ??= newAnalysis());
  const synFinRst = flags & (TH.SYN | TH.FIN | TH.RST);

  if (flags & TH.ACK) rev.validBif = true;

  let skipToFinished = false;
  // A zero window probe: one byte at the next expected sequence number into a closed window.
  if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
    get().flags |= TA.ZERO_WINDOW_PROBE;
    skipToFinished = true;
  }
  if (!skipToFinished) {
    if (window === 0 && !synFinRst) get().flags |= TA.ZERO_WINDOW;
    // A gap before this segment: something in between was not captured.
    if (fwd.nextseq && seqGt(seq, fwd.nextseq) && !(flags & TH.RST)) {
      get().flags |= TA.LOST_PACKET;
      fwd.validBif = false;
    }
    if ((seglen === 0 || seglen === 1) && seq === u32(fwd.nextseq - 1) && !(flags & (TH.SYN | TH.FIN | TH.RST))) {
      get().flags |= TA.KEEP_ALIVE;
    }
    if (seglen === 0 && window && window !== fwd.window && seq === fwd.nextseq && ack === fwd.lastack && !synFinRst) {
      get().flags |= TA.WINDOW_UPDATE;
    }
    if (seglen > 0 && rev.winScale !== -1 && !synFinRst) {
      const shift = rev.isFirstAck ? 0 : rev.winScale === -2 ? 0 : rev.winScale;
      if (u32(seq + seglen) === u32(rev.lastack + u32(rev.window * 2 ** shift))) get().flags |= TA.WINDOW_FULL;
    }
    const sameAsLast = seglen === 0 && window === fwd.window && seq === fwd.nextseq && ack === fwd.lastack && !synFinRst;
    if (sameAsLast && window && (rev.lastsegmentflags & TA.KEEP_ALIVE)) {
      get().flags |= TA.KEEP_ALIVE_ACK;
      skipToFinished = true;
    } else if (sameAsLast && window === 0 && (rev.lastsegmentflags & TA.ZERO_WINDOW_PROBE)) {
      get().flags |= TA.ZERO_WINDOW_PROBE_ACK;
      skipToFinished = true;
    } else if (sameAsLast && window) {
      fwd.dupacknum = fwd.dupacknum === -1 ? 1 : fwd.dupacknum + 1;
      const a = get();
      a.flags |= TA.DUPLICATE_ACK;
      a.dupackNum = fwd.dupacknum;
      a.dupackFrame = fwd.lastnondupack;
    }
  }

  // finished_fwd: a new ACK number resets the duplicate-ACK count.
  if (ack !== fwd.lastack) {
    fwd.lastnondupack = ctx.frame;
    fwd.dupacknum = 0;
  }

  // An ACK beyond anything seen in the other direction acknowledges segments that were not captured.
  if (rev.maxseqtobeacked && seqGt(ack, rev.maxseqtobeacked) && (flags & TH.ACK)) {
    const a = get();
    // Wireshark 4.0 compares these two as plain unsigned numbers here.
    if (rev.maxseqtobeacked > rev.nextseq) {
      rev.maxseqtobeacked = rev.nextseq;
      a.flags |= TA.ACK_LOST_PACKET;
    } else {
      if (rev.dupacknum === 0) a.flags |= TA.ACK_LOST_PACKET;
      rev.dupacknum = -1;
    }
  }

  if (seglen > 0 || (flags & (TH.SYN | TH.FIN))) retransmissionType(ctx, fwd, rev, seq, seglen, flags, get, () => ta);

  let nextseq = u32(seq + seglen);
  if ((seglen || (flags & (TH.SYN | TH.FIN))) && fwd.segments.length < MAX_UNACKED) {
    if (ctx.budget.used < MAX_UNACKED_TOTAL) {
      if (flags & (TH.SYN | TH.FIN)) nextseq = u32(nextseq + 1);
      fwd.segments.push({ frame: ctx.frame, seq, nextseq, ts: ctx.now });
      ctx.budget.used++;
    } else {
      ctx.budget.exhausted = true;
    }
  }

  const probe = ta !== null && (ta.flags & TA.ZERO_WINDOW_PROBE) !== 0;
  if (seqGt(nextseq, fwd.nextseq) || !fwd.nextseq) {
    if (!probe) {
      fwd.nextseq = nextseq;
      fwd.nextseqFrame = ctx.frame;
      fwd.nextseqTime = ctx.now;
    }
  }
  if (seq === fwd.maxseqtobeacked || !fwd.maxseqtobeacked) {
    if (!probe) fwd.maxseqtobeacked = fwd.nextseq;
  }

  fwd.window = window;
  fwd.lastack = ack;
  fwd.lastackTime = ctx.now;
  fwd.lastsegmentflags = ta ? ta.flags : 0;

  // Drop what this ACK acknowledges in the other direction; the oldest exactly acknowledged segment names the RTT.
  const list = rev.segments;
  for (let i = list.length - 1; i >= 0; ) {
    const u = list[i];
    if (ack === u.nextseq) {
      const a = get();
      a.frameAcked = u.frame;
      a.ackRttNs = deltaNs(ctx.now, u.ts);
    } else if (seqGt(ack, u.seq) && seqLe(ack, u.nextseq)) {
      u.seq = ack;
      continue;
    } else if (seqGt(u.nextseq, ack)) {
      i--;
      continue;
    }
    list.splice(i, 1);
    ctx.budget.used--;
    i--;
  }

  bytesInFlight(fwd, rev, seglen, flags, get);
  return ta;
}

function retransmissionType(ctx: AnalysisContext, fwd: Flow, rev: Flow, seq: number, seglen: number, flags: number,
  get: () => SegmentAnalysis, current: () => SegmentAnalysis | null): void {
  let notAdvanced = fwd.nextseq !== 0 && seqLt(seq, fwd.nextseq);
  const cur = current();
  if (cur && (cur.flags & TA.KEEP_ALIVE)) return;
  // One byte less than expected with more than one byte of data follows a zero window probe: new data.
  if (seglen > 1 && u32(fwd.nextseq - 1) === seq) notAdvanced = false;
  if (seglen > 0 && rev.lastack && seqLe(u32(seq + seglen), rev.lastack)) {
    get().flags |= TA.SPURIOUS_RETRANSMISSION;
    return;
  }
  // Fast retransmission first (Wireshark's default "fast retransmission supersedes out-of-order").
  if (notAdvanced && rev.dupacknum >= 2 && rev.lastack === seq && deltaNs(ctx.now, rev.lastackTime) < FAST_RETRANS_NS) {
    get().flags |= TA.FAST_RETRANSMISSION;
    return;
  }
  const threshold = ctx.firstRttNs ? ctx.firstRttNs : OOO_THRESHOLD_NS;
  if (notAdvanced && deltaNs(ctx.now, fwd.nextseqTime) < threshold) {
    if (fwd.nextseq !== u32(seq + seglen + (flags & (TH.SYN | TH.FIN) ? 1 : 0))) {
      get().flags |= TA.OUT_OF_ORDER;
      return;
    }
  }
  if (notAdvanced) {
    const a = get();
    a.flags |= TA.RETRANSMISSION;
    a.rtoNs = deltaNs(ctx.now, fwd.nextseqTime);
    a.rtoFrame = fwd.nextseqFrame;
    // The oldest unacknowledged segment is most likely the one sent again.
    const oldest = fwd.segments[0];
    if (oldest) {
      a.rtoNs = deltaNs(ctx.now, oldest.ts);
      a.rtoFrame = oldest.frame;
    }
  }
}

function bytesInFlight(fwd: Flow, rev: Flow, seglen: number, flags: number, get: () => SegmentAnalysis): void {
  const list = fwd.segments;
  if (seglen === 0 || list.length === 0 || !fwd.validBif) return;
  const newest = list[list.length - 1];
  let first = u32(newest.seq - fwd.baseSeq), last = u32(newest.nextseq - fwd.baseSeq);
  for (const u of list) {
    const n = u32(u.nextseq - fwd.baseSeq), s = u32(u.seq - fwd.baseSeq);
    if (n > last) last = n;
    if (s < first) first = s;
  }
  let inFlight = u32(last - first);
  for (let i = 0; i + 1 < rev.sack.length; i += 2) inFlight = u32(inFlight - u32(rev.sack[i + 1] - rev.sack[i]));
  if (inFlight > 0 && inFlight < 2_000_000_000) {
    const a = get();
    a.bytesInFlight = inFlight;
    if (flags & (TH.SYN | TH.FIN)) a.bytesInFlight -= 1;
  }
  const push = (flags & TH.PUSH) !== 0;
  if (push && !fwd.pushSetLast) {
    fwd.pushBytesSent += seglen;
    fwd.pushSetLast = true;
  } else if (push) {
    fwd.pushBytesSent = seglen;
  } else if (fwd.pushSetLast) {
    fwd.pushBytesSent = seglen;
    fwd.pushSetLast = false;
  } else {
    fwd.pushBytesSent += seglen;
  }
  get().pushBytesSent = fwd.pushBytesSent;
}

/** Forget a direction's unacknowledged segments (connection evicted), returning them to the budget. */
export function releaseFlow(f: Flow, budget: { used: number }): void {
  budget.used -= f.segments.length;
  f.segments.length = 0;
}
