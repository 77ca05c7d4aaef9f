/**
 * ESP security associations: what vpnshark needs to decrypt and verify one direction of ESP, read
 * from Wireshark's esp_sa table (as strongSwan's save-keys plugin also writes it) or from
 * `ip xfrm state` output (xfrm-state.ts).
 */
import { KeyFileError } from './key-file-error.js';
import { parseUat } from './uat.js';
import { parseHex } from './hex.js';
import { espAuthByName, espCipherByName, type EspAuth, type EspCipher } from './esp-algorithms.js';
import {
  addressMatches, parseAddress, parseAddressPattern, parseSpiPattern, spiMatches,
  type AddressPattern, type SpiPattern,
} from './address-pattern.js';

export interface EspSa {
  family: 'ipv4' | 'ipv6' | 'any';
  src: AddressPattern;
  dst: AddressPattern;
  spi: SpiPattern;
  cipher: EspCipher;
  /** The configured key, salt included (AES-CTR/GCM, ChaCha20: the last 4 bytes). */
  encKey: Uint8Array;
  auth: EspAuth;
  authKey: Uint8Array;
  /** Bytes of ICV at the end of each packet: the AEAD tag or the truncated HMAC. */
  icvLen: number;
  /** 64-bit sequence numbers (RFC 4303 §2.2.1): the high half enters the ICV but is not sent. */
  esn: boolean;
  /** Where it was read, for messages. */
  origin: string;
}

/** Wireshark's compute_ascii_key: "0x…" is hex (an odd digit count gets a leading 0), anything else is the key's own bytes. */
export function parseWiresharkKey(text: string): Uint8Array | null {
  const t = text.trim();
  if (/^0[xX]/.test(t)) {
    let digits = t.slice(2);
    if (digits.length % 2 === 1) digits = '0' + digits;
    return parseHex(digits);
  }
  return new Uint8Array(Buffer.from(t, 'latin1'));
}

/**
 * Checks an SA's key lengths against its algorithms and works out the ICV length. Returns an error
 * text, or null when the SA is usable.
 */
export function checkEspKeys(sa: Pick<EspSa, 'cipher' | 'encKey' | 'auth'>): string | null {
  const c = sa.cipher;
  const keyLen = sa.encKey.length - c.saltLen;
  if (c.id === 'null') return null;
  if (!c.keyLens.includes(keyLen)) {
    const want = c.keyLens.map((n) => `${(n + c.saltLen) * 8}`).join(', ');
    return `${c.name} needs a key of ${want} bits${c.saltLen ? ` (cipher key + ${c.saltLen * 8}-bit salt)` : ''}, this one has ${sa.encKey.length * 8}`;
  }
  return null;
}

export function effectiveIcvLen(cipher: EspCipher, auth: EspAuth): number {
  if (cipher.aead) return cipher.tagLen || auth.icvLen || 16;
  return auth.icvLen;
}

const FAMILIES: Record<string, EspSa['family']> = { ipv4: 'ipv4', ipv6: 'ipv6', any: 'any' };

/** Reads an esp_sa file's text. Throws KeyFileError on the first bad line. */
export function parseEspSaFile(text: string, file: string): EspSa[] {
  const bad = (line: number, reason: string): never => {
    throw new KeyFileError(file, line, reason);
  };
  const out: EspSa[] = [];
  for (const r of parseUat(text, bad)) {
    const f = r.fields;
    // Wireshark 4.0 writes eight fields; later versions append the SN length and ESN high bits.
    if (f.length !== 8 && f.length !== 10) bad(r.line, `esp_sa: expected 8 fields (protocol, source, destination, SPI, encryption, key, authentication, key), found ${f.length}`);
    const family = FAMILIES[f[0].toLowerCase()] ?? bad(r.line, `esp_sa: unknown protocol "${f[0]}" (IPv4, IPv6 or Any)`);
    const src = parseAddressPattern(f[1]) ?? bad(r.line, `esp_sa: "${f[1]}" is not an address or address pattern`);
    const dst = parseAddressPattern(f[2]) ?? bad(r.line, `esp_sa: "${f[2]}" is not an address or address pattern`);
    const spi = parseSpiPattern(f[3]) ?? bad(r.line, `esp_sa: "${f[3]}" is not an SPI (number, 0x…, or with * wildcards)`);
    const cipher = espCipherByName(f[4]) ?? bad(r.line, `esp_sa: unknown encryption algorithm "${f[4]}"`);
    const encKey = parseWiresharkKey(f[5]) ?? bad(r.line, 'esp_sa: the encryption key is not valid hex after 0x');
    const auth = espAuthByName(f[6]) ?? bad(r.line, `esp_sa: unknown authentication algorithm "${f[6]}"`);
    const authKey = parseWiresharkKey(f[7]) ?? bad(r.line, 'esp_sa: the authentication key is not valid hex after 0x');
    const sa: EspSa = { family, src, dst, spi, cipher, encKey, auth, authKey, icvLen: effectiveIcvLen(cipher, auth), esn: f.length === 10 && f[8].includes('64'), origin: `${file}:${r.line}` };
    const problem = checkEspKeys(sa);
    if (problem) bad(r.line, `esp_sa: ${problem}`);
    out.push(sa);
  }
  return out;
}

/** The first SA (in file order, as Wireshark searches) for this packet's addresses and SPI. */
export function findEspSa(sas: readonly EspSa[], src: string, dst: string, spi: number): EspSa | undefined {
  const s = parseAddress(src);
  const d = parseAddress(dst);
  if (!s || !d) return undefined;
  const fam = s.length === 4 ? 'ipv4' : 'ipv6';
  for (const sa of sas) {
    if (sa.family !== 'any' && sa.family !== fam) continue;
    if (spiMatches(sa.spi, spi) && addressMatches(sa.src, s) && addressMatches(sa.dst, d)) return sa;
  }
  return undefined;
}
