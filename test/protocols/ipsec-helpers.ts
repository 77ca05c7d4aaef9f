/** Shared by the ESP, AH and UDP-encapsulation tests: read a shared capture, dissect it, find fields. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCapture } from '../../src/capture/reader.js';
import type { Frame } from '../../src/capture/types.js';
import { Engine } from '../../src/core/engine.js';
import type { Packet } from '../../src/core/packet.js';
import type { Node } from '../../src/core/tree.js';
import '../../src/protocols/index.js';

import { CAPTURES, haveCaptures } from '../tree-query.js';
export { CAPTURES, haveCaptures };

/** Every frame of a capture, copied so that a test may edit the bytes. */
export async function loadFrames(name: string): Promise<Frame[]> {
  const out: Frame[] = [];
  await readCapture(resolve(CAPTURES, name), (f) => {
    out.push({ ...f, data: Uint8Array.from(f.data) });
  });
  return out;
}

/** Dissect frames in order in one run; `tree: false` takes the fast path that session summaries use. */
export function dissectAll(frames: Frame[], opts: { tree?: boolean; settings?: Record<string, unknown> } = {}): { engine: Engine; packets: Packet[] } {
  const tree = opts.tree ?? true;
  const engine = new Engine({ tree, columns: tree, settings: opts.settings ?? {} });
  const packets: Packet[] = [];
  for (const f of frames) {
    const p = engine.dissect(f);
    // The fast path may reuse one Packet; keep what the test looks at.
    packets.push(tree ? p : ({ num: p.num, experts: [...p.experts], protocols: [...p.protocols] } as unknown as Packet));
  }
  return { engine, packets };
}

export { all, one, type Found, expertIds } from '../tree-query.js';


export function expertsOf(packets: Packet[], id: string) {
  return packets.flatMap((p) => p.experts.filter((e) => e.id === id).map((e) => ({ frame: p.num, ...e })));
}

/** Write a big-endian 32-bit value into a frame's bytes. */
export function putU32(data: Uint8Array, off: number, v: number): void {
  new DataView(data.buffer, data.byteOffset, data.byteLength).setUint32(off, v >>> 0);
}
