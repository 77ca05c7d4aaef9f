/**
 * ESP decryption inside the dissection (src/decrypt/esp-plugin.ts): the strongSwan capture with
 * its key folder gives tshark's fields at tshark's offsets (values from
 * `WIRESHARK_CONFIG_DIR=keys/… tshark -T pdml`), a damaged packet or a wrong key is flagged, and a
 * transport-mode packet built here from a real L2TP datagram is handed on to UDP and L2TP.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, CAPTURES, dissectAll, haveCaptures, loadFrames, one } from '../protocols/ipsec-helpers.js';
import { hex } from './capture-frames.js';

const CAP = 'ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng';
const KEYS = resolve(CAPTURES, 'keys/ipsec-strongswan-ikev2-aes128-sha256-modp2048');

describe.skipIf(!haveCaptures)('ESP decrypted in the dissection (strongSwan capture, --keys)', () => {
  it('frame 7: Wireshark\'s decrypted-ESP fields, offsets and the inner ICMP', async () => {
    const { packets } = dissectAll(await loadFrames(CAP), { settings: { keys: KEYS } });
    const p = packets[6];
    // tshark's frame.protocols with the same keys.
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:udp:udpencap:esp:ip:icmp:data');
    expect(one(p, 'esp.iv')).toMatchObject({ pos: 50, size: 16, ds: 0 });
    expect(one(p, 'esp.encrypted_data')).toMatchObject({ pos: 66, size: 96 });
    expect(one(p, 'esp.icv')).toMatchObject({ pos: 162, size: 16 });
    expect(one(p, 'esp.icv').text).toBe('ESP ICV: 8784877e1c088a5689271491873e8f51 (16 bytes) <HMAC-SHA-256-128 [RFC4868]> [correct]');
    expect(one(p, 'esp.icv_good')).toMatchObject({ v: true, pos: 162, size: 16, generated: true });
    expect(one(p, 'esp.icv_bad')).toMatchObject({ v: false });
    const dec = one(p, 'esp.decrypted_data');
    expect(dec).toMatchObject({ pos: 42, size: 96, ds: 0 });
    expect(hex(dec.v as Uint8Array).slice(0, 16)).toBe('4500005470fe4000');
    const ds = one(p, 'esp.contained_data').ds;
    expect(ds).toBeGreaterThan(0);
    expect(p.sources[ds].name).toBe('Decrypted Data');
    expect(one(p, 'esp.contained_data')).toMatchObject({ pos: 0, size: 84 });
    expect(one(p, 'esp.pad')).toMatchObject({ pos: 84, size: 10, ds });
    expect(one(p, 'esp.pad_len')).toMatchObject({ v: 10, pos: 94, size: 1, ds });
    expect(one(p, 'esp.protocol')).toMatchObject({ v: 4, pos: 95, size: 1, ds });
    expect(one(p, 'icmp.type')).toMatchObject({ v: 8, pos: 20, ds });
    expect(p.experts.find((e) => e.id === 'esp.decrypt.sa')?.message).toBe(
      'ESP SA 0xf6d48d10 10.200.1.1 → 10.200.1.2 decrypted with AES-CBC [RFC3602] / HMAC-SHA-256-128 [RFC4868] from ' + join(KEYS, 'esp_sa') + ':2');
    // Every ESP packet: ICV good, inner IPv4.
    const esp = packets.filter((q) => q.protocols.includes('esp'));
    expect(esp).toHaveLength(16);
    for (const q of esp) {
      expect(one(q, 'esp.icv_good').v, `frame ${q.num}`).toBe(true);
      expect(q.protocols.slice(q.protocols.indexOf('esp') + 1, q.protocols.indexOf('esp') + 2)).toEqual(['ip']);
    }
    expect(packets[12].protocols.join(':')).toBe('eth:ethertype:ip:udp:udpencap:esp:ip:udp:data');
  });

  it('a flipped ciphertext bit: ICV bad with the value it should be, and an expert item', async () => {
    const frames = await loadFrames(CAP);
    frames[6].data[100] ^= 0x01;
    const { packets } = dissectAll(frames, { settings: { keys: KEYS } });
    const p = packets[6];
    expect(one(p, 'esp.icv_bad').v).toBe(true);
    expect(one(p, 'esp.icv_good').v).toBe(false);
    expect(one(p, 'esp.icv').text).toMatch(/^ESP ICV: 8784877e1c088a5689271491873e8f51 \(16 bytes\) <HMAC-SHA-256-128 \[RFC4868\]> \[incorrect, should be [0-9a-f]{32}\]$/);
    expect(p.experts.map((e) => e.id)).toContain('esp.icv_bad');
  });

  it('a wrong encryption key: ICV still good (own key), padding not RFC 4303\'s, flagged', async () => {
    const d = mkdtempSync(join(tmpdir(), 'vpnshark-esp-'));
    writeFileSync(join(d, 'esp_sa'), '"IPv4","10.200.1.1","10.200.1.2","0xf6d48d10","AES-CBC [RFC3602]","0x00112233445566778899aabbccddeeff","HMAC-SHA-256-128 [RFC4868]","0x14D53E48845692DD4D62DCC9E72C188D4531A0C7F10D338E72A68D095702A3E7"\n');
    const { packets } = dissectAll((await loadFrames(CAP)).slice(0, 7), { settings: { keys: d } });
    const p = packets[6];
    expect(one(p, 'esp.icv_good').v).toBe(true);
    const ids = p.experts.map((e) => e.id);
    expect(ids.some((i) => i === 'esp.pad_unexpected' || i === 'esp.pad_len.invalid')).toBe(true);
    expect(p.protocols).not.toContain('icmp');
  });

  it('without keys, or for an SA not in the file, nothing beyond SPI and sequence', async () => {
    const { packets } = dissectAll((await loadFrames(CAP)).slice(0, 8));
    expect(all(packets[6], 'esp.iv')).toHaveLength(0);
    const d = mkdtempSync(join(tmpdir(), 'vpnshark-esp-'));
    writeFileSync(join(d, 'esp_sa'), '"IPv4","10.9.9.9","*","*","NULL","","NULL",""\n');
    const other = dissectAll((await loadFrames(CAP)).slice(0, 8), { settings: { keys: d } });
    expect(all(other.packets[6], 'esp.iv')).toHaveLength(0);
    expect(all(other.packets[6], 'esp.spi')).toHaveLength(1);
  });

  it('transport mode from an `ip xfrm state` file: UDP then L2TP, marked as inside ESP', async () => {
    // A real L2TP SCCRQ (frame 3 of the xl2tpd capture), UDP header and all, encrypted here.
    const l2tp = (await loadFrames('l2tp-xl2tpd-pppd-fails.pcap'))[2].data;
    const udp = l2tp.subarray(34, 34 + ((l2tp[38] << 8) | l2tp[39]));
    const encKey = Buffer.alloc(16, 0x5a), authKey = Buffer.alloc(20, 0x3c), iv = Buffer.alloc(16, 0x11);
    const padLen = (16 - ((udp.length + 2) % 16)) % 16;
    const plain = Buffer.concat([udp, Buffer.from(Array.from({ length: padLen }, (_, i) => i + 1)), Buffer.from([padLen, 17])]);
    const c = createCipheriv('aes-128-cbc', encKey, iv).setAutoPadding(false);
    const head = Buffer.from('0badf00d00000001', 'hex');
    const body = Buffer.concat([head, iv, c.update(plain), c.final()]);
    const icv = createHmac('sha1', authKey).update(body).digest().subarray(0, 12);
    const esp = Buffer.concat([body, icv]);
    const ip = Buffer.from(l2tp.subarray(14, 34));
    ip[9] = 50;
    ip.writeUInt16BE(20 + esp.length, 2);
    const frame = new Uint8Array(Buffer.concat([Buffer.from(l2tp.subarray(0, 14)), ip, esp]));
    const src = Array.from(ip.subarray(12, 16)).join('.'), dst = Array.from(ip.subarray(16, 20)).join('.');
    const d = mkdtempSync(join(tmpdir(), 'vpnshark-xfrm-'));
    writeFileSync(join(d, 'state.txt'), `src ${src} dst ${dst}\n\tproto esp spi 0x0badf00d reqid 1 mode transport\n` +
      `\treplay-window 32 flag af-unspec\n\tauth-trunc hmac(sha1) 0x${authKey.toString('hex')} 96\n\tenc cbc(aes) 0x${encKey.toString('hex')}\n`);
    const { packets } = dissectAll([{ data: frame, len: frame.length, tsSec: 1, tsNsec: 0, linkType: 1, ifIndex: 0 }], { settings: { keys: join(d, 'state.txt') } });
    const p = packets[0];
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:esp:udp:l2tp');
    expect(one(p, 'esp.icv_good').v).toBe(true);
    expect(one(p, 'esp.protocol').v).toBe(17);
    expect(one(p, 'udp.dstport').v).toBe(1701);
    expect(p.scratch.insideEsp).toBe(true);
  });
});
