/**
 * pcapng timestamps: a 64-bit count of units (if_tsresol: 10^-n s, or 2^-n s when the top bit is set),
 * stored as two 32-bit halves, turned into whole seconds and nanoseconds exactly.
 */

export interface TimeOut {
  tsSec: number;
  tsNsec: number;
}

const TWO32 = 4294967296;

export class Resolution {
  /** 0: microseconds; 1: 10^-n with number arithmetic; 2: anything else, with BigInt. */
  private readonly mode: 0 | 1 | 2;
  /** Mode 1: units per second (10^n, below 2^37 so every step of the long division stays exact). */
  private readonly perSec: number = 0;
  /** Mode 1: nanoseconds per unit when n <= 9, or units per nanosecond (negated) when n > 9. */
  private readonly nsScale: number = 0;
  private readonly perSecBig: bigint = 0n;
  /** Coarser than a microsecond means the CaptureInfo.nanosecond flag is false. */
  readonly finerThanMicro: boolean;

  constructor(readonly raw: number) {
    const binary = (raw & 0x80) !== 0;
    const exp = raw & 0x7f;
    if (!binary && exp === 6) {
      this.mode = 0;
    } else if (!binary && exp >= 4 && exp <= 11) {
      // From 10^4 up the quotient (seconds) stays below 2^53; up to 10^11 the remainder times 2^16 does too.
      this.mode = 1;
      this.perSec = 10 ** exp;
      this.nsScale = exp <= 9 ? 10 ** (9 - exp) : -(10 ** (exp - 9));
    } else {
      this.mode = 2;
      this.perSecBig = binary ? 1n << BigInt(exp) : 10n ** BigInt(exp);
    }
    this.finerThanMicro = binary ? exp >= 20 : exp > 6;
  }

  /** Writes the time of the 64-bit unit count high:low (unsigned halves) into out. */
  set(out: TimeOut, high: number, low: number): void {
    if (this.mode === 0) {
      // 2^32 = 4294 * 10^6 + 967296, and high * 967296 + low < 2^53: exact in doubles.
      const x = high * 967296 + low;
      const q = Math.floor(x / 1e6);
      out.tsSec = high * 4294 + q;
      out.tsNsec = (x - q * 1e6) * 1000;
    } else if (this.mode === 1) {
      // Long division of the 64-bit count by 10^n: the high half first, then the low half 16 bits at a
      // time; each partial dividend is below 10^n * 2^16 < 2^53, so every step is exact.
      const d = this.perSec;
      let q = Math.floor(high / d);
      let r = high - q * d;
      let cur = r * 65536 + (low >>> 16);
      let qd = Math.floor(cur / d);
      r = cur - qd * d;
      q = q * 65536 + qd;
      cur = r * 65536 + (low & 0xffff);
      qd = Math.floor(cur / d);
      r = cur - qd * d;
      q = q * 65536 + qd;
      out.tsSec = q;
      out.tsNsec = this.nsScale > 0 ? r * this.nsScale : Math.floor(r / -this.nsScale);
    } else {
      const ts = BigInt(high) * BigInt(TWO32) + BigInt(low);
      const sec = ts / this.perSecBig;
      const rem = ts - sec * this.perSecBig;
      out.tsSec = Number(sec);
      // Finer than nanoseconds is cut off, as Wireshark does.
      out.tsNsec = Number((rem * 1_000_000_000n) / this.perSecBig);
    }
  }
}

export const MICROSECONDS = new Resolution(6);
