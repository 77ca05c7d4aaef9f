/** Shared by the PPTP and GRE tests: read a shared capture, dissect its frames, find fields in the tree. */
import { resolve } from 'node:path';
import type { Frame } from '../../src/capture/types.js';
import { Engine } from '../../src/core/engine.js';
import type { Packet } from '../../src/core/packet.js';
import { CAPTURES, dissectAll as dissectRun } from '../tree-query.js';

export { CAPTURES, haveCaptures, loadFrames, all, one, type Found, expertIds } from '../tree-query.js';

export function capturePath(name: string): string {
  return resolve(CAPTURES, name);
}

/** Dissect frames in order with one engine (one run), full tree and columns. */
export function dissectAll(frames: Frame[], settings: Record<string, unknown> = {}): { engine: Engine; packets: Packet[] } {
  return dissectRun(frames, { settings });
}

/** Write a big-endian 16- or 32-bit value into a frame's bytes. */
export function put(data: Uint8Array, off: number, v: number, size: 2 | 4): void {
  for (let k = size - 1; k >= 0; k--) {
    data[off + k] = v & 0xff;
    v = Math.floor(v / 256);
  }
}

/**
 * A packet whose frame is these bytes (of a link type nobody dissects), for calling one dissector on
 * bytes built in a test: tree items point into the frame, so the bytes must be the frame's.
 */
export function bare(bytes: Uint8Array): { engine: Engine; pkt: Packet } {
  const engine = new Engine({ tree: true, columns: true });
  const pkt = engine.dissect({ data: bytes, len: bytes.length, tsSec: 0, tsNsec: 0, linkType: 9999, ifIndex: 0 });
  return { engine, pkt };
}
