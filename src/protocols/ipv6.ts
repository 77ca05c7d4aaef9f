/** IPv6 (RFC 8200) with its extension headers: hop-by-hop, routing, fragment, destination options. */
import { defineProtocol, fieldsOf, type ProtocolDef } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { ipv6ToString } from '../core/value.js';
import { ETHERTYPE } from './ethertypes.js';
import { IPPROTO, IPPROTO_NAMES } from './ipproto.js';
import { ipv6Fragment } from './reassembly.js';
import { hfIp } from './ipv4.js';

export const ipv6Proto = defineProtocol({ abbrev: 'ipv6', name: 'Internet Protocol Version 6', short: 'IPv6', blurb: 'Carries a datagram between hosts with 128-bit addresses', ref: 'RFC 8200' });
const f = fieldsOf('ipv6');
export const hfIpv6 = {
  version: f('version', 'Version', 'uint8', { ref: 'RFC 8200 §3' }),
  tclass: f('tclass', 'Traffic Class', 'uint32', { base: 'hex', mask: 0x0ff00000 }),
  dscp: f('tclass.dscp', 'Differentiated Services Codepoint', 'uint32', { mask: 0x0fc00000 }),
  ecn: f('tclass.ecn', 'Explicit Congestion Notification', 'uint32', { mask: 0x00300000 }),
  flow: f('flow', 'Flow Label', 'uint24', { base: 'hex', mask: 0xfffff }),
  plen: f('plen', 'Payload Length', 'uint16', { blurb: 'Bytes after the fixed 40-byte header' }),
  nxt: f('nxt', 'Next Header', 'uint8', { vals: IPPROTO_NAMES, blurb: 'The header that follows: an extension header or the upper-layer protocol' }),
  hlim: f('hlim', 'Hop Limit', 'uint8'),
  src: f('src', 'Source Address', 'ipv6'),
  addr: f('addr', 'Source or Destination Address', 'ipv6', { hidden: true }),
  src_host: f('src_host', 'Source Host', 'string', { hidden: true }),
  host: f('host', 'Source or Destination Host', 'string', { hidden: true }),
  dst: f('dst', 'Destination Address', 'ipv6'),
  dst_host: f('dst_host', 'Destination Host', 'string', { hidden: true }),
  opt_type: f('opt.type', 'Type', 'uint8', { base: 'hex', vals: { 0: 'Pad1', 1: 'PadN', 5: 'Router Alert', 0xc2: 'Jumbo Payload' } }),
  opt_length: f('opt.length', 'Length', 'uint8'),
  opt_padn: f('opt.padn', 'PadN', 'bytes'),
  opt_data: f('opt.unknown_data', 'Unknown Data', 'bytes'),
};

interface ExtHeader {
  proto: ProtocolDef;
  nxt: ReturnType<typeof f>;
  len: ReturnType<typeof f>;
  lenOct: ReturnType<typeof f>;
}

function ext(abbrev: string, name: string): ExtHeader {
  const g = fieldsOf(abbrev);
  return {
    proto: defineProtocol({ abbrev, name, short: 'IPv6', ref: 'RFC 8200 §4' }),
    nxt: g('nxt', 'Next Header', 'uint8', { vals: IPPROTO_NAMES }),
    len: g('len', 'Length', 'uint8', { blurb: 'Extension header length in 8-octet units, not counting the first 8' }),
    lenOct: g('len_oct', 'Length', 'uint16', { unit: 'bytes' }),
  };
}

const hop = ext('ipv6.hopopts', 'IPv6 Hop-by-Hop Option');
const dstopts = ext('ipv6.dstopts', 'Destination Options for IPv6');
const routing = ext('ipv6.routing', 'Routing Header for IPv6');
const hfRouting = {
  type: fieldsOf('ipv6.routing')('type', 'Type', 'uint8', { vals: { 0: 'Source Route', 2: 'Type 2 Routing', 3: 'RPL Source Route', 4: 'Segment Routing' } }),
  segleft: fieldsOf('ipv6.routing')('segleft', 'Segments Left', 'uint8'),
  data: fieldsOf('ipv6.routing')('unknown_data', 'Type-Specific Data', 'bytes'),
};
const fragProto = defineProtocol({ abbrev: 'ipv6.fraghdr', name: 'Fragment Header for IPv6', short: 'IPv6', ref: 'RFC 8200 §4.5' });
const g = fieldsOf('ipv6.fraghdr');
const hfFrag = {
  nxt: g('nxt', 'Next header', 'uint8', { vals: IPPROTO_NAMES }),
  reserved_octet: g('reserved_octet', 'Reserved octet', 'uint16', { base: 'hex' }),
  offset: g('offset', 'Offset', 'uint16', { mask: 0xfff8, blurb: 'Fragment offset in 8-octet units' }),
  reserved_bits: g('reserved_bits', 'Reserved bits', 'uint16', { mask: 0x0006 }),
  more: g('more', 'More Fragments', 'bool', { mask: 0x0001, bits: 16, tf: ['Yes', 'No'] }),
  ident: g('ident', 'Identification', 'uint32', { base: 'hex' }),
};

function options(t: Tree, tvb: Tvb, start: number, end: number): void {
  let o = start;
  while (o < end) {
    const type = tvb.u8(o);
    if (type === 0) {
      t.add(hfIpv6.opt_type, tvb, o, 1, 0);
      o += 1;
      continue;
    }
    const len = tvb.u8(o + 1);
    const ot = t.text(`${type === 1 ? 'PadN' : `Option 0x${type.toString(16)}`}`, tvb, o, 2 + len);
    ot.add(hfIpv6.opt_type, tvb, o, 1, type);
    ot.add(hfIpv6.opt_length, tvb, o + 1, 1, len);
    if (len) ot.add(type === 1 ? hfIpv6.opt_padn : hfIpv6.opt_data, tvb, o + 2, Math.min(len, end - o - 2));
    o += 2 + len;
  }
}

function address(t: Tree, tvb: Tvb, off: number, src: boolean): string {
  const b = tvb.bytes(off, 16);
  t.add(src ? hfIpv6.src : hfIpv6.dst, tvb, off, 16);
  t.add(hfIpv6.addr, tvb, off, 16);
  const s = ipv6ToString(b);
  if (t.wants(hfIpv6.host) || t.wants(hfIpv6.src_host) || t.wants(hfIpv6.dst_host)) {
    t.add(src ? hfIpv6.src_host : hfIpv6.dst_host, tvb, off, 16, s);
    t.add(hfIpv6.host, tvb, off, 16, s);
  }
  return s;
}

export function dissectIpv6(tvb: Tvb, pkt: Packet, tree: Tree): number {
  tvb.ensure(0, 40);
  const w0 = tvb.u32(0);
  const t = tree.proto(ipv6Proto, tvb, 0, 40);
  t.add(hfIpv6.version, tvb, 0, 1, w0 >>> 28);
  // Wireshark adds a hidden ip.version so that "ip.version == 6" matches IPv6 packets too.
  t.add(hfIp.version, tvb, 0, 1, w0 >>> 28).hide();
  const tc = t.add(hfIpv6.tclass, tvb, 0, 4, (w0 >>> 20) & 0xff);
  tc.add(hfIpv6.dscp, tvb, 0, 4, (w0 >>> 22) & 0x3f);
  tc.add(hfIpv6.ecn, tvb, 0, 4, (w0 >>> 20) & 3);
  t.add(hfIpv6.flow, tvb, 1, 3, w0 & 0xfffff);
  const plen = tvb.u16(4);
  t.add(hfIpv6.plen, tvb, 4, 2, plen);
  let nxt = tvb.u8(6);
  t.add(hfIpv6.nxt, tvb, 6, 1, nxt);
  t.add(hfIpv6.hlim, tvb, 7, 1);
  const src = address(t, tvb, 8, true);
  const dst = address(t, tvb, 24, false);
  if (t.on) t.setText(`Internet Protocol Version 6, Src: ${src}, Dst: ${dst}`);
  pkt.netSrc = pkt.src = src;
  pkt.netDst = pkt.dst = dst;

  let end = 40 + plen;
  if (plen === 0 || end > tvb.reported) {
    if (end > tvb.reported) {
      pkt.engine.expert(pkt, t, 'error', 'malformed', 'ipv6.plen_exceeds_framing',
        `IPv6 payload length does not match expected framing length (${plen} > ${tvb.reported - 40})`);
    }
    end = tvb.reported;
  }
  let off = 40;
  // Walk the extension headers; each one must advance, so a loop cannot stall.
  for (;;) {
    if (nxt === IPPROTO.HOPOPTS || nxt === IPPROTO.DSTOPTS || nxt === IPPROTO.ROUTING) {
      const h = nxt === IPPROTO.HOPOPTS ? hop : nxt === IPPROTO.DSTOPTS ? dstopts : routing;
      const n = tvb.u8(off);
      const lenUnits = tvb.u8(off + 1);
      const size = (lenUnits + 1) * 8;
      pkt.protocols.push(h.proto.abbrev);
      const e = t.add(h.proto, tvb, off, size, null, `${h.proto.name}`);
      e.add(h.nxt, tvb, off, 1, n);
      e.add(h.len, tvb, off + 1, 1, lenUnits);
      e.gen(h.lenOct, tvb, off + 1, 1, size);
      if (h === routing) {
        e.add(hfRouting.type, tvb, off + 2, 1);
        e.add(hfRouting.segleft, tvb, off + 3, 1);
        if (size > 4) e.add(hfRouting.data, tvb, off + 4, size - 4);
      } else {
        options(e, tvb, off + 2, off + size);
      }
      nxt = n;
      off += size;
      continue;
    }
    if (nxt === IPPROTO.FRAGMENT) {
      const n = tvb.u8(off);
      const fo = tvb.u16(off + 2);
      const ident = tvb.u32(off + 4);
      pkt.protocols.push(fragProto.abbrev);
      const e = t.add(fragProto, tvb, off, 8, null, `${fragProto.name}`);
      e.add(hfFrag.nxt, tvb, off, 1, n);
      e.add(hfFrag.reserved_octet, tvb, off + 1, 1);
      e.add(hfFrag.offset, tvb, off + 2, 2, fo >> 3);
      e.add(hfFrag.reserved_bits, tvb, off + 2, 2, (fo >> 1) & 3);
      e.add(hfFrag.more, tvb, off + 2, 2, (fo & 1) !== 0);
      e.add(hfFrag.ident, tvb, off + 4, 4, ident);
      off += 8;
      nxt = n;
      const payload = tvb.sub(off, Math.max(0, end - off));
      const whole = ipv6Fragment(payload, pkt, t, { src, dst, id: ident, proto: n, offset: fo & 0xfff8, more: (fo & 1) !== 0 });
      pkt.ipProto = n;
      if (!whole) {
        if (pkt.engine.columns) pkt.setInfo(`IPv6 fragment (off=${fo & 0xfff8} more=${(fo & 1) !== 0 ? 'y' : 'n'} ident=0x${ident.toString(16).padStart(8, '0')} nxt=${n})`);
        pkt.engine.data(payload, pkt, tree);
        return Math.min(end, tvb.length);
      }
      handOff(n, whole, pkt, tree);
      return Math.min(end, tvb.length);
    }
    break;
  }
  pkt.ipProto = nxt;
  const payload = tvb.sub(off, Math.max(0, end - off));
  if (nxt === IPPROTO.NONE) return Math.min(end, tvb.length);
  handOff(nxt, payload, pkt, tree);
  return Math.min(end, tvb.length);
}

function handOff(proto: number, payload: Tvb, pkt: Packet, tree: Tree): void {
  if (!pkt.engine.call('ip.proto', proto, payload, pkt, tree)) pkt.engine.data(payload, pkt, tree);
}

register('ethertype', ETHERTYPE.IPV6, 'ipv6', dissectIpv6);
register('ip.proto', IPPROTO.IPV6, 'ipv6', dissectIpv6);
register('ppp.protocol', 0x0057, 'ipv6', dissectIpv6);
register('gre.proto', ETHERTYPE.IPV6, 'ipv6', dissectIpv6);
