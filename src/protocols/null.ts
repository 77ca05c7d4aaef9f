/** BSD loopback (LINKTYPE_NULL 0, host byte order) and OpenBSD loopback (LINKTYPE_LOOP 108, network order). */
import { defineProtocol, fieldsOf, names } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { LINKTYPE } from '../capture/linktypes.js';
import { ETHERTYPE } from './ethertypes.js';

const nullProto = defineProtocol({ abbrev: 'null', name: 'Null/Loopback', short: 'NULL', blurb: 'The 4-byte address-family header of BSD loopback captures' });
/** BSD AF_ values; AF_INET6 differs between the BSDs, so all of them are accepted. */
const FAMILY = names({ 2: 'IP', 7: 'OSI', 16: 'Appletalk', 23: 'Netware IPX/SPX', 24: 'IPv6', 28: 'IPv6', 30: 'IPv6' });
const hf = { family: fieldsOf('null')('family', 'Family', 'uint32', { vals: FAMILY }) };

function familyToEthertype(fam: number): number {
  if (fam === 2) return ETHERTYPE.IPV4;
  if (fam === 24 || fam === 28 || fam === 30 || fam === 10) return ETHERTYPE.IPV6;
  return -1;
}

function dissect(bigEndian: boolean) {
  return (tvb: Tvb, pkt: Packet, tree: Tree): void => {
    let fam = bigEndian ? tvb.u32(0) : tvb.u32le(0);
    // A LINKTYPE_NULL file written on a machine of the other byte order has the family in the top bytes.
    if (!bigEndian && (fam & 0xffff) === 0 && fam !== 0) fam = tvb.u32(0);
    const t = tree.proto(nullProto, tvb, 0, 4);
    t.add(hf.family, tvb, 0, 4, fam);
    const et = familyToEthertype(fam);
    const payload = tvb.sub(4);
    if (et < 0 || !pkt.engine.call('ethertype', et, payload, pkt, tree)) pkt.engine.data(payload, pkt, tree);
  };
}

register('wtap.encap', LINKTYPE.NULL, 'null', dissect(false));
register('wtap.encap', LINKTYPE.LOOP, 'null', dissect(true));
