/**
 * IKE decryption with --keys, against the project's own IKEv2 sample (always present) and the
 * strongSwan capture, with tshark 4.0.17's values and offsets given the same key files; and IKEv1
 * decryption on a Main Mode message re-encrypted here with a chosen key (the IV derived from the
 * capture's real KE payloads as RFC 2409 App. B says), checked against tshark with that key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import type { Frame } from '../../src/capture/types.js';
import { ikeSaTable } from '../../src/sessions/ike-sa.js';
import { experts, frames, haveCaptures, item, items } from './ike-helpers.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const SAMPLE = join(ROOT, 'samples/ipsec-ikev2-esp.pcap');
const SAMPLE_KEYS = join(ROOT, 'samples/keys/ipsec-ikev2-esp');

const sampleFrames = (): Promise<Frame[]> => frames(SAMPLE);

function runWithKeys(fs: Frame[], keys: string, tree = true) {
  const engine = new Engine({ tree, columns: true, settings: { keys } });
  return { engine, packets: fs.map((f) => engine.dissect(f)) };
}

describe('IKEv2 SK payload decrypted with keys (samples/ipsec-ikev2-esp)', () => {
  it('IKE_AUTH request: IV, ciphertext, decrypted payloads, padding and a correct ICD', async () => {
    const { packets, engine } = runWithKeys(await sampleFrames(), SAMPLE_KEYS);
    const p = packets[2];
    expect(item(p, 'isakmp.enc.iv')).toMatchObject({ pos: 78, size: 16, label: 'Initialization Vector: db0843bc7a3b733eec2001d0a52ef387 (16 bytes)' });
    expect(item(p, 'isakmp.enc.data')).toMatchObject({ pos: 94, size: 192, label: 'Encrypted Data (192 bytes) <AES-CBC-128 [RFC3602]>' });
    expect(item(p, 'isakmp.enc.decrypted')).toMatchObject({ pos: 0, size: 192, label: 'Decrypted Data (192 bytes)' });
    expect(item(p, 'isakmp.enc.contained')).toMatchObject({ pos: 0, size: 189, label: 'Contained Data (189 bytes)' });
    expect(item(p, 'isakmp.enc.padding')).toMatchObject({ pos: 189, size: 2, label: 'Padding (2 bytes)' });
    expect(item(p, 'isakmp.enc.pad_length')).toMatchObject({ v: 2, pos: 191, size: 1 });
    expect(item(p, 'isakmp.enc.icd')).toMatchObject({
      pos: 286, size: 16,
      label: 'Integrity Checksum Data: 8be8a9ec1062ea77c11822dc3a47df8a (16 bytes) <HMAC_SHA2_256_128 [RFC4868]>[correct]',
    });
    expect(items(p, 'isakmp.id.data.fqdn').map((i) => [i.v, i.pos, i.size])).toEqual([['client.example.net', 8, 18], ['vpn.example.com', 42, 15]]);
    expect(item(p, 'isakmp.id.data.fqdn').node.ds).toBeGreaterThan(0);
    expect(p.sources[item(p, 'isakmp.id.data.fqdn').node.ds].name).toBe('Decrypted Data');
    expect(item(p, 'isakmp.auth.method')).toMatchObject({ v: 2, pos: 61, label: 'Authentication Method: Shared Key Message Integrity Code (2)' });
    // The auth method and the child SA's proposal become visible to the SA table.
    expect(ikeSaTable(engine).summaries()[0].authMethod).toBe('Shared Key Message Integrity Code');
  });

  it('without keys the same payload stays encrypted (4-byte IV, as Wireshark)', async () => {
    const engine = new Engine({ tree: true, columns: true });
    const p = (await sampleFrames()).map((f) => engine.dissect(f))[2];
    expect(item(p, 'isakmp.enc.iv')).toMatchObject({ pos: 78, size: 4 });
    expect(item(p, 'isakmp.enc.data')).toMatchObject({ pos: 82, size: 220, label: 'Encrypted Data' });
    expect(items(p, 'isakmp.id.data.fqdn')).toHaveLength(0);
  });

  it('a corrupted ICD is reported with the value it should have', async () => {
    const fs = await sampleFrames();
    fs[2].data[286] ^= 0xff;
    const p = runWithKeys(fs, SAMPLE_KEYS).packets[2];
    expect(item(p, 'isakmp.enc.icd').label).toBe(
      'Integrity Checksum Data: 74e8a9ec1062ea77c11822dc3a47df8a (16 bytes) <HMAC_SHA2_256_128 [RFC4868]>[incorrect, should be 8be8a9ec1062ea77c11822dc3a47df8a]');
    expect(experts(p, 'isakmp.ikev2.integrity_checksum')).toEqual(['IKEv2 Integrity Checksum Data is incorrect']);
  });
});

/**
 * RFC 7383 fragments made from the sample's IKE_AUTH request: its inner payloads, decrypted with the
 * sample's keys, split in two and sent as two SKF payloads, each encrypted and given its ICD.
 */
function skfFrames(fs: Frame[], cut: number): Frame[] {
  const table = readFileSync(join(SAMPLE_KEYS, 'ikev2_decryption_table'), 'utf8').trim().split(',');
  const skEi = Buffer.from(table[2], 'hex'), skAi = Buffer.from(table[5], 'hex');
  const f = fs[2];
  const ikeAt = 14 + 20 + 8 + 4;
  const ike = Buffer.from(f.data.subarray(ikeAt));
  const plen = ike.readUInt16BE(30);
  const d = createDecipheriv('aes-128-cbc', skEi, ike.subarray(32, 48)).setAutoPadding(false);
  const plain = Buffer.concat([d.update(ike.subarray(48, 28 + plen - 16)), d.final()]);
  const inner = plain.subarray(0, plain.length - 1 - plain[plain.length - 1]);
  return [inner.subarray(0, cut), inner.subarray(cut)].map((chunk, i) => {
    const padLen = 15 - (chunk.length % 16);
    const pt = Buffer.concat([chunk, Buffer.alloc(padLen), Buffer.from([padLen])]);
    const iv = Buffer.alloc(16, 0x11 * (i + 1));
    const c = createCipheriv('aes-128-cbc', skEi, iv).setAutoPadding(false);
    const ct = Buffer.concat([c.update(pt), c.final()]);
    const payLen = 8 + 16 + ct.length + 16;
    const hdr = Buffer.from(ike.subarray(0, 28));
    hdr[16] = 53; // SKF
    hdr.writeUInt32BE(28 + payLen, 24);
    const pay = Buffer.alloc(8);
    pay[0] = i === 0 ? ike[28] : 0;
    pay.writeUInt16BE(payLen, 2);
    pay.writeUInt16BE(i + 1, 4);
    pay.writeUInt16BE(2, 6);
    const body = Buffer.concat([hdr, pay, iv, ct]);
    const icd = createHmac('sha256', skAi).update(body).digest().subarray(0, 16);
    const data = Buffer.concat([f.data.subarray(0, ikeAt), body, icd]);
    data.writeUInt16BE(data.length - 14, 16);
    data.writeUInt16BE(data.length - 34, 38);
    data.writeUInt16BE(0, 40);
    return { ...f, data: new Uint8Array(data), len: data.length };
  });
}

describe('IKEv2 fragments (RFC 7383) decrypted and reassembled with keys', () => {
  it('each SKF is decrypted; the last one joins the pieces and dissects the message', async () => {
    const fs = await sampleFrames();
    const frags = skfFrames(fs, 60);
    const { packets } = runWithKeys([fs[0], fs[1], ...frags], SAMPLE_KEYS);
    const [a, b] = [packets[2], packets[3]];
    expect(a.info).toBe('IKE_AUTH MID=01 Initiator Request (fragment 1/2)');
    expect(b.info).toBe('IKE_AUTH MID=01 Initiator Request (fragment 2/2) (reassembled)');
    expect(item(a, 'isakmp.frag.number')).toMatchObject({ v: 1, pos: 78, size: 2 });
    expect(item(a, 'isakmp.frag.total')).toMatchObject({ v: 2, pos: 80, size: 2 });
    expect(item(a, 'isakmp.enc.iv')).toMatchObject({ pos: 82, size: 16, label: 'Initialization Vector: 11111111111111111111111111111111' });
    expect(item(a, 'isakmp.enc.icd').label.endsWith('[correct]')).toBe(true);
    expect(items(a, 'isakmp.id.data.fqdn')).toHaveLength(0);
    expect(item(b, 'isakmp.fragments')).toMatchObject({ size: 189, label: '[2 Message fragments (189 bytes): #3(60), #4(129)]' });
    expect(items(b, 'isakmp.fragment').map((i) => [i.v, i.pos, i.size, i.label])).toEqual([
      [3, 0, 60, '[Frame: 3, payload: 0-59 (60 bytes)]'], [4, 60, 129, '[Frame: 4, payload: 60-188 (129 bytes)]'],
    ]);
    expect(item(b, 'isakmp.reassembled.length').v).toBe(189);
    expect(items(b, 'isakmp.id.data.fqdn').map((i) => [i.v, i.pos])).toEqual([['client.example.net', 8], ['vpn.example.com', 42]]);
    expect(b.sources[item(b, 'isakmp.id.data.fqdn').node.ds].name).toBe('Reassembled IKE2 ISAKMP');
  });

  it('without keys a fragment shows only its number and total, as Wireshark', async () => {
    const fs = await sampleFrames();
    const engine = new Engine({ tree: true, columns: true });
    const p = skfFrames(fs, 60).map((f) => engine.dissect(f))[0];
    expect(item(p, 'isakmp.frag.number').v).toBe(1);
    expect(items(p, 'isakmp.enc.iv')).toHaveLength(0);
    expect(p.info).toBe('IKE_AUTH MID=01 Initiator Request (fragment 1/2)');
  });
});

describe.skipIf(!haveCaptures)('IKEv2 decryption on the strongSwan capture', () => {
  it('every SK payload decrypts with a correct ICD; rekeys and the new IKE SA are seen inside', async () => {
    const keys = resolve(ROOT, '../shared/captures/keys/ipsec-strongswan-ikev2-aes128-sha256-modp2048');
    const { packets } = runWithKeys(await frames('ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng'), keys);
    const icds = packets.flatMap((p) => items(p, 'isakmp.enc.icd'));
    expect(icds.length).toBeGreaterThan(10);
    expect(icds.every((i) => i.label.endsWith('[correct]'))).toBe(true);
    const p5 = packets[4];
    expect(items(p5, 'isakmp.id.data.user_fqdn').map((i) => i.v)).toEqual(['alice@hx.test', 'bob@hx.test']);
    expect(item(p5, 'isakmp.id.type').label).toBe('ID type: ID_RFC822_ADDR (3)');
    expect(items(p5, 'isakmp.ts.start_ipv4').map((i) => i.v)).toEqual([0x0ac80b00, 0x0ac80c00]);
  });
});

describe.skipIf(!haveCaptures)('IKEv1 decryption (zeekipsec-ikev1-main-mode, message 5 re-encrypted)', () => {
  it('the encrypted body decrypts with the key from ikev1_decryption_table and the IV from g^xi | g^xr', async () => {
    const fs = (await frames('zeekipsec-ikev1-main-mode.pcap')).slice(0, 5);
    const ke = (f: Frame) => {
      const at = 42 + 28;
      const len = (f.data[at + 2] << 8) | f.data[at + 3];
      return f.data.subarray(at + 4, at + len);
    };
    // The chosen transform is AES-CBC-128 with SHA: the phase 1 IV is SHA-1(g^xi | g^xr), first 16 bytes.
    const iv = createHash('sha1').update(ke(fs[2])).update(ke(fs[3])).digest().subarray(0, 16);
    const key = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');
    const plain = new Uint8Array(80);
    plain.set([8, 0, 0, 12, 1, 17, 0x01, 0xf4, 192, 168, 12, 1], 0); // ID, next: HASH
    plain.set([0, 0, 0, 24], 12); // HASH, last
    for (let i = 0; i < 20; i++) plain[16 + i] = 0xa0 + i;
    const c = createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
    const ct = Buffer.concat([c.update(plain), c.final()]);
    fs[4].data[42 + 16] = 5; // first payload: Identification
    fs[4].data.set(ct, 42 + 28);
    const dir = mkdtempSync(join(tmpdir(), 'vpnshark-ikev1-'));
    writeFileSync(join(dir, 'ikev1_decryption_table'), 'e47a591fd057587f,0102030405060708090a0b0c0d0e0f10\n');
    const p = runWithKeys(fs, dir).packets[4];
    expect(item(p, 'isakmp.enc.data')).toMatchObject({ pos: 70, size: 80, label: 'Encrypted Data (80 bytes)' });
    expect(item(p, 'isakmp.id.data.ipv4_addr')).toMatchObject({ v: 0xc0a80c01, pos: 8, size: 4 });
    expect(item(p, 'isakmp.id.port')).toMatchObject({ v: 500, label: 'Port: 500' });
    expect(item(p, 'isakmp.hash')).toMatchObject({ pos: 16, size: 20 });
    expect(item(p, 'isakmp.extradata')).toMatchObject({ pos: 36, size: 44 });
    expect(p.sources[item(p, 'isakmp.hash').node.ds].name).toBe('Decrypted IKE');
    // Without the key: only the encrypted data.
    const engine = new Engine({ tree: true, columns: true });
    const q = fs.map((f) => engine.dissect(f))[4];
    expect(items(q, 'isakmp.hash')).toHaveLength(0);
  });
});
