/**
 * One TCP connection with sequence and acknowledgement numbers kept right in both directions,
 * for the PPTP control channel (TCP 1723). Packets come out framed in Ethernet/IPv4.
 */
import { concat, u16, u8 } from './bytes.js';
import { Host } from './host.js';
import { IPPROTO_TCP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN, tcp } from './net.js';

export interface TcpEnd {
  host: Host;
  port: number;
  isn: number;
  window: number;
}

export class TcpFlow {
  private seq: [number, number];
  private ack: [number, number] = [0, 0];

  constructor(private readonly ends: [TcpEnd, TcpEnd]) {
    this.seq = [ends[0].isn, ends[1].isn];
  }

  private frame(from: 0 | 1, flags: number, payload: Uint8Array, options?: Uint8Array): Uint8Array {
    const to = from === 0 ? 1 : 0;
    const a = this.ends[from];
    const b = this.ends[to];
    const seg = tcp(
      a.host.ip,
      b.host.ip,
      { sport: a.port, dport: b.port, seq: this.seq[from], ack: flags & TCP_ACK ? this.ack[from] : 0, flags, window: a.window, options },
      payload,
    );
    const consumed = payload.length + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0);
    this.seq[from] = (this.seq[from] + consumed) >>> 0;
    this.ack[to] = this.seq[from];
    return a.host.frame(b.host, IPPROTO_TCP, seg);
  }

  /** SYN, SYN-ACK, ACK with MSS and SACK-permitted options (no window scaling, so windows read as sent). */
  handshake(): [Uint8Array, Uint8Array, Uint8Array] {
    const mss = concat(u8(2), u8(4), u16(1460));
    const synOpts = concat(mss, Uint8Array.of(1, 1, 4, 2));
    return [
      this.frame(0, TCP_SYN, new Uint8Array(0), synOpts),
      this.frame(1, TCP_SYN | TCP_ACK, new Uint8Array(0), synOpts),
      this.frame(0, TCP_ACK, new Uint8Array(0)),
    ];
  }

  send(from: 0 | 1, payload: Uint8Array): Uint8Array {
    return this.frame(from, TCP_PSH | TCP_ACK, payload);
  }

  ackOnly(from: 0 | 1): Uint8Array {
    return this.frame(from, TCP_ACK, new Uint8Array(0));
  }

  fin(from: 0 | 1): Uint8Array {
    return this.frame(from, TCP_FIN | TCP_ACK, new Uint8Array(0));
  }
}
