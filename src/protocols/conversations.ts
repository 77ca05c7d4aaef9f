/**
 * Stream indexes per conversation (both directions share one), as Wireshark's udp.stream and
 * tcp.stream. Bounded: past MAX entries the oldest conversation is forgotten.
 */
import type { Packet } from '../core/packet.js';
import { forgetEntries, idleBefore, type IdleCut } from '../core/forget.js';
import { AgedMap } from '../core/aged-map.js';

const MAX = 200_000;

export interface Conversation {
  index: number;
  firstSec: number;
  prevSec: number;
  relative: number;
  delta: number;
  lastFrame: number;
  /** Capture time of the last packet, seconds since the epoch. */
  lastTime: number;
}

export class ConversationIndex {
  private readonly map = new AgedMap<string, Conversation>();
  private next = 0;

  lookup(pkt: Packet, sp: number, dp: number): Conversation {
    const a = `${pkt.netSrc}/${sp}`, b = `${pkt.netDst}/${dp}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    // Seconds since the first frame, exact to the nanosecond: an epoch time in a double is not.
    const now = pkt.relSec;
    let c = this.map.get(key);
    if (!c) {
      if (this.map.size >= MAX) this.map.dropOldest();
      c = { index: this.next++, firstSec: now, prevSec: now, relative: 0, delta: 0, lastFrame: 0, lastTime: 0 };
      this.map.set(key, c);
    }
    c.relative = now - c.firstSec;
    c.delta = now - c.prevSec;
    c.prevSec = now;
    c.lastFrame = pkt.num;
    c.lastTime = pkt.tsSec + pkt.tsNsec / 1e9;
    return c;
  }

  forgetIdle(cut: IdleCut): void {
    forgetEntries(this.map, (c) => idleBefore(c.lastTime, c.lastFrame, cut));
  }
}
