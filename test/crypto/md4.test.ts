import { describe, expect, it } from 'vitest';
import { md4 } from '../../src/crypto/md4.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('MD4 (RFC 1320 appendix A.5 test suite)', () => {
  const vectors: [string, string][] = [
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'e33b4ddc9c38f2199c3e7b164fcc0536'],
  ];
  for (const [msg, digest] of vectors) {
    it(`MD4("${msg.length > 20 ? msg.slice(0, 20) + '…' : msg}")`, () => {
      expect(hex(md4(Buffer.from(msg, 'ascii')))).toBe(digest);
    });
  }

  it('pads correctly around the 56-byte boundary (55, 56, 63, 64 bytes give distinct digests)', () => {
    const digests = [55, 56, 63, 64].map((n) => hex(md4(new Uint8Array(n).fill(0x61))));
    expect(new Set(digests).size).toBe(4);
    // 56 'a's straddles the length field: a classic padding bug would make this equal the 55-byte digest.
    expect(digests[0]).not.toBe(digests[1]);
  });
});
