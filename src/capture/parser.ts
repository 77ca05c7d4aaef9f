/** What the record parsers (pcap.ts, pcapng.ts) share with the buffer that feeds them (feeder.ts). */
import type { CaptureInfo, Frame } from './types.js';

/** No record or block may be bigger than this, whatever its length field claims. */
export const MAX_RECORD = 256 * 1024 * 1024;

/** The largest snap length Wireshark writes for ordinary link types; a record up to this is plausible whatever the header says. */
export const PLAUSIBLE_SNAPLEN = 262144;

/** Where parsed records go. One Frame object is reused for every record. */
export interface Sink {
  readonly frame: Frame;
  readonly onFrame: (f: Frame) => boolean | void;
  readonly warn: (msg: string) => void;
  readonly info: (info: CaptureInfo) => void;
  readonly gzip: boolean;
}

/**
 * "Push bytes in, pull records out": the parser consumes whole units (file header, record, block) from
 * b[pos..end) and reports how many bytes the next unit needs; whoever owns the buffer brings more bytes.
 * `b` always starts at offset 0 of its ArrayBuffer, and `dv` views that whole ArrayBuffer.
 */
export interface RecordParser {
  /** Handles every complete unit in b[pos..end); returns the position of the first byte not consumed. */
  parse(b: Uint8Array, dv: DataView, pos: number, end: number): number;
  /** After parse: the byte count, from the returned position, that the next unit needs (more than is there). */
  need: number;
  /** onFrame returned false. */
  stopped: boolean;
  /** Input ended with `have` bytes of an incomplete unit: returns the warning, or throws when nothing is usable. */
  cutShort(have: number): string;
}

/** An empty view for the reused Frame before the first record. */
export const EMPTY = new Uint8Array(0);

export function newFrame(): Frame {
  return { data: EMPTY, len: 0, tsSec: 0, tsNsec: 0, linkType: 0, ifIndex: 0, comment: undefined };
}

export function pad4(n: number): number {
  return (n + 3) & ~3;
}
