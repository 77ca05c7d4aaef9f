/** Ethernet II (and 802.3 length frames shown as such), handing off by ethertype. */
import { defineProtocol, fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { etherToString } from '../core/value.js';
import { LINKTYPE } from '../capture/linktypes.js';
import { ETHERTYPE_NAMES } from './ethertypes.js';

export const ethProto = defineProtocol({ abbrev: 'eth', name: 'Ethernet II', short: 'Ethernet', blurb: 'The LAN frame: who sent it, to whom, and what protocol it carries', ref: 'IEEE 802.3' });
const f = fieldsOf('eth');
const LG = 'Specifies if this is a locally administered or globally unique (IEEE assigned) address';
const IG = 'Specifies if this is an individual (unicast) or group (broadcast/multicast) address';
const lgTf: [string, string] = ['Locally administered address (this is NOT the factory default)', 'Globally unique address (factory default)'];
const igTf: [string, string] = ['Group address (multicast/broadcast)', 'Individual address (unicast)'];
export const hfEth = {
  dst: f('dst', 'Destination', 'ether', { blurb: 'Destination Hardware Address' }),
  src: f('src', 'Source', 'ether', { blurb: 'Source Hardware Address' }),
  addr: f('addr', 'Address', 'ether', { blurb: 'Source or Destination Hardware Address', hidden: true }),
  dst_oui: f('dst.oui', 'Destination OUI', 'uint24', { hidden: true, blurb: 'Destination Organizationally Unique Identifier' }),
  src_oui: f('src.oui', 'Source OUI', 'uint24', { hidden: true, blurb: 'Source Organizationally Unique Identifier' }),
  addr_oui: f('addr.oui', 'Address OUI', 'uint24', { hidden: true, blurb: 'Address Organizationally Unique Identifier' }),
  // vpnshark resolves no names, so these hold the address itself, as tshark -n shows them.
  dst_resolved: f('dst_resolved', 'Destination (resolved)', 'string', { hidden: true, blurb: 'Destination Hardware Address (resolved)' }),
  src_resolved: f('src_resolved', 'Source (resolved)', 'string', { hidden: true, blurb: 'Source Hardware Address (resolved)' }),
  addr_resolved: f('addr_resolved', 'Address (resolved)', 'string', { hidden: true, blurb: 'Source or Destination Hardware Address (resolved)' }),
  dst_lg: f('dst.lg', 'LG bit', 'bool', { mask: 0x20000, bits: 24, tf: lgTf, blurb: LG }),
  lg: f('lg', 'LG bit', 'bool', { mask: 0x20000, bits: 24, tf: lgTf, blurb: LG, hidden: true }),
  dst_ig: f('dst.ig', 'IG bit', 'bool', { mask: 0x10000, bits: 24, tf: igTf, blurb: IG }),
  ig: f('ig', 'IG bit', 'bool', { mask: 0x10000, bits: 24, tf: igTf, blurb: IG, hidden: true }),
  src_lg: f('src.lg', 'LG bit', 'bool', { mask: 0x20000, bits: 24, tf: lgTf, blurb: LG }),
  src_ig: f('src.ig', 'IG bit', 'bool', { mask: 0x10000, bits: 24, tf: igTf, blurb: IG }),
  type: f('type', 'Type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES, blurb: 'The protocol carried in the frame (EtherType)' }),
  len: f('len', 'Length', 'uint16', { blurb: 'IEEE 802.3 length of the payload' }),
  padding: f('padding', 'Padding', 'bytes', { blurb: 'Ethernet Padding' }),
  trailer: f('trailer', 'Trailer', 'bytes', { blurb: 'Ethernet Trailer or Checksum' }),
};

function address(t: Tree, tvb: Tvb, off: number, which: 'dst' | 'src'): void {
  // The caller has read the type after both addresses, so nothing here can fail: skipping it when
  // nobody keeps an eth field changes nothing but the time.
  if (!t.wantsAnyOf(ethProto)) return;
  const dst = which === 'dst';
  const a = t.add(dst ? hfEth.dst : hfEth.src, tvb, off, 6);
  const resolved = dst ? hfEth.dst_resolved : hfEth.src_resolved;
  const text = a.on || a.wants(resolved) || a.wants(hfEth.addr_resolved) ? etherToString(tvb.bytes(off, 6)) : '';
  a.add(resolved, tvb, off, 6, text);
  const oui = tvb.u24(off);
  a.add(dst ? hfEth.dst_oui : hfEth.src_oui, tvb, off, 3, oui);
  a.add(hfEth.addr, tvb, off, 6);
  a.add(hfEth.addr_resolved, tvb, off, 6, text);
  a.add(hfEth.addr_oui, tvb, off, 3, oui);
  const lg = (oui & 0x20000) !== 0, ig = (oui & 0x10000) !== 0;
  a.add(dst ? hfEth.dst_lg : hfEth.src_lg, tvb, off, 3, lg);
  a.add(hfEth.lg, tvb, off, 3, lg);
  a.add(dst ? hfEth.dst_ig : hfEth.src_ig, tvb, off, 3, ig);
  a.add(hfEth.ig, tvb, off, 3, ig);
}

/**
 * Ethertype hand-off shared by Ethernet, VLAN, SLL and friends. Bytes the upper layer did not
 * claim are Ethernet padding (Wireshark's eth.padding) when the frame is a short one.
 */
export function handOffEthertype(type: number, tvb: Tvb, off: number, pkt: Packet, tree: Tree, padTree: Tree | null): void {
  pkt.protocols.push('ethertype');
  const payload = tvb.sub(off);
  const used = pkt.engine.callLen('ethertype', type, payload, pkt, tree);
  if (used < 0) {
    pkt.engine.data(payload, pkt, tree);
    return;
  }
  if (padTree && used < payload.length) {
    const rest = payload.length - used;
    padTree.add(hfEth.padding, tvb, off + used, rest);
  }
}

export function dissectEthernet(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const type = tvb.u16(12);
  const t = tree.proto(ethProto, tvb, 0, 14);
  address(t, tvb, 0, 'dst');
  address(t, tvb, 6, 'src');
  if (t.on) {
    t.setText(`Ethernet II, Src: ${etherToString(tvb.bytes(6, 6))}, Dst: ${etherToString(tvb.bytes(0, 6))}`);
  }
  // The MAC text is made only if no network layer names the ends (see output/list.ts).
  pkt.linkAddrPos = tvb.dsOff;
  if (type <= 1500) {
    t.add(hfEth.len, tvb, 12, 2, type);
    pkt.engine.data(tvb.sub(14, type), pkt, tree);
    return tvb.length;
  }
  t.add(hfEth.type, tvb, 12, 2, type);
  handOffEthertype(type, tvb, 14, pkt, tree, t);
  return tvb.length;
}

register('wtap.encap', LINKTYPE.ETHERNET, 'eth', dissectEthernet);
