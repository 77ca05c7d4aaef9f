/**
 * The benchmark's capture: a large mixed VPN capture written deterministically by replaying the
 * project's own samples (PPTP control + GRE/PPP with MPPE, L2TP control + data, IKEv2 + ESP,
 * NAT-T, AH) many times. Each replay moves the client side to a new IPv4 address (and fixes the
 * IPv4 header checksum), so the capture holds many distinct sessions, and shifts time forward.
 * Written as a stream: memory stays flat whatever the packet count.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { readCapture } from '../capture/reader.js';

export interface Template {
  data: Uint8Array;
  tsOffsetUs: number;
  len: number;
}

/** Ethernet + IPv4 records of the given classic-pcap templates, with times relative to each file's start. */
export async function loadTemplates(files: string[]): Promise<Template[][]> {
  const out: Template[][] = [];
  for (const f of files) {
    const recs: Template[] = [];
    let t0 = -1;
    let linkOk = true;
    await readCapture(f, (fr) => {
      if (fr.linkType !== 1) { linkOk = false; return false; }
      const us = fr.tsSec * 1e6 + Math.floor(fr.tsNsec / 1000);
      if (t0 < 0) t0 = us;
      recs.push({ data: Uint8Array.from(fr.data), tsOffsetUs: us - t0, len: fr.len });
    });
    if (linkOk && recs.length) out.push(recs);
  }
  return out;
}

function ipv4HeaderChecksum(b: Uint8Array, off: number, hlen: number): number {
  let sum = 0;
  for (let i = 0; i < hlen; i += 2) if (i !== 10) sum += (b[off + i] << 8) | b[off + i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * Rewrite one address of the outer IPv4 header: the one equal to `from` (the sample's client)
 * becomes `to`. VLAN tags are skipped; other frames are left as they are.
 */
function moveClient(b: Uint8Array, from: number, to: number): void {
  let off = 12;
  let type = (b[off] << 8) | b[off + 1];
  while ((type === 0x8100 || type === 0x88a8) && off + 6 <= b.length) {
    off += 4;
    type = (b[off] << 8) | b[off + 1];
  }
  const ip = off + 2;
  if (type !== 0x0800 || ip + 20 > b.length || b[ip] >> 4 !== 4) return;
  const hlen = (b[ip] & 15) * 4;
  if (ip + hlen > b.length) return;
  for (const a of [ip + 12, ip + 16]) {
    const v = ((b[a] << 24) >>> 0) + (b[a + 1] << 16) + (b[a + 2] << 8) + b[a + 3];
    if (v === from) {
      b[a] = to >>> 24; b[a + 1] = (to >>> 16) & 255; b[a + 2] = (to >>> 8) & 255; b[a + 3] = to & 255;
    }
  }
  const c = ipv4HeaderChecksum(b, ip, hlen);
  b[ip + 10] = c >> 8;
  b[ip + 11] = c & 255;
}

/** The IPv4 source of a template's first IPv4 packet: the side that starts the session. */
function clientOf(t: Template[]): number {
  for (const r of t) {
    const b = r.data;
    if (b.length >= 34 && b[12] === 8 && b[13] === 0) return ((b[26] << 24) >>> 0) + (b[27] << 16) + (b[28] << 8) + b[29];
  }
  return 0;
}

/** Write `packets` records to `path`; returns the number written. */
export function writeBenchCapture(path: string, templates: Template[][], packets: number): number {
  const fd = openSync(path, 'w');
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  writeSync(fd, header);
  const chunk = Buffer.alloc(4 << 20);
  let used = 0;
  const flush = () => { if (used) writeSync(fd, chunk, 0, used); used = 0; };
  const clients = templates.map(clientOf);
  let written = 0;
  let replay = 0;
  let baseUs = Date.UTC(2026, 0, 15, 10) * 1000;
  while (written < packets) {
    const k = replay % templates.length;
    const t = templates[k];
    // 10.64.0.0/10 holds 4 M client addresses; a replay of the same sample gets the next one.
    const client = (0x0a400000 + Math.floor(replay / templates.length) % 0x3fffff + 1) >>> 0;
    for (const r of t) {
      if (written >= packets) break;
      const n = r.data.length;
      if (used + 16 + n > chunk.length) flush();
      const us = baseUs + r.tsOffsetUs;
      chunk.writeUInt32LE(Math.floor(us / 1e6), used);
      chunk.writeUInt32LE(us % 1e6, used + 4);
      chunk.writeUInt32LE(n, used + 8);
      chunk.writeUInt32LE(r.len, used + 12);
      chunk.set(r.data, used + 16);
      moveClient(chunk.subarray(used + 16, used + 16 + n), clients[k], client);
      used += 16 + n;
      written++;
    }
    baseUs += (t[t.length - 1]?.tsOffsetUs ?? 0) + 1000;
    replay++;
  }
  flush();
  closeSync(fd);
  return written;
}
