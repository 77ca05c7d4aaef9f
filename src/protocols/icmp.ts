/** ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, checksum, echo fields; errors quote the offending packet. */
import { defineProtocol, fieldsOf, names } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { IPPROTO } from './ipproto.js';
import { CHECKSUM_STATUS } from './ipv4.js';
import { onesSum } from './checksum.js';
import { echoAnalysis } from './icmp-echo.js';

const icmpProto = defineProtocol({ abbrev: 'icmp', name: 'Internet Control Message Protocol', short: 'ICMP', blurb: 'Error reports and echo (ping) for IPv4', ref: 'RFC 792' });
const ICMP_TYPES = names({ 0: 'Echo (ping) reply', 3: 'Destination unreachable', 4: 'Source quench (flow control)', 5: 'Redirect', 8: 'Echo (ping) request', 11: 'Time-to-live exceeded', 12: 'Parameter problem', 13: 'Timestamp request', 14: 'Timestamp reply' });
const f = fieldsOf('icmp');
const hf = {
  type: f('type', 'Type', 'uint8', { vals: ICMP_TYPES }),
  code: f('code', 'Code', 'uint8'),
  checksum: f('checksum', 'Checksum', 'uint16', { base: 'hex' }),
  checksum_status: f('checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS }),
  ident: f('ident', 'Identifier (BE)', 'uint16', { base: 'dec_hex' }),
  ident_le: f('ident_le', 'Identifier (LE)', 'uint16', { base: 'dec_hex' }),
  seq: f('seq', 'Sequence Number (BE)', 'uint16', { base: 'dec_hex' }),
  seq_le: f('seq_le', 'Sequence Number (LE)', 'uint16', { base: 'dec_hex' }),
  unused: f('unused', 'Unused', 'bytes'),
  mtu: f('mtu', 'MTU of next hop', 'uint16'),
};

const icmpv6Proto = defineProtocol({ abbrev: 'icmpv6', name: 'Internet Control Message Protocol v6', short: 'ICMPv6', blurb: 'Errors, echo and neighbour discovery for IPv6', ref: 'RFC 4443' });
const ICMPV6_TYPES = names({ 1: 'Destination Unreachable', 2: 'Packet Too Big', 3: 'Time Exceeded', 4: 'Parameter Problem', 128: 'Echo (ping) request', 129: 'Echo (ping) reply', 133: 'Router Solicitation', 134: 'Router Advertisement', 135: 'Neighbor Solicitation', 136: 'Neighbor Advertisement', 137: 'Redirect', 143: 'Multicast Listener Report Message v2' });
const g = fieldsOf('icmpv6');
const hf6 = {
  type: g('type', 'Type', 'uint8', { vals: ICMPV6_TYPES }),
  code: g('code', 'Code', 'uint8'),
  checksum: g('checksum', 'Checksum', 'uint16', { base: 'hex' }),
  checksum_status: g('checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS }),
  ident: g('echo.identifier', 'Identifier', 'uint16', { base: 'hex' }),
  seq: g('echo.sequence_number', 'Sequence', 'uint16'),
  reserved: g('reserved', 'Reserved', 'bytes'),
  data: g('data', 'Data', 'bytes'),
};

function swap16(v: number): number {
  return ((v & 0xff) << 8) | (v >> 8);
}

/** Checksum status: 1 good, 0 bad, 2 when the datagram is not captured in full. */
function status(tvb: Tvb, init: number): number {
  if (tvb.length < tvb.reported) return 2;
  return onesSum(tvb.buf, tvb.base, tvb.base + tvb.length, init) === 0xffff ? 1 : 0;
}

function quoted(tvb: Tvb, off: number, pkt: Packet, tree: Tree, ethertypeIp: number): void {
  if (tvb.length <= off) return;
  // The quoted datagram is shown but must not overwrite the outer addresses and ports.
  const save = [pkt.src, pkt.dst, pkt.netSrc, pkt.netDst, pkt.srcPort, pkt.dstPort, pkt.ipProto, pkt.info] as const;
  const cols = pkt.engine.columns;
  pkt.engine.call('ethertype', ethertypeIp, tvb.sub(off), pkt, tree);
  [pkt.src, pkt.dst, pkt.netSrc, pkt.netDst, pkt.srcPort, pkt.dstPort, pkt.ipProto] = save.slice(0, 7) as [string, string, string, string, number, number, number];
  if (cols) pkt.info = save[7];
}

function dissectIcmp(tvb: Tvb, pkt: Packet, tree: Tree): void {
  const type = tvb.u8(0), code = tvb.u8(1);
  const t = tree.proto(icmpProto, tvb, 0, tvb.length);
  t.add(hf.type, tvb, 0, 1, type);
  t.add(hf.code, tvb, 1, 1, code);
  t.add(hf.checksum, tvb, 2, 2);
  t.gen(hf.checksum_status, tvb, 2, 0, status(tvb, 0));
  const name = ICMP_TYPES.get(type) ?? `Type ${type}`;
  if (type === 0 || type === 8 || type === 13 || type === 14) {
    const id = tvb.u16(4), seq = tvb.u16(6);
    t.add(hf.ident, tvb, 4, 2, id);
    t.add(hf.ident_le, tvb, 4, 2, swap16(id));
    t.add(hf.seq, tvb, 6, 2, seq);
    t.add(hf.seq_le, tvb, 6, 2, swap16(seq));
    if (pkt.engine.columns) pkt.setInfo(`${name}  id=0x${id.toString(16).padStart(4, '0')}, seq=${seq}/${swap16(seq)}, ttl=${pkt.ipTtl >= 0 ? pkt.ipTtl : '?'}`);
    const dataOff = echoAnalysis(tvb, pkt, t, type, id, seq, pkt.protocols.filter((p) => p === 'icmp').length > 1);
    if (tvb.length > dataOff) pkt.engine.data(tvb.sub(dataOff), pkt, t);
    return;
  }
  if (pkt.engine.columns) pkt.setInfo(`${name}`);
  if (type === 3 || type === 11 || type === 12 || type === 4 || type === 5) {
    if (type === 3 && code === 4) {
      t.add(hf.unused, tvb, 4, 2);
      t.add(hf.mtu, tvb, 6, 2);
    } else {
      t.add(hf.unused, tvb, 4, 4);
    }
    quoted(tvb, 8, pkt, t, 0x0800);
  }
}

function dissectIcmpv6(tvb: Tvb, pkt: Packet, tree: Tree): void {
  const type = tvb.u8(0), code = tvb.u8(1);
  const t = tree.proto(icmpv6Proto, tvb, 0, tvb.length);
  t.add(hf6.type, tvb, 0, 1, type);
  t.add(hf6.code, tvb, 1, 1, code);
  t.add(hf6.checksum, tvb, 2, 2);
  const name = ICMPV6_TYPES.get(type) ?? `Type ${type}`;
  if (pkt.engine.columns) pkt.setInfo(name);
  if (type === 128 || type === 129) {
    t.add(hf6.ident, tvb, 4, 2);
    t.add(hf6.seq, tvb, 6, 2);
    if (tvb.length > 8) t.add(hf6.data, tvb, 8, tvb.length - 8);
  } else if (type >= 1 && type <= 4) {
    t.add(hf6.reserved, tvb, 4, 4);
    quoted(tvb, 8, pkt, t, 0x86dd);
  }
}

register('ip.proto', IPPROTO.ICMP, 'icmp', dissectIcmp);
register('ip.proto', IPPROTO.ICMPV6, 'icmpv6', dissectIcmpv6);
