import type { Stamped } from '../lib/clock.js';

/** One capture the generator writes, plus any key files that go with it. */
export interface Scenario {
  /** File name without extension, e.g. "pptp-mschapv2-mppe". */
  name: string;
  /** LINKTYPE of interface 0. */
  linkType: number;
  packets: Stamped[];
  /** Further interfaces (pcapng only): index 1, 2, ... */
  extraInterfaces?: { linkType: number }[];
  /** Which containers to write (default both). */
  formats?: ('pcap' | 'pcapng')[];
  /** Classic pcap variants: nanosecond timestamps, big-endian byte order. */
  pcapOptions?: { nanosecond?: boolean; bigEndian?: boolean };
  /** Text files written next to the capture, by path relative to samples/. */
  files?: Record<string, string>;
}
