/** Shared by the PPP tests: dissect real captures or built frames, and find fields in the trees. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dissectFile, Engine } from '../../../src/index.js';
import type { Packet } from '../../../src/core/packet.js';
import type { Node } from '../../../src/core/tree.js';
import type { Expert } from '../../../src/core/expert.js';
import type { Value } from '../../../src/core/fields.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CAPTURES = path.resolve(here, '../../../../shared/captures');
export const haveCaptures = existsSync(CAPTURES);
export const capture = (name: string) => path.join(CAPTURES, name);
export const haveCapture = (name: string) => existsSync(capture(name));

export interface Run {
  engine: Engine;
  packets: Packet[];
}

/** Every packet of a capture with its full tree and columns. */
export async function dissectCapture(name: string): Promise<Run> {
  const packets: Packet[] = [];
  const engine = await dissectFile(capture(name), { tree: true, columns: true }, (p) => {
    packets.push(p);
  });
  return { engine, packets };
}

/** Built frames of one link type, dissected in order by one engine (state carries over). */
export function dissectFrames(linkType: number, frames: Uint8Array[], settings?: Record<string, unknown>): Run {
  const engine = new Engine({ tree: true, columns: true, settings });
  const packets = frames.map((data, i) => engine.dissect({ data, len: data.length, tsSec: 1000 + i, tsNsec: 0, linkType, ifIndex: 0 }));
  return { engine, packets };
}

export interface Hit {
  v: Value;
  pos: number;
  size: number;
  text?: string;
  node: Node;
}

function walk(nodes: Node[] | null, out: Node[]): Node[] {
  for (const n of nodes ?? []) {
    out.push(n);
    walk(n.children, out);
  }
  return out;
}

/** Every item of the packet's tree with this field name, in tree order. */
export function fields(pkt: Packet, abbrev: string): Hit[] {
  return walk(pkt.root.children, [])
    .filter((n) => n.f?.abbrev === abbrev)
    .map((n) => ({ v: n.v, pos: n.pos, size: n.size, text: n.label, node: n }));
}

export function field(pkt: Packet, abbrev: string): Hit {
  const all = fields(pkt, abbrev);
  if (!all.length) throw new Error(`frame ${pkt.num}: no ${abbrev}`);
  return all[0];
}

/** Text-only lines of the tree (option summaries, malformed-option lines). */
export function texts(pkt: Packet): string[] {
  return walk(pkt.root.children, []).filter((n) => !n.f && n.label !== undefined).map((n) => n.label!);
}

export function experts(pkt: Packet, id?: string): Expert[] {
  return pkt.experts.filter((e) => id === undefined || e.id === id);
}

export const hex = (b: Value) => Buffer.from(b as Uint8Array).toString('hex');
export const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

/** A PPP frame in HDLC-like framing (FF 03, protocol, body) as LINKTYPE_PPP carries it. */
export function pppFrame(protocol: number, body: Uint8Array | string): Uint8Array {
  const b = typeof body === 'string' ? bytes(body) : body;
  return Uint8Array.from([0xff, 0x03, protocol >> 8, protocol & 255, ...b]);
}

/** A control packet (code, identifier, length, data) of a PPP control protocol. */
export function cpPacket(code: number, id: number, data: Uint8Array | string): Uint8Array {
  const d = typeof data === 'string' ? bytes(data) : data;
  const len = 4 + d.length;
  return Uint8Array.from([code, id, len >> 8, len & 255, ...d]);
}

export const LINKTYPE_PPP = 9;
