/**
 * Checks a captured MS-CHAPv2 exchange (RFC 2759) against the passwords or NT hashes the user gave:
 * the peer's NT-Response proves which one is right, the authenticator's "S=" response is checked
 * with it, and the MPPE start keys (RFC 3079) follow from it.
 */
import { generateAuthenticatorResponseFromHash, generateNtResponseFromHash } from '../crypto/mschapv2.js';
import { mppeStartKeysFromHash, type MppeStartKeys, type MppeStrength } from '../crypto/mppe.js';
import { equalBytes } from './hex.js';
import type { PppCredential } from './ppp-credentials.js';

export interface MsChapV2Exchange {
  /** 16 bytes, from the Challenge packet. */
  authChallenge: Uint8Array;
  /** 16 bytes, from the Response packet. */
  peerChallenge: Uint8Array;
  /** 24 bytes, from the Response packet. */
  ntResponse: Uint8Array;
  /** The Name field of the Response packet, as sent. */
  userName: Uint8Array;
  /** The Success packet's message, when seen ("S=<40 hex> M=…"). */
  successMessage?: string;
}

export type MsChapV2Status = 'verified' | 'mismatch' | 'no-credentials';

export interface MsChapV2Verification {
  status: MsChapV2Status;
  /** Which credential matched (its label, not the secret). */
  matched?: string;
  /** The matching NT password hash, for MPPE. */
  ntHash?: Uint8Array;
  /** With a match and a Success message: whether its "S=" is the one the password gives; null when there was none. */
  authenticatorOk: boolean | null;
  /** The user name bytes that went into the challenge hash (the domain prefix dropped, RFC 2759 §8.2). */
  hashedName?: Uint8Array;
}

/** RFC 2759 §8.2: only the user name, without a "DOMAIN\" prefix, enters the challenge hash. */
export function nameCandidates(userName: Uint8Array): Uint8Array[] {
  const slash = userName.lastIndexOf(0x5c);
  if (slash < 0) return [userName];
  // Some peers hash the whole name; try the RFC's form first.
  return [userName.subarray(slash + 1), userName];
}

function userMatches(c: PppCredential, userName: Uint8Array): boolean {
  if (c.user === null) return true;
  const name = Buffer.from(userName).toString('utf8').toLowerCase();
  const want = c.user.toLowerCase();
  return name === want || name.endsWith('\\' + want);
}

export function verifyMsChapV2(ex: MsChapV2Exchange, creds: readonly PppCredential[]): MsChapV2Verification {
  if (creds.length === 0) return { status: 'no-credentials', authenticatorOk: null };
  if (ex.authChallenge.length !== 16 || ex.peerChallenge.length !== 16 || ex.ntResponse.length !== 24) {
    return { status: 'mismatch', authenticatorOk: null };
  }
  for (const c of creds) {
    if (!userMatches(c, ex.userName)) continue;
    for (const name of nameCandidates(ex.userName)) {
      const nt = generateNtResponseFromHash(ex.authChallenge, ex.peerChallenge, name, c.ntHash);
      if (!equalBytes(nt, ex.ntResponse)) continue;
      let authenticatorOk: boolean | null = null;
      const m = ex.successMessage?.match(/S=([0-9A-Fa-f]{40})/);
      if (m) {
        const s = generateAuthenticatorResponseFromHash(c.ntHash, ex.ntResponse, ex.peerChallenge, ex.authChallenge, name);
        authenticatorOk = s.slice(2).toUpperCase() === m[1].toUpperCase();
      }
      return { status: 'verified', matched: c.label, ntHash: c.ntHash, authenticatorOk, hashedName: name };
    }
  }
  return { status: 'mismatch', authenticatorOk: null };
}

/** Both directions' MPPE start keys for a verified exchange. */
export function mppeKeysFor(v: MsChapV2Verification, ntResponse: Uint8Array, bits: MppeStrength): MppeStartKeys | null {
  if (v.status !== 'verified' || !v.ntHash) return null;
  return mppeStartKeysFromHash(v.ntHash, ntResponse, bits);
}
