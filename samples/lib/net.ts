/**
 * Ethernet, IPv4, IPv6, UDP, TCP and ICMP builders with correct lengths and checksums, so that
 * tshark finds nothing to complain about in the outer layers of the samples.
 */
import { concat, u16, u32, u8 } from './bytes.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_GRE = 47;
export const IPPROTO_ESP = 50;
export const IPPROTO_AH = 51;
export const IPPROTO_ICMPV6 = 58;

/** RFC 1071 Internet checksum over the concatenation of the parts. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd = -1;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      if (odd < 0) {
        odd = p[i];
      } else {
        sum += (odd << 8) | p[i];
        odd = -1;
      }
    }
  }
  if (odd >= 0) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function ethernet(dst: Uint8Array, src: Uint8Array, etherType: number, payload: Uint8Array): Uint8Array {
  return concat(dst, src, u16(etherType), payload);
}

export interface Ipv4Opts {
  src: Uint8Array;
  dst: Uint8Array;
  proto: number;
  id: number;
  ttl?: number;
  tos?: number;
  dontFragment?: boolean;
}

export function ipv4Header(o: Ipv4Opts, payloadLength: number): Uint8Array {
  const h = concat(
    u8(0x45),
    u8(o.tos ?? 0),
    u16(20 + payloadLength),
    u16(o.id),
    u16(o.dontFragment === false ? 0 : 0x4000),
    u8(o.ttl ?? 64),
    u8(o.proto),
    u16(0),
    o.src,
    o.dst,
  );
  const c = internetChecksum(h);
  h[10] = c >> 8;
  h[11] = c & 0xff;
  return h;
}

export function ipv4Packet(o: Ipv4Opts, payload: Uint8Array): Uint8Array {
  return concat(ipv4Header(o, payload.length), payload);
}

export interface Ipv6Opts {
  src: Uint8Array;
  dst: Uint8Array;
  nextHeader: number;
  hopLimit?: number;
  flowLabel?: number;
}

export function ipv6Packet(o: Ipv6Opts, payload: Uint8Array): Uint8Array {
  return concat(u32((6 << 28) | ((o.flowLabel ?? 0) & 0xfffff)), u16(payload.length), u8(o.nextHeader), u8(o.hopLimit ?? 64), o.src, o.dst, payload);
}

/** The pseudo-header of RFC 768 / RFC 8200 §8.1 for the address family of `src`. */
function pseudoHeader(src: Uint8Array, dst: Uint8Array, proto: number, length: number): Uint8Array {
  if (src.length === 4) return concat(src, dst, u8(0), u8(proto), u16(length));
  return concat(src, dst, u32(length), u32(proto));
}

export function udp(src: Uint8Array, dst: Uint8Array, sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const len = 8 + payload.length;
  const seg = concat(u16(sport), u16(dport), u16(len), u16(0), payload);
  let c = internetChecksum(pseudoHeader(src, dst, IPPROTO_UDP, len), seg);
  if (c === 0) c = 0xffff;
  seg[6] = c >> 8;
  seg[7] = c & 0xff;
  return seg;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface TcpOpts {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  options?: Uint8Array;
}

export function tcp(src: Uint8Array, dst: Uint8Array, o: TcpOpts, payload: Uint8Array): Uint8Array {
  const opts = o.options ?? new Uint8Array(0);
  if (opts.length % 4 !== 0) throw new Error('TCP options must be padded to 4 bytes');
  const hlen = 20 + opts.length;
  const seg = concat(
    u16(o.sport),
    u16(o.dport),
    u32(o.seq),
    u32(o.ack),
    u8((hlen / 4) << 4),
    u8(o.flags),
    u16(o.window),
    u16(0),
    u16(0),
    opts,
    payload,
  );
  const c = internetChecksum(pseudoHeader(src, dst, IPPROTO_TCP, seg.length), seg);
  seg[16] = c >> 8;
  seg[17] = c & 0xff;
  return seg;
}

/** ICMP Echo Request (type 8) or Reply (type 0). */
export function icmpEcho(type: 0 | 8, id: number, seq: number, data: Uint8Array): Uint8Array {
  const m = concat(u8(type), u8(0), u16(0), u16(id), u16(seq), data);
  const c = internetChecksum(m);
  m[2] = c >> 8;
  m[3] = c & 0xff;
  return m;
}

/**
 * Classic 56-byte ping data: an 8-byte timeval (32-bit seconds and microseconds, little-endian, as
 * 32-bit Linux ping writes it and Wireshark reads it) followed by the bytes 0x08, 0x09, ... 0x37.
 */
export function pingPayload(tsSec: number, tsUsec: number): Uint8Array {
  const out = new Uint8Array(56);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, tsSec, true);
  dv.setUint32(4, tsUsec, true);
  for (let i = 8; i < 56; i++) out[i] = i;
  return out;
}
