import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import type { Packet } from '../../src/core/packet.js';
import { all, dissectCapture, ethernet, frame, haveCaptures, one, value } from './tcp-helpers.js';

describe.skipIf(!haveCaptures)('ARP on shared captures (values and offsets as tshark 4.0 shows them)', () => {
  it('dissects a request and a padded reply on Ethernet', async () => {
    const pk = await dissectCapture('pcapplusplus-pptp-gre-pap.cap');
    const req = pk[0];
    expect(one(req, 'arp')).toMatchObject({ pos: 14, size: 28, text: 'Address Resolution Protocol (request)' });
    expect(one(req, 'arp.hw.type')).toMatchObject({ v: 1, pos: 14, size: 2 });
    expect(one(req, 'arp.proto.type')).toMatchObject({ v: 0x0800, pos: 16, size: 2 });
    expect(one(req, 'arp.hw.size')).toMatchObject({ v: 6, pos: 18, size: 1 });
    expect(one(req, 'arp.proto.size')).toMatchObject({ v: 4, pos: 19, size: 1 });
    expect(one(req, 'arp.opcode')).toMatchObject({ v: 1, pos: 20, size: 2 });
    expect(Buffer.from(value(req, 'arp.src.hw_mac') as Uint8Array).toString('hex')).toBe('001400000200');
    expect(one(req, 'arp.src.proto_ipv4')).toMatchObject({ v: 0x14000002, pos: 28, size: 4 });
    expect(one(req, 'arp.dst.hw_mac')).toMatchObject({ pos: 32, size: 6 });
    expect(one(req, 'arp.dst.proto_ipv4')).toMatchObject({ v: 0x14000001, pos: 38, size: 4 });
    expect(req.info).toBe('Who has 20.0.0.1? Tell 20.0.0.2');
    expect(req.protocol).toBe('ARP');
    expect(all(req, 'eth.padding')).toEqual([]);

    const rep = pk[1];
    expect(rep.info).toBe('20.0.0.1 is at 00:09:e9:55:c0:1c');
    expect(one(rep, 'arp').text).toBe('Address Resolution Protocol (reply)');
    // ARP takes its 28 bytes; Ethernet shows the rest of the 60-byte frame as padding.
    expect(one(rep, 'eth.padding')).toMatchObject({ pos: 42, size: 18 });
  });

  it('dissects ARP and RARP over Linux cooked captures', async () => {
    const v1 = await dissectCapture('packetnet-linux-sll1.pcap');
    expect(one(v1[0], 'arp.opcode')).toMatchObject({ v: 1, pos: 22, size: 2 });
    expect(one(v1[0], 'arp.dst.proto_ipv4')).toMatchObject({ pos: 40, size: 4 });
    expect(v1[0].info).toBe('Who has 192.168.1.102? Tell 192.168.1.1');

    const v2 = await dissectCapture('zeek-linux-sll2.pcap');
    expect(one(v2[4], 'arp')).toMatchObject({ pos: 20, size: 28 });
    const rarp = v2[5];
    expect(rarp.protocol).toBe('RARP');
    expect(rarp.info).toBe('Who is 00:00:00:00:00:00? Tell 8e:36:06:44:ac:af');
    expect(one(rarp, 'arp').text).toBe('Address Resolution Protocol (reverse request)');
    expect(value(rarp, 'arp.opcode')).toBe(3);
  });
});

// ---- ARP packets built byte by byte (the outputs checked against tshark 4.0.17 on the same bytes) ----

const A = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
const B = [0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb];
const ZERO = [0, 0, 0, 0, 0, 0];
const BCAST = [255, 255, 255, 255, 255, 255];

function arp(op: number, sha: number[], spa: number[], tha: number[], tpa: number[], hrd = 1): number[] {
  return [0, hrd, 0x08, 0x00, 6, 4, 0, op, ...sha, ...spa, ...tha, ...tpa];
}

function dissect(payloads: Array<{ src: number[]; type?: number; arp: number[] }>): Packet[] {
  const engine = new Engine({ tree: true, columns: true });
  return payloads.map((p, i) => engine.dissect(frame(ethernet(BCAST, p.src, p.type ?? 0x0806, p.arp), i * 1000)));
}

describe('ARP special cases', () => {
  const pk = dissect([
    { src: A, arp: arp(1, A, [10, 0, 0, 1], ZERO, [10, 0, 0, 1]) },
    { src: A, arp: arp(2, A, [10, 0, 0, 1], BCAST, [10, 0, 0, 1]) },
    { src: A, arp: arp(1, A, [0, 0, 0, 0], ZERO, [10, 0, 0, 9]) },
    { src: B, arp: arp(1, B, [10, 0, 0, 1], ZERO, [10, 0, 0, 7]) },
    { src: B, arp: arp(9, B, [10, 0, 0, 2], ZERO, [10, 0, 0, 7]) },
    { src: B, type: 0x8035, arp: arp(4, B, [10, 0, 0, 2], A, [10, 0, 0, 7]) },
    { src: B, arp: arp(1, B, [10, 0, 0, 2], ZERO, [10, 0, 0, 7]).slice(0, 20) },
    { src: B, arp: arp(1, B, [1, 2, 3, 4], A, [1, 2, 3, 5], 6) },
  ]);

  it('recognises an announcement, a gratuitous reply and a probe (RFC 5227)', () => {
    expect(pk[0].info).toBe('ARP Announcement for 10.0.0.1');
    expect(one(pk[0], 'arp').text).toBe('Address Resolution Protocol (ARP Announcement)');
    expect(one(pk[0], 'arp.isgratuitous')).toMatchObject({ v: true, pos: 14, size: 0 });
    expect(value(pk[0], 'arp.isannouncement')).toBe(true);
    expect(pk[1].info).toBe('Gratuitous ARP for 10.0.0.1 (Reply)');
    expect(one(pk[1], 'arp').text).toBe('Address Resolution Protocol (reply/gratuitous ARP)');
    expect(all(pk[1], 'arp.isannouncement')).toEqual([]);
    expect(pk[2].info).toBe('Who has 10.0.0.9? (ARP Probe)');
    expect(value(pk[2], 'arp.isprobe')).toBe(true);
  });

  it('reports an IPv4 address claimed by a second MAC address', () => {
    const p = pk[3];
    expect(p.info).toBe('Who has 10.0.0.7? Tell 10.0.0.1 (duplicate use of 10.0.0.1 detected!)');
    expect(one(p, 'arp.duplicate-address-frame')).toMatchObject({ v: 2, pos: 14, size: 0 });
    expect(value(p, 'arp.seconds-since-duplicate-address-frame')).toBe(0);
    expect(p.experts.map((e) => e.id)).toContain('arp.duplicate-address-detected');
  });

  it('names inverse and reverse ARP as Wireshark does', () => {
    expect(pk[4].protocol).toBe('Inverse ARP');
    expect(pk[4].info).toBe('66:77:88:99:aa:bb is at 10.0.0.2');
    expect(one(pk[4], 'arp').text).toBe('Address Resolution Protocol (inverse reply)');
    expect(pk[5].protocol).toBe('RARP');
    expect(pk[5].info).toBe('00:11:22:33:44:55 is at 10.0.0.7');
  });

  it('reports a truncated packet as malformed after the fields it could read', () => {
    const p = pk[6];
    expect(one(p, 'arp')).toMatchObject({ pos: 14, size: 20 });
    expect(value(p, 'arp.opcode')).toBe(1);
    expect(all(p, 'arp.src.hw_mac')).toEqual([]);
    expect(p.malformed).toBe(true);
  });

  it('treats IEEE 802 hardware addresses as MAC addresses', () => {
    expect(value(pk[7], 'arp.hw.type')).toBe(6);
    expect(pk[7].info).toBe('Who has 1.2.3.5? Tell 1.2.3.4');
    expect(one(pk[7], 'arp.src.hw_mac')).toMatchObject({ pos: 22, size: 6 });
  });
});
