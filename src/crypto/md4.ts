/**
 * MD4 message digest (RFC 1320).
 *
 * Node 20 ships OpenSSL 3, which moved MD4 to the legacy provider, so `createHash('md4')` throws.
 * MS-CHAPv2 (RFC 2759) needs MD4 for NtPasswordHash, so we carry our own.
 */

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

/** RFC 1320 §3.4: the three rounds, each over the 16 words of one 64-byte block. */
function md4Block(state: Uint32Array, x: Uint32Array): void {
  let [a, b, c, d] = state;
  const F = (p: number, q: number, r: number) => (p & q) | (~p & r);
  const G = (p: number, q: number, r: number) => (p & q) | (p & r) | (q & r);
  const H = (p: number, q: number, r: number) => p ^ q ^ r;

  const r1 = [3, 7, 11, 19];
  for (let i = 0; i < 16; i++) {
    const t = rotl((a + F(b, c, d) + x[i]) >>> 0, r1[i % 4]);
    a = d; d = c; c = b; b = t;
  }
  const r2 = [3, 5, 9, 13];
  const o2 = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
  for (let i = 0; i < 16; i++) {
    const t = rotl((a + G(b, c, d) + x[o2[i]] + 0x5a827999) >>> 0, r2[i % 4]);
    a = d; d = c; c = b; b = t;
  }
  const r3 = [3, 9, 11, 15];
  const o3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
  for (let i = 0; i < 16; i++) {
    const t = rotl((a + H(b, c, d) + x[o3[i]] + 0x6ed9eba1) >>> 0, r3[i % 4]);
    a = d; d = c; c = b; b = t;
  }
  state[0] = (state[0] + a) >>> 0;
  state[1] = (state[1] + b) >>> 0;
  state[2] = (state[2] + c) >>> 0;
  state[3] = (state[3] + d) >>> 0;
}

/** Returns the 16-byte MD4 digest of `msg`. */
export function md4(msg: Uint8Array): Uint8Array {
  // RFC 1320 §3.1–3.2: pad with 0x80, zeros to 56 mod 64, then the bit length as 64-bit little-endian.
  const padLen = ((msg.length + 8) >> 6) * 64 + 64;
  const buf = new Uint8Array(padLen);
  buf.set(msg);
  buf[msg.length] = 0x80;
  const bitLen = msg.length * 8;
  const view = new DataView(buf.buffer);
  view.setUint32(padLen - 8, bitLen >>> 0, true);
  view.setUint32(padLen - 4, Math.floor(bitLen / 0x100000000), true);

  const state = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  const x = new Uint32Array(16);
  for (let off = 0; off < padLen; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getUint32(off + i * 4, true);
    md4Block(state, x);
  }
  const out = new Uint8Array(16);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) ov.setUint32(i * 4, state[i], true);
  return out;
}
