/**
 * GRE (RFC 2784, RFC 2890 key and sequence number, RFC 1701 routing) and the enhanced GRE of
 * PPTP (RFC 2637 §4.1: payload length + call ID in the key, acknowledgement number), with
 * hand-off by protocol type through the 'gre.proto' table. Enhanced GRE packets are linked to the
 * PPTP call that set up their call ID, and each call direction gets sequence analysis
 * (sessions/pptp-calls.ts). Field names, labels and bases are Wireshark's (packet-gre.c).
 */
import { defineProtocol, fieldsOf, names } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { IPPROTO } from './ipproto.js';
import { ETHERTYPE } from './ethertypes.js';
import { onesSum } from './checksum.js';
import { CHECKSUM_STATUS } from './ipv4.js';
import { dissectEthernet } from './ethernet.js';
import { pptpTracker, type GreFindings } from '../sessions/pptp-calls.js';

export const greProto = defineProtocol({
  abbrev: 'gre', name: 'Generic Routing Encapsulation', short: 'GRE',
  blurb: 'Wraps one network protocol in another; PPTP carries its PPP frames in enhanced GRE (version 1)',
  ref: 'RFC 2784, RFC 2890, RFC 2637 §4.1',
});

const FLAG = {
  CHECKSUM: 0x8000, ROUTING: 0x4000, KEY: 0x2000, SEQUENCE: 0x1000, STRICT_SOURCE: 0x0800,
  RECURSION: 0x0700, ACK: 0x0080, RESERVED_PPP: 0x0078, RESERVED: 0x00f8, VERSION: 0x0007,
} as const;

/** Protocol types Wireshark names (mostly EtherTypes, plus GRE's own historical values). */
export const GRE_TYPES = names({
  0x0000: 'Possible GRE keepalive packet', 0x880b: 'PPP', 0x0800: 'IP', 0x0806: 'ARP', 0x00fe: 'OSI', 0x883e: 'WCCP',
  0x2000: 'CDP (Cisco)', 0x2001: 'NHRP', 0x88be: 'ERSPAN', 0x22eb: 'ERSPAN III', 0x6400: 'MIKROTIK EoIP',
  0xfeae: 'AIROHIVE AP AP', 0x8137: 'IPX', 0x6558: 'Transparent Ethernet bridging', 0x6559: 'Frame Relay',
  0x86dd: 'IPv6', 0x8847: 'MPLS label switched packet', 0x894f: 'Network Service Header',
  0x8881: 'CDMA2000 A10 Unstructured byte stream', 0x88d2: 'CDMA2000 A10 3GPP2 Packet', 0x8909: 'CiscoMetaData',
  0xb7ea: 'Huawei GRE bonding',
  ...Object.fromEntries([...Array.from({ length: 0x18 }, (_, i) => 0x8200 + i * 0x10), 0x9000].map((k) => [k, 'ARUBA WLAN'])),
});

const TYPE = { WCCP: 0x883e, CDMA2000_UBS: 0x8881, CDMA2000_3GPP2: 0x88d2 } as const;
const GRE_IN_UDP_PORT = 4754;

const yesNo: [string, string] = ['Yes', 'No'];
const f = fieldsOf('gre');
export const hfGre = {
  flags_and_version: f('flags_and_version', 'Flags and Version', 'uint16', { base: 'hex', blurb: 'The GRE flags are encoded in the first two octets', ref: 'RFC 2784 §2.1' }),
  flags_checksum: f('flags.checksum', 'Checksum Bit', 'bool', { mask: FLAG.CHECKSUM, bits: 16, tf: yesNo, blurb: 'Indicates if the Checksum field is present', ref: 'RFC 2784 §2.1' }),
  flags_routing: f('flags.routing', 'Routing Bit', 'bool', { mask: FLAG.ROUTING, bits: 16, tf: yesNo, blurb: 'Indicates if the Routing and Checksum/Offset field are present', ref: 'RFC 1701 §2.1' }),
  flags_key: f('flags.key', 'Key Bit', 'bool', { mask: FLAG.KEY, bits: 16, tf: yesNo, blurb: 'Indicates if the Key field is present', ref: 'RFC 2890 §2, RFC 2637 §4.1' }),
  flags_sequence_number: f('flags.sequence_number', 'Sequence Number Bit', 'bool', { mask: FLAG.SEQUENCE, bits: 16, tf: yesNo, blurb: 'Indicates if the Sequence Number field is present', ref: 'RFC 2890 §2' }),
  flags_strict_source_route: f('flags.strict_source_route', 'Strict Source Route Bit', 'bool', { mask: FLAG.STRICT_SOURCE, bits: 16, tf: yesNo, blurb: 'RFC 1701 strict source routing (deprecated by RFC 2784)', ref: 'RFC 1701 §2.1' }),
  flags_recursion_control: f('flags.recursion_control', 'Recursion control', 'uint16', { mask: FLAG.RECURSION, blurb: 'RFC 1701 additional encapsulations allowed (deprecated, must be 0)', ref: 'RFC 1701 §2.1' }),
  flags_ack: f('flags.ack', 'Acknowledgment', 'bool', { mask: FLAG.ACK, bits: 16, tf: yesNo, blurb: 'Indicates if the packet contains an Acknowledgment Number to be used for acknowledging previously transmitted data', ref: 'RFC 2637 §4.1' }),
  flags_reserved: f('flags.reserved', 'Flags (Reserved)', 'uint16', { mask: FLAG.RESERVED, blurb: 'Reserved flag bits, must be 0 (bits 9-12 in enhanced GRE, where bit 8 is the A bit)', ref: 'RFC 2784 §2.1' }),
  flags_version: f('flags.version', 'Version', 'uint16', { mask: FLAG.VERSION, vals: { 0: 'GRE', 1: 'Enhanced GRE' }, blurb: 'GRE version: 0 for GRE, 1 for the enhanced GRE of PPTP', ref: 'RFC 2784 §2.3.1, RFC 2637 §4.1' }),
  proto: f('proto', 'Protocol Type', 'uint16', { base: 'hex', vals: GRE_TYPES, blurb: 'The protocol that is GRE encapsulated', ref: 'RFC 2784 §2.4' }),
  checksum: f('checksum', 'Checksum', 'uint16', { base: 'hex', blurb: 'The Checksum field contains the IP (one\'s complement) checksum of the GRE header and the payload packet', ref: 'RFC 2784 §2.5' }),
  checksum_status: f('checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS, blurb: 'Whether the GRE checksum was verified, and the result', ref: 'RFC 2784 §2.5' }),
  offset: f('offset', 'Offset', 'uint16', { blurb: 'The offset field indicates the octet offset from the start of the Routing field to the first octet of the active Source Route Entry to be examined', ref: 'RFC 1701 §2.2' }),
  key: f('key', 'Key', 'uint32', { base: 'hex', blurb: 'The Key field contains a four octet number which was inserted by the encapsulator', ref: 'RFC 2890 §2.1' }),
  key_payload_length: f('key.payload_length', 'Payload Length', 'uint16', { blurb: 'Size of the payload, not including the GRE header', ref: 'RFC 2637 §4.1' }),
  key_call_id: f('key.call_id', 'Call ID', 'uint16', { blurb: 'Contains the Peer\'s Call ID for the session to which this packet belongs.', ref: 'RFC 2637 §4.1' }),
  sequence_number: f('sequence_number', 'Sequence Number', 'uint32', { blurb: 'The Sequence Number field contains an unsigned 32 bit integer which is inserted by the encapsulator', ref: 'RFC 2890 §2.2, RFC 2637 §4.1' }),
  ack_number: f('ack_number', 'Acknowledgment Number', 'uint32', { blurb: 'Contains the sequence number of the highest numbered GRE packet received by the sending peer for this user session', ref: 'RFC 2637 §4.1' }),
  routing: f('routing', 'Routing', 'none', { blurb: 'The Routing field is a list of Source Route Entries (SREs)', ref: 'RFC 1701 §2.2' }),
  routing_address_family: f('routing.address_family', 'Address Family', 'uint16', { blurb: 'The Address Family field contains a two octet value which indicates the syntax and semantics of the Routing Information field', ref: 'RFC 1701 §2.2' }),
  routing_sre_offset: f('routing.sre_offset', 'SRE Offset', 'uint8', { blurb: 'Octet offset from the start of the Routing Information field to the active entry', ref: 'RFC 1701 §2.2' }),
  routing_sre_length: f('routing.src_length', 'SRE Length', 'uint8', { blurb: 'The SRE Length field contains the number of octets in the SRE', ref: 'RFC 1701 §2.2' }),
  routing_information: f('routing.information', 'Routing Information', 'bytes', { blurb: 'The Routing Information field contains data which may be used in routing this packet', ref: 'RFC 1701 §2.2' }),
  attrib: f('3gpp2_attrib', '3GPP2 Attributes', 'none', { blurb: 'Attributes a CDMA2000 A10 GRE header carries after the sequence number', ref: '3GPP2 A.S0012-C §2.6.1' }),
  attrib_id: f('3gpp2_attrib_id', 'Type', 'uint8', { base: 'hex', mask: 0x7f, vals: { 1: '1x SDB/HRPD DOS Indicator', 2: 'Flow Control Indication', 3: 'IP Flow Discriminator', 4: 'Segmentation Indication' }, blurb: '3GPP2 attribute type (the top bit marks the last attribute)', ref: '3GPP2 A.S0012-C §2.6.1' }),
  attrib_length: f('3gpp2_attrib_length', 'Length', 'uint8', { base: 'hex', blurb: '3GPP2 attribute value length', ref: '3GPP2 A.S0012-C §2.6.1' }),
  sdi: f('3gpp2_sdi', 'SDI/DOS', 'bool', { mask: 0x8000, bits: 16, tf: ['Packet suitable for 1x SDB or HRPD DOS transmission', 'Reserved'], blurb: 'Short Data Indicator(SDI)/Data Over Signaling (DOS)', ref: '3GPP2 A.S0012-C' }),
  fci: f('3gpp2_fci', 'Flow Control Indicator', 'bool', { mask: 0x8000, bits: 16, tf: ['XOFF', 'XON'], blurb: '3GPP2 flow control: XOFF stops the sender', ref: '3GPP2 A.S0012-C' }),
  di: f('3gpp2_di', 'Duration Indicator', 'bool', { mask: 0x4000, bits: 16, tf: ['INDEFINITE:', 'TEMPORARY'], blurb: 'How long an XOFF lasts', ref: '3GPP2 A.S0012-C' }),
  flow_disc: f('ggp2_flow_disc', 'Flow ID', 'bytes', { blurb: '3GPP2 IP flow discriminator', ref: '3GPP2 A.S0008-A' }),
  seg: f('ggp2_3gpp2_seg', 'Type', 'uint16', { base: 'hex', mask: 0xc000, vals: { 0: 'Packet Started', 1: 'Packet continued', 2: 'Packet Ended' }, blurb: '3GPP2 segmentation indication', ref: '3GPP2 A.S0008-A' }),
  wccp_redirect_header: f('wccp.redirect_header', 'Redirect Header', 'none', { blurb: 'The WCCPv2 redirect header between GRE and the redirected packet', ref: 'draft-wilson-wrec-wccp-v2 §4.12' }),
  wccp_dynamic_service: f('wccp.dynamic_service', 'Dynamic Service', 'bool', { mask: 0x01, bits: 8, tf: ['Dynamic service', 'Well-known service'], blurb: 'Whether the service group is dynamic or well known', ref: 'draft-wilson-wrec-wccp-v2 §4.12' }),
  wccp_alternative_bucket_used: f('wccp.alternative_bucket_used', 'Alternative bucket used', 'bool', { mask: 0x02, bits: 8, tf: ['Alternative bucket used', 'Primary bucket used'], blurb: 'Whether the alternative bucket was used to redirect', ref: 'draft-wilson-wrec-wccp-v2 §4.12' }),
  wccp_redirect_header_valid: f('wccp.redirect_header_valid', 'WCCP Redirect header is valid', 'bool', { mask: 0x04, bits: 8, tf: ['Header is present, but ignore contents', 'Header contents are valid'], blurb: 'Whether the redirect header contents are to be used', ref: 'draft-wilson-wrec-wccp-v2 §4.12' }),
  wccp_service_id: f('wccp.service_id', 'Service ID', 'uint8', { vals: { 0: 'HTTP' }, blurb: 'Service Group identifier', ref: 'draft-wilson-wrec-wccp-v2 §4.12' }),
  wccp_alternative_bucket: f('wccp.alternative_bucket', 'Alternative Bucket', 'uint8', { blurb: 'Alternative bucket index used to redirect the packet.', ref: 'draft-wilson-wrec-wccp-v2 §4.12' }),
  wccp_primary_bucket: f('wccp.primary_bucket', 'Primary Bucket', 'uint8', { blurb: 'Primary bucket index used to redirect the packet.', ref: 'draft-wilson-wrec-wccp-v2 §4.12' }),
  // vpnshark's analysis (not in Wireshark): the PPTP call of an enhanced GRE packet, and sequence analysis.
  analysis: f('analysis', 'PPTP call and sequence analysis', 'none', { blurb: 'vpnshark\'s analysis of this GRE packet: its PPTP call and direction, and sequence/acknowledgement findings', ref: 'RFC 2637 §4' }),
  analysis_call: f('analysis.call', 'PPTP call', 'uint32', { blurb: 'Index of the PPTP call this packet belongs to, in the order calls appear in the capture (matches pptp.analysis.call)', ref: 'RFC 2637 §4.1' }),
  analysis_direction: f('analysis.direction', 'Direction', 'uint8', { vals: { 1: 'PNS to PAC', 2: 'PAC to PNS' }, blurb: 'Which end of the PPTP call sent this packet', ref: 'RFC 2637 §1.2' }),
  analysis_setup_frame: f('analysis.setup_frame', 'Call ID set up in frame', 'framenum', { blurb: 'The PPTP control frame (OCRQ, OCRP, ICRQ or ICRP) that announced the call ID in this packet\'s key', ref: 'RFC 2637 §2.7–2.10' }),
  analysis_unknown_call: f('analysis.unknown_call', 'Call ID not set up by PPTP', 'none', { blurb: 'PPTP control traffic is in the capture, but no call set up this call ID between these addresses', ref: 'RFC 2637 §4.1' }),
  analysis_payload_length: f('analysis.payload_length', 'Actual payload length', 'uint32', { blurb: 'The bytes that really follow the header, shown when gre.key.payload_length says otherwise', ref: 'RFC 2637 §4.1' }),
  analysis_expected_seq: f('analysis.expected_seq', 'Expected sequence number', 'uint32', { blurb: 'The sequence number that should have come next in this direction', ref: 'RFC 2637 §4.3, RFC 2890 §2.2' }),
  analysis_lost: f('analysis.lost_packets', 'Packets missing before this one', 'uint32', { blurb: 'Sequence numbers skipped between the previous packet of this direction and this one', ref: 'RFC 2637 §4.3' }),
  analysis_duplicate: f('analysis.duplicate_of', 'Duplicate of frame', 'framenum', { blurb: 'This sequence number was already seen in that frame', ref: 'RFC 2637 §4.3' }),
  analysis_out_of_order: f('analysis.out_of_order', 'Out of order', 'none', { blurb: 'The sequence number is lower than one already seen in this direction', ref: 'RFC 2637 §4.3' }),
  analysis_seq_reset: f('analysis.seq_reset', 'Sequence number restart', 'none', { blurb: 'The sequence number jumped by more than 2^20: counted as a restart, not as loss', ref: 'RFC 2637 §4.3' }),
  analysis_ack_unseen: f('analysis.ack_unseen', 'Acknowledges an unseen packet', 'none', { blurb: 'The Acknowledgment Number is beyond the highest sequence number the peer sent in this capture', ref: 'RFC 2637 §4.4' }),
  analysis_unacked: f('analysis.unacked', 'Unacknowledged packets', 'uint32', { blurb: 'Packets sent in this direction and not yet acknowledged by the peer, this one included', ref: 'RFC 2637 §4.2' }),
  analysis_window: f('analysis.window', 'Peer receive window', 'uint16', { blurb: 'The Packet Receive Window Size the receiving end announced in the PPTP call set-up', ref: 'RFC 2637 §2.7, §4.2' }),
  analysis_window_exceeded: f('analysis.window_exceeded', 'Receive window exceeded', 'none', { blurb: 'More packets are unacknowledged than the receiver\'s Packet Receive Window Size allows', ref: 'RFC 2637 §4.2' }),
};

const hf = hfGre;

/**
 * What GRE leaves in pkt.scratch.gre for the layers it carries (PPP, MPPE): the header values and,
 * for enhanced GRE, the PPTP call (its index in trackedPptpCalls) and which end sent the packet.
 */
export interface GreScratch {
  flagsAndVersion: number;
  callId: number | null;
  key: number | null;
  seq: number | null;
  ack: number | null;
  call: number | null;
  direction: 'pns-to-pac' | 'pac-to-pns' | null;
}

/** ".... .... .000 0..." for the bits of mask in a 16-bit value. */
function bits16(v: number, mask: number): string {
  let s = '';
  for (let i = 15; i >= 0; i--) {
    s += mask & (1 << i) ? (v & (1 << i) ? '1' : '0') : '.';
    if (i % 4 === 0 && i) s += ' ';
  }
  return s;
}

function typeName(type: number): string | undefined {
  return GRE_TYPES.get(type);
}

/** Wireshark's checksum fields: value, status, and an expert item when it is wrong. */
function checksum(tvb: Tvb, pkt: Packet, t: Tree, fv: number): void {
  const cks = tvb.u16(4);
  // Verifiable only when the C bit says it is a checksum and every byte it covers was captured.
  if (fv & FLAG.CHECKSUM && tvb.length >= tvb.reported) {
    const b = tvb.buf, s = tvb.base;
    const good = onesSum(b, s, s + tvb.length) === 0xffff;
    const should = ~onesSum(b, s, s + 4, onesSum(b, s + 6, s + tvb.length)) & 0xffff;
    const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
    const item = t.add(hf.checksum, tvb, 4, 2, cks, t.on
      ? `Checksum: ${hex(cks)} ${good ? '[correct]' : `incorrect, should be ${hex(should)}`}` : undefined);
    t.gen(hf.checksum_status, tvb, 4, 0, good ? 1 : 0);
    if (!good) {
      pkt.engine.expert(pkt, item, 'warn', 'checksum', 'gre.checksum.incorrect',
        `Incorrect GRE Checksum [should be ${hex(should)}]`);
    }
    return;
  }
  t.add(hf.checksum, tvb, 4, 2, cks, t.on ? `Checksum: 0x${cks.toString(16).padStart(4, '0')} [unverified]` : undefined);
  t.gen(hf.checksum_status, tvb, 4, 0, 2);
}

/** RFC 1701 Source Route Entries, up to the NULL SRE (address family 0, length 0). */
function routing(tvb: Tvb, t: Tree, off: number): number {
  for (;;) {
    const af = tvb.u16(off);
    const len = tvb.u8(off + 3);
    const r = t.add(hf.routing, tvb, off, 4 + len, null);
    r.add(hf.routing_address_family, tvb, off, 2, af);
    r.add(hf.routing_sre_offset, tvb, off + 2, 1);
    r.add(hf.routing_sre_length, tvb, off + 3, 1, len);
    off += 4;
    if (af === 0 && len === 0) return off;
    r.add(hf.routing_information, tvb, off, len);
    tvb.ensure(off, len);
    off += len;
  }
}

function wccpRedirectHeader(tvb: Tvb, t: Tree, off: number): number {
  const w = t.add(hf.wccp_redirect_header, tvb, off, 4, null);
  w.add(hf.wccp_dynamic_service, tvb, off, 1);
  w.add(hf.wccp_alternative_bucket_used, tvb, off, 1);
  w.add(hf.wccp_redirect_header_valid, tvb, off, 1);
  w.add(hf.wccp_service_id, tvb, off + 1, 1);
  w.add(hf.wccp_alternative_bucket, tvb, off + 2, 1);
  w.add(hf.wccp_primary_bucket, tvb, off + 3, 1);
  tvb.ensure(off, 4);
  return off + 4;
}

/** 3GPP2 A10 attributes: type-length-value, the type's top bit marking the last one. */
function attributes3gpp2(tvb: Tvb, t: Tree, off: number): number {
  const start = off;
  const a = t.add(hf.attrib, tvb, off, 0, null);
  for (;;) {
    const id = tvb.u8(off);
    const len = tvb.u8(off + 1);
    const kind = id & 0x7f;
    const at = a.text(hf.attrib_id.vals?.get(kind) ?? `${kind} (Unknown)`, tvb, off, len + 2);
    at.add(hf.attrib_id, tvb, off, 1, kind);
    at.add(hf.attrib_length, tvb, off + 1, 1, len);
    off += 2;
    if (len > 0) {
      tvb.ensure(off, len);
      if (kind === 3) at.add(hf.flow_disc, tvb, off, len);
      else if (kind === 1) at.add(hf.sdi, tvb, off, len);
      else if (kind === 4) at.add(hf.seg, tvb, off, len);
      else if (kind === 2) {
        at.add(hf.fci, tvb, off, len);
        at.add(hf.di, tvb, off, len);
      }
    }
    off += len;
    if (id & 0x80) break;
  }
  a.setLen(off - start);
  return off;
}

export function dissectGre(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const fv = tvb.u16(0);
  const type = tvb.u16(2);
  const version = fv & FLAG.VERSION;
  const name = typeName(type);
  // RFC 2637's header: PPP with a non-zero version (Wireshark also treats the CDMA2000 types so).
  const pptp = type === ETHERTYPE.PPP && version !== 0;
  const enhanced = pptp || type === TYPE.CDMA2000_3GPP2 || type === TYPE.CDMA2000_UBS;
  if (pkt.engine.columns) pkt.setInfo(`Encapsulated ${name ?? `0x${type.toString(16).toUpperCase().padStart(4, '0')} (unknown)`}`);

  const t = tree.proto(greProto, tvb, 0, tvb.length, tree.on
    ? `Generic Routing Encapsulation (${name ?? `0x${type.toString(16).toUpperCase().padStart(4, '0')} - unknown`})` : undefined);
  const ft = t.add(hf.flags_and_version, tvb, 0, 2, fv);
  ft.add(hf.flags_checksum, tvb, 0, 2, (fv & FLAG.CHECKSUM) !== 0);
  ft.add(hf.flags_routing, tvb, 0, 2, (fv & FLAG.ROUTING) !== 0);
  ft.add(hf.flags_key, tvb, 0, 2, (fv & FLAG.KEY) !== 0);
  ft.add(hf.flags_sequence_number, tvb, 0, 2, (fv & FLAG.SEQUENCE) !== 0);
  ft.add(hf.flags_strict_source_route, tvb, 0, 2, (fv & FLAG.STRICT_SOURCE) !== 0);
  ft.add(hf.flags_recursion_control, tvb, 0, 2, (fv & FLAG.RECURSION) >> 8);
  if (enhanced) {
    ft.add(hf.flags_ack, tvb, 0, 2, (fv & FLAG.ACK) !== 0);
    const r = (fv & FLAG.RESERVED_PPP) >> 3;
    ft.add(hf.flags_reserved, tvb, 0, 2, r, ft.on ? `${bits16(fv, FLAG.RESERVED_PPP)} = Flags (Reserved): ${r}` : undefined);
  } else {
    ft.add(hf.flags_reserved, tvb, 0, 2, (fv & FLAG.RESERVED) >> 3);
  }
  ft.add(hf.flags_version, tvb, 0, 2, version);
  t.add(hf.proto, tvb, 2, 2, type);
  if (pptp && (fv & (FLAG.CHECKSUM | FLAG.ROUTING | FLAG.STRICT_SOURCE | FLAG.RECURSION) || !(fv & FLAG.KEY))) {
    pkt.engine.expert(pkt, ft, 'warn', 'protocol', 'gre.enhanced.bad_flags',
      'Enhanced GRE (RFC 2637 §4.1) must have the Key bit set and the Checksum, Routing, Strict Source Route and Recursion fields clear');
  }

  let off = 4;
  if (fv & (FLAG.CHECKSUM | FLAG.ROUTING)) {
    checksum(tvb, pkt, t, fv);
    t.add(hf.offset, tvb, 6, 2);
    off = 8;
  }
  let callId: number | null = null, key: number | null = null, payloadLength: number | null = null;
  let keyOff = -1;
  if (fv & FLAG.KEY) {
    keyOff = off;
    if (enhanced && type !== TYPE.CDMA2000_UBS) {
      payloadLength = tvb.u16(off);
      callId = tvb.u16(off + 2);
      t.add(hf.key_payload_length, tvb, off, 2, payloadLength);
      t.add(hf.key_call_id, tvb, off + 2, 2, callId);
    } else {
      key = tvb.u32(off);
      t.add(hf.key, tvb, off, 4, key);
    }
    off += 4;
  }
  let seq: number | null = null, ack: number | null = null;
  if (fv & FLAG.SEQUENCE) {
    seq = tvb.u32(off);
    t.add(hf.sequence_number, tvb, off, 4, seq);
    off += 4;
  }
  if (enhanced && fv & FLAG.ACK) {
    ack = tvb.u32(off);
    t.add(hf.ack_number, tvb, off, 4, ack);
    off += 4;
  }
  if (fv & FLAG.ROUTING) off = routing(tvb, t, off);
  // WCCPv2 adds a redirect header, recognised by what follows not looking like IPv4.
  if (type === TYPE.WCCP && (tvb.u8(4) & 0xf0) !== 0x40) off = wccpRedirectHeader(tvb, t, off);
  if (type === TYPE.CDMA2000_3GPP2) off = attributes3gpp2(tvb, t, off);
  t.setLen(off);

  const payloadBytes = tvb.reportedRemaining(off);
  if (pptp && payloadLength !== null && payloadLength !== payloadBytes) {
    const item = t.gen(hf.analysis_payload_length, tvb, keyOff, 2, payloadBytes);
    pkt.engine.expert(pkt, item, 'warn', 'malformed', 'gre.key.payload_length.mismatch',
      `Payload Length ${payloadLength} but ${payloadBytes} bytes follow the GRE header`);
  }
  let found: GreFindings | null = null;
  if ((pptp && callId !== null) || seq !== null) {
    const tracker = pptpTracker(pkt.engine);
    found = tracker.gre({
      frame: pkt.num, time: pkt.tsSec + pkt.tsNsec / 1e9, src: pkt.netSrc, dst: pkt.netDst,
      enhanced: pptp && callId !== null, key: callId ?? key, seq, ack, payloadLen: payloadBytes,
    });
    analysis(tvb, pkt, t, found, callId);
    if (tracker.evicted) {
      pkt.engine.expertOnce(pkt, t, 'note', 'debug', 'gre.analysis.evicted',
        'PPTP call tracking reached its memory limit: the oldest calls and GRE flows were forgotten');
    }
  }

  // Without the S bit a packet may have no payload at all (an acknowledgement, a keepalive).
  if (!(fv & FLAG.SEQUENCE) && payloadBytes <= 0) {
    if (pkt.engine.columns && ack !== null) pkt.appendInfo(` (acknowledgement only, Ack=${ack})`);
    return off;
  }
  const payload = tvb.sub(off);
  const scratch: GreScratch = {
    flagsAndVersion: fv, callId, key, seq, ack,
    call: found?.call?.index ?? null, direction: found?.call?.rolesKnown ? found.dir : null,
  };
  pkt.scratch.gre = scratch;
  if (!pkt.engine.call('gre.proto', type, payload, pkt, tree)) pkt.engine.data(payload, pkt, t);
  return tvb.length;
}

function analysis(tvb: Tvb, pkt: Packet, t: Tree, found: GreFindings, callId: number | null): void {
  const e = pkt.engine;
  if (found.noControl) {
    e.expertOnce(pkt, t, 'note', 'protocol', 'gre.analysis.no_control',
      'PPTP control connection not in capture: enhanced GRE packets cannot be linked to PPTP calls');
  }
  const interesting = found.call !== null || found.unknownCall || found.expectedSeq !== null || found.lost > 0
    || found.duplicateOf !== null || found.outOfOrder || found.seqJump || found.ackUnseen !== null || found.unacked !== null;
  if (!interesting) return;
  const a = t.gen(hf.analysis, tvb, 0, 0, null);
  const c = found.call;
  if (c && found.dir) {
    const toPac = found.dir === 'pns-to-pac';
    if (a.on) {
      const from = toPac ? c.pns : c.pac, to = toPac ? c.pac : c.pns;
      const roles = c.rolesKnown ? (toPac ? ['PNS', 'PAC'] : ['PAC', 'PNS']) : ['', ''];
      const side = (r: string, addr: string) => (r ? `${r} ${addr}` : addr);
      a.setText(`PPTP call ${c.index}: ${side(roles[0], from.addr)} → ${side(roles[1], to.addr)} (call ID ${callId ?? '?'})`
        + (found.setupFrame !== null ? `, set up in frame ${found.setupFrame}` : c.kind === 'gre-only' ? ', no PPTP control seen' : ''));
    }
    a.gen(hf.analysis_call, tvb, 0, 0, c.index);
    if (c.rolesKnown) a.gen(hf.analysis_direction, tvb, 0, 0, toPac ? 1 : 2);
    if (found.setupFrame !== null) a.gen(hf.analysis_setup_frame, tvb, 0, 0, found.setupFrame);
  } else if (a.on) {
    a.setText('Sequence analysis');
  }
  if (found.unknownCall) {
    const item = a.gen(hf.analysis_unknown_call, tvb, 0, 0, null);
    if (found.firstOfFlow) {
      e.expert(pkt, item, 'warn', 'protocol', 'gre.analysis.unknown_call',
        `GRE call ID ${callId} from ${pkt.netSrc} to ${pkt.netDst} was not set up by any PPTP call in this capture`);
    }
  }
  if (found.expectedSeq !== null && (found.lost > 0 || found.duplicateOf !== null || found.outOfOrder)) {
    a.gen(hf.analysis_expected_seq, tvb, 0, 0, found.expectedSeq);
  }
  if (found.lost > 0) {
    const item = a.gen(hf.analysis_lost, tvb, 0, 0, found.lost);
    e.expert(pkt, item, 'warn', 'sequence', 'gre.analysis.lost',
      `${found.lost} GRE packet${found.lost === 1 ? '' : 's'} missing before this one (expected Sequence Number ${found.expectedSeq})`);
  }
  if (found.duplicateOf !== null) {
    const item = a.gen(hf.analysis_duplicate, tvb, 0, 0, found.duplicateOf);
    e.expert(pkt, item, 'warn', 'sequence', 'gre.analysis.duplicate',
      `Duplicate GRE packet: this Sequence Number was already seen in frame ${found.duplicateOf}`);
  }
  if (found.outOfOrder) {
    const item = a.gen(hf.analysis_out_of_order, tvb, 0, 0, null);
    e.expert(pkt, item, 'warn', 'sequence', 'gre.analysis.out_of_order',
      `Out-of-order GRE packet (expected Sequence Number ${found.expectedSeq})`);
  }
  if (found.seqJump) {
    const item = a.gen(hf.analysis_seq_reset, tvb, 0, 0, null);
    e.expert(pkt, item, 'note', 'sequence', 'gre.analysis.seq_reset',
      `Sequence Number jumped from the expected ${found.expectedSeq}: treated as a restart`);
  }
  if (found.ackUnseen !== null) {
    const item = a.gen(hf.analysis_ack_unseen, tvb, 0, 0, null);
    e.expert(pkt, item, 'warn', 'sequence', 'gre.analysis.ack_unseen',
      found.ackUnseen < 0
        ? 'Acknowledgment Number for a packet the peer never sent (no GRE from the peer in this call yet)'
        : `Acknowledgment Number beyond the highest Sequence Number the peer sent (${found.ackUnseen})`);
  }
  if (found.unacked !== null) {
    a.gen(hf.analysis_unacked, tvb, 0, 0, found.unacked);
    if (found.window !== null) {
      a.gen(hf.analysis_window, tvb, 0, 0, found.window);
      if (found.windowExceeded) {
        const item = a.gen(hf.analysis_window_exceeded, tvb, 0, 0, null);
        e.expert(pkt, item, 'warn', 'sequence', 'gre.analysis.window_exceeded',
          `${found.unacked} packets unacknowledged, more than the peer's Packet Receive Window Size ${found.window}`
          + (found.windowFrame !== null ? ` (frame ${found.windowFrame})` : ''));
      }
    }
  }
}

register('ip.proto', IPPROTO.GRE, 'gre', dissectGre);
register('udp.port', GRE_IN_UDP_PORT, 'gre', dissectGre);
register('gre.proto', ETHERTYPE.TEB, 'eth', dissectEthernet);
