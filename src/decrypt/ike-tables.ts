/**
 * Wireshark's IKE key tables: ikev2_decryption_table (SPIs, SK_ei/SK_er, encryption, SK_ai/SK_ar,
 * integrity) and ikev1_decryption_table (initiator cookie, encryption key), as Wireshark and
 * strongSwan's save-keys plugin write them.
 */
import { KeyFileError } from './key-file-error.js';
import { parseUat } from './uat.js';
import { parseHex, toHex } from './hex.js';

export type Ikev2EncrMode = 'null' | 'cbc' | 'ctr' | 'gcm' | 'ccm';

export interface Ikev2Encr {
  name: string;
  cipher: 'null' | 'aes' | '3des';
  mode: Ikev2EncrMode;
  /** SK_e length: cipher key plus salt. */
  keyLen: number;
  saltLen: number;
  ivLen: number;
  blockLen: number;
  /** AEAD tag bytes (the ICD), 0 otherwise. */
  icvLen: number;
  /** False for table entries we can read but not decrypt (AES-CCM). */
  supported: boolean;
}

export interface Ikev2Integ {
  name: string;
  hash: 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512' | null;
  keyLen: number;
  /** ICD bytes. */
  truncLen: number;
}

const ENCR: Ikev2Encr[] = [
  { name: 'NULL [RFC2410]', cipher: 'null', mode: 'null', keyLen: 0, saltLen: 0, ivLen: 0, blockLen: 1, icvLen: 0, supported: true },
  { name: '3DES [RFC2451]', cipher: '3des', mode: 'cbc', keyLen: 24, saltLen: 0, ivLen: 8, blockLen: 8, icvLen: 0, supported: true },
];
for (const bits of [128, 192, 256]) {
  const k = bits / 8;
  ENCR.push({ name: `AES-CBC-${bits} [RFC3602]`, cipher: 'aes', mode: 'cbc', keyLen: k, saltLen: 0, ivLen: 16, blockLen: 16, icvLen: 0, supported: true });
  ENCR.push({ name: `AES-CTR-${bits} [RFC5930]`, cipher: 'aes', mode: 'ctr', keyLen: k + 4, saltLen: 4, ivLen: 8, blockLen: 1, icvLen: 0, supported: true });
  for (const icv of [8, 12, 16]) {
    ENCR.push({ name: `AES-GCM-${bits} with ${icv} octet ICV [RFC5282]`, cipher: 'aes', mode: 'gcm', keyLen: k + 4, saltLen: 4, ivLen: 8, blockLen: 1, icvLen: icv, supported: true });
    ENCR.push({ name: `AES-CCM-${bits} with ${icv} octet ICV [RFC5282]`, cipher: 'aes', mode: 'ccm', keyLen: k + 3, saltLen: 3, ivLen: 8, blockLen: 1, icvLen: icv, supported: false });
  }
}

const INTEG: Ikev2Integ[] = [
  { name: 'NONE [RFC4306]', hash: null, keyLen: 0, truncLen: 0 },
  { name: 'HMAC_MD5_96 [RFC2403]', hash: 'md5', keyLen: 16, truncLen: 12 },
  { name: 'HMAC_SHA1_96 [RFC2404]', hash: 'sha1', keyLen: 20, truncLen: 12 },
  { name: 'HMAC_MD5_128 [RFC4595]', hash: 'md5', keyLen: 16, truncLen: 16 },
  { name: 'HMAC_SHA1_160 [RFC4595]', hash: 'sha1', keyLen: 20, truncLen: 20 },
  { name: 'HMAC_SHA2_256_96 [draft-ietf-ipsec-ciph-sha-256-00]', hash: 'sha256', keyLen: 32, truncLen: 12 },
  { name: 'HMAC_SHA2_256_128 [RFC4868]', hash: 'sha256', keyLen: 32, truncLen: 16 },
  { name: 'HMAC_SHA2_384_192 [RFC4868]', hash: 'sha384', keyLen: 48, truncLen: 24 },
  { name: 'HMAC_SHA2_512_256 [RFC4868]', hash: 'sha512', keyLen: 64, truncLen: 32 },
  { name: 'ANY 64-bits of Authentication [No Checking]', hash: null, keyLen: 0, truncLen: 8 },
  { name: 'ANY 96-bits of Authentication [No Checking]', hash: null, keyLen: 0, truncLen: 12 },
  { name: 'ANY 128-bits of Authentication [No Checking]', hash: null, keyLen: 0, truncLen: 16 },
  { name: 'ANY 160-bits of Authentication [No Checking]', hash: null, keyLen: 0, truncLen: 20 },
  { name: 'ANY 192-bits of Authentication [No Checking]', hash: null, keyLen: 0, truncLen: 24 },
  { name: 'ANY 256-bits of Authentication [No Checking]', hash: null, keyLen: 0, truncLen: 32 },
];

export function ikev2EncrByName(name: string): Ikev2Encr | undefined {
  const n = name.trim().toLowerCase();
  return ENCR.find((e) => e.name.toLowerCase() === n);
}

export function ikev2IntegByName(name: string): Ikev2Integ | undefined {
  const n = name.trim().toLowerCase();
  return INTEG.find((e) => e.name.toLowerCase() === n);
}

export interface Ikev2Keys {
  ispi: Uint8Array;
  rspi: Uint8Array;
  encr: Ikev2Encr;
  integ: Ikev2Integ;
  skEi: Uint8Array;
  skEr: Uint8Array;
  skAi: Uint8Array;
  skAr: Uint8Array;
  origin: string;
}

/** The table key of an IKEv2 SA: both SPIs as hex. */
export function ikev2SaKey(ispi: Uint8Array, rspi: Uint8Array): string {
  return `${toHex(ispi)}/${toHex(rspi)}`;
}

function bareHex(text: string): Uint8Array | null {
  return parseHex(text);
}

export function parseIkev2Table(text: string, file: string): Ikev2Keys[] {
  const bad = (line: number, reason: string): never => {
    throw new KeyFileError(file, line, reason);
  };
  const out: Ikev2Keys[] = [];
  for (const r of parseUat(text, bad)) {
    const f = r.fields;
    if (f.length !== 8) bad(r.line, `ikev2_decryption_table: expected 8 fields (SPIi, SPIr, SK_ei, SK_er, encryption, SK_ai, SK_ar, integrity), found ${f.length}`);
    const ispi = bareHex(f[0]);
    const rspi = bareHex(f[1]);
    if (!ispi || ispi.length !== 8) bad(r.line, 'ikev2_decryption_table: the initiator SPI must be 16 hex digits');
    if (!rspi || rspi.length !== 8) bad(r.line, 'ikev2_decryption_table: the responder SPI must be 16 hex digits');
    const encr = ikev2EncrByName(f[4]) ?? bad(r.line, `ikev2_decryption_table: unknown encryption algorithm "${f[4]}"`);
    const integ = ikev2IntegByName(f[7]) ?? bad(r.line, `ikev2_decryption_table: unknown integrity algorithm "${f[7]}"`);
    const keys = [f[2], f[3], f[5], f[6]].map((k, i) => bareHex(k) ?? bad(r.line, `ikev2_decryption_table: ${['SK_ei', 'SK_er', 'SK_ai', 'SK_ar'][i]} is not hex`));
    const [skEi, skEr, skAi, skAr] = keys;
    if (encr.icvLen && integ.hash) bad(r.line, `ikev2_decryption_table: ${encr.name} carries its own ICV, so the integrity algorithm must be NONE`);
    for (const [k, n] of [[skEi, 'SK_ei'], [skEr, 'SK_er']] as const) {
      if (k.length !== encr.keyLen) bad(r.line, `ikev2_decryption_table: ${n} has ${k.length} bytes, ${encr.name} needs ${encr.keyLen}`);
    }
    for (const [k, n] of [[skAi, 'SK_ai'], [skAr, 'SK_ar']] as const) {
      if (integ.hash && k.length !== integ.keyLen) bad(r.line, `ikev2_decryption_table: ${n} has ${k.length} bytes, ${integ.name} needs ${integ.keyLen}`);
    }
    out.push({ ispi: ispi!, rspi: rspi!, encr, integ, skEi, skEr, skAi, skAr, origin: `${file}:${r.line}` });
  }
  return out;
}

export interface Ikev1Key {
  icookie: Uint8Array;
  key: Uint8Array;
  origin: string;
}

export function parseIkev1Table(text: string, file: string): Ikev1Key[] {
  const bad = (line: number, reason: string): never => {
    throw new KeyFileError(file, line, reason);
  };
  const out: Ikev1Key[] = [];
  for (const r of parseUat(text, bad)) {
    const f = r.fields;
    if (f.length !== 2) bad(r.line, `ikev1_decryption_table: expected 2 fields (initiator cookie, encryption key), found ${f.length}`);
    const icookie = bareHex(f[0]);
    if (!icookie || icookie.length !== 8) bad(r.line, "ikev1_decryption_table: the initiator's cookie must be 16 hex digits");
    const key = bareHex(f[1]);
    if (!key || key.length === 0) bad(r.line, 'ikev1_decryption_table: the encryption key must be hex');
    if (key!.length > 256) bad(r.line, 'ikev1_decryption_table: the encryption key is longer than 256 bytes');
    out.push({ icookie: icookie!, key: key!, origin: `${file}:${r.line}` });
  }
  return out;
}
