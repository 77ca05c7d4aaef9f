/** IPv4 (RFC 791): header, options, checksum status, and hand-off by protocol number. */
import { defineProtocol, fieldsOf, names } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { ipv4ToString } from '../core/value.js';
import { ETHERTYPE } from './ethertypes.js';
import { IPPROTO_NAMES } from './ipproto.js';
import { internetChecksum } from './checksum.js';
import { ipv4Fragment } from './reassembly.js';

export const ipProto = defineProtocol({ abbrev: 'ip', name: 'Internet Protocol Version 4', short: 'IPv4', blurb: 'Carries a datagram from one host to another across networks', ref: 'RFC 791' });
const f = fieldsOf('ip');
const STATUS = names({ 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' });
export const CHECKSUM_STATUS = STATUS;
export const hfIp = {
  version: f('version', 'Version', 'uint8', { blurb: 'IP version: 4', ref: 'RFC 791 §3.1' }),
  hdr_len: f('hdr_len', 'Header Length', 'uint8', { unit: 'bytes', blurb: 'Header length in 32-bit words', ref: 'RFC 791 §3.1' }),
  dsfield: f('dsfield', 'Differentiated Services Field', 'uint8', { base: 'hex', ref: 'RFC 2474' }),
  dscp: f('dsfield.dscp', 'Differentiated Services Codepoint', 'uint8', { mask: 0xfc, vals: { 0: 'Default', 8: 'CS1', 10: 'AF11', 16: 'CS2', 18: 'AF21', 24: 'CS3', 26: 'AF31', 32: 'CS4', 34: 'AF41', 40: 'CS5', 46: 'Expedited Forwarding', 48: 'CS6', 56: 'CS7' } }),
  ecn: f('dsfield.ecn', 'Explicit Congestion Notification', 'uint8', { mask: 0x03, vals: { 0: 'Not ECN-Capable Transport', 1: 'ECN-Capable Transport codepoint \'01\'', 2: 'ECN-Capable Transport codepoint \'10\'', 3: 'Congestion Experienced' } }),
  len: f('len', 'Total Length', 'uint16', { blurb: 'Length of the datagram, header included', ref: 'RFC 791 §3.1' }),
  id: f('id', 'Identification', 'uint16', { base: 'hex_dec', blurb: 'Ties together the fragments of one datagram', ref: 'RFC 791 §3.1' }),
  flags: f('flags', 'Flags', 'uint8', { base: 'hex', mask: 0xe0, blurb: 'Flags (3 bits)' }),
  flags_rb: f('flags.rb', 'Reserved bit', 'bool', { mask: 0x80, bits: 8, tf: ['Set', 'Not set'] }),
  flags_df: f('flags.df', 'Don\'t fragment', 'bool', { mask: 0x40, bits: 8, tf: ['Set', 'Not set'] }),
  flags_mf: f('flags.mf', 'More fragments', 'bool', { mask: 0x20, bits: 8, tf: ['Set', 'Not set'] }),
  frag_offset: f('frag_offset', 'Fragment Offset', 'uint16', { mask: 0x1fff, blurb: 'Fragment offset (13 bits)' }),
  ttl: f('ttl', 'Time to Live', 'uint8', { blurb: 'Hops left before a router discards the datagram' }),
  proto: f('proto', 'Protocol', 'uint8', { vals: IPPROTO_NAMES, blurb: 'The protocol carried in the datagram' }),
  checksum: f('checksum', 'Header Checksum', 'uint16', { base: 'hex' }),
  checksum_calculated: f('checksum_calculated', 'Calculated Checksum', 'uint16', { base: 'hex', blurb: 'The expected IP checksum field as calculated from the IP datagram' }),
  checksum_status: f('checksum.status', 'Header checksum status', 'uint8', { base: 'none', vals: STATUS }),
  src: f('src', 'Source Address', 'ipv4'),
  addr: f('addr', 'Source or Destination Address', 'ipv4', { hidden: true }),
  src_host: f('src_host', 'Source Host', 'string', { hidden: true }),
  host: f('host', 'Source or Destination Host', 'string', { hidden: true }),
  dst: f('dst', 'Destination Address', 'ipv4'),
  dst_host: f('dst_host', 'Destination Host', 'string', { hidden: true }),
  options: f('options', 'Options', 'bytes'),
};

function address(t: Tree, tvb: Tvb, off: number, src: boolean, v: number): void {
  t.add(src ? hfIp.src : hfIp.dst, tvb, off, 4, v);
  t.add(hfIp.addr, tvb, off, 4, v);
  if (t.wants(hfIp.host) || t.wants(hfIp.src_host) || t.wants(hfIp.dst_host)) {
    const s = ipv4ToString(v);
    t.add(src ? hfIp.src_host : hfIp.dst_host, tvb, off, 4, s);
    t.add(hfIp.host, tvb, off, 4, s);
  }
}

export function dissectIpv4(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const b0 = tvb.u8(0);
  const hlen = (b0 & 15) * 4;
  const version = b0 >> 4;
  const t = tree.proto(ipProto, tvb, 0, Math.max(hlen, 1));
  t.add(hfIp.version, tvb, 0, 1, version);
  t.add(hfIp.hdr_len, tvb, 0, 1, hlen, t.on ? `.... ${((b0 & 15) >>> 0).toString(2).padStart(4, '0')} = Header Length: ${hlen} bytes (${b0 & 15})` : undefined);
  if (version !== 4 || hlen < 20) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', hlen < 20 ? 'ip.bogus_header_length' : 'ip.bogus_ip_version',
      hlen < 20 ? `Bogus IP header length (${hlen}, must be at least 20)` : `Bogus IP version (${version})`);
    return tvb.length;
  }
  const tos = tvb.u8(1);
  const ds = t.add(hfIp.dsfield, tvb, 1, 1, tos);
  ds.add(hfIp.dscp, tvb, 1, 1, tos >> 2);
  ds.add(hfIp.ecn, tvb, 1, 1, tos & 3);
  const total = tvb.u16(2);
  t.add(hfIp.len, tvb, 2, 2, total);
  const id = tvb.u16(4);
  t.add(hfIp.id, tvb, 4, 2, id);
  const ff = tvb.u16(6);
  const fl = t.add(hfIp.flags, tvb, 6, 1, ff >> 13);
  fl.add(hfIp.flags_rb, tvb, 6, 1, (ff & 0x8000) !== 0);
  fl.add(hfIp.flags_df, tvb, 6, 1, (ff & 0x4000) !== 0);
  fl.add(hfIp.flags_mf, tvb, 6, 1, (ff & 0x2000) !== 0);
  const fragOff = (ff & 0x1fff) * 8;
  t.add(hfIp.frag_offset, tvb, 6, 2, ff & 0x1fff);
  const ttl = tvb.u8(8);
  t.add(hfIp.ttl, tvb, 8, 1, ttl);
  const proto = tvb.u8(9);
  t.add(hfIp.proto, tvb, 9, 1, proto);
  const cks = tvb.u16(10);
  t.add(hfIp.checksum, tvb, 10, 2, cks);
  // Wireshark does not verify IPv4 header checksums by default, and reports them "Unverified".
  t.gen(hfIp.checksum_status, tvb, 10, 0, 2);
  const src = tvb.u32(12);
  const dst = tvb.u32(16);
  address(t, tvb, 12, true, src);
  address(t, tvb, 16, false, dst);
  if (hlen > 20) t.add(hfIp.options, tvb, 20, hlen - 20);
  // Only a full tree shows the calculated checksum, so the fast path does not work it out.
  if (pkt.engine.tree && tvb.has(0, hlen)) {
    const want = internetChecksum(tvb.buf, tvb.base, tvb.base + 10, 0) ;
    const calc = internetChecksum(tvb.buf, tvb.base + 12, tvb.base + hlen, (~want & 0xffff));
    if (calc !== cks) t.gen(hfIp.checksum_calculated, tvb, 10, 2, calc);
  }

  pkt.setIpv4(src, dst);
  pkt.ipTtl = ttl;
  pkt.ipProto = proto;
  if (t.on) t.setText(`Internet Protocol Version 4, Src: ${pkt.netSrc}, Dst: ${pkt.netDst}`);

  if (total < hlen) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', 'ip.bogus_ip_length', `Bogus IP length (${total}, less than header length ${hlen})`);
    return tvb.length;
  }
  let end = total;
  if (total > tvb.reported) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', 'ip.bogus_ip_length',
      `IPv4 total length exceeds packet length (${tvb.reported} bytes)`);
    end = tvb.reported;
  }
  const payload = tvb.sub(hlen, end - hlen);
  const moreFrags = (ff & 0x2000) !== 0;
  if (moreFrags || fragOff > 0) {
    if (!tvb.has(hlen, end - hlen)) {
      // Wireshark reassembles only fragments captured whole; a first fragment cut short by the
      // capture is dissected as far as it goes, and the layers above are told it is a fragment.
      if (fragOff === 0) {
        pkt.scratch['ip.fragmented'] = true;
        handOff(proto, payload, pkt, tree);
        return Math.min(end, tvb.length);
      }
      if (pkt.engine.columns) pkt.setInfo(`Fragmented IP protocol (proto=${IPPROTO_NAMES.get(proto) ?? proto} ${proto}, off=${fragOff}, ID=${id.toString(16).padStart(4, '0')})`);
      pkt.engine.data(payload, pkt, tree);
      return Math.min(end, tvb.length);
    }
    const whole = ipv4Fragment(payload, pkt, t, { src, dst, id, proto, offset: fragOff, more: moreFrags });
    if (!whole) {
      if (pkt.engine.columns) pkt.setInfo(`Fragmented IP protocol (proto=${IPPROTO_NAMES.get(proto) ?? proto} ${proto}, off=${fragOff}, ID=${id.toString(16).padStart(4, '0')})`);
      pkt.engine.data(payload, pkt, tree);
      return Math.min(end, tvb.length);
    }
    handOff(proto, whole, pkt, tree);
    return Math.min(end, tvb.length);
  }
  handOff(proto, payload, pkt, tree);
  return Math.min(end, tvb.length);
}

function handOff(proto: number, payload: Tvb, pkt: Packet, tree: Tree): void {
  if (!pkt.engine.call('ip.proto', proto, payload, pkt, tree)) pkt.engine.data(payload, pkt, tree);
}

register('ethertype', ETHERTYPE.IPV4, 'ip', dissectIpv4);
register('ip.proto', 4, 'ip', dissectIpv4);
register('ppp.protocol', 0x0021, 'ip', dissectIpv4);
register('gre.proto', ETHERTYPE.IPV4, 'ip', dissectIpv4);
