/**
 * RC4 stream cipher (the "ARCFOUR" algorithm MPPE uses, RFC 3078).
 *
 * Node 20's OpenSSL 3 has no rc4 in the default provider. MPPE also needs the cipher state to carry
 * over between packets in stateful mode, so this is a small class rather than a one-shot function.
 */
export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    if (key.length === 0 || key.length > 256) throw new RangeError('RC4 key must be 1..256 bytes');
    const s = this.s;
    for (let k = 0; k < 256; k++) s[k] = k;
    let j = 0;
    for (let k = 0; k < 256; k++) {
      j = (j + s[k] + key[k % key.length]) & 0xff;
      const t = s[k]; s[k] = s[j]; s[j] = t;
    }
  }

  /** XORs the next `data.length` key-stream bytes into a new array (encrypt and decrypt are the same). */
  process(data: Uint8Array): Uint8Array {
    const s = this.s;
    const out = new Uint8Array(data.length);
    let i = this.i, j = this.j;
    for (let k = 0; k < data.length; k++) {
      i = (i + 1) & 0xff;
      j = (j + s[i]) & 0xff;
      const t = s[i]; s[i] = s[j]; s[j] = t;
      out[k] = data[k] ^ s[(s[i] + s[j]) & 0xff];
    }
    this.i = i; this.j = j;
    return out;
  }
}

/** One-shot RC4 with a fresh key schedule. */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Rc4(key).process(data);
}
