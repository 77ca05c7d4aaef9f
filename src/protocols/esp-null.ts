/**
 * Recognising ESP with NULL encryption (RFC 2410) without keys: the bytes after the 8-byte header
 * are then the cleartext payload, followed by the RFC 4303 §2.4 trailer and the ICV. A guess is
 * only accepted when everything agrees, so that random ciphertext (2^-32 or less per try) is
 * never taken for cleartext:
 *  - the trailer: default padding 1, 2, 3, ... (RFC 4303 §2.4), a pad length that fits, and a
 *    next header this file can check;
 *  - the alignment: payload + padding + 2 ends on a 4-byte boundary (RFC 4303 §2.4);
 *  - the inner header: its own length field equals the bytes left, and its checksum verifies
 *    (IPv4 header, TCP/UDP/ICMPv6 with the outer addresses' pseudo-header, ICMP).
 * Wireshark's own heuristic (preference esp.enable_null_encryption_decode_heuristic, off by
 * default) is simpler and lives in esp.ts for parity; this one decides the security finding.
 */
import { addressBytes } from '../core/value.js';
import type { Tvb } from '../core/tvb.js';
import { onesSum } from './checksum.js';
import { IPPROTO } from './ipproto.js';

export interface NullLayout {
  /** Bytes of IV before the payload (8 for ENCR_NULL_AUTH_AES_GMAC, RFC 4543; else 0). */
  ivLen: number;
  icvLen: number;
  /** Length of the cleartext payload (the inner packet or transport header and data). */
  innerLen: number;
  padLen: number;
  next: number;
}

/** (IV, ICV) lengths tried, the common integrity algorithms first: HMAC-SHA1-96/MD5-96, SHA-256-128, SHA-384-192, SHA-512-256, GMAC. */
const LAYOUTS: ReadonlyArray<readonly [number, number]> = [[0, 12], [0, 16], [0, 24], [0, 32], [8, 16]];


/** Sum of the TCP/UDP/ICMPv6 pseudo-header (RFC 793, RFC 8200 §8.1) for the outer addresses. */
function pseudoSum(src: Uint8Array, dst: Uint8Array, proto: number, len: number): number {
  let s = onesSum(src, 0, src.length, 0);
  s = onesSum(dst, 0, dst.length, s);
  s += proto + (len & 0xffff) + (src.length === 16 ? Math.floor(len / 65536) : 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** Whether the bytes verify as a checksummed message (the sum of all, checksum included, is 0xffff). */
function sumsOk(t: Tvb, off: number, len: number, init: number): boolean {
  return onesSum(t.buf, t.base + off, t.base + off + len, init) === 0xffff;
}

function innerIsValid(body: Tvb, off: number, len: number, next: number, src: Uint8Array | null, dst: Uint8Array | null): boolean {
  const sameFamily = src !== null && dst !== null && src.length === dst.length;
  switch (next) {
    case IPPROTO.IPIP: {
      if (len < 20) return false;
      const b0 = body.u8(off);
      const ihl = (b0 & 15) * 4;
      return b0 >> 4 === 4 && ihl >= 20 && ihl <= len && body.u16(off + 2) === len && sumsOk(body, off, ihl, 0);
    }
    case IPPROTO.IPV6:
      return len >= 40 && body.u8(off) >> 4 === 6 && body.u16(off + 4) + 40 === len;
    case IPPROTO.TCP: {
      if (len < 20 || !sameFamily) return false;
      const hl = (body.u8(off + 12) >> 4) * 4;
      return hl >= 20 && hl <= len && sumsOk(body, off, len, pseudoSum(src, dst, IPPROTO.TCP, len));
    }
    case IPPROTO.UDP: {
      if (len < 8 || body.u16(off + 4) !== len) return false;
      // A zero UDP checksum means "none" over IPv4 only (RFC 768; RFC 8200 §8.1 forbids it over IPv6).
      if (body.u16(off + 6) === 0) return src !== null && src.length === 4;
      return sameFamily && sumsOk(body, off, len, pseudoSum(src, dst, IPPROTO.UDP, len));
    }
    case IPPROTO.ICMP:
      return len >= 8 && sumsOk(body, off, len, 0);
    case IPPROTO.ICMPV6:
      return len >= 8 && sameFamily && src.length === 16 && sumsOk(body, off, len, pseudoSum(src, dst, IPPROTO.ICMPV6, len));
    default:
      return false;
  }
}

/**
 * Try to read `payload` (the ESP bytes after SPI and sequence number, captured in full) as
 * NULL-encrypted. Returns the layout when every check passes, otherwise null.
 */
export function recogniseNullEsp(payload: Tvb, srcText: string, dstText: string): NullLayout | null {
  if (payload.length !== payload.reported) return null;
  // Most ciphertext fails the trailer checks, so the addresses are turned into bytes only after them.
  let src: Uint8Array | null | undefined, dst: Uint8Array | null = null;
  for (const [ivLen, icvLen] of LAYOUTS) {
    const bodyLen = payload.length - ivLen - icvLen;
    if (bodyLen < 2 || bodyLen % 4 !== 0) continue;
    const padLen = payload.u8(ivLen + bodyLen - 2);
    const next = payload.u8(ivLen + bodyLen - 1);
    const innerLen = bodyLen - 2 - padLen;
    if (innerLen <= 0) continue;
    let padOk = true;
    for (let k = 0; k < padLen && padOk; k++) padOk = payload.u8(ivLen + innerLen + k) === k + 1;
    if (!padOk) continue;
    if (src === undefined) {
      src = addressBytes(srcText);
      dst = addressBytes(dstText);
    }
    if (innerIsValid(payload, ivLen, innerLen, next, src, dst)) return { ivLen, icvLen, innerLen, padLen, next };
  }
  return null;
}
