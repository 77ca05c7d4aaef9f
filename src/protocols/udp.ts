/** UDP (RFC 768): ports, length, checksum, a stream index per conversation, and hand-off by port. */
import { defineProtocol, fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { IPPROTO } from './ipproto.js';
import { CHECKSUM_STATUS } from './ipv4.js';
import { ConversationIndex } from './conversations.js';

export const udpProto = defineProtocol({ abbrev: 'udp', name: 'User Datagram Protocol', short: 'UDP', blurb: 'Carries a datagram to a port, without ordering or retransmission', ref: 'RFC 768' });
const f = fieldsOf('udp');
export const hfUdp = {
  srcport: f('srcport', 'Source Port', 'uint16'),
  dstport: f('dstport', 'Destination Port', 'uint16'),
  port: f('port', 'Source or Destination Port', 'uint16', { hidden: true }),
  length: f('length', 'Length', 'uint16', { blurb: 'Length in octets including this header and the data' }),
  checksum: f('checksum', 'Checksum', 'uint16', { base: 'hex' }),
  checksum_status: f('checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS }),
  stream: f('stream', 'Stream index', 'uint32', { blurb: 'One number per UDP conversation (address and port pair) in the capture' }),
  time_relative: f('time_relative', 'Time since first frame', 'reltime', { blurb: 'Time relative to first frame in this UDP stream' }),
  time_delta: f('time_delta', 'Time since previous frame', 'reltime', { blurb: 'Time delta from previous frame in this UDP stream' }),
  payload: f('payload', 'Payload', 'bytes'),
};

export function dissectUdp(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const sp = tvb.u16(0), dp = tvb.u16(2);
  const ulen = tvb.u16(4);
  const t = tree.proto(udpProto, tvb, 0, 8, tree.on ? `User Datagram Protocol, Src Port: ${sp}, Dst Port: ${dp}` : undefined);
  t.add(hfUdp.srcport, tvb, 0, 2, sp);
  t.add(hfUdp.dstport, tvb, 2, 2, dp);
  t.add(hfUdp.port, tvb, 0, 2, sp);
  t.add(hfUdp.port, tvb, 2, 2, dp);
  t.add(hfUdp.length, tvb, 4, 2, ulen);
  t.add(hfUdp.checksum, tvb, 6, 2);
  t.gen(hfUdp.checksum_status, tvb, 6, 0, tvb.u16(6) === 0 ? 3 : 2);
  pkt.srcPort = sp;
  pkt.dstPort = dp;
  if (pkt.engine.columns) pkt.setPortsInfo(sp, dp, Math.max(0, ulen - 8));
  // The stream index costs a map lookup with a string key, so only when someone looks at it.
  if (t.wants(hfUdp.stream) || t.wants(hfUdp.time_relative) || t.wants(hfUdp.time_delta)) {
    const conv = pkt.engine.state('udp.streams', () => new ConversationIndex());
    const st = conv.lookup(pkt, sp, dp);
    t.gen(hfUdp.stream, tvb, 8, 0, st.index);
    const ts = t.text('[Timestamps]', tvb, 0, 0);
    ts.gen(hfUdp.time_relative, tvb, 0, 0, st.relative);
    ts.gen(hfUdp.time_delta, tvb, 0, 0, st.delta);
  }
  let plen = tvb.length - 8;
  if (ulen < 8) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', 'udp.length.bad', `Bad length value ${ulen} < 8`);
  } else if (ulen > tvb.reported && !pkt.scratch['ip.fragmented']) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', 'udp.length.bad', `Bad length value ${ulen} > IP payload length ${tvb.reported}`);
  } else {
    plen = ulen - 8;
  }
  if (plen <= 0) return 8;
  const payload = tvb.sub(8, plen);
  t.add(hfUdp.payload, tvb, 8, Math.min(plen, payload.length));
  if (!pkt.engine.callPorts('udp.port', sp, dp, payload, pkt, tree)) pkt.engine.data(payload, pkt, tree);
  return 8 + plen;
}

register('ip.proto', IPPROTO.UDP, 'udp', dissectUdp);
