/** Shared by the capture tests: temporary files and a reader that keeps copies of what it was handed. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { readCapture, readCaptureStream } from '../../src/capture/reader.js';
import type { CaptureInfo, Frame } from '../../src/capture/types.js';

/** A frame as the reader handed it, with its bytes copied out of the reader's buffer. */
export type Kept = Frame;

export interface ReadResult {
  frames: Kept[];
  warnings: string[];
  info: CaptureInfo[];
}

function keeper() {
  const r: ReadResult = { frames: [], warnings: [], info: [] };
  const onFrame = (f: Frame) => {
    r.frames.push({ ...f, data: Uint8Array.from(f.data) });
  };
  const opts = { onWarning: (m: string) => r.warnings.push(m), onInfo: (i: CaptureInfo) => r.info.push(i) };
  return { r, onFrame, opts };
}

export async function readAll(path: string): Promise<ReadResult> {
  const k = keeper();
  await readCapture(path, k.onFrame, k.opts);
  return k.r;
}

export async function readAllStream(input: Readable): Promise<ReadResult> {
  const k = keeper();
  await readCaptureStream(input, k.onFrame, k.opts);
  return k.r;
}

/** A scratch directory removed by the returned cleanup. */
export function scratch(): { file: (name: string, bytes: Uint8Array) => string; dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vpnshark-capture-'));
  return {
    dir,
    file: (name, bytes) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const bytes = (...xs: number[]) => Uint8Array.from(xs);

/** A record body that says which record it is: index in the first 4 bytes, then a pattern from the index. */
export function patterned(index: number, size: number): Uint8Array {
  const d = new Uint8Array(size);
  for (let i = 0; i < size; i++) d[i] = (index * 31 + i) & 0xff;
  if (size >= 4) new DataView(d.buffer).setUint32(0, index);
  return d;
}
