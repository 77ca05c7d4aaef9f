/** Deterministic capture timestamps: every sample starts at 2026-01-15 10:00:00 UTC. */

export const SAMPLE_EPOCH = Date.UTC(2026, 0, 15, 10, 0, 0) / 1000;

export interface Stamped {
  data: Uint8Array;
  tsSec: number;
  tsNsec: number;
  /** pcapng interface index (0 unless the sample has several interfaces). */
  ifIndex?: number;
  comment?: string;
}

export class Clock {
  /** Nanoseconds since SAMPLE_EPOCH. */
  private ns: number;

  constructor(startOffsetSec = 0) {
    this.ns = Math.round(startOffsetSec * 1e9);
  }

  /** Moves time forward by `usec` microseconds (fractions allowed, kept to the nanosecond). */
  advance(usec: number): this {
    this.ns += Math.round(usec * 1000);
    return this;
  }

  /** The current time as seconds since the Unix epoch and microseconds (what ping puts in its payload). */
  now(): { sec: number; usec: number } {
    const sec = Math.floor(this.ns / 1e9);
    return { sec: SAMPLE_EPOCH + sec, usec: Math.floor((this.ns - sec * 1e9) / 1000) };
  }

  stamp(data: Uint8Array, extra?: { ifIndex?: number; comment?: string }): Stamped {
    const sec = Math.floor(this.ns / 1e9);
    return { data, tsSec: SAMPLE_EPOCH + sec, tsNsec: this.ns - sec * 1e9, ...extra };
  }
}
