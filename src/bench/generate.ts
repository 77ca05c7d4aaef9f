/**
 * The benchmark's capture: a large mixed VPN capture written deterministically by replaying the
 * project's own samples (PPTP control + GRE/PPP with MPPE, L2TP control + data, IKEv2 + ESP,
 * NAT-T, AH) many times. Each replay moves the client side to a new IPv4 address (and fixes the
 * IPv4 header checksum), so the capture holds many distinct sessions, and shifts time forward.
 * Written as a stream: memory stays flat whatever the packet count.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { readCapture } from '../capture/reader.js';
import { pcapFile } from '../capture/writer.js';

export interface Template {
  data: Uint8Array;
  tsOffsetUs: number;
  len: number;
  /** Where this record's ESP or GRE sequence number is (and its ESP SPI), and whether it is user data to multiply. */
  seq: SeqInfo | null;
}

interface SeqInfo {
  off: number;
  flow: string;
  spiOff: number;
  data: boolean;
}

/**
 * A data packet of a VPN session (ESP, or enhanced GRE with a sequence number and a payload):
 * the offset of its 32-bit sequence number and the flow it belongs to, else null.
 */
function dataSeq(b: Uint8Array): SeqInfo | null {
  if (b.length < 34 || b[12] !== 8 || b[13] !== 0 || b[14] >> 4 !== 4) return null;
  const ip = 14, hl = (b[ip] & 15) * 4, proto = b[ip + 9], l4 = ip + hl;
  const hex = (o: number, n: number) => Buffer.from(b.subarray(o, o + n)).toString('hex');
  if (proto === 50 && l4 + 8 <= b.length) return { off: l4 + 4, flow: `esp ${hex(l4, 4)} ${hex(ip + 16, 4)}`, spiOff: l4, data: true };
  if (proto === 17 && l4 + 16 <= b.length && ((b[l4 + 2] << 8) | b[l4 + 3]) === 4500) {
    const esp = l4 + 8;
    if ((b[esp] | b[esp + 1] | b[esp + 2] | b[esp + 3]) !== 0) return { off: esp + 4, flow: `esp ${hex(esp, 4)} ${hex(ip + 16, 4)}`, spiOff: esp, data: true };
  }
  if (proto === 47 && l4 + 12 <= b.length) {
    const flags = b[l4];
    const plen = (b[l4 + 4] << 8) | b[l4 + 5];
    // Version 1 (PPTP) with key and sequence number, carrying a payload; user data is PPP
    // protocol 0x00FD (MPPE) or an IP datagram, the rest (LCP, CHAP, …) is sent once.
    if ((b[l4 + 1] & 7) === 1 && (flags & 0x30) === 0x30 && plen > 0) {
      const ppp = l4 + 12 + ((flags & 0x80) ? 4 : 0);
      const p = ppp + (b[ppp] === 0xff && b[ppp + 1] === 0x03 ? 2 : 0);
      const pr = b[p] & 1 ? b[p] : (b[p] << 8) | b[p + 1];
      return { off: l4 + 8, flow: `gre ${hex(l4 + 6, 2)} ${hex(ip + 16, 4)}`, spiOff: -1, data: pr === 0xfd || pr === 0x21 || pr === 0x57 };
    }
  }
  return null;
}

/** Ethernet + IPv4 records of the given classic-pcap templates, with times relative to each file's start. */
export async function loadTemplates(files: string[]): Promise<Template[][]> {
  const out: Template[][] = [];
  for (const f of files) {
    const recs: Template[] = [];
    let t0 = -1;
    let linkOk = true;
    await readCapture(f, (fr) => {
      // Only Ethernet/IPv4 samples: each replay moves the client's IPv4 address to make new sessions.
      if (fr.linkType !== 1 || fr.data.length < 14 || ((fr.data[12] << 8) | fr.data[13]) === 0x86dd) { linkOk = false; return false; }
      const us = fr.tsSec * 1e6 + Math.floor(fr.tsNsec / 1000);
      if (t0 < 0) t0 = us;
      const data = Uint8Array.from(fr.data);
      recs.push({ data, tsOffsetUs: us - t0, len: fr.len, seq: dataSeq(data) });
    });
    if (linkOk && recs.length) out.push(recs);
  }
  return out;
}

export function ipv4HeaderChecksum(b: Uint8Array, off: number, hlen: number): number {
  let sum = 0;
  for (let i = 0; i < hlen; i += 2) if (i !== 10) sum += (b[off + i] << 8) | b[off + i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * Move both addresses of the outer IPv4 header into a block of their own for this replay
 * (the low 24 bits shifted by replay × 256), so every replay is a new set of sessions, NATed
 * addresses included, and fix the header checksum. VLAN tags are skipped; other frames are left.
 */
function moveAddresses(b: Uint8Array, replay: number): void {
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
    const to = ((v & 0xff000000) >>> 0) + ((v + replay * 256) & 0xffffff);
    b[a] = to >>> 24; b[a + 1] = (to >>> 16) & 255; b[a + 2] = (to >>> 8) & 255; b[a + 3] = to & 255;
  }
  const c = ipv4HeaderChecksum(b, ip, hlen);
  b[ip + 10] = c >> 8;
  b[ip + 11] = c & 255;
}

/**
 * Write `packets` records to `path`; returns the number written. Every data packet of a sample is
 * sent `dataRepeat` times with fresh sequence numbers (and every later packet of its flow moved
 * along), so the capture is mostly data, as real VPN traffic is, with no sequence anomalies.
 */
export function writeBenchCapture(path: string, templates: Template[][], packets: number, dataRepeat = 12): number {
  const fd = openSync(path, 'w');
  // The file header alone (Ethernet, microseconds); the records follow in chunks.
  writeSync(fd, pcapFile(1, []));
  const chunk = Buffer.alloc(4 << 20);
  let used = 0;
  const flush = () => { if (used) writeSync(fd, chunk, 0, used); used = 0; };
  let written = 0;
  let replay = 0;
  let baseUs = Date.UTC(2026, 0, 15, 10) * 1000;
  while (written < packets) {
    const t = templates[replay % templates.length];
    const shift = new Map<string, number>();
    let extraUs = 0;
    for (const r of t) {
      const copies = r.seq?.data ? dataRepeat : 1;
      for (let c = 0; c < copies && written < packets; c++) {
        const n = r.data.length;
        if (used + 16 + n > chunk.length) flush();
        const us = baseUs + r.tsOffsetUs + extraUs;
        chunk.writeUInt32LE(Math.floor(us / 1e6), used);
        chunk.writeUInt32LE(us % 1e6, used + 4);
        chunk.writeUInt32LE(n, used + 8);
        chunk.writeUInt32LE(r.len, used + 12);
        chunk.set(r.data, used + 16);
        const rec = chunk.subarray(used + 16, used + 16 + n);
        if (r.seq) {
          const add = shift.get(r.seq.flow) ?? 0;
          const dv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
          dv.setUint32(r.seq.off, (dv.getUint32(r.seq.off) + add + c) >>> 0);
          // Each replay gets SPIs of its own, as new SAs would.
          if (r.seq.spiOff >= 0) dv.setUint32(r.seq.spiOff, (dv.getUint32(r.seq.spiOff) ^ ((replay + 1) << 12)) >>> 0);
          if (c) extraUs += 50;
        }
        moveAddresses(rec, replay + 1);
        used += 16 + n;
        written++;
      }
      if (r.seq) shift.set(r.seq.flow, (shift.get(r.seq.flow) ?? 0) + copies - 1);
    }
    baseUs += (t[t.length - 1]?.tsOffsetUs ?? 0) + extraUs + 1000;
    replay++;
  }
  flush();
  closeSync(fd);
  return written;
}
