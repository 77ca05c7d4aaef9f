/** Small in-memory pcap and pcapng writers, for the sample generator and the tests. */
import { pad4 } from './parser.js';
import { BT_EPB, BT_IDB, BT_PB, BT_SHB, BT_SPB } from './pcapng.js';

export interface WriteRecord {
  data: Uint8Array;
  tsSec?: number;
  /** Nanoseconds within the second; written truncated to the file's resolution. */
  tsNsec?: number;
  /** Original length; defaults to data.length. */
  len?: number;
  /** pcapng interface index (EPB, PB). */
  ifIndex?: number;
  /** pcapng opt_comment values (EPB, PB). */
  comment?: string | string[];
}

export interface PcapOptions {
  nanosecond?: boolean;
  bigEndian?: boolean;
  snapLen?: number;
  /** Defaults to 2.4. */
  version?: [number, number];
}

/** A classic pcap file. */
export function pcapFile(linkType: number, records: WriteRecord[], o: PcapOptions = {}): Uint8Array {
  const le = !o.bigEndian;
  const size = 24 + records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, o.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, le);
  dv.setUint16(4, o.version?.[0] ?? 2, le);
  dv.setUint16(6, o.version?.[1] ?? 4, le);
  dv.setUint32(16, o.snapLen ?? 262144, le);
  dv.setUint32(20, linkType, le);
  let p = 24;
  for (const r of records) {
    const ns = r.tsNsec ?? 0;
    dv.setUint32(p, r.tsSec ?? 0, le);
    dv.setUint32(p + 4, o.nanosecond ? ns : Math.floor(ns / 1000), le);
    dv.setUint32(p + 8, r.data.length, le);
    dv.setUint32(p + 12, r.len ?? r.data.length, le);
    out.set(r.data, p + 16);
    p += 16 + r.data.length;
  }
  return out;
}

export interface PcapngInterface {
  linkType: number;
  snapLen?: number;
  /** if_tsresol byte: n for 10^-n seconds, 0x80|n for 2^-n. Omitted: the default, microseconds. */
  tsresol?: number;
  /** if_tsoffset in seconds. */
  tsoffset?: number;
}

export interface PcapngOptions {
  bigEndian?: boolean;
  /** Which block carries the packets: Enhanced (default), Simple, or the obsolete Packet Block. */
  block?: 'epb' | 'spb' | 'pb';
  /** Section version; defaults to 1.0. */
  version?: [number, number];
}

/** One pcapng section (SHB, IDBs, packet blocks); concatenate several for a multi-section file. */
export function pcapngFile(iface: number | PcapngInterface | PcapngInterface[], records: WriteRecord[], o: PcapngOptions = {}): Uint8Array {
  const ifaces = typeof iface === 'number' ? [{ linkType: iface }] : Array.isArray(iface) ? iface : [iface];
  const w = new BlockWriter(!o.bigEndian);
  const shb = new BlockBody(w.le);
  shb.u32(0x1a2b3c4d).u16(o.version?.[0] ?? 1).u16(o.version?.[1] ?? 0).u32(0xffffffff).u32(0xffffffff);
  w.block(BT_SHB, shb);
  for (const i of ifaces) {
    const b = new BlockBody(w.le).u16(i.linkType).u16(0).u32(i.snapLen ?? 0);
    if (i.tsresol !== undefined) b.option(9, Uint8Array.of(i.tsresol));
    if (i.tsoffset !== undefined) {
      const v = new Uint8Array(8);
      new DataView(v.buffer).setBigInt64(0, BigInt(i.tsoffset), w.le);
      b.option(14, v);
    }
    if (i.tsresol !== undefined || i.tsoffset !== undefined) b.u32(0);
    w.block(BT_IDB, b);
  }
  for (const r of records) {
    const b = new BlockBody(w.le);
    if (o.block === 'spb') {
      b.u32(r.len ?? r.data.length).bytes(r.data);
      w.block(BT_SPB, b);
      continue;
    }
    const id = r.ifIndex ?? 0;
    const units = toUnits(r.tsSec ?? 0, r.tsNsec ?? 0, ifaces[id] ?? ifaces[0]);
    if (o.block === 'pb') b.u16(id).u16(0);
    else b.u32(id);
    b.u32(Number(units >> 32n)).u32(Number(units & 0xffffffffn)).u32(r.data.length).u32(r.len ?? r.data.length).bytes(r.data);
    const comments = r.comment === undefined ? [] : Array.isArray(r.comment) ? r.comment : [r.comment];
    for (const c of comments) b.option(1, new TextEncoder().encode(c));
    if (comments.length > 0) b.u32(0);
    w.block(o.block === 'pb' ? BT_PB : BT_EPB, b);
  }
  return w.result();
}

function toUnits(sec: number, nsec: number, i: PcapngInterface): bigint {
  const raw = i.tsresol ?? 6;
  const perSec = raw & 0x80 ? 1n << BigInt(raw & 0x7f) : 10n ** BigInt(raw);
  const s = BigInt(sec - (i.tsoffset ?? 0));
  return s * perSec + (BigInt(nsec) * perSec) / 1_000_000_000n;
}

/** A block body under construction, padded to 32 bits after each variable-length part. */
class BlockBody {
  readonly parts: Uint8Array[] = [];
  length = 0;
  constructor(readonly le: boolean) {}
  u16(v: number): this {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, this.le);
    return this.add(b);
  }
  u32(v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, this.le);
    return this.add(b);
  }
  bytes(d: Uint8Array): this {
    this.add(d);
    return this.add(new Uint8Array(pad4(d.length) - d.length));
  }
  option(code: number, value: Uint8Array): this {
    return this.u16(code).u16(value.length).bytes(value);
  }
  private add(b: Uint8Array): this {
    this.parts.push(b);
    this.length += b.length;
    return this;
  }
}

class BlockWriter {
  private readonly chunks: Uint8Array[] = [];
  constructor(readonly le: boolean) {}
  block(type: number, body: BlockBody): void {
    const len = 12 + body.length;
    const frame = new BlockBody(this.le).u32(type).u32(len);
    this.chunks.push(...frame.parts, ...body.parts, ...new BlockBody(this.le).u32(len).parts);
  }
  result(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
