/**
 * pcapng (draft-ietf-opsawg-pcapng): sections of blocks, each block framed by its type, its total length
 * and a trailing copy of that length. Packets come in Enhanced (6), Simple (3) and obsolete Packet (2) blocks.
 */
import { CaptureError } from './types.js';
import { MAX_RECORD, pad4, type RecordParser, type Sink } from './parser.js';
import { MICROSECONDS, Resolution } from './timestamp.js';

export const BT_SHB = 0x0a0d0d0a;
export const BT_IDB = 1;
export const BT_PB = 2;
export const BT_SPB = 3;
export const BT_EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const OPT_END = 0;
const OPT_COMMENT = 1;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

const MIN_BLOCK = 12;
const MIN_SHB = 28;
const MIN_IDB = 20;
const MIN_SPB = 16;
/** EPB and obsolete PB: 8 framing + 20 fixed + 4 trailer. */
const MIN_PACKET_BLOCK = 32;

interface Iface {
  linkType: number;
  snapLen: number;
  res: Resolution;
  /** if_tsoffset: seconds to add to every timestamp. */
  offset: number;
}

const utf8 = new TextDecoder('utf-8');

export class PcapngParser implements RecordParser {
  need = MIN_BLOCK;
  stopped = false;
  /** Byte order of the current section. */
  private le = false;
  private sawSection = false;
  private ifaces: Iface[] = [];
  private blocks = 0;
  private infoSent = false;

  constructor(private readonly sink: Sink) {}

  parse(b: Uint8Array, dv: DataView, pos: number, end: number): number {
    const frame = this.sink.frame;
    const onFrame = this.sink.onFrame;
    const ab = b.buffer;
    for (;;) {
      const avail = end - pos;
      if (avail < MIN_BLOCK) {
        this.need = MIN_BLOCK;
        return pos;
      }
      const type = dv.getUint32(pos, this.le);
      const k = this.blocks + 1;
      // The section header's type reads the same in both byte orders; its own magic says which one follows.
      if (type === BT_SHB) this.le = this.sectionByteOrder(dv, pos, k);
      const le = this.le;
      const len = dv.getUint32(pos + 4, le);
      if (len < MIN_BLOCK || (len & 3) !== 0 || len > MAX_RECORD) {
        throw new CaptureError(`block ${k}: impossible block length ${len}`);
      }
      if (avail < len) {
        this.need = len;
        return pos;
      }
      const trailer = dv.getUint32(pos + len - 4, le);
      if (trailer !== len) throw new CaptureError(`block ${k}: block length ${len} does not match its trailing copy ${trailer}`);
      this.blocks = k;

      if (type === BT_EPB || type === BT_PB) {
        if (len < MIN_PACKET_BLOCK) throw new CaptureError(`block ${k}: too short (${len} bytes) for a packet block`);
        const id = type === BT_EPB ? dv.getUint32(pos + 8, le) : dv.getUint16(pos + 8, le);
        const iface = this.iface(id, k);
        const caplen = dv.getUint32(pos + 20, le);
        const room = len - MIN_PACKET_BLOCK;
        if (caplen > room) throw new CaptureError(`block ${k}: captured length exceeds block (${caplen} > ${room})`);
        iface.res.set(frame, dv.getUint32(pos + 12, le), dv.getUint32(pos + 16, le));
        if (iface.offset !== 0) frame.tsSec += iface.offset;
        frame.len = dv.getUint32(pos + 24, le);
        frame.data = new Uint8Array(ab, pos + 28, caplen);
        frame.linkType = iface.linkType;
        frame.ifIndex = id;
        const optFrom = pos + 28 + pad4(caplen);
        const optTo = pos + len - 4;
        frame.comment = optFrom < optTo ? this.comments(b, dv, optFrom, optTo) : undefined;
      } else if (type === BT_SPB) {
        if (len < MIN_SPB) throw new CaptureError(`block ${k}: too short (${len} bytes) for a simple packet block`);
        const iface = this.iface(0, k);
        const orig = dv.getUint32(pos + 8, le);
        // No captured-length field: the packet fills the block, less padding, within the snap length.
        let caplen = Math.min(len - MIN_SPB, orig);
        if (iface.snapLen !== 0 && caplen > iface.snapLen) caplen = iface.snapLen;
        frame.tsSec = 0;
        frame.tsNsec = 0;
        frame.len = orig;
        frame.data = new Uint8Array(ab, pos + 12, caplen);
        frame.linkType = iface.linkType;
        frame.ifIndex = 0;
        frame.comment = undefined;
      } else {
        if (type === BT_SHB) this.section(dv, pos, len, k);
        else if (type === BT_IDB) this.interfaceDescription(dv, pos, len, k);
        // Anything else (statistics, name resolution, secrets, custom blocks) is skipped by its length.
        pos += len;
        continue;
      }
      pos += len;
      if (onFrame(frame) === false) {
        this.stopped = true;
        this.need = 0;
        return pos;
      }
    }
  }

  cutShort(have: number): string {
    if (!this.sawSection) throw new CaptureError(`the pcapng section header is cut short (${have} of ${this.need} bytes)`);
    return `the last block is cut short (${have} of ${this.need} bytes): the capture appears to have been cut off`;
  }

  private sectionByteOrder(dv: DataView, pos: number, k: number): boolean {
    const bom = dv.getUint32(pos + 8, false);
    if (bom === BYTE_ORDER_MAGIC) return false;
    if (bom === 0x4d3c2b1a) return true;
    throw new CaptureError(`block ${k}: section header with a bad byte-order magic (${bom.toString(16).padStart(8, '0')})`);
  }

  private section(dv: DataView, pos: number, len: number, k: number): void {
    if (len < MIN_SHB) throw new CaptureError(`block ${k}: too short (${len} bytes) for a section header block`);
    const major = dv.getUint16(pos + 12, this.le);
    const minor = dv.getUint16(pos + 14, this.le);
    if (major !== 1) throw new CaptureError(`unsupported pcapng version ${major}.${minor} (block ${k})`);
    // Interface numbers are per section.
    this.ifaces = [];
    this.sawSection = true;
  }

  private interfaceDescription(dv: DataView, pos: number, len: number, k: number): void {
    if (len < MIN_IDB) throw new CaptureError(`block ${k}: too short (${len} bytes) for an interface description block`);
    const le = this.le;
    const iface: Iface = { linkType: dv.getUint16(pos + 8, le), snapLen: dv.getUint32(pos + 12, le), res: MICROSECONDS, offset: 0 };
    let o = pos + 16;
    const to = pos + len - 4;
    while (o + 4 <= to) {
      const code = dv.getUint16(o, le);
      const olen = dv.getUint16(o + 2, le);
      if (code === OPT_END || o + 4 + olen > to) break;
      if (code === IF_TSRESOL && olen >= 1) iface.res = new Resolution(dv.getUint8(o + 4));
      else if (code === IF_TSOFFSET && olen === 8) {
        const hi = dv.getInt32(o + 4 + (le ? 4 : 0), le);
        const lo = dv.getUint32(o + 4 + (le ? 0 : 4), le);
        iface.offset = hi * 4294967296 + lo;
      }
      o += 4 + pad4(olen);
    }
    this.ifaces.push(iface);
    if (!this.infoSent) {
      this.infoSent = true;
      this.sink.info({
        format: 'pcapng',
        linkType: iface.linkType,
        snapLen: iface.snapLen,
        nanosecond: iface.res.finerThanMicro,
        gzip: this.sink.gzip,
      });
    }
  }

  private iface(id: number, k: number): Iface {
    const iface = this.ifaces[id];
    if (iface === undefined) {
      throw new CaptureError(`block ${k}: packet on interface ${id}, but the section describes ${this.ifaces.length} interface(s)`);
    }
    return iface;
  }

  /** opt_comment values of a packet block's options, joined with newlines; undefined when there are none. */
  private comments(b: Uint8Array, dv: DataView, o: number, to: number): string | undefined {
    const le = this.le;
    let out: string | undefined;
    while (o + 4 <= to) {
      const code = dv.getUint16(o, le);
      const olen = dv.getUint16(o + 2, le);
      // A malformed option list ends the options, not the packet.
      if (code === OPT_END || o + 4 + olen > to) break;
      if (code === OPT_COMMENT) {
        const text = utf8.decode(b.subarray(o + 4, o + 4 + olen));
        out = out === undefined ? text : `${out}\n${text}`;
      }
      o += 4 + pad4(olen);
    }
    return out;
  }
}
