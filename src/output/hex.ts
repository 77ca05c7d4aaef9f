/** -x: hex and ASCII dump of the frame, then of each reassembled or decrypted buffer. */
import type { Packet } from '../core/packet.js';
import { HEX } from '../core/tvb.js';

export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    let hex = '';
    let asc = '';
    for (let k = 0; k < 16; k++) {
      if (off + k < bytes.length) {
        const b = bytes[off + k];
        hex += HEX[b] + ' ';
        asc += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        hex += '   ';
      }
      if (k === 7) hex += ' ';
    }
    lines.push(`${off.toString(16).padStart(4, '0')}  ${hex}  ${asc}`);
  }
  return lines.join('\n');
}

export function formatHex(pkt: Packet): string {
  const parts: string[] = [];
  pkt.sources.forEach((s, i) => {
    if (i === 0) parts.push(hexDump(s.bytes));
    else parts.push(`${s.name}:\n${hexDump(s.bytes)}`);
  });
  return parts.join('\n\n');
}
