/** Shared by the TCP and ARP tests: shared captures, frames built byte by byte, and tree look-ups. */
import { dissectAll, loadFrames, one } from '../tree-query.js';
import type { Frame } from '../../src/capture/types.js';
import type { Packet } from '../../src/core/packet.js';
import '../../src/protocols/index.js';

export { CAPTURES, haveCaptures, all, one, type Found as Item } from '../tree-query.js';

export async function dissectCapture(name: string): Promise<Packet[]> {
  return dissectAll(await loadFrames(name)).packets;
}

export function value(pkt: Packet, abbrev: string): unknown {
  return one(pkt, abbrev).v;
}

// ---- frames built byte by byte ----

export const MAC_A = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
export const MAC_B = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

function be16(n: number): number[] {
  return [(n >> 8) & 255, n & 255];
}

function be32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

export function ethernet(dst: number[], src: number[], type: number, payload: number[]): Uint8Array {
  return Uint8Array.from([...dst, ...src, ...be16(type), ...payload]);
}

export function ipv4(src: number[], dst: number[], proto: number, payload: number[]): number[] {
  const total = 20 + payload.length;
  return [0x45, 0, ...be16(total), 0, 1, 0x40, 0, 64, proto, 0, 0, ...src, ...dst, ...payload];
}

export interface Seg {
  sp: number;
  dp: number;
  seq: number;
  ack: number;
  flags: number;
  win?: number;
  options?: number[];
  data?: number[];
}

export function tcp(s: Seg): number[] {
  const opts = s.options ?? [];
  const hlen = 20 + opts.length;
  return [
    ...be16(s.sp), ...be16(s.dp), ...be32(s.seq >>> 0), ...be32(s.ack >>> 0),
    (hlen / 4) << 4, s.flags, ...be16(s.win ?? 8192), 0x12, 0x34, 0, 0, ...opts, ...(s.data ?? []),
  ];
}

export const CLIENT = [10, 0, 0, 1];
export const SERVER = [10, 0, 0, 2];

/** An Ethernet/IPv4/TCP frame from client to server (toServer) or back. */
export function tcpFrame(toServer: boolean, s: Seg): Uint8Array {
  const [srcIp, dstIp, srcMac, dstMac] = toServer ? [CLIENT, SERVER, MAC_A, MAC_B] : [SERVER, CLIENT, MAC_B, MAC_A];
  return ethernet(dstMac, srcMac, 0x0800, ipv4(srcIp, dstIp, 6, tcp(s)));
}

export function frame(data: Uint8Array, usec: number): Frame {
  return { data, len: data.length, tsSec: 1_000_000 + Math.floor(usec / 1e6), tsNsec: (usec % 1e6) * 1000, linkType: 1, ifIndex: 0, comment: undefined };
}

export const F = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32 } as const;
