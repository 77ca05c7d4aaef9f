/**
 * IPCP, the IP Control Protocol (RFC 1332): IPv4 address assignment and IP header compression
 * (Van Jacobson RFC 1144, IPHC RFC 2509/3544, ROHC RFC 3241), plus the name-server options of
 * RFC 1877 and Mobile-IPv4 of RFC 2290. The agreed addresses go on the link record.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { ipv4ToString } from '../../core/value.js';
import { linkFor, linkKeyFor } from '../../sessions/ppp-negotiation.js';
import {
  CP_CODE, CP_CODE_NAMES, anyOption, dissectCp, dissectOptions, fixedOption, inErrorPacket,
  type CpDef, type OptionContext, type OptionDef, type OptionTable,
} from './cp-options.js';
import { PPP } from './ppp-protocols.js';

export const ipcpProto = defineProtocol({
  abbrev: 'ipcp', name: 'PPP IP Control Protocol', short: 'PPP IPCP',
  blurb: 'Configures IPv4 over a PPP link: addresses, name servers, header compression', ref: 'RFC 1332',
});
const f = fieldsOf('ipcp');
const COMPRESS = { 0x0003: 'Robust Header Compression (ROHC)', 0x002d: 'VJ compression', 0x0037: 'VJ compression (RFC1172-typo)', 0x0061: 'IPHC compression' };
export const hfIpcp = {
  opt_type: f('opt.type', 'Type', 'uint8', { blurb: 'Configuration Option type', ref: 'RFC 1332 §3' }),
  opt_length: f('opt.length', 'Length', 'uint8', { blurb: 'Length of the option, type and length bytes included', ref: 'RFC 1332 §3' }),
  opt_src_address: f('opt.src_address', 'Source IP Address', 'ipv4', { blurb: 'Sender\'s address (deprecated IP-Addresses option)', ref: 'RFC 1172 §5.1' }),
  opt_dst_address: f('opt.dst_address', 'Destination IP Address', 'ipv4', { blurb: 'Peer\'s address (deprecated IP-Addresses option)', ref: 'RFC 1172 §5.1' }),
  opt_compress_proto: f('opt.compress_proto', 'IP Compression Protocol', 'uint16', { base: 'hex', vals: COMPRESS, blurb: 'Header compression the sender can receive', ref: 'RFC 1332 §3.2' }),
  opt_max_cid: f('opt.max_cid', 'Max CID', 'uint16', { blurb: 'Maximum value of a context identifier', ref: 'RFC 3241 §3.1' }),
  opt_mrru: f('opt.mrru', 'MRRU', 'uint16', { blurb: 'Maximum Reconstructed Reception Unit', ref: 'RFC 3241 §3.1' }),
  opt_max_slot_id: f('opt.max_slot_id', 'Max Slot ID', 'uint8', { blurb: 'Highest VJ connection slot number', ref: 'RFC 1332 §4' }),
  opt_comp_slot_id: f('opt.comp_slot_id', 'Comp Slot ID', 'bool', { mask: 0x01, bits: 8, tf: ['The slot identifier may be compressed', 'The slot identifier must not be compressed'], blurb: 'Whether the VJ slot number may be left out', ref: 'RFC 1332 §4' }),
  opt_tcp_space: f('opt.tcp_space', 'TCP Space', 'uint16', { blurb: 'IPHC contexts for TCP', ref: 'RFC 3544 §2.1' }),
  opt_non_tcp_space: f('opt.non_tcp_space', 'Non TCP Space', 'uint16', { blurb: 'IPHC contexts for non-TCP', ref: 'RFC 3544 §2.1' }),
  opt_f_max_period: f('opt.f_max_period', 'F Max Period', 'uint16', { blurb: 'Maximum interval between full headers', ref: 'RFC 3544 §2.1' }),
  opt_f_max_time: f('opt.f_max_time', 'F Max Time', 'uint16', { blurb: 'Maximum time interval between full headers', ref: 'RFC 3544 §2.1' }),
  opt_max_header: f('opt.max_header', 'Max Header', 'uint16', { blurb: 'The largest header size in octets that may be compressed', ref: 'RFC 3544 §2.1' }),
  data: f('data', 'Data', 'bytes', { blurb: 'Parameters of an unknown compression protocol', ref: 'RFC 1332 §3.2' }),
  opt_ip_address: f('opt.ip_address', 'IP Address', 'ipv4', { blurb: 'Address the sender wants (0.0.0.0: assign me one)', ref: 'RFC 1332 §3.3' }),
  opt_mobilenodehomeaddress: f('opt.mobilenodehomeaddress', 'Mobile Node\'s Home Address', 'ipv4', { blurb: 'Mobile-IPv4 home address', ref: 'RFC 2290 §2' }),
  opt_pri_dns_address: f('opt.pri_dns_address', 'Primary DNS Address', 'ipv4', { blurb: 'Primary DNS server', ref: 'RFC 1877 §1.1' }),
  opt_pri_nbns_address: f('opt.pri_nbns_address', 'Primary NBNS Address', 'ipv4', { blurb: 'Primary NetBIOS name server', ref: 'RFC 1877 §1.2' }),
  opt_sec_dns_address: f('opt.sec_dns_address', 'Secondary DNS Address', 'ipv4', { blurb: 'Secondary DNS server', ref: 'RFC 1877 §1.3' }),
  opt_sec_nbns_address: f('opt.sec_nbns_address', 'Secondary NBNS Address', 'ipv4', { blurb: 'Secondary NetBIOS name server', ref: 'RFC 1877 §1.4' }),
  rohc_type: f('opt.rohc.type', 'Type', 'uint8', { blurb: 'ROHC suboption type', ref: 'RFC 3241 §3.1' }),
  rohc_length: f('opt.rohc.length', 'Length', 'uint8', { blurb: 'ROHC suboption length', ref: 'RFC 3241 §3.1' }),
  rohc_profile: f('opt.rohc.profile', 'Profile', 'uint16', { base: 'hex', vals: { 0: 'ROHC uncompressed -- no compression', 2: 'ROHC UDP -- non-RTP UDP/IP compression', 3: 'ROHC ESP -- ESP/IP compression' }, blurb: 'ROHC profile the sender supports', ref: 'RFC 3241 §3.2' }),
  iphc_type: f('opt.iphc.type', 'Type', 'uint8', { blurb: 'IPHC suboption type', ref: 'RFC 3544 §2.2' }),
  iphc_length: f('opt.iphc.length', 'Length', 'uint8', { blurb: 'IPHC suboption length', ref: 'RFC 3544 §2.2' }),
  iphc_param: f('opt.iphc.param', 'Parameter', 'uint8', { vals: { 1: 'The number of contexts for TCP Space is 0', 2: 'The number of contexts for Non TCP Space is 0' }, blurb: 'Header compression negotiation parameter', ref: 'RFC 3544 §2.2' }),
};
const o = (suffix: string, name: string, ref: string) => f(`opt.${suffix}`, name, 'bytes', { blurb: `${name} option`, ref });

function address(hf: typeof hfIpcp.opt_ip_address) {
  return (x: OptionContext): number | undefined => {
    const t = fixedOption(x, 6);
    if (!t) return undefined;
    const v = x.tvb.u32(2);
    t.add(hf, x.tvb, 2, 4, v);
    return v;
  };
}

function addresses(x: OptionContext): void {
  const t = fixedOption(x, 10);
  if (!t) return;
  t.add(hfIpcp.opt_src_address, x.tvb, 2, 4);
  t.add(hfIpcp.opt_dst_address, x.tvb, 6, 4);
}

const ROHC_SUBOPTIONS: OptionTable = {
  hfType: hfIpcp.rohc_type, hfLength: hfIpcp.rohc_length,
  options: new Map([[1, {
    name: 'Profiles (RFC3241)', field: o('rohc.profile_bytes', 'Profiles (RFC3241)', 'RFC 3241 §3.2'),
    dissect: (x: OptionContext) => {
      const t = anyOption(x);
      for (let off = 2; off + 2 <= x.len; off += 2) t.add(hfIpcp.rohc_profile, x.tvb, off, 2);
    },
  }]]),
};

const iphcFixed = (len: number) => (x: OptionContext) => {
  const t = fixedOption(x, len);
  if (t && len === 3) t.add(hfIpcp.iphc_param, x.tvb, 2, 1);
};
const IPHC_SUBOPTIONS: OptionTable = {
  hfType: hfIpcp.iphc_type, hfLength: hfIpcp.iphc_length,
  options: new Map([
    [1, { name: 'RTP compression (RFC2508)', field: o('iphc.rtp_compress', 'RTP compression (RFC2508)', 'RFC 2509 §2.1'), dissect: iphcFixed(2) }],
    [2, { name: 'Enhanced RTP compression (RFC3545)', field: o('iphc.enhanced_rtp_compress', 'Enhanced RTP compression (RFC3545)', 'RFC 3544 §2.2'), dissect: iphcFixed(2) }],
    [3, { name: 'Negotiating header compression (RFC3545)', field: o('iphc.neghdrcomp', 'Negotiating header compression (RFC3545)', 'RFC 3544 §2.2'), dissect: iphcFixed(3) }],
  ]),
};

function suboptions(x: OptionContext, t: Tree, off: number, table: OptionTable): void {
  const len = x.len - off;
  const st = t.on ? t.text(`Suboptions: (${len} byte${len === 1 ? '' : 's'})`, x.tvb, off, len) : t;
  dissectOptions(x.tvb, off, len, table, x.pkt, st);
}

/**
 * IP-Compression-Protocol. IPV6CP uses the same option (RFC 2472 §4.2), under its own name, which
 * is why the option item is the IPCP one in both.
 */
export function compressOption(x: OptionContext): number {
  const compress = IPCP_OPTIONS.get(2)!;
  const t = anyOption({ ...x, cp: IPCP, name: compress.name, type: 2 });
  const proto = x.tvb.u16(2);
  t.add(hfIpcp.opt_compress_proto, x.tvb, 2, 2, proto);
  switch (proto) {
    case 0x0003:
      t.add(hfIpcp.opt_max_cid, x.tvb, 4, 2);
      t.add(hfIpcp.opt_mrru, x.tvb, 6, 2);
      t.add(hfIpcp.opt_max_header, x.tvb, 8, 2);
      if (x.len > 10) suboptions(x, t, 10, ROHC_SUBOPTIONS);
      break;
    case 0x0037:
    case 0x002d:
      t.add(hfIpcp.opt_max_slot_id, x.tvb, 4, 1);
      t.add(hfIpcp.opt_comp_slot_id, x.tvb, 5, 1, (x.tvb.u8(5) & 1) !== 0);
      break;
    case 0x0061: {
      t.add(hfIpcp.opt_tcp_space, x.tvb, 4, 2);
      t.add(hfIpcp.opt_non_tcp_space, x.tvb, 6, 2);
      const period = x.tvb.u16(8);
      t.add(hfIpcp.opt_f_max_period, x.tvb, 8, 2, period, t.on ? `F Max Period: ${period}${period === 0 ? ' (infinity)' : ''}` : undefined);
      const time = x.tvb.u16(10);
      t.add(hfIpcp.opt_f_max_time, x.tvb, 10, 2, time, t.on ? `F Max Time: ${time}${time === 0 ? ' (infinity)' : ''}` : undefined);
      t.add(hfIpcp.opt_max_header, x.tvb, 12, 2);
      if (x.len > 14) suboptions(x, t, 14, IPHC_SUBOPTIONS);
      break;
    }
    default:
      if (x.len > 4) t.add(hfIpcp.data, x.tvb, 4, x.len - 4);
      break;
  }
  return proto;
}

const opt = (name: string, field: ReturnType<typeof o>, dissect: (x: OptionContext) => unknown): OptionDef => ({ name, field, dissect });
const IPCP_OPTIONS: Map<number, OptionDef> = new Map([
  [1, opt('IP Addresses (deprecated)', o('addrs', 'IP Addresses (deprecated)', 'RFC 1172 §5.1'), addresses)],
  [2, opt('IP Compression Protocol', o('compress', 'IP Compression Protocol', 'RFC 1332 §3.2'), compressOption)],
  [3, opt('IP Address', o('addr', 'IP Address', 'RFC 1332 §3.3'), address(hfIpcp.opt_ip_address))],
  [4, opt('Mobile Node\'s Home IP Address', o('mobileipv4', 'Mobile Node\'s Home IP Address', 'RFC 2290 §2'), address(hfIpcp.opt_mobilenodehomeaddress))],
  [129, opt('Primary DNS Server IP Address', o('pri_dns', 'Primary DNS Server IP Address', 'RFC 1877 §1.1'), address(hfIpcp.opt_pri_dns_address))],
  [130, opt('Primary NBNS Server IP Address', o('pri_nbns', 'Primary NBNS Server IP Address', 'RFC 1877 §1.2'), address(hfIpcp.opt_pri_nbns_address))],
  [131, opt('Secondary DNS Server IP Address', o('sec_dns', 'Secondary DNS Server IP Address', 'RFC 1877 §1.3'), address(hfIpcp.opt_sec_dns_address))],
  [132, opt('Secondary NBNS Server IP Address', o('sec_nbns', 'Secondary NBNS Server IP Address', 'RFC 1877 §1.4'), address(hfIpcp.opt_sec_nbns_address))],
]);

export const IPCP: CpDef = { proto: ipcpProto, codes: CP_CODE_NAMES, options: IPCP_OPTIONS, hfType: hfIpcp.opt_type, hfLength: hfIpcp.opt_length };

const remember = (list: string[], v: string) => {
  if (!list.includes(v) && list.length < 8) list.push(v);
};

export function dissectIpcp(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const r = dissectCp(tvb, pkt, tree, IPCP, data);
  if (r.code === CP_CODE.CONFACK && !inErrorPacket(data)) {
    const link = linkFor(pkt, linkKeyFor(pkt, data));
    for (const p of r.options) {
      if (typeof p.value !== 'number') continue;
      if (p.type === 3) remember(link.ipv4Addresses, ipv4ToString(p.value));
      if (p.type === 129 || p.type === 131) remember(link.dnsServers, ipv4ToString(p.value));
    }
  }
  return tvb.length;
}

register('ppp.protocol', PPP.IPCP, 'ipcp', dissectIpcp);
