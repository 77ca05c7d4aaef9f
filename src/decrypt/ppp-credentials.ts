/**
 * PPP secrets given on the command line: `--ppp-password PASSWORD` or `USER:PASSWORD` (several
 * allowed; settings key 'ppp.password', a string or an array) and `--ppp-nthash HEX` (the 16-byte
 * NT password hash, settings key 'ppp.nthash', a string or an array).
 */
import { ntPasswordHash } from '../crypto/mschapv2.js';
import { parseHex } from './hex.js';

export interface PppCredential {
  /** Only for this user name (case-insensitive), or any user when null. */
  user: string | null;
  /** The MD4 of the UTF-16LE password (RFC 2759 NtPasswordHash). */
  ntHash: Uint8Array;
  /** How it was given, for messages: never the secret itself. */
  label: string;
}

export class PppCredentialError extends Error {}

function list(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.flatMap(list);
  return [String(v)];
}

/**
 * The credentials in settings. A "USER:PASSWORD" entry is tried both as that user's password and,
 * for any user, as a password that itself contains ':' — a colon is legal in passwords.
 */
export function pppCredentials(settings: Record<string, unknown>): PppCredential[] {
  const out: PppCredential[] = [];
  let n = 0;
  for (const entry of list(settings['ppp.password'])) {
    n++;
    const colon = entry.indexOf(':');
    if (colon > 0) {
      const user = entry.slice(0, colon);
      out.push({ user, ntHash: ntPasswordHash(entry.slice(colon + 1)), label: `--ppp-password #${n} (user ${user})` });
    }
    out.push({ user: null, ntHash: ntPasswordHash(entry), label: `--ppp-password #${n}` });
  }
  let m = 0;
  for (const entry of list(settings['ppp.nthash'])) {
    m++;
    const colon = entry.lastIndexOf(':');
    // "USER:HASH" is accepted too, for symmetry with passwords.
    const user = colon > 0 && /^[0-9a-fA-F]{32}$/.test(entry.slice(colon + 1)) ? entry.slice(0, colon) : null;
    const h = parseHex(user ? entry.slice(colon + 1) : entry);
    if (!h || h.length !== 16) throw new PppCredentialError(`--ppp-nthash #${m}: an NT hash is 32 hex digits`);
    out.push({ user, ntHash: h, label: `--ppp-nthash #${m}${user ? ` (user ${user})` : ''}` });
  }
  return out;
}
