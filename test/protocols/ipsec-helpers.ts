/** Shared by the ESP, AH and UDP-encapsulation tests: read a shared capture, dissect it, find fields. */
import type { Packet } from '../../src/core/packet.js';

export { CAPTURES, haveCaptures, loadFrames, dissectAll, all, one, type Found, expertIds } from '../tree-query.js';

export function expertsOf(packets: Packet[], id: string) {
  return packets.flatMap((p) => p.experts.filter((e) => e.id === id).map((e) => ({ frame: p.num, ...e })));
}

/** Write a big-endian 32-bit value into a frame's bytes. */
export function putU32(data: Uint8Array, off: number, v: number): void {
  new DataView(data.buffer, data.byteOffset, data.byteLength).setUint32(off, v >>> 0);
}
