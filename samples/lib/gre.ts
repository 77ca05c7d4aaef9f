/**
 * Enhanced GRE (RFC 2637 §4.1): version 1, protocol 0x880B (PPP), the Key field holding the
 * payload length and the PEER's Call ID, optional sequence and acknowledgement numbers.
 */
import { concat, u16, u32, u8 } from './bytes.js';

export const GRE_PPP = 0x880b;

export interface GreV1 {
  /** The Call ID the receiver assigned (from its OCRQ or OCRP). */
  peerCallId: number;
  seq?: number;
  ack?: number;
}

export function greV1(h: GreV1, payload: Uint8Array): Uint8Array {
  // Flags: K (0x20) always, S (0x10) with a sequence number; second byte A (0x80) and version 1.
  const b0 = 0x20 | (h.seq !== undefined ? 0x10 : 0);
  const b1 = (h.ack !== undefined ? 0x80 : 0) | 0x01;
  return concat(
    u8(b0),
    u8(b1),
    u16(GRE_PPP),
    u16(payload.length),
    u16(h.peerCallId),
    h.seq !== undefined ? u32(h.seq) : new Uint8Array(0),
    h.ack !== undefined ? u32(h.ack) : new Uint8Array(0),
    payload,
  );
}

/**
 * Per-direction GRE state of one PPTP call: sequence numbers count from 0, and each data packet
 * piggybacks the highest sequence number received from the peer (when there is a new one).
 */
export class GreCall {
  private nextSeq: [number, number] = [0, 0];
  private lastRecv: [number | undefined, number | undefined] = [undefined, undefined];
  private acked: [number | undefined, number | undefined] = [undefined, undefined];

  /** callIds[i] is the Call ID side i assigned; packets from side i carry callIds[other]. */
  constructor(private readonly callIds: [number, number]) {}

  data(from: 0 | 1, payload: Uint8Array): Uint8Array {
    const to = from === 0 ? 1 : 0;
    const seq = this.nextSeq[from]++;
    this.lastRecv[to] = seq;
    const pending = this.lastRecv[from];
    const ack = pending !== undefined && pending !== this.acked[from] ? pending : undefined;
    if (ack !== undefined) this.acked[from] = ack;
    return greV1({ peerCallId: this.callIds[to], seq, ack }, payload);
  }

  /** An acknowledgement-only packet (no S bit, no payload) when there is something to ack. */
  ackOnly(from: 0 | 1): Uint8Array {
    const to = from === 0 ? 1 : 0;
    const ack = this.lastRecv[from];
    if (ack === undefined) throw new Error('nothing to acknowledge');
    this.acked[from] = ack;
    return greV1({ peerCallId: this.callIds[to], ack }, new Uint8Array(0));
  }
}
