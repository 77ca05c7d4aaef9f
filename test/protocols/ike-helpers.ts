/** For the ISAKMP/IKE tests: read a shared capture, dissect it with one engine, find fields and experts. */
import type { Frame } from '../../src/capture/types.js';
import { Engine } from '../../src/core/engine.js';
import type { Packet } from '../../src/core/packet.js';
import type { Node } from '../../src/core/tree.js';
import { nodeText } from '../../src/output/label.js';
import { dissectAll } from '../tree-query.js';
import '../../src/protocols/index.js';

export { CAPTURES, haveCaptures, loadFrames as frames } from '../tree-query.js';

/** Dissect the frames in order in one run (full tree, columns). */
export function run(fs: Frame[], tree = true): { engine: Engine; packets: Packet[] } {
  return dissectAll(fs, { tree, columns: true });
}

export interface Item {
  v: unknown;
  pos: number;
  size: number;
  label: string;
  generated: boolean;
  node: Node;
}

/** Every item of a field in tree order, with its label as -V prints it. */
export function items(p: Packet, abbrev: string): Item[] {
  const out: Item[] = [];
  const walk = (nodes: Node[] | null): void => {
    for (const n of nodes ?? []) {
      if (n.f?.abbrev === abbrev) {
        out.push({ v: n.v, pos: n.pos, size: n.size, label: nodeText(n, p.sources), generated: !!n.generated, node: n });
      }
      walk(n.children);
    }
  };
  walk(p.root.children);
  return out;
}

export function item(p: Packet, abbrev: string, k = 0): Item {
  const got = items(p, abbrev);
  if (got.length <= k) throw new Error(`frame ${p.num}: no ${abbrev} #${k}`);
  return got[k];
}

/** Values of a field in tree order. */
export function values(p: Packet, abbrev: string): unknown[] {
  return items(p, abbrev).map((i) => i.v);
}

export function hex(v: unknown): string {
  return Buffer.from(v as Uint8Array).toString('hex');
}

export function experts(p: Packet, id?: string): string[] {
  return p.experts.filter((e) => !id || e.id === id).map((e) => (id ? e.message : e.id));
}

/** Overwrite bytes of a frame at an offset. */
export function poke(f: Frame, off: number, bytes: number[]): void {
  f.data.set(bytes, off);
}
