/**
 * The PPP Compressed Datagram (protocol 0x00FD, RFC 1962 §2): a datagram compressed — and, with
 * MPPE, encrypted — by the method CCP agreed.
 *
 * Wireshark shows only the protocol item. On a link that agreed Microsoft PPC/PPE (always so for
 * PPTP), the datagram starts with the two-byte MPPC/MPPE header (RFC 2118 §3.1, RFC 3078 §3): the
 * flushed (A), at-front (B), compressed (C) and encrypted (D) bits and the 12-bit coherency count
 * that keeps the RC4 keys of both ends in step. Those get fields of their own here, under
 * comp_data.mppe.*, and the payload after them is comp_data.data.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import { mppeDecrypt } from '../../decrypt/ppp-plugin.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { linkFor, linkKeyFor, mppeNegotiated, type PppLink } from '../../sessions/ppp-negotiation.js';
import { inErrorPacket } from './cp-options.js';
import { PPP } from './ppp-protocols.js';

export const compDataProto = defineProtocol({
  abbrev: 'comp_data', name: 'PPP Compressed Datagram', short: 'PPP Comp',
  blurb: 'A datagram compressed (and with MPPE encrypted) by the method CCP agreed', ref: 'RFC 1962 §2',
});
const f = fieldsOf('comp_data');
const REF = 'RFC 3078 §3';
export const hfCompData = {
  mppe_header: f('mppe.header', 'MPPE Header', 'uint16', { base: 'hex', blurb: 'MPPC/MPPE flags and coherency count', ref: REF }),
  mppe_flushed: f('mppe.flushed', 'Flushed', 'bool', { mask: 0x8000, bits: 16, tf: ['Set', 'Not set'], blurb: 'A bit: the history was flushed (stateless mode sets it on every packet)', ref: REF }),
  mppe_at_front: f('mppe.at_front', 'Packet at Front of History', 'bool', { mask: 0x4000, bits: 16, tf: ['Set', 'Not set'], blurb: 'B bit: MPPC put this packet at the front of the history buffer', ref: 'RFC 2118 §3.1' }),
  mppe_compressed: f('mppe.compressed', 'Compressed', 'bool', { mask: 0x2000, bits: 16, tf: ['Set', 'Not set'], blurb: 'C bit: the data is MPPC-compressed', ref: 'RFC 2118 §3.1' }),
  mppe_encrypted: f('mppe.encrypted', 'Encrypted', 'bool', { mask: 0x1000, bits: 16, tf: ['Set', 'Not set'], blurb: 'D bit: the data is MPPE-encrypted (RC4)', ref: REF }),
  mppe_coherency_count: f('mppe.coherency_count', 'Coherency Count', 'uint16', { mask: 0x0fff, blurb: 'Packet counter that keeps the two ends\' RC4 keys in step', ref: REF }),
  data: f('data', 'Data', 'bytes', { blurb: 'The compressed or encrypted datagram', ref: 'RFC 1962 §2' }),
};

/** MPPE is the method when CCP agreed it, or when nothing else was agreed on a PPTP/L2TP tunnel. */
function carriesMppe(link: PppLink): boolean {
  if (link.mppeAcked.length) return true;
  if (link.compression.length) return false;
  return link.carrier === 'gre' || link.carrier === 'l2tp';
}

export function dissectCompData(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  if (pkt.engine.columns) pkt.setInfo('Compressed data');
  const t = tree.proto(compDataProto, tvb, 0, -1);
  if (inErrorPacket(data) || tvb.length < 2) return tvb.length;
  const link = linkFor(pkt, linkKeyFor(pkt, data));
  if (!carriesMppe(link)) {
    t.add(hfCompData.data, tvb, 0, tvb.length);
    return tvb.length;
  }
  const h = tvb.u16(0);
  const ht = t.add(hfCompData.mppe_header, tvb, 0, 2, h);
  ht.add(hfCompData.mppe_flushed, tvb, 0, 2, (h & 0x8000) !== 0);
  ht.add(hfCompData.mppe_at_front, tvb, 0, 2, (h & 0x4000) !== 0);
  ht.add(hfCompData.mppe_compressed, tvb, 0, 2, (h & 0x2000) !== 0);
  ht.add(hfCompData.mppe_encrypted, tvb, 0, 2, (h & 0x1000) !== 0);
  ht.add(hfCompData.mppe_coherency_count, tvb, 0, 2, h & 0x0fff);
  if (t.on) {
    const bits = ['A', 'B', 'C', 'D'].filter((_, i) => h & (0x8000 >> i)).join('');
    ht.setText(`MPPE Header: 0x${h.toString(16).padStart(4, '0')}${bits ? ` (${bits})` : ''}, Coherency Count: ${h & 0x0fff}`);
  }
  if (tvb.length > 2) t.add(hfCompData.data, tvb, 2, tvb.length - 2);
  // With --ppp-password / --ppp-nthash and a verified MS-CHAPv2 login: the datagram inside (src/decrypt).
  if (h & 0x1000) mppeDecrypt(tvb, pkt, tree, t, link);
  if (!(h & 0x1000) && mppeNegotiated(link)) {
    pkt.engine.expert(pkt, t, 'warn', 'security', 'comp_data.not_encrypted',
      'MPPE was agreed but this datagram is not encrypted (D bit clear)');
  }
  return tvb.length;
}

register('ppp.protocol', PPP.COMP, 'comp_data', dissectCompData);
