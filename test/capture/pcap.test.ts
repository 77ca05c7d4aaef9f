/** Classic pcap files built with the writer (checked byte for byte first) and read back. */
import { afterAll, describe, expect, it } from 'vitest';
import { pcapFile } from '../../src/capture/writer.js';
import { LINKTYPE, linkTypeDescription, linkTypeName } from '../../src/capture/linktypes.js';
import { bytes, readAll, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.done());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const RECORDS = [
  { data: bytes(0xaa, 0xbb, 0xcc), tsSec: 1700000000, tsNsec: 123456789, len: 60 },
  { data: bytes(1, 2, 3, 4, 5), tsSec: 1700000001, tsNsec: 999999999 },
  { data: new Uint8Array(0), tsSec: 0, tsNsec: 0, len: 0 },
];

describe('pcap writer', () => {
  it('writes the libpcap layout: file header, then 16-byte record headers (little-endian, microseconds)', () => {
    const f = pcapFile(LINKTYPE.ETHERNET, [{ data: bytes(0xaa, 0xbb), tsSec: 1, tsNsec: 2000, len: 60 }]);
    expect(hex(f)).toBe(
      'd4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + '00000400' + '01000000' +
        '01000000' + '02000000' + '02000000' + '3c000000' + 'aabb',
    );
  });

  it('writes big-endian nanosecond files with magic a1b23c4d', () => {
    const f = pcapFile(LINKTYPE.RAW, [{ data: bytes(0x45), tsSec: 2, tsNsec: 7 }], { bigEndian: true, nanosecond: true, snapLen: 100 });
    expect(hex(f)).toBe('a1b23c4d' + '0002' + '0004' + '00000000' + '00000000' + '00000064' + '00000065' + '00000002' + '00000007' + '00000001' + '00000001' + '45');
  });
});

describe('classic pcap reader', () => {
  it('reads a little-endian microsecond file: times cut to microseconds, lengths, bytes, link type', async () => {
    const r = await readAll(tmp.file('le.pcap', pcapFile(LINKTYPE.ETHERNET, RECORDS, { snapLen: 65535 })));
    expect(r.warnings).toEqual([]);
    expect(r.info).toEqual([{ format: 'pcap', linkType: 1, snapLen: 65535, nanosecond: false, gzip: false }]);
    expect(r.frames.map((f) => [f.tsSec, f.tsNsec, f.len, hex(f.data), f.linkType, f.ifIndex, f.comment])).toEqual([
      [1700000000, 123456000, 60, 'aabbcc', 1, 0, undefined],
      [1700000001, 999999000, 5, '0102030405', 1, 0, undefined],
      [0, 0, 0, '', 1, 0, undefined],
    ]);
  });

  it('reads a big-endian file the same way', async () => {
    const file = pcapFile(LINKTYPE.PPP, RECORDS, { bigEndian: true });
    expect(hex(file.subarray(0, 4))).toBe('a1b2c3d4');
    const r = await readAll(tmp.file('be.pcap', file));
    expect(r.frames.map((f) => [f.tsSec, f.tsNsec, f.len, hex(f.data), f.linkType])).toEqual([
      [1700000000, 123456000, 60, 'aabbcc', 9],
      [1700000001, 999999000, 5, '0102030405', 9],
      [0, 0, 0, '', 9],
    ]);
  });

  it('reads nanosecond files (magic a1b23c4d) in both byte orders, keeping every nanosecond', async () => {
    for (const bigEndian of [false, true]) {
      const file = pcapFile(LINKTYPE.RAW, RECORDS, { nanosecond: true, bigEndian });
      expect(hex(file.subarray(0, 4))).toBe(bigEndian ? 'a1b23c4d' : '4d3cb2a1');
      const r = await readAll(tmp.file(`ns-${bigEndian}.pcap`, file));
      expect(r.info[0]!.nanosecond).toBe(true);
      expect(r.frames.map((f) => [f.tsSec, f.tsNsec, f.linkType])).toEqual([
        [1700000000, 123456789, 101],
        [1700000001, 999999999, 101],
        [0, 0, 101],
      ]);
    }
  });

  it('takes the link type from the low 16 bits of the network field (FCS bits ignored)', async () => {
    const file = pcapFile(LINKTYPE.ETHERNET, RECORDS.slice(0, 1));
    // FCS present (bit 28) with a 4-byte FCS length (bits 29-31 = 2 words).
    new DataView(file.buffer).setUint32(20, 0x50000001, true);
    const r = await readAll(tmp.file('fcs.pcap', file));
    expect(r.info[0]!.linkType).toBe(1);
    expect(r.frames[0]!.linkType).toBe(1);
  });

  it('accepts records longer than a small header snap length, up to a plausible size', async () => {
    const big = new Uint8Array(100000).fill(0x5a);
    const r = await readAll(tmp.file('snap.pcap', pcapFile(LINKTYPE.ETHERNET, [{ data: big }], { snapLen: 1500 })));
    expect(r.frames).toHaveLength(1);
    expect(r.frames[0]!.data.length).toBe(100000);
    expect(r.frames[0]!.data.every((x) => x === 0x5a)).toBe(true);
  });

  it('carries a microsecond field of a million or more into the seconds', async () => {
    const file = pcapFile(LINKTYPE.ETHERNET, [{ data: bytes(1), tsSec: 10 }]);
    new DataView(file.buffer).setUint32(24 + 4, 2500000, true);
    const r = await readAll(tmp.file('usec.pcap', file));
    expect([r.frames[0]!.tsSec, r.frames[0]!.tsNsec]).toEqual([12, 500000000]);
  });

  it('accepts pcap 2.2 (any 2.x)', async () => {
    const r = await readAll(tmp.file('v22.pcap', pcapFile(LINKTYPE.ETHERNET, RECORDS, { version: [2, 2] })));
    expect(r.frames).toHaveLength(3);
  });
});

describe('link type names', () => {
  it('names the LINKTYPE_* numbers the dissectors register for', () => {
    expect([LINKTYPE.NULL, LINKTYPE.ETHERNET, LINKTYPE.PPP, LINKTYPE.PPP_HDLC, LINKTYPE.PPP_ETHER, LINKTYPE.RAW, LINKTYPE.LOOP]).toEqual([0, 1, 9, 50, 51, 101, 108]);
    expect([LINKTYPE.LINUX_SLL, LINKTYPE.IPV4, LINKTYPE.IPV6, LINKTYPE.LINUX_SLL2, LINKTYPE.DLT_RAW_12, LINKTYPE.DLT_RAW_14]).toEqual([113, 228, 229, 276, 12, 14]);
    expect([linkTypeName(1), linkTypeName(276), linkTypeName(14), linkTypeName(147)]).toEqual(['LINKTYPE_ETHERNET', 'LINKTYPE_LINUX_SLL2', 'LINKTYPE_RAW', 'LINKTYPE 147']);
    expect([linkTypeDescription(0), linkTypeDescription(229), linkTypeDescription(147)]).toEqual(['NULL/Loopback', 'Raw IPv6', 'Unknown']);
  });
});
