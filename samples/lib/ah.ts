/**
 * AH (RFC 4302) in transport mode over IPv4 with HMAC-SHA1-96 (RFC 2404). The ICV covers the IPv4
 * header with its mutable fields zeroed (§3.3.3.1.1: TOS, flags, fragment offset, TTL, checksum),
 * the AH header with a zero ICV, and the payload.
 */
import { createHmac } from 'node:crypto';
import { concat, u16, u32, u8 } from './bytes.js';
import { type Ipv4Opts, IPPROTO_AH, ipv4Header } from './net.js';

export interface AhSa {
  spi: number;
  key: Uint8Array;
  seq: number;
}

/** The ICV the receiver computes for an AH-protected IPv4 packet (ICV field zeroed before the call). */
export function ahIcvIpv4(key: Uint8Array, packetWithZeroIcv: Uint8Array): Uint8Array {
  const m = new Uint8Array(packetWithZeroIcv);
  m[1] = 0; // TOS (DSCP/ECN)
  m[6] = 0; // flags and fragment offset
  m[7] = 0;
  m[8] = 0; // TTL
  m[10] = 0; // header checksum
  m[11] = 0;
  return new Uint8Array(createHmac('sha1', key).update(m).digest().subarray(0, 12));
}

export function ahIpv4Packet(sa: AhSa, ip: Omit<Ipv4Opts, 'proto'>, nextHeader: number, payload: Uint8Array): Uint8Array {
  sa.seq += 1;
  // Payload Len is the AH length in 32-bit words minus 2: (12 fixed + 12 ICV) / 4 - 2 = 4.
  const ah = concat(u8(nextHeader), u8(4), u16(0), u32(sa.spi), u32(sa.seq), new Uint8Array(12));
  const body = concat(ah, payload);
  const packet = concat(ipv4Header({ ...ip, proto: IPPROTO_AH }, body.length), body);
  packet.set(ahIcvIpv4(sa.key, packet), 20 + 12);
  return packet;
}
