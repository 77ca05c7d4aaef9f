/**
 * A seeded pseudo-random generator (xoshiro128**), so every "random" value in the samples
 * (challenges, nonces, SPIs, IVs, ports) is the same on every run and the files stay byte-identical.
 * Not for real cryptography: these are demo captures with published secrets.
 */
export class Prng {
  private s = new Uint32Array(4);

  constructor(seed: string) {
    // SplitMix32 over an FNV-1a hash of the seed label gives four non-zero state words.
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    for (let i = 0; i < 4; i++) {
      h = (h + 0x9e3779b9) >>> 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0 || 1;
    }
  }

  next32(): number {
    const s = this.s;
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.next32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (24 - 8 * j)) & 0xff;
    }
    return out;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + (this.next32() % (hi - lo + 1));
  }
}
