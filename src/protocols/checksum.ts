/** The Internet checksum (RFC 1071), used by IPv4, ICMP, UDP, TCP and GRE. */

/** One's-complement sum of bytes [start, end) folded to 16 bits, plus an initial partial sum. */
export function onesSum(b: Uint8Array, start: number, end: number, init = 0): number {
  let sum = init;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (i < end) sum += b[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The checksum value that would make the sum come out right (the field as a sender computes it). */
export function internetChecksum(b: Uint8Array, start: number, end: number, init = 0): number {
  return ~onesSum(b, start, end, init) & 0xffff;
}
