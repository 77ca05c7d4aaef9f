/**
 * ARP (RFC 826) and its relatives sharing the packet format: RARP (RFC 903), Inverse ARP (RFC 2390),
 * DRARP. Marks gratuitous ARPs, probes and announcements (RFC 5227 §2.1, §2.3) and, as Wireshark
 * does, an IPv4 address claimed by two MAC addresses (a bounded table of address bindings).
 */
import { defineProtocol, fieldsOf, names } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { etherToString, ipv4ToString } from '../core/value.js';
import { hexOf } from '../core/tvb.js';
import { ETHERTYPE, ETHERTYPE_NAMES } from './ethertypes.js';
import { AgedMap } from '../core/aged-map.js';

export const arpProto = defineProtocol({
  abbrev: 'arp', name: 'Address Resolution Protocol', short: 'ARP',
  blurb: 'Finds the link-layer address that goes with a network address', ref: 'RFC 826',
});

const OP = {
  REQUEST: 1, REPLY: 2, RREQUEST: 3, RREPLY: 4, DRARP_REQUEST: 5, DRARP_REPLY: 6, DRARP_ERROR: 7,
  IREQUEST: 8, IREPLY: 9, NAK: 10, MAPOS_UNARP: 23, EXP1: 24, EXP2: 25,
} as const;

const OP_NAMES = names({
  0: 'reserved', 1: 'request', 2: 'reply', 3: 'reverse request', 4: 'reverse reply', 5: 'drarp request', 6: 'drarp reply',
  7: 'drarp error', 8: 'inverse request', 9: 'inverse reply', 10: 'arp nak', 11: 'mars request', 12: 'mars multi',
  13: 'mars mserv', 14: 'mars join', 15: 'mars leave', 16: 'mars nak', 17: 'mars unserv', 18: 'mars sjoin',
  19: 'mars sleave', 20: 'mars grouplist request', 21: 'mars grouplist reply', 22: 'mars redirect map',
  23: 'mapos unarp', 24: 'experimental 1', 25: 'experimental 2', 65535: 'reserved',
});

const MARS_INFO: Record<number, string> = {
  11: 'MARS request from', 12: 'MARS MULTI request from', 13: 'MARS MSERV request from', 14: 'MARS JOIN request from',
  15: 'MARS LEAVE from', 16: 'MARS NAK from', 17: 'MARS UNSERV request from', 18: 'MARS SJOIN request from',
  19: 'MARS SLEAVE from', 20: 'MARS grouplist request from', 21: 'MARS grouplist reply from', 22: 'MARS redirect map from',
  23: 'MAPOS UNARP request from',
};

const HW_NAMES = names({
  0: 'NET/ROM pseudo', 1: 'Ethernet', 2: 'Experimental Ethernet', 3: 'AX.25', 4: 'ProNET', 5: 'Chaos', 6: 'IEEE 802',
  7: 'ARCNET', 8: 'Hyperchannel', 9: 'Lanstar', 10: 'Autonet Short Address', 11: 'Localtalk', 12: 'LocalNet',
  13: 'Ultra link', 14: 'SMDS', 15: 'Frame Relay DLCI', 16: 'ATM', 17: 'HDLC', 18: 'Fibre Channel', 19: 'ATM (RFC 2225)',
  20: 'Serial Line', 21: 'ATM', 22: 'MIL-STD-188-220', 23: 'Metricom STRIP', 24: 'IEEE 1394.1995', 25: 'MAPOS',
  26: 'Twinaxial', 27: 'EUI-64', 28: 'HIPARP', 29: 'IP and ARP over ISO 7816-3', 30: 'ARPSec', 31: 'IPsec tunnel',
  32: 'InfiniBand', 33: 'TIA-102 Project 25 CAI', 34: 'Wiegand Interface', 35: 'Pure IP', 36: 'Experimental 1',
  37: 'HFI', 256: 'Experimental 2',
});

const R = 'RFC 826';
const f = fieldsOf('arp');
export const hfArp = {
  hw_type: f('hw.type', 'Hardware type', 'uint16', { vals: HW_NAMES, ref: R }),
  proto_type: f('proto.type', 'Protocol type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES, ref: R }),
  hw_size: f('hw.size', 'Hardware size', 'uint8', { ref: R }),
  proto_size: f('proto.size', 'Protocol size', 'uint8', { ref: R }),
  opcode: f('opcode', 'Opcode', 'uint16', { vals: OP_NAMES, ref: 'RFC 826; RFC 903; RFC 2390' }),
  isgratuitous: f('isgratuitous', 'Is gratuitous', 'bool', { blurb: 'A request or reply whose sender and target protocol addresses are the same', ref: 'RFC 5227 §3' }),
  isprobe: f('isprobe', 'Is probe', 'bool', { blurb: 'A request with sender protocol address 0.0.0.0, checking that an address is free', ref: 'RFC 5227 §2.1.1' }),
  isannouncement: f('isannouncement', 'Is announcement', 'bool', { blurb: 'A gratuitous request with an all-zero target hardware address', ref: 'RFC 5227 §2.3' }),
  src_hw: f('src.hw', 'Sender hardware address', 'bytes', { ref: R }),
  src_hw_mac: f('src.hw_mac', 'Sender MAC address', 'ether', { ref: R }),
  src_proto: f('src.proto', 'Sender protocol address', 'bytes', { ref: R }),
  src_proto_ipv4: f('src.proto_ipv4', 'Sender IP address', 'ipv4', { ref: R }),
  dst_hw: f('dst.hw', 'Target hardware address', 'bytes', { ref: R }),
  dst_hw_mac: f('dst.hw_mac', 'Target MAC address', 'ether', { ref: R }),
  dst_proto: f('dst.proto', 'Target protocol address', 'bytes', { ref: R }),
  dst_proto_ipv4: f('dst.proto_ipv4', 'Target IP address', 'ipv4', { ref: R }),
  duplicate_frame: f('duplicate-address-frame', 'Frame showing earlier use of IP address', 'framenum', { blurb: 'The frame in which another MAC address used this IPv4 address' }),
  duplicate_seconds: f('seconds-since-duplicate-address-frame', 'Seconds since earlier frame seen', 'uint32', { blurb: 'Seconds between that frame and this one' }),
};

/** Bindings kept for duplicate detection. */
const MAX_BINDINGS = 100_000;

interface Binding {
  mac: string;
  frame: number;
  sec: number;
}

class Bindings {
  readonly map = new AgedMap<number, Binding>();
}

const isEther = (hrd: number, hln: number) => (hrd === 1 || hrd === 6) && hln === 6;
const isIpv4 = (pro: number, pln: number) => (pro === ETHERTYPE.IPV4 || pro === 0xcc) && pln === 4;

function hwText(tvb: Tvb, off: number, len: number, hrd: number): string {
  if (len === 0) return '<No address>';
  return isEther(hrd, len) ? etherToString(tvb.bytes(off, 6)) : hexOf(tvb.bytes(off, len));
}

function protoText(tvb: Tvb, off: number, len: number, pro: number): string {
  if (len === 0) return '<No address>';
  return isIpv4(pro, len) ? ipv4ToString(tvb.u32(off)) : hexOf(tvb.bytes(off, len));
}

function columnProto(op: number): string {
  if (op === OP.RREQUEST || op === OP.RREPLY) return 'RARP';
  if (op >= OP.DRARP_REQUEST && op <= OP.DRARP_ERROR) return 'DRARP';
  if (op === OP.IREQUEST || op === OP.IREPLY) return 'Inverse ARP';
  if (op >= 11 && op <= 22) return 'MARS';
  if (op === OP.MAPOS_UNARP) return 'MAPOS';
  return 'ARP';
}

/**
 * Wireshark's duplicate-address check: the first MAC seen for an IPv4 address is remembered; a
 * different MAC claiming it later is reported (under tree, at the layer's start).
 */
function checkDuplicate(pkt: Packet, tree: Tree, tvb: Tvb, mac: string, ip: number): boolean {
  const table = pkt.engine.state('arp.bindings', () => new Bindings());
  const had = table.map.get(ip);
  if (!had) {
    if (table.map.size >= MAX_BINDINGS) table.map.dropOldest();
    table.map.set(ip, { mac, frame: pkt.num, sec: pkt.tsSec });
    return false;
  }
  if (pkt.num <= had.frame) return false;
  if (had.mac === mac) {
    had.frame = pkt.num;
    had.sec = pkt.tsSec;
    return false;
  }
  const addr = ipv4ToString(ip);
  const t = tree.text(`[Duplicate IP address detected for ${addr} (${mac}) - also in use by ${had.mac} (frame ${had.frame})]`, tvb, 0, 0);
  const fi = t.gen(hfArp.duplicate_frame, tvb, 0, 0, had.frame);
  pkt.engine.expert(pkt, fi, 'warn', 'sequence', 'arp.duplicate-address-detected', `Duplicate IP address configured (${addr})`);
  t.gen(hfArp.duplicate_seconds, tvb, 0, 0, (pkt.tsSec - had.sec) >>> 0);
  return true;
}

/** A unicast MAC that is not all zeroes, and a non-zero IPv4 address: a binding worth remembering. */
function bindable(tvb: Tvb, macOff: number, ip: number): boolean {
  const m = tvb.bytes(macOff, 6);
  return (m[0] & 1) === 0 && m.some((b) => b !== 0) && ip !== 0;
}

export function dissectArp(tvb: Tvb, pkt: Packet, tree: Tree): number {
  if (pkt.engine.columns) pkt.setInfo('');
  const t = tree.proto(arpProto, tvb, 0, Math.min(8, tvb.length));
  pkt.protocol = 'ARP';
  const hrd = tvb.u16(0);
  t.add(hfArp.hw_type, tvb, 0, 2, hrd);
  const pro = tvb.u16(2);
  t.add(hfArp.proto_type, tvb, 2, 2, pro);
  const hln = tvb.u8(4), pln = tvb.u8(5);
  t.add(hfArp.hw_size, tvb, 4, 1, hln);
  t.add(hfArp.proto_size, tvb, 5, 1, pln);
  const op = tvb.u16(6);
  t.add(hfArp.opcode, tvb, 6, 2, op);
  const total = 8 + 2 * hln + 2 * pln;
  t.setLen(Math.min(total, tvb.length));
  pkt.protocol = columnProto(op);

  const sha = 8, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  let dupIp = -1;
  if ((op === OP.REQUEST || op === OP.REPLY) && isEther(hrd, hln) && isIpv4(pro, pln)) {
    const sip = tvb.u32(spa);
    if (bindable(tvb, sha, sip) && checkDuplicate(pkt, tree, tvb, etherToString(tvb.bytes(sha, 6)), sip)) dupIp = sip;
    const tip = tvb.u32(tpa);
    // Target addresses in a request mean nothing (RFC 826).
    if (op !== OP.REQUEST && bindable(tvb, tha, tip) && dupIp !== tip
      && checkDuplicate(pkt, tree, tvb, etherToString(tvb.bytes(tha, 6)), tip)) dupIp = tip;
  }

  let gratuitous = false, probe = false, announcement = false;
  if ((op === OP.REQUEST || op === OP.REPLY) && hexOf(tvb.bytes(spa, pln)) === hexOf(tvb.bytes(tpa, pln))) {
    gratuitous = true;
    if (op === OP.REQUEST && hln >= 6 && tvb.bytes(tha, 6).every((b) => b === 0)) announcement = true;
  } else if (op === OP.REQUEST && tvb.u32(spa) === 0) {
    probe = true;
  }

  if (pkt.engine.columns) pkt.setInfo(infoText(tvb, op, hrd, pro, hln, pln, gratuitous, probe, announcement));

  if (t.on) {
    let opText = OP_NAMES.get(op);
    if (opText !== undefined) {
      if (gratuitous && op === OP.REQUEST) opText = 'request/gratuitous ARP';
      if (gratuitous && op === OP.REPLY) opText = 'reply/gratuitous ARP';
      if (probe) opText = 'ARP Probe';
      if (announcement) opText = 'ARP Announcement';
      t.setText(`Address Resolution Protocol (${opText})`);
    } else {
      t.setText(`Address Resolution Protocol (opcode 0x${op.toString(16).padStart(4, '0')})`);
    }
  }
  if (gratuitous) t.gen(hfArp.isgratuitous, tvb, 0, 0, true);
  if (probe) t.gen(hfArp.isprobe, tvb, 0, 0, true);
  if (announcement) t.gen(hfArp.isannouncement, tvb, 0, 0, true);
  const ether = isEther(hrd, hln), ipv4 = isIpv4(pro, pln);
  if (hln) t.add(ether ? hfArp.src_hw_mac : hfArp.src_hw, tvb, sha, hln);
  if (pln) t.add(ipv4 ? hfArp.src_proto_ipv4 : hfArp.src_proto, tvb, spa, pln);
  if (hln) {
    const di = t.add(ether ? hfArp.dst_hw_mac : hfArp.dst_hw, tvb, tha, hln);
    if (probe && tvb.bytes(tha, Math.min(6, hln)).some((b) => b !== 0)) {
      pkt.engine.expert(pkt, di, 'warn', 'protocol', 'arp.dst.hw_mac.nonzero_probe', 'Target MAC address of an ARP probe is not all zeroes');
    }
  }
  if (pln) t.add(ipv4 ? hfArp.dst_proto_ipv4 : hfArp.dst_proto, tvb, tpa, pln);

  if (dupIp !== -1 && pkt.engine.columns) pkt.appendInfo(` (duplicate use of ${ipv4ToString(dupIp)} detected!)`);
  return Math.min(total, tvb.length);
}

function infoText(tvb: Tvb, op: number, hrd: number, pro: number, hln: number, pln: number,
  gratuitous: boolean, probe: boolean, announcement: boolean): string {
  const sha = 8, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  const tp = () => protoText(tvb, tpa, pln, pro);
  const sp = () => protoText(tvb, spa, pln, pro);
  const sh = () => hwText(tvb, sha, hln, hrd);
  const th = () => hwText(tvb, tha, hln, hrd);
  switch (op) {
    case OP.REQUEST:
      if (gratuitous) return announcement ? `ARP Announcement for ${tp()}` : `Gratuitous ARP for ${tp()} (Request)`;
      return probe ? `Who has ${tp()}? (ARP Probe)` : `Who has ${tp()}? Tell ${sp()}`;
    case OP.REPLY:
      return gratuitous ? `Gratuitous ARP for ${sp()} (Reply)` : `${sp()} is at ${sh()}`;
    case OP.RREQUEST: case OP.IREQUEST: case OP.DRARP_REQUEST:
      return `Who is ${th()}? Tell ${sh()}`;
    case OP.RREPLY: case OP.DRARP_REPLY:
      return `${th()} is at ${tp()}`;
    case OP.DRARP_ERROR:
      return 'DRARP Error';
    case OP.IREPLY:
      return `${sh()} is at ${sp()}`;
    case OP.NAK:
      return 'ARP NAK';
    case OP.EXP1:
      return `Experimental 1 ( opcode ${op} )`;
    case OP.EXP2:
      return `Experimental 2 ( opcode ${op} )`;
    case 0: case 65535:
      return `Reserved opcode ${op}`;
    default:
      if (MARS_INFO[op]) return `${MARS_INFO[op]} ${sh()} at ${sp()}`;
      return `Unknown ARP opcode 0x${op.toString(16).padStart(4, '0')}`;
  }
}

// Wireshark's short name for the protocol, which its "[Malformed Packet: ...]" line uses.
register('ethertype', ETHERTYPE.ARP, 'arp/rarp', dissectArp);
register('ethertype', 0x8035, 'arp/rarp', dissectArp);
