/**
 * MS-CHAPv2 (RFC 2759 §8): the NT-Response the peer sends and the "S=" authenticator response the
 * server returns. The PPTP sample generator computes them for real, and the decryption feature
 * recomputes them to check a candidate password against a captured exchange.
 */
import { createHash } from 'node:crypto';
import { md4 } from './md4.js';
import { Des, expandDesKey } from './des.js';

/** RFC 2759 §8.3: MD4 over the password in Unicode (UTF-16LE, no terminator). */
export function ntPasswordHash(password: string): Uint8Array {
  return md4(Buffer.from(password, 'utf16le'));
}

/** RFC 2759 §8.4: MD4 of the password hash (what the server keeps to check the response). */
export function hashNtPasswordHash(passwordHash: Uint8Array): Uint8Array {
  return md4(passwordHash);
}

/**
 * RFC 2759 §8.2: the 8-byte challenge the DES step encrypts:
 * SHA1(PeerChallenge | AuthenticatorChallenge | UserName)[0..8]. The user name is the one sent in the
 * Response packet, without any domain prefix stripping (callers pass what the wire carries).
 */
export function challengeHash(peerChallenge: Uint8Array, authenticatorChallenge: Uint8Array, userName: string | Uint8Array): Uint8Array {
  if (peerChallenge.length !== 16 || authenticatorChallenge.length !== 16) throw new RangeError('MS-CHAPv2 challenges are 16 bytes');
  const name = typeof userName === 'string' ? Buffer.from(userName, 'utf8') : userName;
  const h = createHash('sha1').update(peerChallenge).update(authenticatorChallenge).update(name).digest();
  return new Uint8Array(h.subarray(0, 8));
}

/** RFC 2759 §8.5: three DES encryptions of the challenge, keyed by the 16-byte hash padded to 21 bytes. */
export function challengeResponse(challenge: Uint8Array, passwordHash: Uint8Array): Uint8Array {
  if (challenge.length !== 8) throw new RangeError('challenge must be 8 bytes');
  if (passwordHash.length !== 16) throw new RangeError('password hash must be 16 bytes');
  const z = new Uint8Array(21);
  z.set(passwordHash);
  const out = new Uint8Array(24);
  for (let i = 0; i < 3; i++) out.set(new Des(expandDesKey(z.subarray(i * 7, i * 7 + 7))).encryptBlock(challenge), i * 8);
  return out;
}

/** RFC 2759 §8.1: the 24-byte NT-Response of the MS-CHAPv2 Response packet. */
export function generateNtResponse(
  authenticatorChallenge: Uint8Array,
  peerChallenge: Uint8Array,
  userName: string | Uint8Array,
  password: string,
): Uint8Array {
  return generateNtResponseFromHash(authenticatorChallenge, peerChallenge, userName, ntPasswordHash(password));
}

/** As `generateNtResponse`, from the NT password hash (what a server or a cracked hash gives). */
export function generateNtResponseFromHash(
  authenticatorChallenge: Uint8Array,
  peerChallenge: Uint8Array,
  userName: string | Uint8Array,
  passwordHash: Uint8Array,
): Uint8Array {
  return challengeResponse(challengeHash(peerChallenge, authenticatorChallenge, userName), passwordHash);
}

const MAGIC1 = Buffer.from('Magic server to client signing constant', 'ascii');
const MAGIC2 = Buffer.from('Pad to make it do more than one iteration', 'ascii');

/**
 * RFC 2759 §8.7: the 42-character "S=<40 uppercase hex>" string of the Success packet, which proves
 * to the peer that the server also knows the password.
 */
export function generateAuthenticatorResponse(
  password: string,
  ntResponse: Uint8Array,
  peerChallenge: Uint8Array,
  authenticatorChallenge: Uint8Array,
  userName: string | Uint8Array,
): string {
  return generateAuthenticatorResponseFromHash(ntPasswordHash(password), ntResponse, peerChallenge, authenticatorChallenge, userName);
}

export function generateAuthenticatorResponseFromHash(
  passwordHash: Uint8Array,
  ntResponse: Uint8Array,
  peerChallenge: Uint8Array,
  authenticatorChallenge: Uint8Array,
  userName: string | Uint8Array,
): string {
  if (ntResponse.length !== 24) throw new RangeError('NT-Response must be 24 bytes');
  const hashHash = hashNtPasswordHash(passwordHash);
  const d1 = createHash('sha1').update(hashHash).update(ntResponse).update(MAGIC1).digest();
  const ch = challengeHash(peerChallenge, authenticatorChallenge, userName);
  const d2 = createHash('sha1').update(d1).update(ch).update(MAGIC2).digest();
  return 'S=' + d2.toString('hex').toUpperCase();
}

/** RFC 2759 §8.8: constant-time-irrelevant check of a received "S=" string (case-insensitive hex). */
export function checkAuthenticatorResponse(
  password: string,
  ntResponse: Uint8Array,
  peerChallenge: Uint8Array,
  authenticatorChallenge: Uint8Array,
  userName: string | Uint8Array,
  received: string,
): boolean {
  return generateAuthenticatorResponse(password, ntResponse, peerChallenge, authenticatorChallenge, userName).toUpperCase() === received.slice(0, 42).toUpperCase();
}
