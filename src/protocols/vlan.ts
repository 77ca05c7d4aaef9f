/** IEEE 802.1Q VLAN tags, stacked for 802.1ad (QinQ). */
import { defineProtocol, fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { ETHERTYPE, ETHERTYPE_NAMES } from './ethertypes.js';

const vlanProto = defineProtocol({ abbrev: 'vlan', name: '802.1Q Virtual LAN', short: 'VLAN', blurb: 'A tag that puts the frame on one virtual LAN of a shared wire', ref: 'IEEE 802.1Q' });
const f = fieldsOf('vlan');
const hf = {
  priority: f('priority', 'Priority', 'uint16', { mask: 0xe000, blurb: 'Descriptions are recommendations from IEEE standard 802.1D-2004',
    vals: { 0: 'Best Effort (default)', 1: 'Background', 2: 'Excellent Effort', 3: 'Critical Applications', 4: 'Video, < 100ms latency and jitter', 5: 'Voice, < 10ms latency and jitter', 6: 'Internetwork Control', 7: 'Network Control' } }),
  dei: f('dei', 'DEI', 'bool', { mask: 0x1000, bits: 16, tf: ['Eligible', 'Ineligible'], blurb: 'Drop Eligible Indicator' }),
  id: f('id', 'ID', 'uint16', { mask: 0x0fff, blurb: 'VLAN ID' }),
  etype: f('etype', 'Type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES, blurb: 'Ethertype' }),
  len: f('len', 'Length', 'uint16'),
};

function dissectVlan(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const tci = tvb.u16(0);
  const type = tvb.u16(2);
  const t = tree.proto(vlanProto, tvb, 0, 4, tree.on ? `802.1Q Virtual LAN, PRI: ${tci >> 13}, DEI: ${(tci >> 12) & 1}, ID: ${tci & 0xfff}` : undefined);
  t.add(hf.priority, tvb, 0, 2, tci >> 13);
  t.add(hf.dei, tvb, 0, 2, (tci & 0x1000) !== 0);
  t.add(hf.id, tvb, 0, 2, tci & 0xfff);
  if (type <= 1500) {
    t.add(hf.len, tvb, 2, 2, type);
    pkt.engine.data(tvb.sub(4, type), pkt, tree);
    return tvb.length;
  }
  t.add(hf.etype, tvb, 2, 2, type);
  const payload = tvb.sub(4);
  pkt.protocols.push('ethertype');
  const used = pkt.engine.callLen('ethertype', type, payload, pkt, tree);
  if (used < 0) pkt.engine.data(payload, pkt, tree);
  // The enclosing Ethernet layer accounts for padding after the innermost payload.
  return used < 0 ? tvb.length : 4 + used;
}

for (const et of [ETHERTYPE.VLAN, ETHERTYPE.QINQ, ETHERTYPE.QINQ_OLD]) register('ethertype', et, 'vlan', dissectVlan);
