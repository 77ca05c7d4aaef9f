/**
 * Capture mutations for fuzzing: the kinds of damage a file from a stranger can carry. Each
 * mutant says whether its file structure is still intact (then every record must still be read
 * and listed) or not (then a clean CaptureError is also an acceptable outcome).
 */

export interface Mutant {
  bytes: Uint8Array;
  kind: string;
  /** True when only packet bytes changed: the file must read to its end with the same record count. */
  structural: boolean;
}

/** A small deterministic PRNG (mulberry32), so a failing mutant can be made again from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RecordSpan {
  /** Offset of the record's length field(s) or block header. */
  header: number;
  /** Offset and length of the packet bytes. */
  data: number;
  len: number;
}

/** Where the records of a classic pcap or pcapng file are, for mutating packet bytes only. */
export function recordSpans(b: Uint8Array): RecordSpan[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const spans: RecordSpan[] = [];
  if (b.length < 24) return spans;
  const magic = dv.getUint32(0, false);
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d || magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) {
    const le = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
    let off = 24;
    while (off + 16 <= b.length) {
      const incl = dv.getUint32(off + 8, le);
      if (off + 16 + incl > b.length) break;
      spans.push({ header: off, data: off + 16, len: incl });
      off += 16 + incl;
    }
    return spans;
  }
  if (magic === 0x0a0d0d0a) {
    let off = 0;
    let le = true;
    while (off + 12 <= b.length) {
      if (dv.getUint32(off, false) === 0x0a0d0d0a) le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
      const type = dv.getUint32(off, le);
      const blen = dv.getUint32(off + 4, le);
      if (blen < 12 || off + blen > b.length) break;
      if (type === 6 && blen >= 32) {
        const cap = dv.getUint32(off + 20, le);
        if (28 + cap <= blen) spans.push({ header: off, data: off + 28, len: cap });
      }
      off += blen;
    }
  }
  return spans;
}

export function mutate(src: Uint8Array, rnd: () => number): Mutant {
  const b = Uint8Array.from(src);
  const spans = recordSpans(b);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const choice = rnd();
  if (choice < 0.55 && spans.length) {
    // Flip bytes inside packets (editcap -E): the file stays valid.
    const flips = 1 + Math.floor(rnd() * 8);
    for (let k = 0; k < flips; k++) {
      const s = pick(spans);
      if (!s.len) continue;
      const at = s.data + Math.floor(rnd() * s.len);
      b[at] = rnd() < 0.3 ? pick([0, 0xff, 0x7f, 0x80, 1]) : b[at] ^ (1 << Math.floor(rnd() * 8));
    }
    return { bytes: b, kind: `flip×${flips}`, structural: true };
  }
  if (choice < 0.65 && spans.length) {
    // A run of bytes set to zero or 0xff: lengths inside packets become 0 or huge.
    const s = pick(spans);
    const at = s.data + Math.floor(rnd() * Math.max(1, s.len));
    const n = 1 + Math.floor(rnd() * 4);
    const v = rnd() < 0.5 ? 0 : 0xff;
    for (let k = 0; k < n && at + k < s.data + s.len; k++) b[at + k] = v;
    return { bytes: b, kind: `fill${v}`, structural: true };
  }
  if (choice < 0.8) {
    const cut = Math.floor(rnd() * b.length);
    return { bytes: b.subarray(0, cut), kind: `truncate@${cut}`, structural: false };
  }
  if (spans.length) {
    // Record or block length fields set to 0, odd, huge or past the end.
    const s = pick(spans);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const isNg = dv.getUint32(0, false) === 0x0a0d0d0a;
    const field = isNg ? s.header + 4 : s.header + 8;
    const v = pick([0, 1, 3, 0x7fffffff, 0xffffffff, 0x10000, b.length, s.len + 1]);
    if (field + 4 <= b.length) dv.setUint32(field, v, rnd() < 0.5);
    return { bytes: b, kind: `length=${v}`, structural: false };
  }
  b[Math.floor(rnd() * b.length)] ^= 0xff;
  return { bytes: b, kind: 'header-flip', structural: false };
}
