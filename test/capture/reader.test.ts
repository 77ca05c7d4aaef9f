/**
 * The buffer mechanics: records straddling the 4 MiB buffer, records bigger than it, the stream path
 * (gzip, any Readable), stopping early, and the one reused Frame viewing the buffer without copies.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readCapture, readCaptureStream } from '../../src/capture/reader.js';
import { BUFFER_SIZE } from '../../src/capture/feeder.js';
import { pcapFile, pcapngFile, type WriteRecord } from '../../src/capture/writer.js';
import type { Frame } from '../../src/capture/types.js';
import { patterned, readAll, readAllStream, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.done());

/** Sizes from 0 to 1,600 bytes, a few of 60 KB: about 12 MiB in all, so records cut the buffer end often. */
function manyRecords(): WriteRecord[] {
  const out: WriteRecord[] = [];
  for (let i = 0; out.length < 16000; i++) {
    const size = i % 97 === 0 ? 60000 + i : (i * 7919) % 1601;
    out.push({ data: patterned(i, size), tsSec: 1600000000 + i, tsNsec: (i * 1000) % 1e9 });
  }
  return out;
}

const MANY = manyRecords();
const MANY_BYTES = MANY.reduce((n, r) => n + r.data.length, 0);

/** Records in the middle bigger than the buffer (6 MiB and 9 MiB), with small ones around them. */
const BIG: WriteRecord[] = [
  { data: patterned(0, 100) },
  { data: patterned(1, 6 * 1024 * 1024 + 3) },
  { data: patterned(2, 50) },
  { data: patterned(3, 9 * 1024 * 1024) },
  { data: patterned(4, 1000) },
];

function digest(records: { data: Uint8Array }[]): string {
  const h = createHash('sha256');
  for (const r of records) h.update(`${r.data.length}:`).update(r.data);
  return h.digest('hex');
}

/** Streams bytes in chunks of uneven sizes, as a pipe would. */
function chunked(b: Uint8Array, sizes = [1, 7, 4096, 65536, 100003]): Readable {
  const chunks: Buffer[] = [];
  for (let p = 0, i = 0; p < b.length; i++) {
    const n = sizes[i % sizes.length]!;
    chunks.push(Buffer.from(b.subarray(p, p + n)));
    p += n;
  }
  return Readable.from(chunks);
}

describe('buffer handling', () => {
  it('hands over every record intact when records straddle the buffer end (file, pcap)', async () => {
    expect(MANY_BYTES).toBeGreaterThan(4 * BUFFER_SIZE);
    const r = await readAll(tmp.file('many.pcap', pcapFile(1, MANY)));
    expect(r.warnings).toEqual([]);
    expect(r.frames.length).toBe(MANY.length);
    expect(digest(r.frames)).toBe(digest(MANY));
    expect(r.frames.map((f) => f.tsSec)).toEqual(MANY.map((m) => m.tsSec));
  });

  it('hands over every record intact when blocks straddle the buffer end (file, pcapng)', async () => {
    const r = await readAll(tmp.file('many.pcapng', pcapngFile({ linkType: 1, tsresol: 9 }, MANY)));
    expect(r.frames.length).toBe(MANY.length);
    expect(digest(r.frames)).toBe(digest(MANY));
    expect(r.frames.map((f) => f.tsNsec)).toEqual(MANY.map((m) => m.tsNsec));
  });

  it('does the same from a stream fed in uneven chunks', async () => {
    const r = await readAllStream(chunked(pcapFile(1, MANY)));
    expect(r.frames.length).toBe(MANY.length);
    expect(digest(r.frames)).toBe(digest(MANY));
    const ng = await readAllStream(chunked(pcapngFile(1, MANY, { bigEndian: true })));
    expect(digest(ng.frames)).toBe(digest(MANY));
  });

  it('reads records bigger than the buffer, then goes back to the 4 MiB buffer', async () => {
    for (const [name, file] of [['big.pcap', pcapFile(1, BIG, { snapLen: 16 * 1024 * 1024 })], ['big.pcapng', pcapngFile(1, BIG)]] as const) {
      const sizes: number[] = [];
      const path = tmp.file(name, file);
      const seen: string[] = [];
      await readCapture(path, (f) => {
        sizes.push(f.data.buffer.byteLength);
        seen.push(createHash('sha256').update(f.data).digest('hex'));
      });
      expect(seen).toEqual(BIG.map((b) => createHash('sha256').update(b.data).digest('hex')));
      expect(sizes[0]).toBe(BUFFER_SIZE);
      expect(sizes[1]).toBeGreaterThan(BUFFER_SIZE);
      expect(sizes[4]).toBe(BUFFER_SIZE);
      const s = await readAllStream(chunked(file));
      expect(digest(s.frames)).toBe(digest(BIG));
    }
  });

  it('reuses one Frame object whose data is a view into the read buffer, not a copy', async () => {
    const frames = new Set<Frame>();
    const views: [number, number][] = [];
    await readCapture(tmp.file('view.pcap', pcapFile(1, MANY.slice(0, 50))), (f) => {
      frames.add(f);
      views.push([f.data.buffer.byteLength, f.data.byteOffset]);
    });
    expect(frames.size).toBe(1);
    // First record: 24-byte file header + 16-byte record header.
    expect(views[0]).toEqual([BUFFER_SIZE, 40]);
    expect(views[1]).toEqual([BUFFER_SIZE, 40 + MANY[0]!.data.length + 16]);
  });

  it('stops when onFrame returns false (file, stream and gzip paths)', async () => {
    const file = pcapFile(1, MANY.slice(0, 100));
    let n = 0;
    await readCapture(tmp.file('stop.pcap', file), () => ++n < 3);
    expect(n).toBe(3);
    n = 0;
    const input = chunked(file);
    await readCaptureStream(input, () => ++n < 3);
    expect(n).toBe(3);
    expect(input.destroyed).toBe(true);
    n = 0;
    await readCapture(tmp.file('stop.pcap.gz', gzipSync(file)), () => ++n < 5);
    expect(n).toBe(5);
  });

  it('keeps a lying length from allocating: 200 MiB claimed in a 1 KiB file', async () => {
    const file = pcapFile(1, [{ data: patterned(0, 500) }, { data: patterned(1, 500) }], { snapLen: 0x7fffffff });
    new DataView(file.buffer).setUint32(24 + 16 + 500 + 8, 200 * 1024 * 1024, true);
    for (const how of ['file', 'stream'] as const) {
      const before = process.memoryUsage().arrayBuffers;
      let during = 0;
      const warnings: string[] = [];
      let n = 0;
      const opts = {
        onWarning: (m: string) => {
          warnings.push(m);
          during = process.memoryUsage().arrayBuffers;
        },
      };
      if (how === 'file') await readCapture(tmp.file('lie.pcap', file), () => void n++, opts);
      else await readCaptureStream(chunked(file), () => void n++, opts);
      expect(n).toBe(1);
      expect(warnings).toEqual([`the last record is cut short (516 of ${16 + 200 * 1024 * 1024} bytes): the capture appears to have been cut off`]);
      expect(during - before).toBeLessThan(32 * 1024 * 1024);
    }
  });
});

describe('gzip and streams', () => {
  const recs = MANY.slice(0, 300);

  it('decompresses a gzip pcap file (zlib.gzipSync) and says so in the info', async () => {
    const r = await readAll(tmp.file('c.pcap.gz', gzipSync(pcapFile(1, recs, { nanosecond: true }))));
    expect(r.info).toEqual([{ format: 'pcap', linkType: 1, snapLen: 262144, nanosecond: true, gzip: true }]);
    expect(digest(r.frames)).toBe(digest(recs));
    expect(r.frames.map((f) => f.tsNsec)).toEqual(recs.map((x) => x.tsNsec));
  });

  it('decompresses gzip pcapng, whatever the file is called', async () => {
    const r = await readAll(tmp.file('no-extension', gzipSync(pcapngFile(113, recs))));
    expect(r.info[0]!.gzip).toBe(true);
    expect(r.frames.map((f) => f.linkType)).toEqual(recs.map(() => 113));
    expect(digest(r.frames)).toBe(digest(recs));
  });

  it('sniffs gzip on a stream too, even when the first chunk is a single byte', async () => {
    const r = await readAllStream(chunked(gzipSync(pcapFile(1, recs)), [1, 1, 333]));
    expect(r.info[0]!.gzip).toBe(true);
    expect(digest(r.frames)).toBe(digest(recs));
  });

  it('keeps what decompressed when the gzip data is cut off, and warns', async () => {
    const gz = gzipSync(pcapFile(1, MANY));
    const r = await readAll(tmp.file('cut.pcap.gz', gz.subarray(0, Math.floor(gz.length / 2))));
    expect(r.warnings).toEqual(['the compressed data is cut short: the capture appears to have been cut off']);
    expect(r.frames.length).toBeGreaterThan(100);
    expect(r.frames.length).toBeLessThan(MANY.length);
    expect(digest(r.frames)).toBe(digest(MANY.slice(0, r.frames.length)));
  });

  it('reads a plain capture from any Readable', async () => {
    const r = await readAllStream(Readable.from([Buffer.from(pcapngFile(1, recs.slice(0, 3)))]));
    expect(r.info[0]!.gzip).toBe(false);
    expect(digest(r.frames)).toBe(digest(recs.slice(0, 3)));
  });
});
