/** Default output: one line per packet — No., Time, Source, Destination, Protocol, Length, Info. */
import type { Packet } from '../core/packet.js';
import { sanitise } from './sanitise.js';
import { etherToString } from '../core/value.js';

export function formatListLine(pkt: Packet): string {
  let s = pkt.src, d = pkt.dst;
  if (!s && !d && pkt.linkAddrPos >= 0) {
    const b = pkt.sources[0].bytes;
    d = etherToString(b.subarray(pkt.linkAddrPos, pkt.linkAddrPos + 6));
    s = etherToString(b.subarray(pkt.linkAddrPos + 6, pkt.linkAddrPos + 12));
  }
  return padLeft(String(pkt.num), 5) + ' ' + padLeft(pkt.relSec.toFixed(6), 11) + ' ' + padLeft(sanitise(s), 17) +
    ' → ' + padRight(sanitise(d), 17) + ' ' + (pkt.protocol || 'Frame') + ' ' + pkt.len + ' ' + sanitise(pkt.info);
}

/** Runs of spaces made once: padStart/padEnd build a new padding string for every column of every line. */
const SPACES = Array.from({ length: 18 }, (_, i) => ' '.repeat(i));

function padLeft(s: string, width: number): string {
  return s.length >= width ? s : SPACES[width - s.length] + s;
}

function padRight(s: string, width: number): string {
  return s.length >= width ? s : s + SPACES[width - s.length];
}
