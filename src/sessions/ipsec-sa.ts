/**
 * The IPsec data-plane SA table: one record per ESP or AH security association as seen on the
 * wire, keyed by protocol, SPI, source and destination (the receiver picks the SPI, so SPI and
 * destination name the SA, and the source gives its direction). Each record counts packets and
 * bytes and runs the receiver's anti-replay check of RFC 4303 §3.4.3 / RFC 4302 §3.4.3 with a
 * 64-packet window, which tells apart lost (skipped), late (out of order, inside the window) and
 * replayed (already received, or left of the window) sequence numbers.
 *
 * Separately, the Wireshark-compatible ESP sequence analysis (packet-ipsec.c) compares each
 * sequence number with the previous one of the same SPI only; it lives here too so that both
 * analyses share one bounded state per run. Memory is bounded: at most MAX_SAS records and
 * MAX_SAS SPIs, the oldest forgotten first.
 */
import type { Engine } from '../core/engine.js';
import { forgetEntries, idleBefore, type IdleCut } from '../core/forget.js';
import { IKE_SA_STATE, type IkeSaTable } from './ike-sa.js';
import { AgedMap } from '../core/aged-map.js';

export const IPSEC_SA_STATE = 'ipsec.sa_table';
export const MAX_SAS = 100_000;
/** RFC 4303 §3.4.3: "a minimum window size of 32 packets MUST be supported ... 64 SHOULD be the default". */
export const REPLAY_WINDOW = 64;

export type IpsecProtocol = 'esp' | 'ah';
export type Encapsulation = 'ip' | 'udp-4500';

/** What the anti-replay check made of one sequence number. */
/** The two verdicts of nearly every packet, made once: they carry nothing of the packet. */
const FIRST: SeqVerdict = Object.freeze({ kind: 'first' });
const NEXT: SeqVerdict = Object.freeze({ kind: 'next' });

export type SeqVerdict =
  | { kind: 'first' }
  | { kind: 'next' }
  /** The right edge moved by more than one: `lost` numbers were skipped. */
  | { kind: 'gap'; lost: number; expected: number }
  /** Older than the highest, inside the window, not seen before: a late packet. */
  | { kind: 'late'; behind: number }
  /** Already received inside the window: a receiver discards it as a replay. */
  | { kind: 'duplicate'; behind: number; frame: number }
  /** Left of the window: a receiver discards it unchecked. */
  | { kind: 'too_old'; behind: number };

/** The stable JSON shape of one SA in session summaries. */
export interface IpsecSaSummary {
  index: number;
  protocol: IpsecProtocol;
  /** SPI as 0x%08x. */
  spi: string;
  src: string;
  dst: string;
  encapsulation: Encapsulation;
  packets: number;
  /** Bytes of the ESP or AH packets (from the ESP/AH header to the end of the IP payload). */
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  highestSeq: number;
  /** Sequence numbers skipped and not seen later. */
  lost: number;
  /** Sequence numbers received again inside the anti-replay window. */
  replayed: number;
  /** Sequence numbers older than the anti-replay window (a receiver drops them unchecked). */
  outsideWindow: number;
  /** Late packets: older than the highest, inside the window, first time seen. */
  outOfOrder: number;
  /** ESP only: true when the payload was recognised as NULL-encrypted (cleartext). */
  nullEncryption: boolean;
  /** AH only: true when the AH carried something other than ESP (integrity without confidentiality). */
  withoutEsp: boolean;
  /** Expert ids of the security findings raised for this SA. */
  findings: string[];
  firstFrame: number;
  lastFrame: number;
  /** Seconds since the epoch of the first and last packet. */
  firstTime: number;
  lastTime: number;
  /** Index of the IKE SA that negotiated this SA (its SPI seen in an SA payload, in clear or decrypted with --keys); null when unknown. */
  ikeSa: number | null;
}

export function spiText(spi: number): string {
  return '0x' + (spi >>> 0).toString(16).padStart(8, '0');
}

/** Signed distance from a to b in 32-bit sequence space, so that wrapping past 2^32 reads as +1. */
export function seqDelta(b: number, a: number): number {
  return ((b - a) | 0);
}

export class IpsecSa {
  packets = 0;
  bytes = 0;
  firstSeq = 0;
  lastSeq = 0;
  /** Right edge of the anti-replay window (the highest sequence number received). */
  highest = 0;
  /** Frame that carried the highest sequence number. */
  highestFrame = 0;
  /** Receive bitmap of the window: bit i set when highest - i was received (lo: 0..31, hi: 32..63). */
  private lo = 0;
  private hi = 0;
  lost = 0;
  replayed = 0;
  outsideWindow = 0;
  outOfOrder = 0;
  nullEncryption = false;
  withoutEsp = false;
  readonly findings = new Set<string>();
  /** For the vpnshark-side Wireshark-style analysis (AH): the previous sequence number and its frame. */
  prevSeq = 0;
  prevFrame = 0;
  firstFrame = 0;
  lastFrame = 0;
  firstTime = 0;
  lastTime = 0;

  constructor(
    readonly index: number,
    readonly protocol: IpsecProtocol,
    readonly spi: number,
    readonly src: string,
    readonly dst: string,
    readonly encapsulation: Encapsulation,
  ) {}

  private received(behind: number): boolean {
    return behind < 32 ? ((this.lo >>> behind) & 1) === 1 : ((this.hi >>> (behind - 32)) & 1) === 1;
  }

  private mark(behind: number): void {
    if (behind < 32) this.lo = (this.lo | (1 << behind)) >>> 0;
    else this.hi = (this.hi | (1 << (behind - 32))) >>> 0;
  }

  /** Slide the window right by d (> 0) places. */
  private slide(d: number): void {
    if (d >= 64) {
      this.lo = this.hi = 0;
    } else if (d >= 32) {
      this.hi = (this.lo << (d - 32)) >>> 0;
      this.lo = 0;
    } else {
      this.hi = ((this.hi << d) | (this.lo >>> (32 - d))) >>> 0;
      this.lo = (this.lo << d) >>> 0;
    }
  }

  /**
   * Wireshark's comparison with the previous number (as its ESP analysis does per SPI), per SA;
   * vpnshark applies it to AH, which Wireshark does not analyse. Call before observe().
   */
  previousCheck(seq: number, frame: number): WiresharkSeqReport | null {
    seq >>>= 0;
    const first = this.packets === 0;
    const report = first || seq === ((this.prevSeq + 1) >>> 0) ? null
      : { expected: (this.prevSeq + 1) >>> 0, prevSeq: this.prevSeq, prevFrame: this.prevFrame };
    this.prevSeq = seq;
    this.prevFrame = frame;
    return report;
  }

  /** Count one packet and run the anti-replay check on its sequence number. */
  observe(seq: number, frame: number, time: number, bytes: number): SeqVerdict {
    seq >>>= 0;
    this.bytes += bytes;
    this.lastFrame = frame;
    this.lastTime = time;
    this.lastSeq = seq;
    if (this.packets++ === 0) {
      this.firstSeq = this.highest = seq;
      this.highestFrame = this.firstFrame = frame;
      this.firstTime = time;
      this.lo = 1;
      this.hi = 0;
      return FIRST;
    }
    const d = seqDelta(seq, this.highest);
    if (d > 0) {
      const expected = (this.highest + 1) >>> 0;
      this.slide(d);
      this.lo = (this.lo | 1) >>> 0;
      this.highest = seq;
      this.highestFrame = frame;
      if (d === 1) return NEXT;
      this.lost += d - 1;
      return { kind: 'gap', lost: d - 1, expected };
    }
    const behind = -d;
    if (behind >= REPLAY_WINDOW) {
      this.outsideWindow++;
      return { kind: 'too_old', behind };
    }
    if (this.received(behind)) {
      this.replayed++;
      return { kind: 'duplicate', behind, frame: behind === 0 ? this.highestFrame : 0 };
    }
    this.mark(behind);
    this.outOfOrder++;
    // A late arrival fills a hole that was counted as lost when the window moved past it.
    if (this.lost > 0) this.lost--;
    return { kind: 'late', behind };
  }

  summary(): IpsecSaSummary {
    return {
      index: this.index,
      protocol: this.protocol,
      spi: spiText(this.spi),
      src: this.src,
      dst: this.dst,
      encapsulation: this.encapsulation,
      packets: this.packets,
      bytes: this.bytes,
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      highestSeq: this.highest,
      lost: this.lost,
      replayed: this.replayed,
      outsideWindow: this.outsideWindow,
      outOfOrder: this.outOfOrder,
      nullEncryption: this.nullEncryption,
      withoutEsp: this.withoutEsp,
      findings: [...this.findings],
      firstFrame: this.firstFrame,
      lastFrame: this.lastFrame,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      ikeSa: null,
    };
  }
}

/** Wireshark's per-SPI state: the previous sequence number and the frame that carried it. */
export interface SpiStatus {
  prevSeq: number;
  prevFrame: number;
  prevTime: number;
}

/** What Wireshark's ESP sequence analysis reports for one packet (null when in order or first). */
export interface WiresharkSeqReport {
  expected: number;
  prevSeq: number;
  prevFrame: number;
}

export class IpsecSaTable {
  readonly summarised = true;
  /**
   * SAs by SPI (a number). An SPI almost always names one SA, kept here as it is; only an SPI
   * shared by several (AH or ESP SAs between different pairs of hosts choosing the same number)
   * gets a map of its own, keyed by protocol and addresses. No key string is built per packet
   * for the common case, and a shared SPI costs one map lookup, not a scan.
   */
  private readonly bySpi = new Map<number, IpsecSa | Map<string, IpsecSa>>();
  /** Creation order, for forgetting the oldest. */
  private readonly all = new AgedMap<IpsecSa, IpsecSa>();
  private readonly espBySpi = new AgedMap<number, SpiStatus>();
  private next = 0;
  /** The SA the last lookup found (packets of one SA come in runs); cleared when an SA is forgotten. */
  private last: IpsecSa | null = null;
  /** Set when a table had to forget its oldest entry. */
  evicted = false;

  /** The SA of this protocol, SPI and address pair, created when first seen. */
  lookup(protocol: IpsecProtocol, spi: number, src: string, dst: string, encapsulation: Encapsulation): IpsecSa {
    spi >>>= 0;
    const last = this.last;
    if (last && last.spi === spi && last.protocol === protocol && last.src === src && last.dst === dst) return last;
    const slot = this.bySpi.get(spi);
    if (slot instanceof IpsecSa) {
      if (slot.protocol === protocol && slot.src === src && slot.dst === dst) return (this.last = slot);
    } else if (slot) {
      const sa = slot.get(sharedKey(protocol, src, dst));
      if (sa) return (this.last = sa);
    }
    if (this.all.size >= MAX_SAS) this.forgetOldest();
    const sa = new IpsecSa(this.next++, protocol, spi, src, dst, encapsulation);
    // The oldest may have just left this SPI's slot, so it is read again.
    const now = this.bySpi.get(spi);
    if (!now) {
      this.bySpi.set(spi, sa);
    } else if (now instanceof IpsecSa) {
      this.bySpi.set(spi, new Map([[sharedKey(now.protocol, now.src, now.dst), now], [sharedKey(protocol, src, dst), sa]]));
    } else {
      now.set(sharedKey(protocol, src, dst), sa);
    }
    this.all.set(sa, sa);
    return (this.last = sa);
  }

  private forgetOldest(): void {
    this.forget(this.all.dropOldest()!);
    this.evicted = true;
  }

  /** Drop the SAs and per-SPI states that have gone idle (core/forget.ts). */
  forgetIdle(cut: IdleCut): void {
    for (const sa of this.all.keys()) if (idleBefore(sa.lastTime, sa.lastFrame, cut)) this.forget(sa);
    forgetEntries(this.espBySpi, (st) => idleBefore(st.prevTime, st.prevFrame, cut));
  }

  private forget(old: IpsecSa): void {
    this.all.delete(old);
    const slot = this.bySpi.get(old.spi);
    if (slot === old) {
      this.bySpi.delete(old.spi);
    } else if (slot instanceof Map) {
      slot.delete(sharedKey(old.protocol, old.src, old.dst));
      if (!slot.size) this.bySpi.delete(old.spi);
    }
    if (this.last === old) this.last = null;
  }

  /**
   * Wireshark's ESP sequence analysis (preference esp.do_esp_sequence_analysis, on by default):
   * keyed by SPI alone, each number is compared with the previous one plus 1, and the previous
   * one is replaced whatever the outcome.
   */
  espSpiCheck(spi: number, seq: number, frame: number, time: number): WiresharkSeqReport | null {
    const st = this.espBySpi.get(spi);
    if (!st) {
      if (this.espBySpi.size >= MAX_SAS) {
        this.espBySpi.dropOldest();
        this.evicted = true;
      }
      this.espBySpi.set(spi, { prevSeq: seq >>> 0, prevFrame: frame, prevTime: time });
      return null;
    }
    const expected = (st.prevSeq + 1) >>> 0;
    const report = (seq >>> 0) !== expected ? { expected, prevSeq: st.prevSeq, prevFrame: st.prevFrame } : null;
    st.prevSeq = seq >>> 0;
    st.prevFrame = frame;
    st.prevTime = time;
    return report;
  }

  get size(): number {
    return this.all.size;
  }

  records(): IpsecSa[] {
    return [...this.all.keys()];
  }

  summaries(): IpsecSaSummary[] {
    return this.records().map((r) => r.summary());
  }
}

/** The key of an SA within an SPI that several SAs share. */
function sharedKey(protocol: IpsecProtocol, src: string, dst: string): string {
  return `${protocol}|${src}|${dst}`;
}

/** The run's IPsec SA table (created on first use). */
export function ipsecSaTable(engine: Pick<Engine, 'state'>): IpsecSaTable {
  return engine.state(IPSEC_SA_STATE, () => new IpsecSaTable());
}

/** The SAs a run has seen, for session summaries (empty when no ESP or AH was dissected). */
export function trackedIpsecSas(engine: Pick<Engine, 'allStates'>): IpsecSaSummary[] {
  const t = engine.allStates().get(IPSEC_SA_STATE) as IpsecSaTable | undefined;
  if (!t) return [];
  const ike = engine.allStates().get(IKE_SA_STATE) as IkeSaTable | undefined;
  const out = t.summaries();
  // The receiver chose the SPI, so the SA is the IKE SA's child when its destination proposed it.
  if (ike) for (const s of out) s.ikeSa = ike.forChild(s.protocol.toUpperCase(), s.spi, s.dst)?.index ?? null;
  return out;
}

/** Wireshark's words for a wrong sequence number (packet-ipsec.c), shared by ESP and vpnshark's AH analysis. */
export function wrongSequenceText(spi: number, seq: number, r: WiresharkSeqReport): string {
  const id = (spi >>> 0).toString(16).padStart(8, '0');
  seq >>>= 0;
  if (seq === r.prevSeq) return `Wrong Sequence Number for SPI ${id} - ${seq} repeated`;
  // Unsigned comparison, as the C code does it: a number past the expected one means some are missing.
  if (seq > r.expected) return `Wrong Sequence Number for SPI ${id} - ${seq - r.expected} missing`;
  return `Wrong Sequence Number for SPI ${id} - ${(r.expected - seq) >>> 0} less than expected`;
}
