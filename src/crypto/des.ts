/**
 * Single DES (FIPS 46-3): block encrypt/decrypt, ECB and CBC.
 *
 * Node 20's OpenSSL 3 keeps des-ecb and des-cbc in the legacy provider, so they throw; MS-CHAPv1/v2
 * (RFC 2759 ChallengeResponse) needs DES with 56-bit keys. This is a straightforward table
 * implementation: correctness and readability over speed (MS-CHAPv2 needs three blocks per login).
 */

// FIPS 46-3 tables, 1-based bit positions counted from the most significant bit.
const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
  62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
  61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];
const FP = [
  40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
  38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
  36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
  34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25,
];
const E = [
  32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
  16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
];
const P = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
  2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
];
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
  10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
  14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const S = [
  [14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
    4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13],
  [15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
    0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9],
  [10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
    13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12],
  [7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
    10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14],
  [2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
    4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3],
  [12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
    9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13],
  [4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
    1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12],
  [13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
    7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11],
];

/** Bits as an array of 0/1, most significant first: simple, and the tables index it directly. */
function toBits(bytes: Uint8Array, off: number, nBytes: number): Uint8Array {
  const bits = new Uint8Array(nBytes * 8);
  for (let i = 0; i < nBytes * 8; i++) bits[i] = (bytes[off + (i >> 3)] >> (7 - (i & 7))) & 1;
  return bits;
}

function permute(bits: Uint8Array, table: readonly number[]): Uint8Array {
  const out = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) out[i] = bits[table[i] - 1];
  return out;
}

/** The 16 48-bit round keys of FIPS 46-3 "key schedule calculation"; parity bits are ignored. */
function keySchedule(key: Uint8Array): Uint8Array[] {
  if (key.length !== 8) throw new RangeError('DES key must be 8 bytes');
  const cd = permute(toBits(key, 0, 8), PC1);
  let c = Array.from(cd.subarray(0, 28));
  let d = Array.from(cd.subarray(28, 56));
  const subkeys: Uint8Array[] = [];
  for (const s of SHIFTS) {
    c = c.slice(s).concat(c.slice(0, s));
    d = d.slice(s).concat(d.slice(0, s));
    subkeys.push(permute(Uint8Array.from(c.concat(d)), PC2));
  }
  return subkeys;
}

/** The cipher function f(R, K). */
function feistel(r: Uint8Array, k: Uint8Array): Uint8Array {
  const x = permute(r, E);
  for (let i = 0; i < 48; i++) x[i] ^= k[i];
  const out = new Uint8Array(32);
  for (let box = 0; box < 8; box++) {
    const b = box * 6;
    const row = (x[b] << 1) | x[b + 5];
    const col = (x[b + 1] << 3) | (x[b + 2] << 2) | (x[b + 3] << 1) | x[b + 4];
    const v = S[box][row * 16 + col];
    for (let j = 0; j < 4; j++) out[box * 4 + j] = (v >> (3 - j)) & 1;
  }
  return permute(out, P);
}

function cryptBlock(subkeys: Uint8Array[], input: Uint8Array, inOff: number, output: Uint8Array, outOff: number, decrypt: boolean): void {
  const bits = permute(toBits(input, inOff, 8), IP);
  let l = bits.subarray(0, 32);
  let r = bits.subarray(32, 64);
  for (let round = 0; round < 16; round++) {
    const f = feistel(r, subkeys[decrypt ? 15 - round : round]);
    const next = new Uint8Array(32);
    for (let i = 0; i < 32; i++) next[i] = l[i] ^ f[i];
    l = r;
    r = next;
  }
  // The final swap: the preoutput block is R16 L16.
  const pre = new Uint8Array(64);
  pre.set(r, 0);
  pre.set(l, 32);
  const outBits = permute(pre, FP);
  for (let i = 0; i < 8; i++) {
    let v = 0;
    for (let j = 0; j < 8; j++) v = (v << 1) | outBits[i * 8 + j];
    output[outOff + i] = v;
  }
}

/** A DES key with its schedule computed once. */
export class Des {
  private readonly subkeys: Uint8Array[];

  /** `key`: 8 bytes (parity bits ignored). Use `expandDesKey` for the 7-byte keys of MS-CHAP. */
  constructor(key: Uint8Array) {
    this.subkeys = keySchedule(key);
  }

  encryptBlock(block: Uint8Array): Uint8Array {
    if (block.length !== 8) throw new RangeError('DES block must be 8 bytes');
    const out = new Uint8Array(8);
    cryptBlock(this.subkeys, block, 0, out, 0, false);
    return out;
  }

  decryptBlock(block: Uint8Array): Uint8Array {
    if (block.length !== 8) throw new RangeError('DES block must be 8 bytes');
    const out = new Uint8Array(8);
    cryptBlock(this.subkeys, block, 0, out, 0, true);
    return out;
  }
}

function checkBlocks(data: Uint8Array): void {
  if (data.length % 8 !== 0) throw new RangeError('DES data length must be a multiple of 8');
}

export function desEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data);
  const sk = keySchedule(key);
  const out = new Uint8Array(data.length);
  for (let off = 0; off < data.length; off += 8) cryptBlock(sk, data, off, out, off, false);
  return out;
}

export function desEcbDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data);
  const sk = keySchedule(key);
  const out = new Uint8Array(data.length);
  for (let off = 0; off < data.length; off += 8) cryptBlock(sk, data, off, out, off, true);
  return out;
}

export function desCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data);
  if (iv.length !== 8) throw new RangeError('DES IV must be 8 bytes');
  const sk = keySchedule(key);
  const out = new Uint8Array(data.length);
  const x = new Uint8Array(8);
  let prev: Uint8Array = iv;
  for (let off = 0; off < data.length; off += 8) {
    for (let i = 0; i < 8; i++) x[i] = data[off + i] ^ prev[i];
    cryptBlock(sk, x, 0, out, off, false);
    prev = out.subarray(off, off + 8);
  }
  return out;
}

export function desCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data);
  if (iv.length !== 8) throw new RangeError('DES IV must be 8 bytes');
  const sk = keySchedule(key);
  const out = new Uint8Array(data.length);
  let prev: Uint8Array = iv;
  for (let off = 0; off < data.length; off += 8) {
    cryptBlock(sk, data, off, out, off, true);
    for (let i = 0; i < 8; i++) out[off + i] ^= prev[i];
    prev = data.subarray(off, off + 8);
  }
  return out;
}

/**
 * Spreads a 7-byte (56-bit) key over 8 bytes, 7 key bits per byte, with odd parity in the low bit
 * (how RFC 2759 DesEncrypt turns each 7-byte third of the padded password hash into a DES key).
 */
export function expandDesKey(key7: Uint8Array): Uint8Array {
  if (key7.length !== 7) throw new RangeError('56-bit DES key must be 7 bytes');
  const out = new Uint8Array(8);
  const bits = toBits(key7, 0, 7);
  for (let i = 0; i < 8; i++) {
    let v = 0;
    let ones = 0;
    for (let j = 0; j < 7; j++) {
      v = (v << 1) | bits[i * 7 + j];
      ones += bits[i * 7 + j];
    }
    out[i] = (v << 1) | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}
