/**
 * The IKEv2 Encrypted payload, SK (RFC 7296 §3.14), and its fragment form SKF (RFC 7383 §2.5):
 * IV, ciphertext (inner payloads, padding, pad length) and the Integrity Checksum Data, checked with
 * SK_ai/SK_ar (HMAC over the message up to the ICD) or, for AES-GCM (RFC 5282), the AEAD tag over
 * the message up to the end of the payload header.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { equalBytes } from './hex.js';
import type { Ikev2Keys } from './ike-tables.js';

export interface Ikev2SkDecryption {
  /** All offsets are from the start of the IKE message (the initiator SPI). */
  ivOff: number;
  ivLen: number;
  encOff: number;
  encLen: number;
  icdOff: number;
  icdLen: number;
  /** Inner payloads, padding and pad length; null when not decrypted (see problem). */
  plain: Uint8Array | null;
  problem?: string;
  padLen: number;
  /** Bytes of inner payloads: plain.length - 1 - padLen (negative when the pad length is too big). */
  innerLen: number;
  /** The type of the first inner payload: the SK payload header's Next Payload. */
  firstPayload: number;
  icdChecked: boolean;
  icdGood: boolean;
  expectedIcd?: Uint8Array;
}

/**
 * Decrypts one SK or SKF payload.
 * @param msg the whole IKE message, from the IKE header to the end of the last payload
 * @param payOff offset in msg of the SK payload's generic header
 * @param payLen the payload length from that header (generic header included)
 * @param fromInitiator the I flag of the IKE header: which of SK_ei/SK_er and SK_ai/SK_ar applies
 * @param headerLen 4 for SK, 8 for SKF (fragment number and total follow the generic header)
 */
export function decryptIkev2Sk(keys: Ikev2Keys, msg: Uint8Array, payOff: number, payLen: number, fromInitiator: boolean, headerLen = 4): Ikev2SkDecryption | null {
  const e = keys.encr;
  const icdLen = e.icvLen || keys.integ.truncLen;
  const end = Math.min(payOff + payLen, msg.length);
  const ivOff = payOff + headerLen;
  const encOff = ivOff + e.ivLen;
  const icdOff = end - icdLen;
  const encLen = icdOff - encOff;
  if (encLen <= 0 || payOff + headerLen > msg.length) return null;
  const r: Ikev2SkDecryption = {
    ivOff, ivLen: e.ivLen, encOff, encLen, icdOff, icdLen, plain: null, padLen: 0, innerLen: 0,
    firstPayload: msg[payOff], icdChecked: false, icdGood: false,
  };
  const iv = msg.subarray(ivOff, encOff);
  const ct = msg.subarray(encOff, icdOff);
  const icd = msg.subarray(icdOff, icdOff + icdLen);
  const skE = fromInitiator ? keys.skEi : keys.skEr;
  const skA = fromInitiator ? keys.skAi : keys.skAr;

  if (!e.icvLen && keys.integ.hash) {
    const mac = new Uint8Array(createHmac(keys.integ.hash, skA).update(msg.subarray(0, icdOff)).digest().subarray(0, icdLen));
    r.icdChecked = true;
    r.icdGood = equalBytes(mac, icd);
    if (!r.icdGood) r.expectedIcd = mac;
  }
  if (!e.supported) {
    r.problem = `${e.name} is not supported`;
    return r;
  }
  if (encLen % e.blockLen !== 0) {
    r.problem = `encrypted data of ${encLen} bytes is not a multiple of the ${e.blockLen}-byte block`;
    return r;
  }
  const keyLen = e.keyLen - e.saltLen;
  const key = skE.subarray(0, keyLen);
  const salt = skE.subarray(keyLen);
  let plain: Uint8Array;
  if (e.mode === 'null') {
    plain = Uint8Array.from(ct);
  } else if (e.mode === 'cbc') {
    const d = createDecipheriv(e.cipher === '3des' ? 'des-ede3-cbc' : `aes-${keyLen * 8}-cbc`, key, iv).setAutoPadding(false);
    plain = new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
  } else if (e.mode === 'ctr') {
    // RFC 5930 §2 (as RFC 3686): nonce | IV | 32-bit counter from 1.
    const block = new Uint8Array(16);
    block.set(salt, 0);
    block.set(iv, 4);
    block[15] = 1;
    const d = createDecipheriv(`aes-${keyLen * 8}-ctr`, key, block);
    plain = new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
  } else {
    // GCM (RFC 5282 §4-5): nonce = salt | IV; the AAD is the message up to the end of the payload header.
    const nonce = new Uint8Array(12);
    nonce.set(salt, 0);
    nonce.set(iv, 4);
    const alg = `aes-${keyLen * 8}-gcm` as 'aes-128-gcm';
    plain = new Uint8Array(createCipheriv(alg, key, nonce, { authTagLength: 16 }).update(ct));
    const redo = createCipheriv(alg, key, nonce, { authTagLength: 16 });
    redo.setAAD(msg.subarray(0, payOff + headerLen));
    redo.update(plain);
    redo.final();
    const tag = new Uint8Array(redo.getAuthTag().subarray(0, icdLen));
    r.icdChecked = true;
    r.icdGood = equalBytes(tag, icd);
    if (!r.icdGood) r.expectedIcd = tag;
  }
  r.plain = plain;
  if (plain.length >= 1) {
    r.padLen = plain[plain.length - 1];
    r.innerLen = plain.length - 1 - r.padLen;
  }
  return r;
}
