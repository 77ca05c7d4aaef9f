/**
 * IKEv1 IV chaining (RFC 2409 appendix B) on an exchange built here: Main Mode messages 5 and 6,
 * a retransmission of message 5, two Quick Mode messages and an Informational, each encrypted with
 * node:crypto under the IV the RFC prescribes.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IKEV1_ENC_3DES, IKEV1_ENC_AES, IKEV1_ENC_DES, Ikev1Decryptor } from '../../src/decrypt/ikev1-crypto.js';
import { desCbcEncrypt } from '../../src/crypto/des.js';
import { hex } from './capture-frames.js';

const gi = new Uint8Array(Buffer.alloc(128, 0x31));
const gr = new Uint8Array(Buffer.alloc(128, 0x52));
const msgid = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function run(cipher: 'aes-256-cbc' | 'des-ede3-cbc' | 'des', hashName: 'sha1' | 'md5' | 'sha256', block: number, key: Buffer) {
  const enc = (iv: Uint8Array, plain: Buffer): Uint8Array => {
    if (cipher === 'des') return desCbcEncrypt(new Uint8Array(key.subarray(0, 8)), iv, new Uint8Array(plain));
    const c = createCipheriv(cipher, key.subarray(0, cipher === 'aes-256-cbc' ? 32 : 24), iv).setAutoPadding(false);
    return new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
  };
  const hash = (...p: Uint8Array[]) => {
    const h = createHash(hashName);
    for (const x of p) h.update(x);
    return new Uint8Array(h.digest().subarray(0, block));
  };
  const last = (ct: Uint8Array) => ct.subarray(ct.length - block);
  const plain = (tag: number, blocks: number) => Buffer.alloc(block * blocks, tag);

  const iv5 = hash(gi, gr);
  const ct5 = enc(iv5, plain(5, 3));
  const ct6 = enc(last(ct5), plain(6, 2));
  const qmIv = hash(last(ct6), msgid(0x11223344));
  const qm1 = enc(qmIv, plain(0x41, 4));
  const qm2 = enc(last(qm1), plain(0x42, 4));
  const infoIv = hash(last(ct6), msgid(0xdeadbeef));
  const info = enc(infoIv, plain(0x49, 1));
  return { iv5, ct5, ct6, qmIv, qm1, qm2, infoIv, info };
}

describe('Ikev1Decryptor', () => {
  const cases: [string, number, number | undefined, number, 'aes-256-cbc' | 'des-ede3-cbc' | 'des', 'sha1' | 'md5' | 'sha256', number][] = [
    ['AES-256 / SHA-1', IKEV1_ENC_AES, 256, 2, 'aes-256-cbc', 'sha1', 16],
    ['3DES / MD5', IKEV1_ENC_3DES, undefined, 1, 'des-ede3-cbc', 'md5', 8],
    ['DES / SHA2-256', IKEV1_ENC_DES, undefined, 4, 'des', 'sha256', 8],
  ];
  for (const [name, encAlg, keyBits, hashAlg, cipher, hashName, block] of cases) {
    it(`${name}: phase 1, a retransmission, Quick Mode and Informational IVs`, () => {
      // A longer key than the cipher needs, as SKEYID_e expansion gives: only the first bytes are used.
      const key = Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 7 + 3) & 0xff));
      const x = run(cipher, hashName, block, key);
      const d = new Ikev1Decryptor(new Uint8Array(key));
      expect(d.setAlgorithms(encAlg, keyBits, hashAlg)).toBeNull();
      expect(d.decrypt(0, x.ct5)).toBeNull(); // KE payloads not seen yet
      d.setInitiatorKe(gi);
      d.setResponderKe(gr);
      expect(d.ready).toBe(true);
      const m5 = d.decrypt(0, x.ct5)!;
      expect(hex(m5.iv)).toBe(hex(x.iv5));
      expect(hex(m5.plain)).toBe('05'.repeat(block * 3));
      const again = d.decrypt(0, x.ct5)!;
      expect(again.retransmission).toBe(true);
      expect(hex(again.plain)).toBe('05'.repeat(block * 3));
      expect(hex(d.decrypt(0, x.ct6)!.plain)).toBe('06'.repeat(block * 2));
      const q1 = d.decrypt(0x11223344, x.qm1)!;
      expect(hex(q1.iv)).toBe(hex(x.qmIv));
      expect(hex(q1.plain)).toBe('41'.repeat(block * 4));
      // An Informational in between has its own chain and does not disturb Quick Mode's.
      expect(hex(d.decrypt(0xdeadbeef, x.info)!.plain)).toBe('49'.repeat(block));
      expect(hex(d.decrypt(0x11223344, x.qm2)!.plain)).toBe('42'.repeat(block * 4));
    });
  }

  it('says why it cannot decrypt', () => {
    const d = new Ikev1Decryptor(new Uint8Array(16));
    expect(d.setAlgorithms(IKEV1_ENC_AES, 256, 2)).toBe('the key from the table has 16 bytes, the cipher needs 32');
    expect(d.setAlgorithms(6, undefined, 2)).toMatch(/encryption algorithm 6 is not supported/);
    expect(d.setAlgorithms(IKEV1_ENC_AES, 128, 3)).toMatch(/hash algorithm 3/);
    expect(d.setAlgorithms(IKEV1_ENC_AES, 128, 2)).toBeNull();
    d.setInitiatorKe(gi);
    d.setResponderKe(gr);
    expect(d.decrypt(0, new Uint8Array(17))).toBeNull();
  });
});
