/**
 * UDP encapsulation of IPsec packets (RFC 3948) on UDP port 4500, used once NAT traversal has
 * found a NAT: a single 0xFF byte is a NAT-keepalive (§2.3), four zero bytes (the non-ESP marker,
 * §2.2, where an SPI can never be zero) put IKE behind it, and anything else is ESP (§2.1).
 * Field names and the layout of the tree are Wireshark's (packet-ipsec-udp.c).
 */
import { defineProtocol, fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import type { EspCallData } from './esp.js';
import './esp.js';

export const udpencapProto = defineProtocol({
  abbrev: 'udpencap', name: 'UDP Encapsulation of IPsec Packets', short: 'UDPENCAP',
  blurb: 'Carries ESP and IKE over UDP port 4500 so that they pass NATs',
  ref: 'RFC 3948',
});

const f = fieldsOf('udpencap');
export const hfUdpencap = {
  nat_keepalive: f('nat_keepalive', 'NAT-keepalive packet', 'none', { blurb: 'A single 0xFF byte that keeps the NAT mapping alive', ref: 'RFC 3948 §2.3' }),
  non_esp_marker: f('non_esp_marker', 'Non-ESP Marker', 'none', { blurb: 'Four zero bytes: an IKE message follows, not ESP', ref: 'RFC 3948 §2.2' }),
};

export const NAT_T_PORT = 4500;
const KEEPALIVE = 0xff;
const MARKER_LEN = 4;
const VIA_UDP: EspCallData = { encapsulation: 'udp-4500' };

export function dissectUdpencap(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const keepalive = tvb.length === 1 && tvb.u8(0) === KEEPALIVE;
  const full = tvb.has(0, MARKER_LEN);
  const marker = !keepalive && full && tvb.u32(0) === 0;
  // Wireshark gives the layer the marker's 4 bytes, none in front of ESP, and all of a short packet.
  const t = tree.proto(udpencapProto, tvb, 0, keepalive ? 1 : marker ? MARKER_LEN : full ? 0 : tvb.length);
  if (keepalive) {
    t.add(hfUdpencap.nat_keepalive, tvb, 0, 1, null);
    if (pkt.engine.columns) pkt.setInfo('NAT-keepalive');
    return 1;
  }
  // Anything but a keepalive starts with an SPI or the marker: fewer than 4 bytes is malformed.
  tvb.ensure(0, MARKER_LEN);
  if (marker) {
    t.add(hfUdpencap.non_esp_marker, tvb, 0, MARKER_LEN, null);
    if (pkt.engine.columns) pkt.setInfo('ISAKMP');
    if (tvb.length > MARKER_LEN) {
      const ike = tvb.sub(MARKER_LEN);
      if (!pkt.engine.callNamed('isakmp', ike, pkt, tree)) pkt.engine.data(ike, pkt, tree);
    }
    return tvb.length;
  }
  if (pkt.engine.columns) pkt.setInfo('ESP');
  // Through the engine, so that a short ESP packet is reported as ESP's, as Wireshark does.
  if (!pkt.engine.callNamed('esp', tvb, pkt, tree, VIA_UDP)) pkt.engine.data(tvb, pkt, tree);
  return tvb.length;
}

register('udp.port', NAT_T_PORT, 'udpencap', dissectUdpencap);
