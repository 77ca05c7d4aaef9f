/**
 * PPP framing (RFC 1661 §2, RFC 1662 §3): the optional HDLC Address and Control bytes (0xFF 0x03,
 * absent when Address-and-Control-Field-Compression was agreed), the Protocol field (one byte when
 * Protocol-Field-Compression made it odd), an optional FCS, and the hand-off by protocol number.
 *
 * It also keeps the per-link record of clear versus encrypted datagrams: IP carried in clear on a
 * tunnel that never agreed MPPE is reported once per link.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { lookup, register, registerNamed } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { LINKTYPE } from '../../capture/linktypes.js';
import { ETHERTYPE } from '../ethertypes.js';
import { CLEAR_DATA_PROTOCOLS, linkFor, linkKeyFor, mppeNegotiated } from '../../sessions/ppp-negotiation.js';
import { inErrorPacket } from './cp-options.js';
import { PPP_PROTOCOL_NAMES } from './ppp-protocols.js';

export const pppProto = defineProtocol({
  abbrev: 'ppp', name: 'Point-to-Point Protocol', short: 'PPP',
  blurb: 'Carries datagrams of many protocols over one point-to-point link', ref: 'RFC 1661',
});
const f = fieldsOf('ppp');
const STATUS = { 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' };
export const hfPpp = {
  direction: f('direction', 'Direction', 'uint8', { vals: { 1: 'DCE->DTE', 0: 'DTE->DCE' }, blurb: 'PPP direction', ref: 'LINKTYPE_PPP_WITH_DIR' }),
  address: f('address', 'Address', 'uint8', { base: 'hex', blurb: 'HDLC All-Stations address (0xff)', ref: 'RFC 1662 §3.1' }),
  control: f('control', 'Control', 'uint8', { base: 'hex', blurb: 'HDLC Unnumbered Information command (0x03)', ref: 'RFC 1662 §3.1' }),
  protocol: f('protocol', 'Protocol', 'uint16', { base: 'hex', vals: PPP_PROTOCOL_NAMES, blurb: 'Protocol of the datagram in the Information field', ref: 'RFC 1661 §2' }),
  fcs_16: f('fcs_16', 'FCS 16', 'uint16', { base: 'hex', blurb: '16-bit Frame Check Sequence', ref: 'RFC 1662 §C.2' }),
  fcs_32: f('fcs_32', 'FCS 32', 'uint32', { base: 'hex', blurb: '32-bit Frame Check Sequence', ref: 'RFC 1662 §C.3' }),
  fcs_status: f('fcs.status', 'FCS Status', 'uint8', { base: 'none', vals: STATUS, blurb: 'Whether the FCS matches the frame', ref: 'RFC 1662 §C' }),
  bad_checksum: f('bad_checksum', 'Bad checksum', 'none', { hidden: true, blurb: 'The FCS does not match the frame', ref: 'RFC 1662 §C' }),
};

/**
 * What a carrier may hand PPP (and PPP hands on): the key of the link the frame belongs to (L2TP
 * tunnel and session, PPTP call, PPPoE session), and whether the frame is the copy inside a
 * Protocol-Reject.
 */
export interface PppData {
  linkKey?: string;
  inError?: boolean;
}

const CHDLC_UNICAST = 0x0f;
const CHDLC_MULTICAST = 0x8f;
const C_HDLC = 104;

// RFC 1662 §C.2: the 16-bit FCS (CRC-16/X.25), sent least significant byte first.
const FCS16_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let b = 0; b < 256; b++) {
    let v = b;
    for (let i = 0; i < 8; i++) v = v & 1 ? (v >>> 1) ^ 0x8408 : v >>> 1;
    t[b] = v;
  }
  return t;
})();
const FCS32_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    let v = b;
    for (let i = 0; i < 8; i++) v = v & 1 ? (v >>> 1) ^ 0xedb88320 : v >>> 1;
    t[b] = v >>> 0;
  }
  return t;
})();

export function fcs16(b: Uint8Array): number {
  let fcs = 0xffff;
  for (let i = 0; i < b.length; i++) fcs = (fcs >>> 8) ^ FCS16_TABLE[(fcs ^ b[i]) & 0xff];
  return ~fcs & 0xffff;
}

export function fcs32(b: Uint8Array): number {
  let fcs = 0xffffffff;
  for (let i = 0; i < b.length; i++) fcs = (fcs >>> 8) ^ FCS32_TABLE[(fcs ^ b[i]) & 0xff];
  return (~fcs) >>> 0;
}

/**
 * Strip the FCS the 'ppp.fcs_type' setting says the frame carries ("16-bit" or "32-bit"; none by
 * default, as captures on most links have it removed), checking it when the frame is whole.
 */
function stripFcs(tvb: Tvb, protoOff: number, pkt: Packet, t: Tree): Tvb {
  const kind = String(pkt.engine.settings['ppp.fcs_type'] ?? 'none');
  const size = kind === '16-bit' ? 2 : kind === '32-bit' ? 4 : 0;
  if (!size) return tvb.sub(protoOff);
  const len = tvb.remaining(protoOff);
  const rep = tvb.reportedRemaining(protoOff);
  if (rep < size) return tvb.sub(protoOff);
  if (len < rep) return tvb.sub(protoOff, Math.min(len, rep - size), rep - size);
  const end = protoOff + len - size;
  const stored = size === 2 ? tvb.u16le(end) : tvb.u32le(end);
  const calc = size === 2 ? fcs16(tvb.bytes(0, end)) : fcs32(tvb.bytes(0, end));
  const hf = size === 2 ? hfPpp.fcs_16 : hfPpp.fcs_32;
  const hex = (v: number) => '0x' + v.toString(16).padStart(size * 2, '0');
  const ok = stored === calc;
  t.add(hf, tvb, end, size, stored, t.on ? `${hf.name}: ${hex(stored)} [${ok ? 'correct' : `incorrect, should be ${hex(calc)}`}]` : undefined);
  t.gen(hfPpp.fcs_status, tvb, end, size, ok ? 1 : 0);
  if (!ok) {
    const e = t.add(hfPpp.bad_checksum, tvb, end, size, null);
    pkt.engine.expert(pkt, e, 'error', 'checksum', 'ppp.bad_checksum', 'Bad checksum');
  }
  return tvb.sub(protoOff, len - size, rep - size);
}

/**
 * The Protocol field and the hand-off (Wireshark's dissect_ppp_common). `pt` is the PPP item,
 * `headerLen` the bytes before the Protocol field (Address and Control, when present).
 */
function dissectPppCommon(tvb: Tvb, pkt: Packet, tree: Tree, pt: Tree, headerLen: number, data: unknown): void {
  let protocol = tvb.u8(0);
  let plen = 1;
  // Protocol-Field-Compression: protocol numbers are odd in their low byte and even in their
  // high byte, so an odd first byte is a whole (compressed) protocol number.
  if (!(protocol & 1)) {
    protocol = tvb.u16(0);
    plen = 2;
  }
  pt.setLen(headerLen + plen);
  pt.add(hfPpp.protocol, tvb, 0, plen, protocol);
  if (!inErrorPacket(data) && (protocol === 0x00fd || CLEAR_DATA_PROTOCOLS.has(protocol))) clearDataCheck(pkt, pt, linkKeyFor(pkt, data), protocol);
  const payload = tvb.sub(plen);
  // The carrier's data (its link key, the in-error flag) goes down unchanged; the control
  // protocols derive the same key from the packet when there is none.
  if (!pkt.engine.call('ppp.protocol', protocol, payload, pkt, tree, data)) {
    if (pkt.engine.columns) {
      pkt.protocol = `0x${protocol.toString(16).padStart(4, '0')}`;
      pkt.setInfo(`PPP ${PPP_PROTOCOL_NAMES.get(protocol) ?? 'Unknown'} (0x${protocol.toString(16).padStart(4, '0')})`);
    }
    pkt.engine.data(payload, pkt, tree);
  }
}

/** IP in clear on a link: fine for an access link, a finding for a tunnel that should be encrypted. */
function clearDataCheck(pkt: Packet, pt: Tree, linkKey: string, protocol: number): void {
  // The datagram inside a decrypted MPPE frame (src/decrypt) was encrypted on the wire.
  if (pkt.scratch.mppeDecrypted) return;
  if (protocol === 0x00fd) {
    linkFor(pkt, linkKey).compressedFrames++;
    return;
  }
  const link = linkFor(pkt, linkKey);
  link.clearFrames++;
  if (link.clearDataReported) return;
  // PPP that reached us out of an IPsec SA was encrypted on the wire.
  if (pkt.protocols.includes('esp')) return;
  link.clearDataReported = true;
  const what = protocol === 0x0057 ? 'IPv6' : protocol === 0x0021 ? 'IPv4' : 'VJ-compressed TCP/IP';
  if (mppeNegotiated(link)) {
    pkt.engine.expert(pkt, pt, 'warn', 'security', 'ppp.cleartext_data',
      `${what} data in clear on a PPP link that agreed MPPE encryption (link ${link.key})`);
    return;
  }
  const tunnel = link.carrier === 'gre' || link.carrier === 'l2tp' || link.carrier === 'other';
  pkt.engine.expert(pkt, pt, tunnel ? 'warn' : 'note', 'security', 'ppp.cleartext_data',
    `${what} data flows in clear on this PPP link: no MPPE encryption was negotiated by CCP (link ${link.key})`);
}

/** PPP with only a Protocol field (RFC 1661 framing; PPPoE and the like). */
export function dissectPpp(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const pt = tree.proto(pppProto, tvb, 0, -1);
  dissectPppCommon(tvb, pkt, tree, pt, 0, data);
  return tvb.length;
}

/** PPP in HDLC-like framing (RFC 1662): Address and Control when present, then the Protocol field. */
export function dissectPppHdlc(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const b0 = tvb.u8(0);
  if (b0 === CHDLC_UNICAST || b0 === CHDLC_MULTICAST) {
    // A Cisco HDLC frame on a link that may carry either (the first byte tells them apart).
    if (lookup('wtap.encap', C_HDLC) && pkt.engine.call('wtap.encap', C_HDLC, tvb, pkt, tree, data)) return tvb.length;
  }
  const pt = tree.proto(pppProto, tvb, 0, -1);
  let off = 0;
  if (b0 === 0xff) {
    pt.add(hfPpp.address, tvb, 0, 1, b0);
    pt.add(hfPpp.control, tvb, 1, 1);
    off = 2;
  }
  dissectPppCommon(stripFcs(tvb, off, pkt, pt), pkt, tree, pt, off, data);
  return tvb.length;
}

/**
 * LINKTYPE_PPP_WITH_DIR and LINKTYPE_PPP_PPPD: a direction byte (0 received, 1 sent), then PPP in
 * HDLC-like framing (for PPP_PPPD the direction byte stands where the 0xFF address was).
 */
function dissectPppWithDirection(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const dir = tvb.u8(0);
  const body = tvb.sub(1);
  const pt = tree.proto(pppProto, tvb, 0, -1);
  pt.gen(hfPpp.direction, tvb, 0, 1, dir === 1 ? 0 : 1);
  let off = 0;
  if (body.u8(0) === 0xff) {
    pt.add(hfPpp.address, body, 0, 1);
    off = 1;
  }
  if (body.u8(off) === 0x03) {
    pt.add(hfPpp.control, body, off, 1);
    off++;
  }
  dissectPppCommon(stripFcs(body, off, pkt, pt), pkt, tree, pt, off + 1, undefined);
  return tvb.length;
}

registerNamed('ppp', dissectPppHdlc);
registerNamed('ppp_raw', dissectPpp);
register('gre.proto', ETHERTYPE.PPP, 'ppp', dissectPppHdlc);
register('ethertype', ETHERTYPE.PPP, 'ppp', dissectPppHdlc);
register('wtap.encap', LINKTYPE.PPP, 'ppp', dissectPppHdlc);
register('wtap.encap', LINKTYPE.PPP_HDLC, 'ppp', dissectPppHdlc);
register('wtap.encap', LINKTYPE.PPP_WITH_DIR, 'ppp', dissectPppWithDirection);
register('wtap.encap', LINKTYPE.PPP_PPPD, 'ppp', dissectPppWithDirection);
// Linux cooked capture's protocol type LINUX_SLL_P_PPPHDLC.
register('sll.ltype', 0x0007, 'ppp', dissectPppHdlc);
// L2TPv3 pseudowire type PPP (RFC 3931 §10.6).
register('l2tp.pw_type', 0x0007, 'ppp', dissectPppHdlc);
