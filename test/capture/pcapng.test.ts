/** pcapng files built with the writer (checked byte for byte first) and read back. */
import { afterAll, describe, expect, it } from 'vitest';
import { pcapngFile, type WriteRecord } from '../../src/capture/writer.js';
import { LINKTYPE } from '../../src/capture/linktypes.js';
import { bytes, readAll, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.done());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));

const RECORDS: WriteRecord[] = [
  { data: bytes(0xaa, 0xbb, 0xcc), tsSec: 1700000000, tsNsec: 123456789, len: 60 },
  { data: bytes(1, 2, 3, 4, 5, 6, 7, 8), tsSec: 1700000001, tsNsec: 999999999 },
];

/** A block by hand: type, body (already padded), little-endian framing. */
function block(type: number, body: Uint8Array): Uint8Array {
  const len = 12 + body.length;
  const b = new Uint8Array(len);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, len, true);
  b.set(body, 8);
  dv.setUint32(len - 4, len, true);
  return b;
}

describe('pcapng writer', () => {
  it('writes SHB, IDB and EPB in the pcapng layout (little-endian, default microseconds)', () => {
    const f = pcapngFile(LINKTYPE.ETHERNET, [{ data: bytes(1, 2, 3), tsSec: 1, tsNsec: 0 }]);
    expect(hex(f)).toBe(
      // SHB: type, length 28, byte-order magic, version 1.0, section length -1, length
      '0a0d0d0a' + '1c000000' + '4d3c2b1a' + '0100' + '0000' + 'ffffffffffffffff' + '1c000000' +
        // IDB: type 1, length 20, link type 1, reserved, snap length 0, length
        '01000000' + '14000000' + '0100' + '0000' + '00000000' + '14000000' +
        // EPB: type 6, length 36, interface 0, timestamp 1000000 us (0x0f4240), caplen 3, len 3, data + pad, length
        '06000000' + '24000000' + '00000000' + '00000000' + '40420f00' + '03000000' + '03000000' + '01020300' + '24000000',
    );
  });

  it('writes if_tsresol and opt_comment options with their padding and an end-of-options', () => {
    const f = pcapngFile({ linkType: 101, tsresol: 9 }, [{ data: bytes(9), comment: 'hi' }], { bigEndian: true });
    // IDB at 28: type, length 32, link type 101, reserved, snap 0, option 9 len 1 value 09 + pad, opt_endofopt, length
    expect(hex(f.subarray(28, 60))).toBe('00000001' + '00000020' + '0065' + '0000' + '00000000' + '0009' + '0001' + '09000000' + '00000000' + '00000020');
    // EPB at 60: ..., data 09 + pad, option 1 len 2 'hi' + pad, end, length 48
    expect(hex(f.subarray(60))).toBe(
      '00000006' + '00000030' + '00000000' + '00000000' + '00000000' + '00000001' + '00000001' + '09000000' + '0001' + '0002' + '68690000' + '00000000' + '00000030',
    );
  });
});

describe('pcapng reader', () => {
  it('reads both byte orders the same: times (microseconds by default), lengths, bytes, interface', async () => {
    for (const bigEndian of [false, true]) {
      const r = await readAll(tmp.file(`bo-${bigEndian}.pcapng`, pcapngFile({ linkType: LINKTYPE.ETHERNET, snapLen: 9000 }, RECORDS, { bigEndian })));
      expect(r.warnings).toEqual([]);
      expect(r.info).toEqual([{ format: 'pcapng', linkType: 1, snapLen: 9000, nanosecond: false, gzip: false }]);
      expect(r.frames.map((f) => [f.tsSec, f.tsNsec, f.len, hex(f.data), f.linkType, f.ifIndex, f.comment])).toEqual([
        [1700000000, 123456000, 60, 'aabbcc', 1, 0, undefined],
        [1700000001, 999999000, 8, '0102030405060708', 1, 0, undefined],
      ]);
    }
  });

  it('starts over with each section: its own byte order, interfaces and link types', async () => {
    const s1 = pcapngFile([{ linkType: LINKTYPE.ETHERNET }, { linkType: LINKTYPE.LINUX_SLL }], [
      { data: bytes(1), tsSec: 1, ifIndex: 0 },
      { data: bytes(2), tsSec: 2, ifIndex: 1 },
    ]);
    const s2 = pcapngFile({ linkType: LINKTYPE.RAW, tsresol: 9 }, [{ data: bytes(3), tsSec: 3, tsNsec: 5 }], { bigEndian: true });
    const r = await readAll(tmp.file('sections.pcapng', concat(s1, s2)));
    expect(r.frames.map((f) => [hex(f.data), f.linkType, f.ifIndex, f.tsSec, f.tsNsec])).toEqual([
      ['01', 1, 0, 1, 0],
      ['02', 113, 1, 2, 0],
      ['03', 101, 0, 3, 5],
    ]);
    // The info describes the first interface of the file.
    expect(r.info).toEqual([{ format: 'pcapng', linkType: 1, snapLen: 0, nanosecond: false, gzip: false }]);
  });

  it('reads decimal if_tsresol: 10^-9 exactly, 10^-3, 10^0 and 10^-12 (finer than ns is cut off)', async () => {
    // [if_tsresol, seconds written, nanoseconds read back]; 10^-12 units overflow 64 bits after 213 days.
    const cases: [number, number, number][] = [
      [9, 1700000000, 123456789],
      [3, 1700000000, 123000000],
      [0, 1700000000, 0],
      [12, 1700000, 123456789],
    ];
    for (const [resol, sec, ns] of cases) {
      const file = pcapngFile({ linkType: 1, tsresol: resol }, [{ data: bytes(0), tsSec: sec, tsNsec: 123456789 }]);
      const r = await readAll(tmp.file(`dec${resol}.pcapng`, file));
      expect([resol, r.frames[0]!.tsSec, r.frames[0]!.tsNsec]).toEqual([resol, sec, ns]);
      expect(r.info[0]!.nanosecond).toBe(resol > 6);
    }
  });

  it('reads binary if_tsresol (2^-n when the top bit is set)', async () => {
    // 2^-20 s units: 0.5 s and 0.25 s are whole numbers of units, so they come back exactly.
    const f20 = pcapngFile({ linkType: 1, tsresol: 0x80 | 20 }, [
      { data: bytes(0), tsSec: 1700000000, tsNsec: 500000000 },
      { data: bytes(0), tsSec: 1700000001, tsNsec: 250000000 },
    ]);
    // Check the stored count itself: (1700000000 * 2^20 + 2^19) units.
    const dv = new DataView(f20.buffer);
    // SHB 28 bytes, IDB 32 bytes (with the if_tsresol option).
    const epb = 28 + 32;
    const units = (BigInt(dv.getUint32(epb + 12, true)) << 32n) | BigInt(dv.getUint32(epb + 16, true));
    expect(units).toBe(1700000000n * 2n ** 20n + 2n ** 19n);
    const r = await readAll(tmp.file('bin20.pcapng', f20));
    expect(r.frames.map((f) => [f.tsSec, f.tsNsec])).toEqual([
      [1700000000, 500000000],
      [1700000001, 250000000],
    ]);
    expect(r.info[0]!.nanosecond).toBe(true);
    // 2^-1 s units: an odd count is half a second.
    const r1 = await readAll(tmp.file('bin1.pcapng', pcapngFile({ linkType: 1, tsresol: 0x81 }, [{ data: bytes(0), tsSec: 7, tsNsec: 600000000 }])));
    expect([r1.frames[0]!.tsSec, r1.frames[0]!.tsNsec]).toEqual([7, 500000000]);
    expect(r1.info[0]!.nanosecond).toBe(false);
  });

  it('adds if_tsoffset seconds to every timestamp', async () => {
    const f = pcapngFile({ linkType: 1, tsoffset: 1000000000 }, [{ data: bytes(0), tsSec: 1700000000, tsNsec: 42000 }]);
    const epb = 28 + 36;
    // Stored relative to the offset: 700000000 s in microseconds.
    const dv = new DataView(f.buffer);
    expect(dv.getUint32(epb + 12, true) * 2 ** 32 + dv.getUint32(epb + 16, true)).toBe(700000000 * 1e6 + 42);
    const r = await readAll(tmp.file('offset.pcapng', f));
    expect([r.frames[0]!.tsSec, r.frames[0]!.tsNsec]).toEqual([1700000000, 42000]);
    const neg = await readAll(tmp.file('negoffset.pcapng', pcapngFile({ linkType: 1, tsoffset: -5 }, [{ data: bytes(0), tsSec: 100 }])));
    expect(neg.frames[0]!.tsSec).toBe(100);
  });

  it('reads Simple Packet Blocks: interface 0, no time, captured length bounded by block and snap length', async () => {
    const f = pcapngFile({ linkType: LINKTYPE.ETHERNET, snapLen: 64 }, [
      { data: new Uint8Array(100).fill(7) },
      { data: new Uint8Array(61).fill(8) },
      // Original length beyond what the block holds: only the block's bytes are captured.
      { data: new Uint8Array(8).fill(9), len: 1000 },
    ], { block: 'spb' });
    const r = await readAll(tmp.file('spb.pcapng', f));
    expect(r.frames.map((f) => [f.data.length, f.len, f.tsSec, f.tsNsec, f.ifIndex, f.linkType])).toEqual([
      [64, 100, 0, 0, 0, 1],
      // 61 bytes are padded to 64 in the block; the original length says where the packet ends.
      [61, 61, 0, 0, 0, 1],
      [8, 1000, 0, 0, 0, 1],
    ]);
    expect(r.frames[0]!.data.every((x) => x === 7)).toBe(true);
  });

  it('reads the obsolete Packet Block (type 2) with its 16-bit interface id and comments', async () => {
    const f = pcapngFile([{ linkType: 1 }, { linkType: 9 }], [
      { data: bytes(0xc0, 0x21), tsSec: 5, tsNsec: 6000, ifIndex: 1, comment: 'old style' },
    ], { block: 'pb' });
    expect(new DataView(f.buffer).getUint32(28 + 20 + 20, true)).toBe(2);
    const r = await readAll(tmp.file('pb.pcapng', f));
    expect(r.frames.map((f) => [hex(f.data), f.tsSec, f.tsNsec, f.ifIndex, f.linkType, f.comment])).toEqual([['c021', 5, 6000, 1, 9, 'old style']]);
  });

  it('joins several opt_comment values with newlines and clears the comment on the next packet', async () => {
    const r = await readAll(tmp.file('comments.pcapng', pcapngFile(1, [
      { data: bytes(1), comment: ['first', 'zweite – ü'] },
      { data: bytes(2) },
      { data: bytes(3), comment: '' },
    ])));
    expect(r.frames.map((f) => f.comment)).toEqual(['first\nzweite – ü', undefined, '']);
    // A Simple Packet Block (no options) after a commented packet has no comment either.
    const spb = pcapngFile(1, [{ data: bytes(4) }], { block: 'spb' });
    const mixed = await readAll(tmp.file('comment-spb.pcapng', concat(pcapngFile(1, [{ data: bytes(1), comment: 'x' }]), spb)));
    expect(mixed.frames.map((f) => f.comment)).toEqual(['x', undefined]);
  });

  it('skips blocks it does not know by their length', async () => {
    const f = pcapngFile(1, RECORDS);
    const head = f.subarray(0, 48);
    const rest = f.subarray(48);
    const nrb = block(4, new Uint8Array(8));
    const custom = block(0x00000bad, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    const isb = block(5, new Uint8Array(12));
    const r = await readAll(tmp.file('skip.pcapng', concat(head, nrb, custom, rest, isb)));
    expect(r.warnings).toEqual([]);
    expect(r.frames.map((f) => hex(f.data))).toEqual(['aabbcc', '0102030405060708']);
  });
});
