/** Default output: one line per packet — No., Time, Source, Destination, Protocol, Length, Info. */
import type { Packet } from '../core/packet.js';
import { sanitise } from './sanitise.js';

export function formatListLine(pkt: Packet): string {
  const no = String(pkt.num).padStart(5);
  const time = pkt.relSec.toFixed(6).padStart(11);
  const src = sanitise(pkt.src).padStart(17);
  const dst = sanitise(pkt.dst).padEnd(17);
  return `${no} ${time} ${src} → ${dst} ${pkt.protocol || 'Frame'} ${pkt.len} ${sanitise(pkt.info)}`;
}
