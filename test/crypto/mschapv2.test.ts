import { describe, expect, it } from 'vitest';
import {
  challengeHash,
  challengeResponse,
  checkAuthenticatorResponse,
  generateAuthenticatorResponse,
  generateNtResponse,
  hashNtPasswordHash,
  ntPasswordHash,
} from '../../src/crypto/mschapv2.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const h = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

// RFC 2759 §9.2 "Hash Example".
const userName = 'User';
const password = 'clientPass';
const authChallenge = h('5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28');
const peerChallenge = h('21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E');

describe('MS-CHAPv2 (RFC 2759 §9.2 example)', () => {
  it('NtPasswordHash and HashNtPasswordHash', () => {
    expect(hex(ntPasswordHash(password))).toBe('44EBBA8D5312B8D611474411F56989AE');
    expect(hex(hashNtPasswordHash(ntPasswordHash(password)))).toBe('41C00C584BD2D91C4017A2A12FA59F3F');
  });

  it('ChallengeHash', () => {
    expect(hex(challengeHash(peerChallenge, authChallenge, userName))).toBe('D02E4386BCE91226');
  });

  it('NT-Response', () => {
    expect(hex(generateNtResponse(authChallenge, peerChallenge, userName, password))).toBe(
      '82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF',
    );
    expect(hex(challengeResponse(h('D02E4386BCE91226'), ntPasswordHash(password)))).toBe(
      '82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF',
    );
  });

  it('AuthenticatorResponse', () => {
    const nt = h('82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF');
    expect(generateAuthenticatorResponse(password, nt, peerChallenge, authChallenge, userName)).toBe(
      'S=407A5589115FD0D6209F510FE9C04566932CDA56',
    );
    expect(checkAuthenticatorResponse(password, nt, peerChallenge, authChallenge, userName, 'S=407a5589115fd0d6209f510fe9c04566932cda56 M=ok')).toBe(true);
    expect(checkAuthenticatorResponse('wrong', nt, peerChallenge, authChallenge, userName, 'S=407A5589115FD0D6209F510FE9C04566932CDA56')).toBe(false);
  });

  it('a different password gives a different NT-Response', () => {
    expect(hex(generateNtResponse(authChallenge, peerChallenge, userName, 'clientPasS'))).not.toBe(
      '82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF',
    );
  });

  it('rejects wrong challenge sizes', () => {
    expect(() => challengeHash(new Uint8Array(8), authChallenge, userName)).toThrow(RangeError);
  });
});
