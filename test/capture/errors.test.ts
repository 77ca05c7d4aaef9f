/**
 * Bad input: each case rejects with a CaptureError carrying a one-line message (the CLI prints
 * `vpnshark: FILE: message`), on the file path and the stream path alike, without allocating what a
 * lying length asks for. A capture cut off inside its last record only warns.
 */
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readCapture, readCaptureStream } from '../../src/capture/reader.js';
import { CaptureError } from '../../src/capture/types.js';
import { pcapFile, pcapngFile } from '../../src/capture/writer.js';
import { bytes, patterned, readAll, readAllStream, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.done());

async function failure(p: Promise<unknown>): Promise<CaptureError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureError);
    return e as CaptureError;
  }
  throw new Error('expected a CaptureError');
}

/** The message from both the file path and the stream path, which must agree. */
async function message(name: string, file: Uint8Array): Promise<string> {
  const viaFile = await failure(readCapture(tmp.file(name, file), () => {}));
  const viaStream = await failure(readCaptureStream(Readable.from([Buffer.from(file)]), () => {}));
  expect(viaStream.message).toBe(viaFile.message);
  return viaFile.message;
}

const pcap3 = () => pcapFile(1, [{ data: patterned(0, 100) }, { data: patterned(1, 60) }, { data: patterned(2, 80) }]);
const ng3 = () => pcapngFile(1, [{ data: patterned(0, 100) }, { data: patterned(1, 60) }, { data: patterned(2, 80) }]);
/** Offsets in ng3(): SHB 0 (28 bytes), IDB 28 (20 bytes), EPBs at 48 (132 bytes), 180 (92 bytes), 272. */
const EPB1 = 48;

describe('input that is not a capture', () => {
  it('missing file', async () => {
    expect((await failure(readCapture(`${tmp.dir}/does-not-exist.pcap`, () => {}))).message).toBe('no such file');
  });

  it('a directory', async () => {
    expect((await failure(readCapture(tmp.dir, () => {}))).message).toBe('is a directory');
  });

  it('an empty file or stream', async () => {
    expect(await message('empty', new Uint8Array(0))).toBe('empty file: not a capture');
  });

  it('an HTML page, and a file too short for a magic number', async () => {
    expect(await message('page.html', new TextEncoder().encode('<html><body>'))).toBe('not a pcap or pcapng file (starts with 3c 68 74 6d)');
    expect(await message('two', bytes(0xd4, 0xc3))).toBe('not a pcap or pcapng file (starts with d4 c3)');
  });

  it('gzip data that is not valid deflate', async () => {
    const bad = bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);
    expect(await message('bad.gz', bad)).toMatch(/^gzip data is corrupt \(.+\)$/);
  });
});

describe('classic pcap errors', () => {
  it('unsupported versions', async () => {
    expect(await message('v1.pcap', pcapFile(1, [], { version: [1, 0] }))).toBe('unsupported pcap version 1.0');
    expect(await message('v3.pcap', pcapFile(1, [], { version: [3, 4] }))).toBe('unsupported pcap version 3.4');
  });

  it('a header cut short', async () => {
    expect(await message('hdr.pcap', pcap3().subarray(0, 10))).toBe('the pcap file header is cut short (10 of 24 bytes)');
  });

  it('a record claiming 0xFFFFFFF0 bytes, without allocating them', async () => {
    const f = pcap3();
    new DataView(f.buffer).setUint32(24 + 116 + 8, 0xfffffff0, true);
    const before = process.memoryUsage().arrayBuffers;
    expect(await message('huge.pcap', f)).toBe('record length 4294967280 is impossible (record 2, snap length 262144)');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a record far beyond the snap length, and one beyond 256 MiB whatever the snap length', async () => {
    const f = pcapFile(1, [{ data: patterned(0, 10) }], { snapLen: 65535 });
    new DataView(f.buffer).setUint32(24 + 8, 300000, true);
    expect(await message('oversnap.pcap', f)).toBe('record length 300000 is impossible (record 1, snap length 65535)');
    const g = pcapFile(1, [{ data: patterned(0, 10) }], { snapLen: 0xffffffff });
    new DataView(g.buffer).setUint32(24 + 8, 256 * 1024 * 1024 + 1, true);
    expect(await message('over256.pcap', g)).toBe('record length 268435457 is impossible (record 1, snap length 4294967295)');
  });
});

describe('cut-off captures keep every complete record and warn', () => {
  it('pcap cut inside the last record body', async () => {
    const f = pcap3();
    const cut = f.subarray(0, f.length - 30);
    for (const r of [await readAll(tmp.file('cut.pcap', cut)), await readAllStream(Readable.from([Buffer.from(cut)]))]) {
      expect(r.frames.map((x) => x.data.length)).toEqual([100, 60]);
      expect(r.warnings).toEqual(['the last record is cut short (66 of 96 bytes): the capture appears to have been cut off']);
    }
  });

  it('pcap cut inside the last record header', async () => {
    const r = await readAll(tmp.file('cuthdr.pcap', pcap3().subarray(0, 24 + 116 + 76 + 5)));
    expect(r.frames).toHaveLength(2);
    expect(r.warnings).toEqual(['the last record is cut short (5 of 16 bytes): the capture appears to have been cut off']);
  });

  it('pcapng cut inside the last block', async () => {
    const f = ng3();
    const r = await readAll(tmp.file('cut.pcapng', f.subarray(0, f.length - 9)));
    expect(r.frames.map((x) => x.data.length)).toEqual([100, 60]);
    expect(r.warnings).toEqual([`the last block is cut short (${f.length - 9 - 272} of ${f.length - 272} bytes): the capture appears to have been cut off`]);
  });

  it('pcapng cut inside the first section header is an error', async () => {
    expect(await message('shb.pcapng', ng3().subarray(0, 20))).toBe('the pcapng section header is cut short (20 of 28 bytes)');
  });
});

describe('pcapng errors', () => {
  const withU32 = (off: number, v: number, le = true) => {
    const f = ng3();
    new DataView(f.buffer).setUint32(off, v, le);
    return f;
  };

  it('block lengths that are not a multiple of 4, below 12, or beyond 256 MiB', async () => {
    expect(await message('len13.pcapng', withU32(EPB1 + 4, 13))).toBe('block 3: impossible block length 13');
    expect(await message('len8.pcapng', withU32(EPB1 + 4, 8))).toBe('block 3: impossible block length 8');
    const before = process.memoryUsage().arrayBuffers;
    expect(await message('len-huge.pcapng', withU32(EPB1 + 4, 0xfffffff0))).toBe('block 3: impossible block length 4294967280');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a block length that does not match its trailing copy', async () => {
    expect(await message('trail.pcapng', withU32(EPB1 + 132 - 4, 128))).toBe('block 3: block length 132 does not match its trailing copy 128');
  });

  it('an EPB whose captured length exceeds the block', async () => {
    expect(await message('caplen.pcapng', withU32(EPB1 + 20, 101))).toBe('block 3: captured length exceeds block (101 > 100)');
  });

  it('a packet on an interface the section has not described (interfaces reset with each section)', async () => {
    expect(await message('ifid.pcapng', withU32(EPB1 + 8, 1))).toBe('block 3: packet on interface 1, but the section describes 1 interface(s)');
    const two = pcapngFile([{ linkType: 1 }, { linkType: 9 }], [{ data: bytes(1), ifIndex: 1 }]);
    const second = pcapngFile(1, [{ data: bytes(2) }]);
    new DataView(second.buffer).setUint32(48 + 8, 1, true);
    expect(await message('reset.pcapng', Uint8Array.from(Buffer.concat([two, second])))).toMatch(/^block 7: packet on interface 1, but the section describes 1 interface/);
  });

  it('a Simple Packet Block before any interface description', async () => {
    const f = pcapngFile(1, [{ data: bytes(1, 2, 3, 4) }], { block: 'spb' });
    // Turn the IDB into an unknown block type so that the SPB comes first.
    new DataView(f.buffer).setUint32(28, 0x99, true);
    expect(await message('spb.pcapng', f)).toBe('block 3: packet on interface 0, but the section describes 0 interface(s)');
  });

  it('a section header with a bad byte-order magic or an unknown version', async () => {
    expect(await message('bom.pcapng', withU32(8, 0x12345678, false))).toBe('block 1: section header with a bad byte-order magic (12345678)');
    expect(await message('v2.pcapng', pcapngFile(1, [], { version: [2, 0] }))).toBe('unsupported pcapng version 2.0 (block 1)');
  });
});
