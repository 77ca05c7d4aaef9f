/**
 * Hidden AVPs (RFC 2661 §4.3): the value of an AVP with the H bit is replaced by
 *
 *     Length of Original Value (2 octets) | Original Value | Padding
 *
 * XORed with an MD5 key stream built from the tunnel's shared secret and the message's most recent
 * Random Vector AVP:  b1 = MD5(Attribute Type (2 octets) | secret | RV),  c1 = p1 xor b1,
 *                     bi = MD5(secret | c(i-1)),                          ci = pi xor bi.
 * The last block may be short: the key stream is cut to the length of the hidden value.
 */
import { createHash } from 'node:crypto';

const BLOCK = 16;

function md5(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

function typeBytes(attrType: number): Uint8Array {
  return Uint8Array.of((attrType >>> 8) & 0xff, attrType & 0xff);
}

/** XOR data with the key stream; `cipherOf(i)` gives the ciphertext block that seeds block i+1. */
function keyStream(data: Uint8Array, attrType: number, secret: Uint8Array, rv: Uint8Array,
  cipherBlock: (out: Uint8Array, start: number) => Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let b = md5(typeBytes(attrType), secret, rv);
  for (let start = 0; start < data.length; start += BLOCK) {
    if (start > 0) b = md5(secret, cipherBlock(out, start - BLOCK));
    const end = Math.min(start + BLOCK, data.length);
    for (let k = start; k < end; k++) out[k] = data[k] ^ b[k - start];
  }
  return out;
}

/** Decrypt a hidden AVP value: returns the subformat (original length, value, padding) in clear. */
export function revealHidden(hidden: Uint8Array, attrType: number, secret: Uint8Array, rv: Uint8Array): Uint8Array {
  // The next block's key depends on the previous *ciphertext* block, which is the input here.
  return keyStream(hidden, attrType, secret, rv, (_out, start) => hidden.subarray(start, start + BLOCK));
}

/**
 * Hide a value as a sender would: prefix the original length, add `padding` octets (which RFC 2661
 * recommends to disguise the length), and encrypt. Used to build test packets.
 */
export function hideValue(value: Uint8Array, attrType: number, secret: Uint8Array, rv: Uint8Array,
  padding: Uint8Array = new Uint8Array(0)): Uint8Array {
  const plain = new Uint8Array(2 + value.length + padding.length);
  plain[0] = (value.length >>> 8) & 0xff;
  plain[1] = value.length & 0xff;
  plain.set(value, 2);
  plain.set(padding, 2 + value.length);
  // The next block's key depends on the previous ciphertext block, which is the output here.
  return keyStream(plain, attrType, secret, rv, (out, start) => out.subarray(start, start + BLOCK));
}

/** The decrypted subformat's original length, or -1 when it cannot be right (a wrong secret, most likely). */
export function hiddenOriginalLength(revealed: Uint8Array): number {
  if (revealed.length < 2) return -1;
  const n = (revealed[0] << 8) | revealed[1];
  return n <= revealed.length - 2 ? n : -1;
}
