/** Classic libpcap files: a 24-byte file header, then records of a 16-byte header and the captured bytes. */
import { CaptureError } from './types.js';
import { MAX_RECORD, PLAUSIBLE_SNAPLEN, type RecordParser, type Sink } from './parser.js';

const FILE_HEADER = 24;
const RECORD_HEADER = 16;

/** The magic number as the first four bytes read big-endian, and what it says about the file. */
export const PCAP_MAGIC: Record<number, { le: boolean; nano: boolean }> = {
  0xa1b2c3d4: { le: false, nano: false },
  0xd4c3b2a1: { le: true, nano: false },
  0xa1b23c4d: { le: false, nano: true },
  0x4d3cb2a1: { le: true, nano: true },
};

export class PcapParser implements RecordParser {
  need = FILE_HEADER;
  stopped = false;
  private inHeader = true;
  private snapLen = 0;
  private limit = 0;
  private linkType = 0;
  private count = 0;

  constructor(
    private readonly sink: Sink,
    private readonly le: boolean,
    private readonly nano: boolean,
  ) {}

  parse(b: Uint8Array, dv: DataView, pos: number, end: number): number {
    const le = this.le;
    if (this.inHeader) {
      if (end - pos < FILE_HEADER) {
        this.need = FILE_HEADER;
        return pos;
      }
      const major = dv.getUint16(pos + 4, le);
      const minor = dv.getUint16(pos + 6, le);
      if (major !== 2) throw new CaptureError(`unsupported pcap version ${major}.${minor}`);
      this.snapLen = dv.getUint32(pos + 16, le);
      // The upper bits of the network field carry FCS information, not the link type.
      this.linkType = dv.getUint32(pos + 20, le) & 0xffff;
      // Writers that put 0 or a small snap length in the header still write full-size records; only
      // a length beyond both the header's figure and any plausible snap length is a lie.
      this.limit = Math.min(MAX_RECORD, Math.max(this.snapLen, PLAUSIBLE_SNAPLEN));
      this.inHeader = false;
      pos += FILE_HEADER;
      this.sink.info({ format: 'pcap', linkType: this.linkType, snapLen: this.snapLen, nanosecond: this.nano, gzip: this.sink.gzip });
    }
    const frame = this.sink.frame;
    const onFrame = this.sink.onFrame;
    const ab = b.buffer;
    const limit = this.limit;
    const linkType = this.linkType;
    const fracToNs = this.nano ? 1 : 1000;
    for (;;) {
      const avail = end - pos;
      if (avail < RECORD_HEADER) {
        this.need = RECORD_HEADER;
        return pos;
      }
      const incl = dv.getUint32(pos + 8, le);
      if (incl > limit) {
        throw new CaptureError(`record length ${incl} is impossible (record ${this.count + 1}, snap length ${this.snapLen})`);
      }
      const total = RECORD_HEADER + incl;
      if (avail < total) {
        this.need = total;
        return pos;
      }
      let sec = dv.getUint32(pos, le);
      let ns = dv.getUint32(pos + 4, le) * fracToNs;
      if (ns > 999_999_999) {
        // Some writers let the fraction overflow a second; carry it so the frame keeps its contract.
        sec += Math.floor(ns / 1e9);
        ns %= 1e9;
      }
      frame.tsSec = sec;
      frame.tsNsec = ns;
      frame.len = dv.getUint32(pos + 12, le);
      // new Uint8Array(buffer, offset, length) is the same no-copy view as subarray(), at half the cost.
      frame.data = new Uint8Array(ab, pos + RECORD_HEADER, incl);
      frame.linkType = linkType;
      frame.ifIndex = 0;
      frame.comment = undefined;
      this.count++;
      pos += total;
      if (onFrame(frame) === false) {
        this.stopped = true;
        this.need = 0;
        return pos;
      }
    }
  }

  cutShort(have: number): string {
    if (this.inHeader) throw new CaptureError(`the pcap file header is cut short (${have} of ${FILE_HEADER} bytes)`);
    return `the last record is cut short (${have} of ${this.need} bytes): the capture appears to have been cut off`;
  }
}
