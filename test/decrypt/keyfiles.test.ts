/**
 * Key files: Wireshark's esp_sa / ikev2_decryption_table / ikev1_decryption_table (as strongSwan's
 * save-keys plugin writes them, in the shared strongSwan capture's folder), `ip xfrm state` output,
 * the wildcard rules of esp_sa, and one clear error per malformed file.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findIkev1Key, findIkev2Keys, keyStoreOf, loadKeys } from '../../src/decrypt/keys.js';
import { findEspSa, parseEspSaFile } from '../../src/decrypt/esp-sa.js';
import { parseXfrmState } from '../../src/decrypt/xfrm-state.js';
import { KeyFileError } from '../../src/decrypt/key-file-error.js';
import { parseIkev1Table, parseIkev2Table } from '../../src/decrypt/ike-tables.js';
import { h, hex } from './capture-frames.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/captures');
const ssKeys = resolve(shared, 'keys/ipsec-strongswan-ikev2-aes128-sha256-modp2048');

function tmp(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'vpnshark-keys-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(d, n), t);
  return d;
}

function keyError(fn: () => unknown): KeyFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KeyFileError) return e;
    throw e;
  }
  throw new Error('no KeyFileError');
}

describe.skipIf(!existsSync(ssKeys))("the strongSwan capture's key folder (save-keys format)", () => {
  it('reads four ESP SAs and two IKEv2 SAs, as written', () => {
    const ks = loadKeys(ssKeys);
    expect(ks.esp).toHaveLength(4);
    expect(ks.files.map((f) => f.split('/').pop()).sort()).toEqual(['esp_sa', 'ikev2_decryption_table']);
    const sa = findEspSa(ks.esp, '10.200.1.1', '10.200.1.2', 0xf6d48d10)!;
    expect(sa.cipher.name).toBe('AES-CBC [RFC3602]');
    expect(sa.auth.name).toBe('HMAC-SHA-256-128 [RFC4868]');
    expect(hex(sa.encKey)).toBe('aa009e9e3ee6d2e46a7c367cf66e57ab');
    expect(sa.icvLen).toBe(16);
    expect(sa.origin).toMatch(/esp_sa:2$/);
    // The SPI belongs to one direction: the reverse addresses do not match it.
    expect(findEspSa(ks.esp, '10.200.1.2', '10.200.1.1', 0xf6d48d10)).toBeUndefined();
    const ike = findIkev2Keys(ks, h('e9358399c8646ff8'), h('872b87736900e8cf'))!;
    expect(ike.encr.name).toBe('AES-CBC-128 [RFC3602]');
    expect(ike.integ.name).toBe('HMAC_SHA2_256_128 [RFC4868]');
    expect(hex(ike.skEi)).toBe('9f9950827ab86ecec551b65eef3c7ac6');
    expect(ike.skAr).toHaveLength(32);
    expect(findIkev2Keys(ks, h('c06ea8f059bc3318'), h('e35dfba55d4eaed5'))?.origin).toMatch(/ikev2_decryption_table:2$/);
  });

  it('reads a single table file given on its own, and caches per run through the engine settings', () => {
    expect(loadKeys(join(ssKeys, 'esp_sa')).esp).toHaveLength(4);
    const states = new Map<string, unknown>();
    const engine = {
      settings: { keys: ssKeys } as Record<string, unknown>,
      state<T>(k: string, init: () => T): T {
        if (!states.has(k)) states.set(k, init());
        return states.get(k) as T;
      },
    };
    const a = keyStoreOf(engine);
    expect(a?.esp).toHaveLength(4);
    expect(keyStoreOf(engine)).toBe(a);
    expect(keyStoreOf({ settings: {}, state: engine.state })).toBeNull();
  });
});

describe('esp_sa patterns', () => {
  const sas = parseEspSaFile([
    '# comment line',
    '"IPv4","192.168.*.*","10.0.0.0/8","0x1234****","NULL","","ANY 96 bit authentication [no checking]",""',
    '"IPv6","2001:db8::*","*","*","NULL","","NULL",""',
    '"Any","*","*","4660","AES-CBC [RFC3602]","0x00112233445566778899aabbccddeeff","HMAC-SHA-1-96 [RFC2404]","0x01"',
  ].join('\n'), 'esp_sa');

  it('matches IPv4 octet wildcards, prefixes and SPI digit wildcards', () => {
    expect(findEspSa(sas, '192.168.7.9', '10.20.30.40', 0x1234abcd)).toBe(sas[0]);
    expect(findEspSa(sas, '192.169.7.9', '10.20.30.40', 0x1234abcd)?.origin).not.toBe(sas[0].origin);
    expect(findEspSa(sas, '192.168.7.9', '11.0.0.1', 0x1234abcd)).toBeUndefined();
    expect(findEspSa(sas, '192.168.7.9', '10.0.0.1', 0x1235abcd)).toBeUndefined();
    expect(sas[0].icvLen).toBe(12);
  });

  it('matches an IPv6 group wildcard, "*" addresses and a decimal SPI with family Any', () => {
    expect(findEspSa(sas, '2001:db8::abcd', '::1', 7)).toBe(sas[1]);
    expect(findEspSa(sas, '2001:db9::abcd', '::1', 7)).toBeUndefined();
    expect(findEspSa(sas, '1.2.3.4', '5.6.7.8', 4660)).toBe(sas[2]);
  });
});

describe('ip xfrm state output', () => {
  const text = `src 10.1.0.1 dst 10.1.0.2
\tproto esp spi 0xc0ffee01 reqid 1 mode tunnel
\treplay-window 0 flag af-unspec
\tauth-trunc hmac(sha256) 0x${'11'.repeat(32)} 128
\tenc cbc(aes) 0x${'22'.repeat(16)}
\tencap type espinudp sport 4500 dport 4500 addr 0.0.0.0
\tanti-replay context: seq 0x0, oseq 0x0, bitmap 0x00000000
\tsel src 0.0.0.0/0 dst 0.0.0.0/0
src 10.1.0.2 dst 10.1.0.1
\tproto esp spi 0x00000bad reqid 1 mode transport
\treplay-window 32 flag af-unspec esn
\taead rfc4106(gcm(aes)) 0x${'33'.repeat(20)} 64
src 10.1.0.2 dst 10.1.0.1
\tproto ah spi 0x00000101 reqid 2 mode transport
\tauth-trunc hmac(sha1) 0x${'44'.repeat(20)} 96
src 2001:db8::1 dst 2001:db8::2
\tproto esp spi 0x00000102 reqid 3 mode tunnel
\tauth hmac(sha1) 0x${'55'.repeat(20)}
\tenc rfc3686(ctr(aes)) 0x${'66'.repeat(20)}
`;

  it('gives one SA per ESP state, with the kernel names mapped and AH skipped', () => {
    const sas = parseXfrmState(text, 'xfrm.txt');
    expect(sas).toHaveLength(3);
    const [a, b, c] = sas;
    expect([a.cipher.name, a.auth.name, a.icvLen, hex(a.encKey)]).toEqual(['AES-CBC [RFC3602]', 'HMAC-SHA-256-128 [RFC4868]', 16, '22'.repeat(16)]);
    expect(findEspSa(sas, '10.1.0.1', '10.1.0.2', 0xc0ffee01)).toBe(a);
    expect([b.cipher.name, b.icvLen, b.esn, b.origin]).toEqual(['AES-GCM with 8 octet ICV [RFC4106]', 8, true, 'xfrm.txt:9']);
    expect([c.family, c.cipher.name, c.auth.name, c.icvLen]).toEqual(['ipv6', 'AES-CTR [RFC3686]', 'HMAC-SHA-1-96 [RFC2404]', 12]);
  });

  it('is recognised inside a key folder by its content', () => {
    const ks = loadKeys(tmp({ 'my-xfrm-dump': text, preferences: 'esp.enable_encryption_decode: TRUE\n' }));
    expect(ks.esp).toHaveLength(3);
  });
});

describe('malformed key files: one error naming file and line', () => {
  it('esp_sa: wrong field count, unknown algorithm, key of the wrong size, bad hex, unclosed quote', () => {
    const e1 = keyError(() => parseEspSaFile('\n"IPv4","1.2.3.4","5.6.7.8","0x1"\n', '/k/esp_sa'));
    expect(e1.message).toBe('/k/esp_sa:2: esp_sa: expected 8 fields (protocol, source, destination, SPI, encryption, key, authentication, key), found 4');
    expect(keyError(() => parseEspSaFile('"IPv4","*","*","*","ROT13","","NULL",""', 'f')).message).toBe('f:1: esp_sa: unknown encryption algorithm "ROT13"');
    expect(keyError(() => parseEspSaFile('"IPv4","*","*","*","AES-CBC [RFC3602]","0x0011","NULL",""', 'f')).message)
      .toBe('f:1: esp_sa: AES-CBC [RFC3602] needs a key of 128, 192, 256 bits, this one has 16');
    expect(keyError(() => parseEspSaFile('"IPv4","*","*","*","NULL","","HMAC-MD5-96 [RFC2403]","0xzz"', 'f')).line).toBe(1);
    expect(keyError(() => parseEspSaFile('"IPv4,"*"', 'f')).reason).toMatch(/quoted field is not closed|unexpected text/);
    expect(keyError(() => parseEspSaFile('"IPv4","300.1.1.1","*","*","NULL","","NULL",""', 'f')).reason).toMatch(/not an address/);
  });

  it('never puts a key into the message', () => {
    const e = keyError(() => parseEspSaFile('"IPv4","*","*","*","AES-CBC [RFC3602]","0xdeadbeefcafe","NULL",""', 'f'));
    expect(e.message).not.toMatch(/deadbeef/i);
  });

  it('ikev2 and ikev1 tables', () => {
    expect(keyError(() => parseIkev2Table('00,11,22,33,"AES-CBC-128 [RFC3602]",44,55,"NONE [RFC4306]"', 'ikev2_decryption_table')).message)
      .toBe('ikev2_decryption_table:1: ikev2_decryption_table: the initiator SPI must be 16 hex digits');
    const spis = '0011223344556677,8899aabbccddeeff';
    expect(keyError(() => parseIkev2Table(`${spis},00,00,"AES-CBC-128 [RFC3602]",,,"NONE [RFC4306]"`, 't')).reason)
      .toBe('ikev2_decryption_table: SK_ei has 1 bytes, AES-CBC-128 [RFC3602] needs 16');
    const k16 = '00'.repeat(16);
    expect(keyError(() => parseIkev2Table(`${spis},${k16}${'00'.repeat(4)},${k16}${'00'.repeat(4)},"AES-GCM-128 with 16 octet ICV [RFC5282]",${'00'.repeat(20)},${'00'.repeat(20)},"HMAC_SHA1_96 [RFC2404]"`, 't')).reason)
      .toMatch(/integrity algorithm must be NONE/);
    const ok = parseIkev2Table(`${spis},${k16},${k16},"AES-CBC-128 [RFC3602]",,,"NONE [RFC4306]"`, 't');
    expect(ok[0].integ.truncLen).toBe(0);
    expect(keyError(() => parseIkev1Table('0011223344556677', 'ikev1_decryption_table')).reason).toMatch(/expected 2 fields/);
    expect(parseIkev1Table('0011223344556677,000102030405060708090a0b0c0d0e0f', 't')[0].key).toHaveLength(16);
  });

  it('a missing path, or a folder with no key file', () => {
    expect(keyError(() => loadKeys('/nonexistent/vpnshark-keys')).message).toBe('/nonexistent/vpnshark-keys: no such file or directory');
    const d = tmp({ 'notes.txt': 'hello\n' });
    expect(keyError(() => loadKeys(d)).reason).toMatch(/holds no esp_sa/);
  });

  it('a single file is sniffed by content: ikev1 table under another name', () => {
    const d = tmp({ 'mykeys.csv': '0011223344556677,000102030405060708090a0b0c0d0e0f\n' });
    const ks = loadKeys(join(d, 'mykeys.csv'));
    expect(hex(findIkev1Key(ks, h('0011223344556677'))!.key)).toBe('000102030405060708090a0b0c0d0e0f');
  });
});

describe('setup before the first packet', () => {
  it('a missing key folder and a bad NT hash are one line each; good settings pass', async () => {
    const { Engine } = await import('../../src/core/engine.js');
    const { prepareDecryption, decryptionSetupMessage } = await import('../../src/decrypt/setup.js');
    const msg = (settings: Record<string, unknown>): string | null => {
      try {
        prepareDecryption(new Engine({ tree: false, columns: false, settings }));
        return null;
      } catch (e) {
        return decryptionSetupMessage(e);
      }
    };
    expect(msg({ keys: '/nonexistent/k' })).toBe('/nonexistent/k: no such file or directory');
    expect(msg({ 'ppp.nthash': 'xyz' })).toBe('--ppp-nthash #1: an NT hash is 32 hex digits');
    const d = tmp({ esp_sa: '"IPv4","*","*","*","NULL","",\n' });
    expect(msg({ keys: d })).toBe(`${join(d, 'esp_sa')}:1: esp_sa: expected 8 fields (protocol, source, destination, SPI, encryption, key, authentication, key), found 7`);
    expect(msg({ 'ppp.password': 'x' })).toBeNull();
  });
});
