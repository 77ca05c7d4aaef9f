/**
 * ESP (RFC 4303) with AES-CBC (RFC 3602) or NULL encryption (RFC 2410) and HMAC integrity
 * (HMAC-SHA1-96, RFC 2404; HMAC-SHA2-256-128, RFC 4868), and its UDP encapsulation (RFC 3948).
 */
import { createCipheriv, createHmac } from 'node:crypto';
import { concat, u32, u8 } from './bytes.js';

export interface EspSa {
  spi: number;
  /** 16 bytes for AES-CBC-128; absent for NULL encryption. */
  encKey?: Uint8Array;
  integKey: Uint8Array;
  integ: 'sha1-96' | 'sha256-128';
  seq: number;
}

/**
 * One ESP packet: SPI, sequence number, [IV], encrypted payload with the self-describing padding
 * 1, 2, 3, ... (§2.4), pad length and next header, then the truncated HMAC over all of it.
 */
export function espPacket(sa: EspSa, nextHeader: number, payload: Uint8Array, iv?: Uint8Array): Uint8Array {
  sa.seq += 1;
  const block = sa.encKey ? 16 : 4;
  const padLen = (block - ((payload.length + 2) % block)) % block;
  const pad = new Uint8Array(padLen).map((_, i) => i + 1);
  const plain = concat(payload, pad, u8(padLen), u8(nextHeader));
  let body: Uint8Array;
  if (sa.encKey) {
    if (!iv || iv.length !== 16) throw new Error('AES-CBC needs a 16-byte IV');
    const c = createCipheriv(`aes-${sa.encKey.length * 8}-cbc`, sa.encKey, iv).setAutoPadding(false);
    body = concat(iv, new Uint8Array(c.update(plain)), new Uint8Array(c.final()));
  } else {
    body = plain;
  }
  const covered = concat(u32(sa.spi), u32(sa.seq), body);
  const [alg, len] = sa.integ === 'sha1-96' ? ['sha1', 12] : ['sha256', 16];
  const icv = new Uint8Array(createHmac(alg, sa.integKey).update(covered).digest().subarray(0, len));
  return concat(covered, icv);
}

/** The line Wireshark's ESP SA table (the `esp_sa` UAT file) wants for one SA. */
export function wiresharkEspSaLine(family: 'IPv4' | 'IPv6', src: string, dst: string, sa: EspSa): string {
  const hexKey = (k?: Uint8Array) => (k ? '0x' + Buffer.from(k).toString('hex').toUpperCase() : '');
  const enc = sa.encKey ? 'AES-CBC [RFC3602]' : 'NULL';
  const auth = sa.integ === 'sha1-96' ? 'HMAC-SHA-1-96 [RFC2404]' : 'HMAC-SHA-256-128 [RFC4868]';
  const spi = '0x' + sa.spi.toString(16).padStart(8, '0');
  return `"${family}","${src}","${dst}","${spi}","${enc}","${hexKey(sa.encKey)}","${auth}","${hexKey(sa.integKey)}"`;
}
