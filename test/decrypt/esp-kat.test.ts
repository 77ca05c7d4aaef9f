/**
 * Known-answer tests for every ESP algorithm: published vectors (RFC 3602 §4 case 5, RFC 3686 §6,
 * NIST SP 800-38A, FIPS 81, the draft-mcgrew-gcm-test ESP case, RFC 7634 appendix A, RFC 2202 and
 * RFC 4231 test case 2) placed in ESP packets, and packets built here with node:crypto.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptEsp } from '../../src/decrypt/esp-decrypt.js';
import { parseEspSaFile, type EspSa } from '../../src/decrypt/esp-sa.js';
import { h, hex } from './capture-frames.js';

function sa(enc: string, encKey: string, auth = 'NULL', authKey = '""'): EspSa {
  const line = `"IPv4","*","*","*","${enc}",${encKey.startsWith('"') ? encKey : `"${encKey}"`},"${auth}",${authKey.startsWith('"') ? authKey : `"${authKey}"`}`;
  return parseEspSaFile(line, 'test-esp_sa')[0];
}

const cat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

describe('ESP AES-CBC', () => {
  it('RFC 3602 §4 case #5: transport-mode ping, 128-bit key', () => {
    const s = sa('AES-CBC [RFC3602]', '0x90d382b410eeba7ad938c46cec1a82bf');
    const esp = cat(h('00004321 00000001'), h('e96e8c08ab465763fd098d45dd3ff893'), h(`
      f663c25d 325c18c6 a9453e19 4e120849 a4870b66 cc6b9965 330013b4 898dc856
      a4699e52 3a55db08 0b59ec3a 8e4b7e52 775b07d1 db34ed9c 538ab50c 551b874a
      a269add0 47ad2d59 13ac19b7 cfbad4a6`));
    const r = decryptEsp(s, esp)!;
    expect([r.ivOff, r.ivLen, r.encOff, r.encLen, r.icvLen]).toEqual([8, 16, 24, 80, 0]);
    expect(hex(r.plain!)).toBe(hex(h(`
      08000ebd a70a0000 8e9c083d b95b0700 08090a0b 0c0d0e0f 10111213 14151617
      18191a1b 1c1d1e1f 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637
      01020304 05060708 090a0b0c 0d0e0e01`)));
    expect(r.padLen).toBe(14);
    expect(r.nextHeader).toBe(1);
    expect(r.payloadLen).toBe(64);
    expect(r.padOk).toBe(true);
    expect(r.icvChecked).toBe(false);
  });

  it('NIST SP 800-38A F.2.3 / F.2.5: 192- and 256-bit keys', () => {
    const iv = h('000102030405060708090a0b0c0d0e0f');
    const s192 = sa('AES-CBC [RFC3602]', '0x8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b');
    const r192 = decryptEsp(s192, cat(h('0000000100000001'), iv, h('4f021db243bc633d7178183a9fa071e8')))!;
    expect(hex(r192.plain!)).toBe('6bc1bee22e409f96e93d7e117393172a');
    const s256 = sa('AES-CBC [RFC3602]', '0x603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    const r256 = decryptEsp(s256, cat(h('0000000100000001'), iv, h('f58c4c04d6e5f1ba779eabfb5f7bfbd6')))!;
    expect(hex(r256.plain!)).toBe('6bc1bee22e409f96e93d7e117393172a');
  });

  it('refuses a ciphertext that is not whole blocks, but still checks the ICV', () => {
    const s = sa('AES-CBC [RFC3602]', '0x90d382b410eeba7ad938c46cec1a82bf', 'HMAC-SHA-1-96 [RFC2404]', '0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
    const r = decryptEsp(s, new Uint8Array(8 + 16 + 20 + 12))!;
    expect(r.plain).toBeNull();
    expect(r.problem).toMatch(/multiple of the 16-byte block/);
    expect(r.icvChecked).toBe(true);
    expect(r.icvGood).toBe(false);
  });
});

describe('ESP AES-CTR (RFC 3686 §6)', () => {
  it('test vector #2: 128-bit key, 32 bytes', () => {
    const s = sa('AES-CTR [RFC3686]', '0x7e24067817fae0d743d6ce1f32539163006cb6db');
    const r = decryptEsp(s, cat(h('0000000100000001'), h('c0543b59da48d90b'), h('5104a106168a72d9790d41ee8edad388eb2e1efc46da57c8fce630df9141be28')))!;
    expect([r.ivLen, r.encLen]).toEqual([8, 32]);
    expect(hex(r.plain!)).toBe('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  });

  it('test vector #9: 256-bit key, 36 bytes (not a whole AES block)', () => {
    const s = sa('AES-CTR [RFC3686]', '0xff7a617ce69148e4f1726e2f43581de2aa62d9f805532edff1eed687fb54153d001cc5b7');
    const r = decryptEsp(s, cat(h('0000000100000001'), h('51a51d70a1c11148'), h('eb6c52821d0bbbf7ce7594462aca4faab407df866569fd07f48cc0b583d6071f1ec0e6b8')))!;
    expect(hex(r.plain!)).toBe('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223');
  });

  it('test vector #5: 192-bit key', () => {
    const s = sa('AES-CTR [RFC3686]', '0x7c5cb2401b3dc33c19e7340819e0f69c678c3db8e6f6a91a0096b03b');
    const r = decryptEsp(s, cat(h('0000000100000001'), h('020c6eadc2cb500d'), h('453243fc609b23327edfaafa7131cd9f8490701c5ad4a79cfc1fe0ff42f4fb00')))!;
    expect(hex(r.plain!)).toBe('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  });
});

// The case uses a 64-bit (extended) sequence number 0x87654321_00000000: the wire carries the low
// half, the AAD is SPI | high | low (RFC 4106 §5).
describe('ESP AES-GCM (RFC 4106), draft-mcgrew-gcm-test ESP case: SPI 0x4321, ESN 0x8765432100000000', () => {
  const key = '0x4c80cdefbb5d10da906ac73c3613a6342e443b68';
  const plain = `4500004869 9a00008011 4db7c0a801 02c0a80101 0a9bf15638 d301000001 0000000000 00045f7369
    70045f7564 7003736970 0963796265 7263697479 02646b0000 2100010102 0201`;
  const ct = `fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34cfa2436f14a3f3cf65925bf1f4a13c5d
    15b21e1884f5ff6247aeabb786b93bce61bc17d768fd9732`;
  const tag = '459018148f6cbe722fd04796562dfdb4';
  const hdr = h('00004321 00000000');
  const esnSa = (name: string): EspSa => Object.assign(sa(name, key), { esn: true });
  const iv = h('4956ed7e3b244cfe');

  for (const icv of [16, 12, 8]) {
    it(`${icv}-byte ICV: decrypts and the tag matches`, () => {
      const s = esnSa(`AES-GCM with ${icv} octet ICV [RFC4106]`);
      const r = decryptEsp(s, cat(hdr, iv, h(ct), h(tag).subarray(0, icv)), 0x87654321)!;
      expect([r.ivLen, r.encLen, r.icvOff, r.icvLen]).toEqual([8, 72, 88, icv]);
      expect(hex(r.plain!)).toBe(hex(h(plain)));
      expect([r.padLen, r.nextHeader, r.payloadLen, r.padOk]).toEqual([2, 1, 68, true]);
      expect(r.icvChecked).toBe(true);
      expect(r.icvGood).toBe(true);
    });
  }

  it('a changed sequence number (AAD) makes the tag wrong and says which it should be', () => {
    const s = esnSa('AES-GCM with 16 octet ICV [RFC4106]');
    const r = decryptEsp(s, cat(hdr, iv, h(ct), h(tag)), 0x87654322)!;
    expect(hex(r.plain!)).toBe(hex(h(plain)));
    expect(r.icvGood).toBe(false);
    expect(r.expectedIcv).toHaveLength(16);
    expect(hex(r.expectedIcv!)).not.toBe(tag);
  });
});

describe('ESP ChaCha20-Poly1305 (RFC 7634 appendix A ESP example)', () => {
  it('decrypts and verifies the tag', () => {
    const s = sa('ChaCha20 with Poly1305 [RFC7634]', '0x808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3');
    const esp = cat(h('01020304 00000005'), h('1011121314151617'), h(`
      24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c614ee8099d52844eb61aa95dfab4c02f7
      2aa71e7c4c4f64c9befe2facc638e8f3cbec163fac469b502773f6fb94e664da9165b82829f641e0
      76aaa8266b7fb0f7b11b369907e1ad43`));
    const r = decryptEsp(s, esp)!;
    expect([r.encLen, r.icvLen]).toEqual([88, 16]);
    expect(hex(r.plain!.subarray(0, 20))).toBe('45000054a6f200004001e778c6336405c0000205');
    expect([r.padLen, r.nextHeader, r.payloadLen, r.padOk]).toEqual([2, 4, 84, true]);
    expect(r.icvGood).toBe(true);
  });
});

describe('ESP 3DES-CBC and DES-CBC', () => {
  it('NIST 3DES MMT example 2 (strongSwan writes the name "TripleDes-CBC")', () => {
    const s = sa('TripleDes-CBC [RFC2451]', '0x37ae5ebf46dff2dc0754b94f31cbb3855e7fd36dc870bfae');
    const r = decryptEsp(s, cat(h('0000000100000001'), h('3d1de3cc132e3b65'), h('7b1f7c7e3b1c948ebd04a75ffba7d2f5')))!;
    expect(s.cipher.name).toBe('TripleDES-CBC [RFC2451]');
    expect(hex(r.plain!)).toBe('84401f78fe6c10876d8ea23094ea5309');
  });

  it('FIPS 81 CBC example: "Now is the time for all "', () => {
    const s = sa('DES-CBC [RFC2405]', '0x0123456789abcdef');
    const r = decryptEsp(s, cat(h('0000000100000001'), h('1234567890abcdef'), h('e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6')))!;
    expect(Buffer.from(r.plain!).toString('latin1')).toBe('Now is the time for all ');
  });
});

describe('ESP integrity: RFC 2202 / RFC 4231 test case 2 ("Jefe", "what do ya want for nothing?") as a NULL-encrypted packet', () => {
  // The 28 bytes are SPI "what", sequence " do ", and 20 bytes of payload; the key is the ASCII
  // string "Jefe", which esp_sa writes as is (no 0x).
  const data = new Uint8Array(Buffer.from('what do ya want for nothing?', 'latin1'));
  const cases: [string, string][] = [
    ['HMAC-MD5-96 [RFC2403]', '750c783e6ab0b503eaa86e31'],
    ['HMAC-SHA-1-96 [RFC2404]', 'effcdf6ae5eb2fa2d27416d5'],
    ['HMAC-SHA-256-128 [RFC4868]', '5bdcc146bf60754e6a04242608957' + '5c7'],
    ['HMAC-SHA-384-192 [RFC4868]', 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47'],
    ['HMAC-SHA-512-256 [RFC4868]', '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554'],
  ];
  for (const [name, icv] of cases) {
    it(`${name}: ICV ${icv.length / 2} bytes, good; one flipped bit is bad`, () => {
      const s = sa('NULL', '', name, '"Jefe"');
      const r = decryptEsp(s, cat(data, h(icv)))!;
      expect(r.icvLen).toBe(icv.length / 2);
      expect(r.icvChecked).toBe(true);
      expect(r.icvGood).toBe(true);
      expect(Buffer.from(r.plain!).toString('latin1')).toBe('ya want for nothing?');
      const bad = cat(data, h(icv));
      bad[10] ^= 1;
      const rb = decryptEsp(s, bad)!;
      expect(rb.icvGood).toBe(false);
      expect(hex(rb.expectedIcv!)).not.toBe(icv);
    });
  }
});

describe('ESP packets built with node:crypto', () => {
  it('AES-256-CBC + HMAC-SHA-512-256, tunnel mode, with an ESN high half in the ICV', () => {
    const encKey = Buffer.alloc(32, 0x42);
    const authKey = Buffer.alloc(64, 0x17);
    const iv = Buffer.alloc(16, 0xa5);
    const inner = Buffer.from('450000200000000040010000c0a80001c0a800020800f7ff00000000', 'hex');
    const padLen = (16 - ((inner.length + 2) % 16)) % 16;
    const pad = Buffer.from(Array.from({ length: padLen }, (_, i) => i + 1));
    const c = createCipheriv('aes-256-cbc', encKey, iv).setAutoPadding(false);
    const ct = Buffer.concat([c.update(Buffer.concat([inner, pad, Buffer.from([padLen, 4])])), c.final()]);
    const head = Buffer.from('c0ffee0100000007', 'hex');
    const icv = createHmac('sha512', authKey).update(Buffer.concat([head, iv, ct, Buffer.from('00000002', 'hex')])).digest().subarray(0, 32);
    const s = sa('AES-CBC [RFC3602]', `0x${encKey.toString('hex')}`, 'HMAC-SHA-512-256 [RFC4868]', `0x${authKey.toString('hex')}`);
    s.esn = true;
    const r = decryptEsp(s, cat(head, iv, ct, icv), 2)!;
    expect(r.icvGood).toBe(true);
    expect([r.nextHeader, r.padLen, r.payloadLen]).toEqual([4, padLen, inner.length]);
    expect(hex(r.plain!.subarray(0, inner.length))).toBe(inner.toString('hex'));
    // Without the right high half the ICV does not match.
    expect(decryptEsp(s, cat(head, iv, ct, icv), 3)!.icvGood).toBe(false);
  });

  it('a packet shorter than header + IV + ICV gives nothing', () => {
    const s = sa('AES-CBC [RFC3602]', '0x90d382b410eeba7ad938c46cec1a82bf', 'HMAC-SHA-256-128 [RFC4868]', '0x00');
    expect(decryptEsp(s, new Uint8Array(8 + 16 + 16))).toBeNull();
  });
});
