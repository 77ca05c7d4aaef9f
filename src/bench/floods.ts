/**
 * Hostile-state captures for the benchmark: every packet opens a session that never ends (a new
 * L2TP tunnel, TCP connection, PPTP call, PPP link, ESP SA or IPv4 fragment train), all within one
 * minute of capture time so that none goes idle. Each flood repeats one frame of the project's
 * samples with a new IPv4 source address per packet (and, for fragments, a new IP ID). What it
 * shows: that memory stays bounded by the trackers' caps however many sessions a file opens.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readCapture } from '../capture/reader.js';
import { pcapFile } from '../capture/writer.js';
import { ipv4HeaderChecksum } from './generate.js';

export interface Flood {
  name: string;
  file: string;
  packets: number;
}

interface FloodSpec {
  name: string;
  sample: string;
  /** Whether this Ethernet/IPv4 frame (bytes from the IPv4 header on at `ip`) is the one to repeat. */
  pick: (b: Uint8Array, ip: number, l4: number) => boolean;
  fragment?: boolean;
  /** Byte offset from the IPv4 header of a 32-bit number to make new per packet too (an SPI). */
  numberAt?: number;
}

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const proto = (b: Uint8Array, ip: number) => b[ip + 9];

const SPECS: FloodSpec[] = [
  { name: 'L2TP tunnels (SCCRQ)', sample: 'l2tp-chap-session.pcap',
    pick: (b, ip, l4) => proto(b, ip) === 17 && u16(b, l4 + 2) === 1701 && (b[l4 + 8] & 0x80) !== 0 },
  { name: 'TCP connections (SYN)', sample: 'pptp-mschapv2-mppe.pcap',
    pick: (b, ip, l4) => proto(b, ip) === 6 && (b[l4 + 13] & 0x12) === 0x02 },
  { name: 'PPTP calls (Outgoing-Call-Request)', sample: 'pptp-mschapv2-mppe.pcap',
    pick: (b, ip, l4) => proto(b, ip) === 6 && u16(b, l4 + 2) === 1723 && u16(b, l4 + ((b[l4 + 12] >> 4) * 4) + 8) === 7 },
  { name: 'PPP links (LCP over GRE)', sample: 'pptp-mschapv2-mppe.pcap',
    pick: (b, ip, l4) => proto(b, ip) === 47 && b.length > l4 + 20 && u16(b, l4 + 16) === 0xff03 && u16(b, l4 + 18) === 0xc021 },
  { name: 'ESP SAs (ESP in UDP 4500)', sample: 'ipsec-ikev2-esp.pcap',
    pick: (b, ip, l4) => proto(b, ip) === 17 && (b[ip] & 15) === 5 && u16(b, l4 + 2) === 4500 && u16(b, l4 + 8) + u16(b, l4 + 10) !== 0,
    numberAt: 20 + 8 },
  { name: 'IPv4 fragment trains', sample: 'l2tp-chap-session.pcap', fragment: true,
    pick: (b, ip) => proto(b, ip) === 17 },
];

async function template(path: string, pick: FloodSpec['pick']): Promise<Uint8Array | null> {
  let found: Uint8Array | null = null;
  await readCapture(path, (fr) => {
    const b = fr.data;
    if (fr.linkType !== 1 || b.length < 34 || u16(b, 12) !== 0x0800) return true;
    const ip = 14, l4 = ip + (b[ip] & 15) * 4;
    if (l4 + 8 > b.length || !pick(b, ip, l4)) return true;
    found = Uint8Array.from(b);
    return false;
  });
  return found;
}

/** Write each flood of `packets` packets into dir; floods whose sample frame is missing are left out. */
export async function writeFloods(dir: string, samplesDir: string, packets: number): Promise<Flood[]> {
  const out: Flood[] = [];
  for (const spec of SPECS) {
    const t = await template(join(samplesDir, spec.sample), spec.pick);
    if (!t) continue;
    const ip = 14;
    const hlen = (t[ip] & 15) * 4;
    if (spec.fragment) t[ip + 6] = 0x20; // More Fragments, offset 0: a train that never completes.
    const file = join(dir, `flood-${out.length + 1}.pcap`);
    const fd = openSync(file, 'w');
    writeSync(fd, pcapFile(1, []));
    const rec = 16 + t.length;
    const chunk = Buffer.alloc(rec * 4096);
    let used = 0;
    for (let i = 0; i < packets; i++) {
      const at = used + 16;
      chunk.writeUInt32LE(1_767_225_600 + Math.floor(i / 20_000), used);
      chunk.writeUInt32LE((i % 20_000) * 50, used + 4);
      chunk.writeUInt32LE(t.length, used + 8);
      chunk.writeUInt32LE(t.length, used + 12);
      chunk.set(t, at);
      // Source 10.x.y.z from the packet's number: a new client every packet.
      chunk[at + ip + 12] = 10;
      chunk[at + ip + 13] = (i >>> 16) & 255;
      chunk[at + ip + 14] = (i >>> 8) & 255;
      chunk[at + ip + 15] = i & 255;
      if (spec.fragment) chunk.writeUInt16BE(i & 0xffff, at + ip + 4);
      if (spec.numberAt !== undefined) chunk.writeUInt32BE(0x10000000 + i, at + ip + spec.numberAt);
      chunk.writeUInt16BE(ipv4HeaderChecksum(chunk, at + ip, hlen), at + ip + 10);
      used += rec;
      if (used === chunk.length) {
        writeSync(fd, chunk, 0, used);
        used = 0;
      }
    }
    if (used) writeSync(fd, chunk, 0, used);
    closeSync(fd);
    out.push({ name: spec.name, file, packets });
  }
  return out;
}
