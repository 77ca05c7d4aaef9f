/** Shared by the protocol tests: where the shared captures are, reading frames, and finding items in a packet's tree. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCapture } from '../src/capture/reader.js';
import type { Frame } from '../src/capture/types.js';
import { Engine } from '../src/core/engine.js';
import type { Packet } from '../src/core/packet.js';
import type { Node } from '../src/core/tree.js';
import '../src/protocols/index.js';

export const CAPTURES = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/captures');
export const haveCaptures = existsSync(CAPTURES);

/** Every frame of a capture (a path, or a name in the shared captures), copied so that a test may edit the bytes. */
export async function loadFrames(pathOrName: string): Promise<Frame[]> {
  const out: Frame[] = [];
  await readCapture(resolve(CAPTURES, pathOrName), (f) => {
    out.push({ ...f, data: Uint8Array.from(f.data) });
  });
  return out;
}

export interface DissectOptions {
  /** Full tree (default) or the fast path that session summaries use. */
  tree?: boolean;
  /** Protocol and Info columns; by default with the tree. */
  columns?: boolean;
  settings?: Record<string, unknown>;
}

/**
 * Dissect frames in order in one run. The fast path reuses one Packet, so there each packet is kept
 * as what the tests look at: its number, expert items and layers.
 */
export function dissectAll(frames: Frame[], opts: DissectOptions = {}): { engine: Engine; packets: Packet[] } {
  const tree = opts.tree ?? true;
  const engine = new Engine({ tree, columns: opts.columns ?? tree, settings: opts.settings ?? {} });
  const packets: Packet[] = [];
  for (const f of frames) {
    const p = engine.dissect(f);
    packets.push(tree ? p : ({ num: p.num, experts: [...p.experts], protocols: [...p.protocols] } as unknown as Packet));
  }
  return { engine, packets };
}

export interface Found {
  v: unknown;
  pos: number;
  size: number;
  ds: number;
  text?: string;
  generated?: boolean;
  children: Node[] | null;
}

function walk(nodes: Node[] | null, abbrev: string, out: Found[]): void {
  for (const n of nodes ?? []) {
    if (n.f?.abbrev === abbrev) out.push({ v: n.v, pos: n.pos, size: n.size, ds: n.ds, text: n.label, generated: n.generated, children: n.children });
    walk(n.children, abbrev, out);
  }
}

/** Every item of a field in a packet's tree, in tree order. */
export function all(pkt: Packet, abbrev: string): Found[] {
  const out: Found[] = [];
  walk(pkt.root.children, abbrev, out);
  return out;
}

/** The first item of a field; fails the test when there is none. */
export function one(pkt: Packet, abbrev: string): Found {
  const got = all(pkt, abbrev);
  if (!got.length) throw new Error(`frame ${pkt.num}: no ${abbrev}`);
  return got[0];
}

export function expertIds(pkt: Packet): string[] {
  return pkt.experts.map((e) => e.id);
}
