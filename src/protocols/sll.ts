/** Linux cooked captures: SLL (LINKTYPE 113) and SLL2 (LINKTYPE 276), as written by `tcpdump -i any`. */
import { defineProtocol, fieldsOf, names } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { LINKTYPE } from '../capture/linktypes.js';
import { ETHERTYPE_NAMES } from './ethertypes.js';
import { etherToString } from '../core/value.js';

const sllProto = defineProtocol({ abbrev: 'sll', name: 'Linux cooked capture', short: 'SLL', blurb: 'The pseudo-header Linux writes when capturing on "any" interface' });
const PKTTYPE = names({ 0: 'Unicast to us', 1: 'Broadcast', 2: 'Multicast', 3: 'Unicast to another host', 4: 'Sent by us' });
const HATYPE = names({ 1: 'Ethernet', 24: 'IEEE 1394', 512: 'PPP', 772: 'Loopback', 776: 'IPv6-in-IPv4', 778: 'IP GRE', 65534: 'None' });
const f = fieldsOf('sll');
const hf = {
  pkttype: f('pkttype', 'Packet type', 'uint16', { vals: PKTTYPE }),
  hatype: f('hatype', 'Link-layer address type', 'uint16', { vals: HATYPE }),
  halen: f('halen', 'Link-layer address length', 'uint16'),
  src_eth: f('src.eth', 'Source', 'ether', { blurb: 'Source link-layer address' }),
  src_ipv4: f('src.ipv4', 'Source', 'ipv4', { blurb: 'Source link-layer address' }),
  src_other: f('src.other', 'Source', 'bytes', { blurb: 'Source link-layer address' }),
  unused: f('unused', 'Unused', 'bytes', { blurb: 'Unused bytes' }),
  ltype: f('ltype', 'Protocol', 'uint16', { base: 'hex', vals: { 1: 'Novell 802.3', 2: 'AX.25', 3: 'All', 4: '802.2 LLC', 0x10: 'Ethernet over GRE', 0x11: 'CAN' }, blurb: 'Linux protocol type' }),
  etype: f('etype', 'Protocol', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES, blurb: 'Ethernet protocol type' }),
  ifindex: f('ifindex', 'Interface index', 'uint32'),
};

/** Linux ARPHRD_* types whose protocol field is an EtherType. */
function protocolField(t: Tree, tvb: Tvb, off: number, pkt: Packet, tree: Tree): void {
  const proto = tvb.u16(off);
  if (proto <= 1500) {
    t.add(hf.ltype, tvb, off, 2, proto);
    pkt.engine.data(tvb.sub(off + 2), pkt, tree);
    return;
  }
  t.add(hf.etype, tvb, off, 2, proto);
  pkt.protocols.push('ethertype');
  const payload = tvb.sub(off === 14 ? 16 : 20);
  if (!pkt.engine.call('ethertype', proto, payload, pkt, tree)) pkt.engine.data(payload, pkt, tree);
}

function source(t: Tree, tvb: Tvb, off: number, halen: number, hatype: number, pkt: Packet): void {
  const n = Math.min(halen, 8);
  if (n === 6 && (hatype === 1 || hatype === 772)) {
    t.add(hf.src_eth, tvb, off, 6);
    if (pkt.engine.columns) pkt.src = etherToString(tvb.bytes(off, 6));
  } else if (n === 4 && hatype === 778) {
    t.add(hf.src_ipv4, tvb, off, 4);
  } else if (n > 0) {
    t.add(hf.src_other, tvb, off, n);
  }
  if (n < 8) t.add(hf.unused, tvb, off + n, 8 - n);
}

function dissectSll(tvb: Tvb, pkt: Packet, tree: Tree): void {
  tvb.ensure(0, 16);
  const t = tree.proto(sllProto, tvb, 0, 16, tree.on ? 'Linux cooked capture v1' : undefined);
  const hatype = tvb.u16(2);
  const halen = tvb.u16(4);
  t.add(hf.pkttype, tvb, 0, 2);
  t.add(hf.hatype, tvb, 2, 2, hatype);
  t.add(hf.halen, tvb, 4, 2, halen);
  source(t, tvb, 6, halen, hatype, pkt);
  protocolField(t, tvb, 14, pkt, tree);
}

function dissectSll2(tvb: Tvb, pkt: Packet, tree: Tree): void {
  tvb.ensure(0, 20);
  const t = tree.proto(sllProto, tvb, 0, 20, tree.on ? 'Linux cooked capture v2' : undefined);
  const hatype = tvb.u16(8);
  const halen = tvb.u8(11);
  const proto = tvb.u16(0);
  t.add(proto <= 1500 ? hf.ltype : hf.etype, tvb, 0, 2, proto);
  t.add(hf.ifindex, tvb, 4, 4);
  t.add(hf.hatype, tvb, 8, 2, hatype);
  t.add(hf.pkttype, tvb, 10, 1);
  t.add(hf.halen, tvb, 11, 1, halen);
  source(t, tvb, 12, halen, hatype, pkt);
  const payload = tvb.sub(20);
  if (proto > 1500) {
    pkt.protocols.push('ethertype');
    if (pkt.engine.call('ethertype', proto, payload, pkt, tree)) return;
  }
  pkt.engine.data(payload, pkt, tree);
}

register('wtap.encap', LINKTYPE.LINUX_SLL, 'sll', dissectSll);
register('wtap.encap', LINKTYPE.LINUX_SLL2, 'sll', dissectSll2);
