/**
 * ICMP Echo analysis as Wireshark's packet-icmp.c does it: a reply is matched to its request
 * (same addresses reversed, identifier and sequence number) for icmp.resp_to and icmp.resptime,
 * and the first 8 data bytes are shown as the sender's timestamp (struct timeval, big- or
 * little-endian) when they fall within a day of the capture time. Requests are remembered for at
 * most MAX_REQUESTS exchanges, the oldest forgotten first.
 */
import { fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { absTime } from '../core/frame.js';
import { forgetEntries, idleBefore, type IdleCut } from '../core/forget.js';
import { AgedMap } from '../core/aged-map.js';

const MAX_REQUESTS = 100_000;
const DAY = 24 * 3600;

const f = fieldsOf('icmp');
export const hfIcmpEcho = {
  resp_to: f('resp_to', 'Request frame', 'framenum', { blurb: 'The frame number of the corresponding request', ref: 'RFC 792' }),
  resptime: f('resptime', 'Response time', 'double', { blurb: 'The time between the request and the response, in ms.', ref: 'RFC 792' }),
  data_time: f('data_time', 'Timestamp from icmp data', 'abstime', { blurb: 'The timestamp in the first 8 bytes of the icmp data', ref: 'ping(8)' }),
  data_time_relative: f('data_time_relative', 'Timestamp from icmp data (relative)', 'reltime', { blurb: 'The timestamp of the packet, relative to the timestamp in the first 8 bytes of the icmp data', ref: 'ping(8)' }),
};

interface Request {
  frame: number;
  sec: number;
  nsec: number;
}

class EchoRequests extends AgedMap<string, Request> {
  forgetIdle(cut: IdleCut): void {
    forgetEntries(this, (r) => idleBefore(r.sec + r.nsec / 1e9, r.frame, cut));
  }
}

function requests(pkt: Packet): EchoRequests {
  return pkt.engine.state('icmp.echo_requests', () => new EchoRequests());
}

/**
 * After the echo header: the request/response link and the data timestamp. Returns where the
 * remaining data starts (16 when a timestamp was shown, else 8).
 */
export function echoAnalysis(tvb: Tvb, pkt: Packet, t: Tree, type: number, id: number, seq: number, quoted: boolean): number {
  if (!quoted && (type === 8 || type === 0)) {
    const reqs = requests(pkt);
    if (type === 8) {
      const key = `${pkt.netSrc}>${pkt.netDst}/${id}/${seq}`;
      if (!reqs.has(key) && reqs.size >= MAX_REQUESTS) reqs.dropOldest();
      reqs.set(key, { frame: pkt.num, sec: pkt.tsSec, nsec: pkt.tsNsec });
    } else {
      const req = reqs.get(`${pkt.netDst}>${pkt.netSrc}/${id}/${seq}`);
      if (req && req.frame < pkt.num) {
        t.gen(hfIcmpEcho.resp_to, tvb, 0, 0, req.frame);
        const ms = (pkt.tsSec - req.sec) * 1000 + (pkt.tsNsec - req.nsec) / 1e6;
        t.gen(hfIcmpEcho.resptime, tvb, 0, 0, ms, t.on ? `Response time: ${ms.toFixed(3)} ms` : undefined);
      }
    }
  }
  if (!tvb.has(8, 8)) return 8;
  // Wireshark reads big-endian first, little-endian when that is not within a day of the capture.
  let sec = tvb.u32(8);
  let usec = tvb.u32(12);
  if (Math.abs(sec - pkt.tsSec) >= DAY || usec >= 1_000_000) {
    sec = tvb.u32le(8);
    usec = tvb.u32le(12);
  }
  if (Math.abs(sec - pkt.tsSec) >= DAY || usec >= 1_000_000) return 8;
  const nsec = usec * 1000;
  // The date text is costly to make, and the fast path keeps it only when asked for.
  if (t.wants(hfIcmpEcho.data_time)) t.add(hfIcmpEcho.data_time, tvb, 8, 8, absTime(sec, nsec));
  let ds = pkt.tsSec - sec;
  let dn = pkt.tsNsec - nsec;
  if (dn < 0) {
    ds--;
    dn += 1e9;
  }
  const rel = ds + dn / 1e9;
  t.gen(hfIcmpEcho.data_time_relative, tvb, 8, 8, rel, t.on ? `Timestamp from icmp data (relative): ${rel.toFixed(9)} seconds` : undefined);
  return 16;
}
