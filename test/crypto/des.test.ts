import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Des, desCbcDecrypt, desCbcEncrypt, desEcbDecrypt, desEcbEncrypt, expandDesKey } from '../../src/crypto/des.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const h = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('DES block cipher (FIPS 46-3)', () => {
  it('encrypts and decrypts the textbook example (key 133457799BBCDFF1)', () => {
    const d = new Des(h('133457799BBCDFF1'));
    expect(hex(d.encryptBlock(h('0123456789ABCDEF')))).toBe('85E813540F0AB405');
    expect(hex(d.decryptBlock(h('85E813540F0AB405')))).toBe('0123456789ABCDEF');
  });

  it('passes NBS SP 500-20 known-answer entries', () => {
    // Initial permutation test: weak key 0101..., first plaintext entry.
    expect(hex(new Des(h('0101010101010101')).encryptBlock(h('95F8A5E5DD31D900')))).toBe('8000000000000000');
    expect(hex(new Des(h('0101010101010101')).encryptBlock(h('8000000000000000')))).toBe('95F8A5E5DD31D900');
    // Variable key test, first entry.
    expect(hex(new Des(h('8001010101010101')).encryptBlock(h('0000000000000000')))).toBe('95A8D72813DAA94D');
  });

  it('ECB and CBC match the FIPS 81 "Now is the time for all " examples', () => {
    const key = h('0123456789ABCDEF');
    const pt = new Uint8Array(Buffer.from('Now is the time for all ', 'ascii'));
    expect(hex(desEcbEncrypt(key, pt))).toBe('3FA40E8A984D48156A271787AB8883F9893D51EC4B563B53');
    const iv = h('1234567890ABCDEF');
    const ct = desCbcEncrypt(key, iv, pt);
    expect(hex(ct)).toBe('E5C7CDDE872BF27C43E934008C389C0F683788499A7C05F6');
    expect(Buffer.from(desCbcDecrypt(key, iv, ct)).toString('ascii')).toBe('Now is the time for all ');
    expect(Buffer.from(desEcbDecrypt(key, desEcbEncrypt(key, pt))).toString('ascii')).toBe('Now is the time for all ');
  });

  it('agrees with OpenSSL 3DES-EDE when all three keys are equal (EDE with K1=K2=K3 is single DES)', () => {
    // A deterministic spread of keys and data, not random, so a failure reproduces.
    for (let n = 0; n < 40; n++) {
      const key = new Uint8Array(8).map((_, i) => (n * 37 + i * 91 + 13) & 0xff);
      const iv = new Uint8Array(8).map((_, i) => (n * 11 + i * 29) & 0xff);
      const pt = new Uint8Array(24).map((_, i) => (n * 7 + i * 53 + 1) & 0xff);
      const ossl = createCipheriv('des-ede3-cbc', Buffer.concat([key, key, key]), iv).setAutoPadding(false);
      const ref = Buffer.concat([ossl.update(pt), ossl.final()]);
      expect(hex(desCbcEncrypt(key, iv, pt))).toBe(hex(ref));
    }
  });

  it('rejects lengths that are not whole blocks', () => {
    expect(() => desEcbEncrypt(h('0123456789ABCDEF'), new Uint8Array(7))).toThrow(RangeError);
    expect(() => new Des(new Uint8Array(7))).toThrow(RangeError);
  });

  it('spreads a 56-bit key over 8 bytes with odd parity', () => {
    const k = expandDesKey(h('FFFFFFFFFFFFFF'));
    expect(hex(k)).toBe('FEFEFEFEFEFEFEFE');
    const z = expandDesKey(h('00000000000000'));
    expect(hex(z)).toBe('0101010101010101');
    for (const b of expandDesKey(h('44EBBA8D5312B8'))) {
      let ones = 0;
      for (let i = 0; i < 8; i++) ones += (b >> i) & 1;
      expect(ones % 2).toBe(1);
    }
  });
});
