/** Link types with no link header at all: the record starts with the IP header. */
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { LINKTYPE } from '../capture/linktypes.js';
import { ETHERTYPE } from './ethertypes.js';

/** Raw IP: the version nibble says IPv4 or IPv6. Wireshark shows a "raw" layer with no fields. */
function rawIp(tvb: Tvb, pkt: Packet, tree: Tree): void {
  pkt.protocols.push('raw');
  const v = tvb.u8(0) >> 4;
  const et = v === 4 ? ETHERTYPE.IPV4 : v === 6 ? ETHERTYPE.IPV6 : -1;
  if (et < 0 || !pkt.engine.call('ethertype', et, tvb, pkt, tree)) pkt.engine.data(tvb, pkt, tree);
}

function fixed(et: number) {
  return (tvb: Tvb, pkt: Packet, tree: Tree): void => {
    if (!pkt.engine.call('ethertype', et, tvb, pkt, tree)) pkt.engine.data(tvb, pkt, tree);
  };
}

for (const lt of [LINKTYPE.RAW, LINKTYPE.DLT_RAW_12, LINKTYPE.DLT_RAW_14]) register('wtap.encap', lt, 'raw', rawIp);
register('wtap.encap', LINKTYPE.IPV4, 'ip', fixed(ETHERTYPE.IPV4));
register('wtap.encap', LINKTYPE.IPV6, 'ipv6', fixed(ETHERTYPE.IPV6));
