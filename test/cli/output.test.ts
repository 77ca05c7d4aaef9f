import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Out } from '../../src/cli/output.js';
import { summariseFile } from '../../src/sessions/run.js';

const SAMPLES = resolve(__dirname, '../../samples');

/** Runs write() against an Out on a temporary file and returns what reached the file. */
function written(write: (out: Out) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpnshark-out-'));
  const path = join(dir, 'out.txt');
  const fd = openSync(path, 'w');
  try {
    const out = new Out(fd);
    write(out);
    out.flush();
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(path, 'utf8');
  rmSync(dir, { recursive: true });
  return text;
}

describe('Out', () => {
  it('keeps lines whole and in order across many flushes, multi-byte text included', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i} 10.0.0.1 → 10.0.0.2 ESP (SPI=0x${i.toString(16).padStart(8, '0')}) ü 😀`);
    expect(written((out) => lines.forEach((l) => out.line(l)))).toBe(lines.join('\n') + '\n');
  });

  it('writes a line longer than its buffer without splitting a surrogate pair', () => {
    // 200,000 UTF-16 units: several slices, with a pair on every boundary that could split one.
    const long = 'a' + '😀'.repeat(100_000 - 1) + 'b';
    expect(written((out) => out.line(long))).toBe(long + '\n');
  });

  it('streams a sessions document exactly as JSON.stringify(doc, null, 2) writes it', async () => {
    const caps = readdirSync(SAMPLES).filter((f) => f.endsWith('.pcap')).sort();
    expect(caps.length).toBeGreaterThan(3);
    for (const cap of caps) {
      const doc = await summariseFile(join(SAMPLES, cap));
      expect(written((out) => { out.json(doc); out.line(''); })).toBe(JSON.stringify(doc, null, 2) + '\n');
    }
  });

  it('writes holes, undefined members and empty containers as JSON.stringify does', () => {
    const v = { a: [1, undefined, () => 0, [], {}], b: undefined, c: { d: 'x\ny', e: [{ f: [1, 2] }] }, g: null, h: new Date(0) };
    expect(written((out) => out.json(v))).toBe(JSON.stringify(v, null, 2));
  });
});
