/** Default output: one line per packet — No., Time, Source, Destination, Protocol, Length, Info. */
import type { Packet } from '../core/packet.js';
import { sanitise } from './sanitise.js';
import { etherToString } from '../core/value.js';

export function formatListLine(pkt: Packet): string {
  const no = String(pkt.num).padStart(5);
  const time = pkt.relSec.toFixed(6).padStart(11);
  let s = pkt.src, d = pkt.dst;
  if (!s && !d && pkt.linkAddrPos >= 0) {
    const b = pkt.sources[0].bytes;
    d = etherToString(b.subarray(pkt.linkAddrPos, pkt.linkAddrPos + 6));
    s = etherToString(b.subarray(pkt.linkAddrPos + 6, pkt.linkAddrPos + 12));
  }
  const src = sanitise(s).padStart(17);
  const dst = sanitise(d).padEnd(17);
  return `${no} ${time} ${src} → ${dst} ${pkt.protocol || 'Frame'} ${pkt.len} ${sanitise(pkt.info)}`;
}
