/**
 * ESP decryption and ICV check (RFC 4303) with node:crypto, plus our own single DES (OpenSSL 3 keeps
 * it in the legacy provider). Works on the bytes of one ESP packet, SPI to ICV; says where the IV,
 * ciphertext and ICV are, what the plaintext is, and whether the ICV is the one the key gives.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { desCbcDecrypt } from '../crypto/des.js';
import { equalBytes } from './hex.js';
import type { EspSa } from './esp-sa.js';

export const ESP_HEADER_LEN = 8;

export interface EspDecryption {
  /** Offsets are from the SPI (byte 0 of the ESP header). */
  ivOff: number;
  ivLen: number;
  encOff: number;
  encLen: number;
  icvOff: number;
  icvLen: number;
  /** Payload, padding, pad length and next header; null when the ciphertext could not be decrypted. */
  plain: Uint8Array | null;
  /** Why plain is null (a length the cipher cannot take). */
  problem?: string;
  /** From the last two bytes of plain. */
  padLen: number;
  nextHeader: number;
  /** Bytes of payload before the padding; negative when the pad length is larger than what was decrypted. */
  payloadLen: number;
  /** RFC 4303 §2.4 default padding (1, 2, 3, …); false suggests a wrong key or a sender that pads otherwise. */
  padOk: boolean;
  /** Whether an ICV was computed (false for NULL and "ANY n bit" integrity). */
  icvChecked: boolean;
  icvGood: boolean;
  /** The ICV the key gives, when it differs from the packet's. */
  expectedIcv?: Uint8Array;
}

function aesName(keyLen: number, mode: string): string {
  return `aes-${keyLen * 8}-${mode}`;
}

/** AAD of RFC 4106 §5 / RFC 7634 §2.1: SPI and sequence number, with the high half of an ESN in between. */
function espAad(esp: Uint8Array, seqHigh: number | undefined): Uint8Array {
  if (seqHigh === undefined) return esp.subarray(0, 8);
  const a = new Uint8Array(12);
  a.set(esp.subarray(0, 4), 0);
  new DataView(a.buffer).setUint32(4, seqHigh >>> 0);
  a.set(esp.subarray(4, 8), 8);
  return a;
}

/**
 * Decrypts and checks one ESP packet. Returns null when it is too short to hold the header, IV and
 * ICV the SA says it has (Wireshark then shows nothing more either).
 * @param seqHigh high 32 bits of the sequence number when the SA uses ESN (RFC 4303 §2.2.1).
 */
export function decryptEsp(sa: EspSa, esp: Uint8Array, seqHigh?: number): EspDecryption | null {
  const c = sa.cipher;
  const ivLen = c.ivLen;
  const icvLen = sa.icvLen;
  const encLen = esp.length - ESP_HEADER_LEN - ivLen - icvLen;
  if (encLen <= 0) return null;
  const ivOff = ESP_HEADER_LEN;
  const encOff = ivOff + ivLen;
  const icvOff = encOff + encLen;
  const iv = esp.subarray(ivOff, encOff);
  const ct = esp.subarray(encOff, icvOff);
  const icv = esp.subarray(icvOff, icvOff + icvLen);
  const hi = sa.esn ? seqHigh ?? 0 : undefined;
  const r: EspDecryption = {
    ivOff, ivLen, encOff, encLen, icvOff, icvLen, plain: null, padLen: 0, nextHeader: 0, payloadLen: 0, padOk: false,
    icvChecked: false, icvGood: false,
  };

  // Integrity first, as a receiver does: HMAC over header, IV and ciphertext (RFC 4303 §3.3.4).
  if (!c.aead && sa.auth.hash && icvLen > 0) {
    const h = createHmac(sa.auth.hash, sa.authKey).update(esp.subarray(0, icvOff));
    if (hi !== undefined) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, hi >>> 0);
      h.update(b);
    }
    const mac = new Uint8Array(h.digest().subarray(0, icvLen));
    r.icvChecked = true;
    r.icvGood = equalBytes(mac, icv);
    if (!r.icvGood) r.expectedIcv = mac;
  }

  if (c.blockLen > 4 && encLen % c.blockLen !== 0) {
    r.problem = `ciphertext of ${encLen} bytes is not a multiple of the ${c.blockLen}-byte block`;
    return r;
  }
  if (encLen % 4 !== 0) {
    r.problem = `ciphertext of ${encLen} bytes does not end on a 4-byte boundary`;
    return r;
  }

  const keyLen = sa.encKey.length - c.saltLen;
  const key = sa.encKey.subarray(0, keyLen);
  const salt = sa.encKey.subarray(keyLen);
  let plain: Uint8Array;
  switch (c.id) {
    case 'null':
      plain = Uint8Array.from(ct);
      break;
    case 'aes-cbc': {
      const d = createDecipheriv(aesName(keyLen, 'cbc'), key, iv).setAutoPadding(false);
      plain = new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
      break;
    }
    case '3des-cbc': {
      const d = createDecipheriv('des-ede3-cbc', key, iv).setAutoPadding(false);
      plain = new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
      break;
    }
    case 'des-cbc':
      plain = desCbcDecrypt(key, iv, ct);
      break;
    case 'aes-ctr': {
      // RFC 3686 §4: counter block = nonce | IV | 32-bit block counter starting at 1.
      const block = new Uint8Array(16);
      block.set(salt, 0);
      block.set(iv, 4);
      block[15] = 1;
      const d = createDecipheriv(aesName(keyLen, 'ctr'), key, block);
      plain = new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
      break;
    }
    case 'aes-gcm':
    case 'chacha20-poly1305': {
      const nonce = new Uint8Array(12);
      nonce.set(salt, 0);
      nonce.set(iv, 4);
      const alg = c.id === 'aes-gcm' ? aesName(keyLen, 'gcm') : 'chacha20-poly1305';
      // Both are a counter-mode stream: running the encryptor over the ciphertext gives the
      // plaintext even when the tag is wrong (Wireshark shows it then too); running it over the
      // plaintext with the AAD gives the tag the key expects.
      const aad = espAad(esp, hi);
      const undo = createCipheriv(alg as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
      plain = new Uint8Array(undo.update(ct));
      const redo = createCipheriv(alg as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
      redo.setAAD(aad);
      redo.update(plain);
      redo.final();
      const tag = new Uint8Array(redo.getAuthTag().subarray(0, icvLen));
      r.icvChecked = true;
      r.icvGood = equalBytes(tag, icv);
      if (!r.icvGood) r.expectedIcv = tag;
      break;
    }
  }
  r.plain = plain;
  if (plain.length >= 2) {
    r.padLen = plain[plain.length - 2];
    r.nextHeader = plain[plain.length - 1];
    r.payloadLen = plain.length - 2 - r.padLen;
    r.padOk = r.payloadLen >= 0;
    for (let i = 0; r.padOk && i < r.padLen; i++) if (plain[r.payloadLen + i] !== i + 1) r.padOk = false;
  }
  return r;
}
