/** A minimal DNS query and A-record answer (RFC 1035 §4), for the traffic inside the tunnels. */
import { ascii, concat, u16, u32, u8 } from './bytes.js';

function qname(name: string): Uint8Array {
  return concat(...name.split('.').map((l) => concat(u8(l.length), ascii(l))), u8(0));
}

export function dnsQueryA(id: number, name: string): Uint8Array {
  return concat(u16(id), u16(0x0100), u16(1), u16(0), u16(0), u16(0), qname(name), u16(1), u16(1));
}

export function dnsAnswerA(id: number, name: string, address: Uint8Array, ttl: number): Uint8Array {
  return concat(
    u16(id),
    u16(0x8180),
    u16(1),
    u16(1),
    u16(0),
    u16(0),
    qname(name),
    u16(1),
    u16(1),
    // A compression pointer to the question name at offset 12.
    u16(0xc00c),
    u16(1),
    u16(1),
    u32(ttl),
    u16(4),
    address,
  );
}
