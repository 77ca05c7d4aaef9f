/**
 * The one buffer a capture is read through. Bytes come in (readSync into free space, or stream chunks
 * copied in), the record parser takes whole records out as views into the buffer, and a record cut by
 * the end of the buffer is moved to the front before more bytes are read. Memory stays at one 4 MiB
 * buffer, plus a temporary one for a record bigger than that.
 */
import { CaptureError, type CaptureInfo, type Frame } from './types.js';
import { newFrame, type RecordParser, type Sink } from './parser.js';
import { PCAP_MAGIC, PcapParser } from './pcap.js';
import { BT_SHB, PcapngParser } from './pcapng.js';

export const BUFFER_SIZE = 4 * 1024 * 1024;

/** Bytes needed to tell the format. */
const MAGIC = 4;

export interface FeedOptions {
  onWarning?: (msg: string) => void;
  onInfo?: (info: CaptureInfo) => void;
}

export class Feeder implements Sink {
  readonly frame: Frame = newFrame();
  readonly warn: (msg: string) => void;
  readonly info: (info: CaptureInfo) => void;
  buf: Uint8Array;
  dv: DataView;
  /** First byte not yet consumed, and end of the bytes read. */
  start = 0;
  end = 0;
  /** Every byte brought in, to tell an empty input. */
  seen = 0;
  private readonly base: Uint8Array;
  private parser: RecordParser | null = null;

  constructor(
    readonly onFrame: (f: Frame) => boolean | void,
    opts: FeedOptions,
    readonly gzip: boolean,
    size = BUFFER_SIZE,
  ) {
    this.warn = opts.onWarning ?? (() => {});
    this.info = opts.onInfo ?? (() => {});
    this.base = new Uint8Array(size);
    this.buf = this.base;
    this.dv = new DataView(this.base.buffer);
  }

  get stopped(): boolean {
    return this.parser !== null && this.parser.stopped;
  }

  /** Bytes, from `start`, the next unit needs. */
  get need(): number {
    return this.parser === null ? MAGIC : this.parser.need;
  }

  /** Takes every complete record out of the buffer. Returns false once the consumer asked to stop. */
  drain(): boolean {
    if (this.parser === null) {
      if (this.end - this.start < MAGIC) return true;
      this.parser = this.pick();
    }
    this.start = this.parser.parse(this.buf, this.dv, this.start, this.end);
    return !this.parser.stopped;
  }

  /**
   * Makes free space after `end` so that the next unit can be completed. `available` is how many more
   * bytes the input is known to hold (Infinity for a stream). A unit bigger than the buffer gets a buffer
   * of its own size, only when the input holds that much (a file), or one that doubles as bytes arrive
   * (a stream), so a lying length costs no more memory than the bytes actually there.
   * Returns false when the unit cannot be completed from what the input holds.
   */
  makeRoom(available: number): boolean {
    const need = this.need;
    const have = this.end - this.start;
    if (this.buf !== this.base && need <= this.base.length) {
      // A big record is done: go back to the regular buffer.
      this.base.set(this.buf.subarray(this.start, this.end), 0);
      this.use(this.base, have);
    } else if (this.start + need > this.buf.length) {
      if (need <= this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
        this.start = 0;
        this.end = have;
      } else {
        if (need - have > available) return false;
        const size = available === Infinity ? Math.min(need, Math.max(this.buf.length * 2, have + 1)) : need;
        const big = new Uint8Array(size);
        big.set(this.buf.subarray(this.start, this.end), 0);
        this.use(big, have);
      }
    }
    return true;
  }

  /** Stream path: copies a chunk in, taking records out as they complete. Returns false once stopped. */
  push(chunk: Uint8Array): boolean {
    let off = 0;
    while (off < chunk.length) {
      this.makeRoom(Infinity);
      const n = Math.min(chunk.length - off, this.buf.length - this.end);
      this.buf.set(chunk.subarray(off, off + n), this.end);
      this.end += n;
      this.seen += n;
      off += n;
      if (!this.drain()) return false;
    }
    return true;
  }

  /**
   * The input ended. `more` counts bytes of the last unit that the input holds but were never read in;
   * `quiet` leaves out the warning for a cut-off unit when the caller has already said why.
   */
  finish(more = 0, quiet = false): void {
    const have = this.end - this.start + more;
    if (this.seen + more === 0) throw new CaptureError('empty file: not a capture');
    if (this.parser === null) throw notCapture(this.buf.subarray(this.start, this.end));
    if (have > 0) {
      const msg = this.parser.cutShort(have);
      if (!quiet) this.warn(msg);
    }
  }

  private use(b: Uint8Array, have: number): void {
    this.buf = b;
    this.dv = new DataView(b.buffer);
    this.start = 0;
    this.end = have;
  }

  private pick(): RecordParser {
    const magic = this.dv.getUint32(this.start, false);
    const pcap = PCAP_MAGIC[magic];
    if (pcap) return new PcapParser(this, pcap.le, pcap.nano);
    if (magic === BT_SHB) return new PcapngParser(this);
    throw notCapture(this.buf.subarray(this.start, this.start + MAGIC));
  }
}

function notCapture(head: Uint8Array): CaptureError {
  const hex = Array.from(head.subarray(0, MAGIC), (x) => x.toString(16).padStart(2, '0')).join(' ');
  return new CaptureError(`not a pcap or pcapng file (starts with ${hex})`);
}
