/** For the L2TP tests: read shared captures, build frames around L2TP payloads, find fields in trees. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from '../../src/capture/types.js';
import type { Engine } from '../../src/core/engine.js';
import type { Packet } from '../../src/core/packet.js';
import type { Node } from '../../src/core/tree.js';
import { concat, u16 } from '../../samples/lib/bytes.js';
import { ethernet, ipv4Packet, udp } from '../../samples/lib/net.js';
import { CAPTURES, dissectAll as dissectRun } from '../tree-query.js';

export { CAPTURES, haveCaptures, loadFrames, all, one, type Found, expertIds } from '../tree-query.js';
export const SAMPLES = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../samples');

export function capture(name: string): string {
  return resolve(CAPTURES, name);
}

/** One run over the frames, with a full tree and columns (or the fast path). */
export function dissectAll(frames: Frame[], settings: Record<string, unknown> = {}, tree = true): { engine: Engine; packets: Packet[] } {
  return dissectRun(frames, { settings, tree });
}

/** Text items (AVP subtrees and the like) in tree order. */
export function texts(pkt: Packet): string[] {
  const out: string[] = [];
  const w = (nodes: Node[] | null) => {
    for (const n of nodes ?? []) {
      if (!n.f && n.label !== undefined) out.push(n.label);
      w(n.children);
    }
  };
  w(pkt.root.children);
  return out;
}

const MAC_A = Uint8Array.of(2, 0, 0, 0, 0, 1), MAC_B = Uint8Array.of(2, 0, 0, 0, 0, 2);
export const ADDR_A = Uint8Array.of(192, 0, 2, 1), ADDR_B = Uint8Array.of(198, 51, 100, 2);
/** Ethernet + IPv4 (20) + UDP (8): where the L2TP message starts in a built frame. */
export const UDP_PAYLOAD = 42;
/** Ethernet + IPv4: where an IP-carried L2TPv3 message starts. */
export const IP_PAYLOAD = 34;

let frameNo = 0;

/** A frame from A to B (or back) carrying `payload` on UDP 1701, or directly over IP protocol `proto`. */
export function frameOf(from: 'A' | 'B', payload: Uint8Array, opts: { proto?: number; time?: number } = {}): Frame {
  const [s, d, ms, md] = from === 'A' ? [ADDR_A, ADDR_B, MAC_A, MAC_B] : [ADDR_B, ADDR_A, MAC_B, MAC_A];
  const proto = opts.proto ?? 17;
  const l4 = proto === 17 ? udp(s, d, 1701, 1701, payload) : payload;
  const data = ethernet(md, ms, 0x0800, ipv4Packet({ src: s, dst: d, proto, id: ++frameNo & 0xffff }, l4));
  return { data, len: data.length, tsSec: 1_700_000_000 + (opts.time ?? frameNo), tsNsec: 0, linkType: 1, ifIndex: 0 };
}

export interface AvpOpts {
  mandatory?: boolean;
  hidden?: boolean;
  vendor?: number;
  /** A length field other than the true one (for malformed AVPs). */
  length?: number;
}

export function avp(type: number, value: Uint8Array, o: AvpOpts = {}): Uint8Array {
  const len = o.length ?? 6 + value.length;
  return concat(u16((o.mandatory === false ? 0 : 0x8000) | (o.hidden ? 0x4000 : 0) | (len & 0x3ff)), u16(o.vendor ?? 0), u16(type), value);
}

/** An L2TPv2 control message with L and S bits (RFC 2661 §3.1). */
export function controlV2(tunnel: number, session: number, ns: number, nr: number, avps: Uint8Array[]): Uint8Array {
  const body = concat(...avps);
  return concat(u16(0xc802), u16(12 + body.length), u16(tunnel), u16(session), u16(ns), u16(nr), body);
}
