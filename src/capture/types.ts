/** What a capture reader hands to the engine: one record, as a view into the reader's buffer. */

export interface Frame {
  /** The captured bytes: a view valid only until the callback returns (copy to keep). */
  data: Uint8Array;
  /** Original length on the wire (>= data.length when the snap length cut it). */
  len: number;
  /** Seconds since the epoch. */
  tsSec: number;
  /** Nanoseconds within the second (0..999,999,999). */
  tsNsec: number;
  /** LINKTYPE_* value of the interface the packet was captured on. */
  linkType: number;
  /** pcapng interface index (0 for classic pcap). */
  ifIndex: number;
  /** pcapng opt_comment values, joined with newlines, if any. */
  comment?: string;
}

export type CaptureFormat = 'pcap' | 'pcapng';

/** An input error with a message fit for one line of stderr: `vpnshark: FILE: message`. */
export class CaptureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptureError';
  }
}

export interface CaptureInfo {
  format: CaptureFormat;
  /** Classic pcap: the header's link type and snap length; pcapng: those of the first interface. */
  linkType: number;
  snapLen: number;
  nanosecond: boolean;
  gzip: boolean;
}

/**
 * Calls onFrame for each record in order. Returning false from onFrame stops reading.
 * Resolves when the file ends (or reading stopped); rejects with CaptureError on a bad file.
 * A truncated last record is reported through onWarning and every complete record is kept.
 */
export type ReadCapture = (
  path: string,
  onFrame: (f: Frame) => boolean | void,
  opts?: { onWarning?: (msg: string) => void; onInfo?: (info: CaptureInfo) => void },
) => Promise<void>;
