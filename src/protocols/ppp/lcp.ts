/**
 * LCP, the Link Control Protocol (RFC 1661 §5–6): link set-up and tear-down, echo keepalives,
 * and the Configuration Options of RFC 1661, RFC 1570 (FCS alternatives, self-describing pad,
 * callback, identification, time remaining), RFC 1990 (multilink) and their successors.
 *
 * Besides the tree, it records on the link which authentication protocol was agreed (and the CHAP
 * algorithm), and reports a peer that refuses authentication or asks for a weaker one.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { linkFor, linkKeyFor } from '../../sessions/ppp-negotiation.js';
import {
  CP_CODE, LCP_CODE_NAMES, fixedOption, inErrorPacket, variableOption, dissectCp,
  type CpDef, type OptionContext, type OptionDef, type ParsedOption,
  ouiText,
} from './cp-options.js';
import { PPP, PPP_PROTOCOL_NAMES } from './ppp-protocols.js';
import { asciiString } from './text.js';

export const lcpProto = defineProtocol({
  abbrev: 'lcp', name: 'PPP Link Control Protocol', short: 'PPP LCP',
  blurb: 'Establishes, configures, tests and terminates a PPP link', ref: 'RFC 1661 §5',
});
const f = fieldsOf('lcp');
const o = (suffix: string, name: string, ref: string, blurb: string) => f(`opt.${suffix}`, name, 'bytes', { blurb, ref });

const CHAP_ALGORITHMS: Record<number, string> = { 0: 'Reserved', 1: 'Reserved', 2: 'Reserved', 3: 'Reserved', 4: 'Reserved', 5: 'CHAP with MD5', 6: 'CHAP with SHA-1', 128: 'MS-CHAP', 129: 'MS-CHAP-2' };
const CALLBACK_OPS = {
  0: 'Location is determined by user authentication', 1: 'Message is dialing string', 2: 'Message is location identifier',
  3: 'Message is E.164', 4: 'Message is distinguished name', 5: 'unassigned', 6: 'Location is determined during CBCP negotiation',
};
const EP_CLASSES = {
  0: 'Null', 1: 'Locally assigned address', 2: 'Internet Protocol (IP) address', 3: 'IEEE 802.1 globally assigned MAC address',
  4: 'PPP magic-number block', 5: 'Public switched network directory number',
};
const DCE_MODES = { 1: 'Mode-1 (No Additional Negotiation)', 2: 'Mode-2 (Full PPP Negotiation and State Machine)' };
const ML_HDR_CODES = { 2: 'Long sequence number fragment format with classes', 6: 'Short sequence number fragment format with classes' };
// A few of the IANA character sets (RFC 2484 uses their MIBenum); others show their number.
const CHARSETS = {
  3: 'ANSI_X3.4-1968', 4: 'ISO_8859-1:1987', 5: 'ISO_8859-2:1987', 17: 'Shift_JIS', 38: 'EUC-KR', 39: 'ISO-2022-JP',
  106: 'UTF-8', 109: 'ISO-8859-13', 111: 'ISO-8859-15', 113: 'GBK', 114: 'GB18030', 1000: 'ISO-10646-UCS-2',
  1013: 'UTF-16BE', 1014: 'UTF-16LE', 1015: 'UTF-16', 1017: 'UTF-32', 2025: 'GB2312', 2026: 'Big5', 2084: 'KOI8-R',
  2250: 'windows-1250', 2251: 'windows-1251', 2252: 'windows-1252',
};

const ACCM_NAMES = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1 (XON)', 'DC2', 'DC3 (XOFF)', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'];
const ACCM_ABBREVS = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'lf', 'vt', 'ff', 'cr', 'so', 'si',
  'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us'];

export const hfLcp = {
  opt_type: f('opt.type', 'Type', 'uint8', { blurb: 'Configuration Option type', ref: 'RFC 1661 §6' }),
  opt_length: f('opt.length', 'Length', 'uint8', { blurb: 'Length of the option, type and length bytes included', ref: 'RFC 1661 §6' }),
  opt_oui: f('opt.oui', 'OUI', 'uint24', { blurb: 'Vendor of a Vendor-Specific option', ref: 'RFC 2153 §3' }),
  opt_kind: f('opt.kind', 'Kind', 'uint8', { base: 'dec_hex', blurb: 'Vendor-defined option kind', ref: 'RFC 2153 §3' }),
  opt_data: f('opt.data', 'Data', 'bytes', { blurb: 'Option bytes not otherwise interpreted', ref: 'RFC 1661 §6' }),
  opt_mru: f('opt.mru', 'Maximum Receive Unit', 'uint16', { blurb: 'Largest Information field the sender can receive', ref: 'RFC 1661 §6.1' }),
  opt_asyncmap: f('opt.asyncmap', 'Async Control Character Map', 'uint32', { base: 'hex', blurb: 'Control characters the sender wants escaped on an async link', ref: 'RFC 1662 §7.1' }),
  opt_asyncmap_bits: ACCM_ABBREVS.map((a, i) => f(`opt.asyncmap.${a}`, ACCM_NAMES[i], 'bool', { mask: 2 ** i, bits: 32, blurb: `Whether ${ACCM_NAMES[i]} (0x${i.toString(16).padStart(2, '0')}) must be escaped`, ref: 'RFC 1662 §7.1' })),
  opt_auth_protocol: f('opt.auth_protocol', 'Authentication Protocol', 'uint16', { base: 'hex', vals: PPP_PROTOCOL_NAMES, blurb: 'Protocol the sender requires the peer to authenticate with', ref: 'RFC 1661 §6.2' }),
  opt_algorithm: f('opt.algorithm', 'Algorithm', 'uint8', { vals: CHAP_ALGORITHMS, blurb: 'CHAP algorithm (5 MD5, 128 MS-CHAP, 129 MS-CHAPv2)', ref: 'RFC 1994 §3' }),
  opt_quality_protocol: f('opt.quality_protocol', 'Quality Protocol', 'uint16', { base: 'hex', vals: PPP_PROTOCOL_NAMES, blurb: 'Link-quality monitoring protocol the sender wants', ref: 'RFC 1661 §6.3' }),
  opt_magic_number: f('opt.magic_number', 'Magic Number', 'uint32', { base: 'hex', blurb: 'Random number that detects looped-back links', ref: 'RFC 1661 §6.4' }),
  opt_reporting_period: f('opt.reporting_period', 'Reporting Period', 'uint32', { blurb: 'Maximum time in micro-seconds that the remote end should wait between transmission of LCP Link-Quality-Report packets', ref: 'RFC 1172 §5.6' }),
  opt_fcs_alternatives: f('opt.fcs_alternatives', 'FCS Alternatives', 'uint8', { base: 'hex', blurb: 'Frame check sequences the sender accepts', ref: 'RFC 1570 §2.1' }),
  opt_fcs_null: f('opt.fcs_alternatives.null', 'NULL FCS', 'bool', { mask: 0x01, bits: 8, blurb: 'No FCS', ref: 'RFC 1570 §2.1' }),
  opt_fcs_ccitt16: f('opt.fcs_alternatives.ccitt16', 'CCITT 16-bit', 'bool', { mask: 0x02, bits: 8, blurb: '16-bit FCS', ref: 'RFC 1570 §2.1' }),
  opt_fcs_ccitt32: f('opt.fcs_alternatives.ccitt32', 'CCITT 32-bit', 'bool', { mask: 0x04, bits: 8, blurb: '32-bit FCS', ref: 'RFC 1570 §2.1' }),
  opt_maximum: f('opt.maximum', 'Maximum', 'uint8', { blurb: 'The largest number of padding octets which may be added to the frame.', ref: 'RFC 1570 §2.2' }),
  opt_window: f('opt.window', 'Window', 'uint8', { blurb: 'The number of frames the receiver will buffer.', ref: 'RFC 1663 §3' }),
  opt_hdlc_address: f('opt.hdlc_address', 'Address', 'bytes', { blurb: 'An HDLC Address as specified in ISO 3309.', ref: 'RFC 1663 §3' }),
  opt_operation: f('opt.operation', 'Operation', 'uint8', { vals: CALLBACK_OPS, blurb: 'How the callback location is given', ref: 'RFC 1570 §2.3' }),
  opt_message: f('opt.message', 'Message', 'bytes', { blurb: 'Callback location (dialing string, E.164 number, name)', ref: 'RFC 1570 §2.3' }),
  opt_mrru: f('opt.mrru', 'MRRU', 'uint16', { blurb: 'Maximum Receive Reconstructed Unit', ref: 'RFC 1990 §5.1.1' }),
  opt_ep_disc_class: f('opt.ep_disc_class', 'Class', 'uint8', { vals: EP_CLASSES, blurb: 'Kind of endpoint discriminator address', ref: 'RFC 1990 §5.1.3' }),
  opt_ip_address: f('opt.ip_address', 'IP Address', 'ipv4', { blurb: 'Endpoint discriminator: IP address', ref: 'RFC 1990 §5.1.3' }),
  opt_802_1_address: f('opt.802_1_address', 'IEEE 802.1 Address', 'ether', { blurb: 'Endpoint discriminator: MAC address', ref: 'RFC 1990 §5.1.3' }),
  opt_magic_block: f('opt.magic_block', 'PPP Magic-Number Block', 'bytes', { blurb: 'Endpoint discriminator: block of magic numbers', ref: 'RFC 1990 §5.1.3' }),
  opt_psndn: f('opt.psndn', 'Public Switched Network Directory Number', 'bytes', { blurb: 'Endpoint discriminator: telephone number', ref: 'RFC 1990 §5.1.3' }),
  opt_mode: f('opt.mode', 'Mode', 'uint8', { vals: DCE_MODES, blurb: 'DCE Identifier mode', ref: 'RFC 1976 §2' }),
  opt_unused: f('opt.unused', 'Unused', 'bytes', { blurb: 'Multilink Plus Procedure: unused bytes', ref: 'RFC 1934' }),
  opt_link_discrim: f('opt.link_discrim', 'Link Discriminator', 'uint16', { base: 'dec_hex', blurb: 'Identifies the link to BAP', ref: 'RFC 2125 §4' }),
  opt_id: f('opt.id', 'Identification', 'bytes', { blurb: 'Authentication option identification (length-prefixed)', ref: 'draft-ietf-pppext-link-negot' }),
  opt_flags: f('opt.flags', 'Flags', 'uint8', { base: 'hex', blurb: 'COBS flags', ref: 'draft-ietf-pppext-cobs' }),
  opt_flags_reserved: f('opt.flags.reserved', 'Reserved', 'uint8', { base: 'hex', mask: 0xfc, blurb: 'Reserved COBS flag bits', ref: 'draft-ietf-pppext-cobs' }),
  opt_flags_pre: f('opt.flags.pre', 'PRE', 'bool', { mask: 0x02, bits: 8, blurb: 'Preemption', ref: 'draft-ietf-pppext-cobs' }),
  opt_flags_zxe: f('opt.flags.zxe', 'ZXE', 'bool', { mask: 0x01, bits: 8, blurb: 'Zero pair/run elimination', ref: 'draft-ietf-pppext-cobs' }),
  opt_class: f('opt.class', 'Class', 'uint8', { blurb: 'Prefix elision class', ref: 'RFC 2686 §4.1' }),
  opt_prefix: f('opt.prefix', 'Prefix', 'bytes', { blurb: 'Prefix elided for the class (length-prefixed)', ref: 'RFC 2686 §4.1' }),
  opt_code: f('opt.code', 'Code', 'uint8', { vals: ML_HDR_CODES, blurb: 'Multilink header format', ref: 'RFC 2686 §4.2' }),
  opt_max_susp_classes: f('opt.max_susp_classes', 'Max suspendable classes', 'uint8', { blurb: 'Number of suspendable classes', ref: 'RFC 2686 §4.2' }),
  opt_mibenum: f('opt.MIBenum', 'MIBenum', 'uint32', { vals: CHARSETS, blurb: 'A unique integer value identifying a charset', ref: 'RFC 2484 §2' }),
  opt_language_tag: f('opt.language_tag', 'Language-Tag', 'string', { blurb: 'Language of text the sender sends', ref: 'RFC 2484 §2' }),
};

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Type and length of a simple option are all it has. */
const simple = (x: OptionContext) => fixedOption(x, 2) !== null;

function vendor(x: OptionContext): void {
  const t = variableOption(x, 6);
  if (!t) return;
  t.add(hfLcp.opt_oui, x.tvb, 2, 3, x.tvb.u24(2), t.on ? `OUI: ${ouiText(x.tvb.u24(2))}` : undefined);
  t.add(hfLcp.opt_kind, x.tvb, 5, 1);
  if (x.len > 6) t.add(hfLcp.opt_data, x.tvb, 6, x.len - 6);
}

function mru(x: OptionContext): number | undefined {
  const t = fixedOption(x, 4);
  if (!t) return undefined;
  const v = x.tvb.u16(2);
  t.add(hfLcp.opt_mru, x.tvb, 2, 2, v);
  t.appendText(`: ${v}`);
  return v;
}

function asyncMap(x: OptionContext): number | undefined {
  const t = fixedOption(x, 6);
  if (!t) return undefined;
  const map = x.tvb.u32(2);
  t.appendText(`: 0x${map.toString(16).padStart(8, '0')}`);
  const m = t.add(hfLcp.opt_asyncmap, x.tvb, 2, 4, map, t.on ? `Async Control Character Map: 0x${map.toString(16).padStart(8, '0')}` : undefined);
  let set = '';
  for (let i = 31; i >= 0; i--) {
    const on = (map & (2 ** i)) !== 0;
    m.add(hfLcp.opt_asyncmap_bits[i], x.tvb, 2, 4, on);
    if (on) set += `, ${ACCM_NAMES[i]}`;
  }
  m.appendText(set);
  if (map === 0) {
    t.appendText(' (None)');
    m.appendText(' (None)');
  } else if (map === 0xffffffff) {
    t.appendText(' (All)');
    m.appendText(' (All)');
  } else {
    // Wireshark lists the characters without an opening parenthesis and closes one; kept so the line reads the same.
    const chars: string[] = [];
    for (let i = 31; i >= 0; i--) if (map & (2 ** i)) chars.push(ACCM_NAMES[i]);
    t.appendText(`${chars.join(', ')})`);
  }
  return map;
}

export interface AuthOption {
  protocol: number;
  algorithm: number | null;
}

function authProtocol(x: OptionContext): AuthOption | undefined {
  const t = variableOption(x, 4);
  if (!t) return undefined;
  const protocol = x.tvb.u16(2);
  t.add(hfLcp.opt_auth_protocol, x.tvb, 2, 2, protocol);
  t.appendText(`: ${PPP_PROTOCOL_NAMES.get(protocol) ?? 'Unknown'} (0x${protocol.toString(16).padStart(2, '0')})`);
  let algorithm: number | null = null;
  if (x.len > 4) {
    if (protocol === PPP.CHAP) {
      algorithm = x.tvb.u8(4);
      t.add(hfLcp.opt_algorithm, x.tvb, 4, 1, algorithm);
      if (x.len > 5) t.add(hfLcp.opt_data, x.tvb, 5, x.len - 5);
    } else {
      t.add(hfLcp.opt_data, x.tvb, 4, x.len - 4);
    }
  }
  return { protocol, algorithm };
}

function qualityProtocol(x: OptionContext): void {
  const t = variableOption(x, 4);
  if (!t) return;
  const protocol = x.tvb.u16(2);
  t.add(hfLcp.opt_quality_protocol, x.tvb, 2, 2, protocol);
  t.appendText(`: ${PPP_PROTOCOL_NAMES.get(protocol) ?? 'Unknown'} (0x${protocol.toString(16).padStart(2, '0')})`);
  // Wireshark 4.0 gives this Data item a length 8 bytes too long (and then stops on the bounds); the real length is used here.
  if (x.len > 4) t.add(hfLcp.opt_data, x.tvb, 4, x.len - 4);
}

function magicNumber(x: OptionContext): number | undefined {
  const t = fixedOption(x, 6);
  if (!t) return undefined;
  const v = x.tvb.u32(2);
  t.add(hfLcp.opt_magic_number, x.tvb, 2, 4, v);
  t.appendText(`: 0x${v.toString(16).padStart(8, '0')}`);
  return v;
}

function linkQualityMonitoring(x: OptionContext): void {
  const t = fixedOption(x, 6);
  if (!t) return;
  const v = x.tvb.u32(2);
  const illegal = v === 0 ? ' [illegal]' : '';
  t.add(hfLcp.opt_reporting_period, x.tvb, 2, 4, v, t.on ? `Reporting Period: ${v} ${plural(v, 'microsecond', 'microseconds')}${illegal}` : undefined);
  t.appendText(`: ${v} ${plural(v, 'microsecond', 'microseconds')}${illegal}`);
}

function fcsAlternatives(x: OptionContext): void {
  const t = fixedOption(x, 3);
  if (!t) return;
  const v = x.tvb.u8(2);
  const m = t.add(hfLcp.opt_fcs_alternatives, x.tvb, 2, 1, v, t.on ? `FCS Alternatives: 0x${v.toString(16).padStart(2, '0')}` : undefined);
  let set = '';
  for (const b of [hfLcp.opt_fcs_ccitt32, hfLcp.opt_fcs_ccitt16, hfLcp.opt_fcs_null]) {
    m.add(b, x.tvb, 2, 1, (v & b.mask) !== 0);
    if (v & b.mask) set += `, ${b.name}`;
  }
  m.appendText(set);
  t.appendText(`: 0x${v.toString(16).padStart(2, '0')}`);
}

function selfDescribingPad(x: OptionContext): void {
  const t = fixedOption(x, 3);
  if (!t) return;
  const v = x.tvb.u8(2);
  const invalid = v === 0 ? ' [invalid]' : '';
  t.add(hfLcp.opt_maximum, x.tvb, 2, 1, v, t.on ? `Maximum: ${v} ${plural(v, 'octet', 'octets')}${invalid}` : undefined);
  t.appendText(`: ${v} ${plural(v, 'octet', 'octets')}${invalid}`);
}

function numberedMode(x: OptionContext): void {
  const t = variableOption(x, 3);
  if (!t) return;
  const v = x.tvb.u8(2);
  const invalid = v === 0 || v > 127 ? ' [invalid]' : '';
  t.add(hfLcp.opt_window, x.tvb, 2, 1, v, t.on ? `Window: ${v} ${plural(v, 'frame', 'frames')}${invalid}` : undefined);
  t.appendText(`: ${v} ${plural(v, 'frame', 'frames')}${invalid}`);
  if (x.len > 3) t.add(hfLcp.opt_hdlc_address, x.tvb, 3, x.len - 3);
}

function callback(x: OptionContext): void {
  const t = variableOption(x, 3);
  if (!t) return;
  const op = x.tvb.u8(2);
  t.add(hfLcp.opt_operation, x.tvb, 2, 1, op);
  t.appendText(`: ${hfLcp.opt_operation.vals?.get(op) ?? 'Unknown'}`);
  if (x.len > 3) t.add(hfLcp.opt_message, x.tvb, 3, x.len - 3);
}

function mrru(x: OptionContext): void {
  const t = fixedOption(x, 4);
  if (!t) return;
  const v = x.tvb.u16(2);
  t.add(hfLcp.opt_mrru, x.tvb, 2, 2, v);
  t.appendText(`: ${v}`);
}

function endpointDiscriminator(x: OptionContext): void {
  const t = variableOption(x, 3);
  if (!t) return;
  const cls = x.tvb.u8(2);
  t.add(hfLcp.opt_ep_disc_class, x.tvb, 2, 1, cls);
  t.appendText(`: Class: ${hfLcp.opt_ep_disc_class.vals?.get(cls) ?? 'Unknown'}`);
  if (x.len <= 3) return;
  const len = x.len - 3;
  const off = 3;
  switch (cls) {
    case 0: break;
    case 1: t.add(hfLcp.opt_data, x.tvb, off, Math.min(len, 20)); break;
    case 2: t.add(len >= 4 ? hfLcp.opt_ip_address : hfLcp.opt_data, x.tvb, off, len >= 4 ? 4 : len); break;
    case 3: t.add(len >= 6 ? hfLcp.opt_802_1_address : hfLcp.opt_data, x.tvb, off, len >= 6 ? 6 : len); break;
    case 4:
      if (len % 4) {
        t.add(hfLcp.opt_data, x.tvb, off, len);
      } else {
        const b = t.add(hfLcp.opt_magic_block, x.tvb, off, Math.min(len, 20));
        for (let k = 0; k + 4 <= len; k += 4) b.add(hfLcp.opt_magic_number, x.tvb, off + k, 4);
      }
      break;
    case 5: t.add(hfLcp.opt_psndn, x.tvb, off, Math.min(len, 15)); break;
    default: t.add(hfLcp.opt_data, x.tvb, off, len); break;
  }
}

function dceIdentifier(x: OptionContext): void {
  const t = fixedOption(x, 3);
  if (!t) return;
  const v = x.tvb.u8(2);
  t.add(hfLcp.opt_mode, x.tvb, 2, 1, v);
  t.appendText(`: ${hfLcp.opt_mode.vals?.get(v) ?? 'Unknown'}`);
}

function multilinkPlus(x: OptionContext): void {
  const t = fixedOption(x, 4);
  if (t) t.add(hfLcp.opt_unused, x.tvb, 2, 2);
}

function linkDiscriminator(x: OptionContext): void {
  const t = fixedOption(x, 4);
  if (!t) return;
  const v = x.tvb.u16(2);
  t.add(hfLcp.opt_link_discrim, x.tvb, 2, 2, v);
  t.appendText(`: ${v} (0x${v.toString(16).padStart(4, '0')})`);
}

/** A length-prefixed byte string (Wireshark's FT_UINT_BYTES): returns the bytes it took. */
function lengthPrefixed(t: Tree, hf: typeof hfLcp.opt_id, tvb: Tvb, off: number): number {
  const n = tvb.u8(off);
  t.add(hf, tvb, off, 1 + n, t.wants(hf) ? tvb.copy(off + 1, n) : null);
  return 1 + n;
}

function authenticationOption(x: OptionContext): void {
  const t = variableOption(x, 3);
  if (!t) return;
  const used = lengthPrefixed(t, hfLcp.opt_id, x.tvb, 2);
  const rest = x.len - 2;
  if (used < rest) t.add(hfLcp.opt_data, x.tvb, 2 + used, rest - used);
}

function cobs(x: OptionContext): void {
  const t = fixedOption(x, 3);
  if (!t) return;
  const v = x.tvb.u8(2);
  const m = t.add(hfLcp.opt_flags, x.tvb, 2, 1, v, t.on ? `Flags: 0x${v.toString(16).padStart(2, '0')}` : undefined);
  m.add(hfLcp.opt_flags_reserved, x.tvb, 2, 1, (v & 0xfc) >> 2);
  m.add(hfLcp.opt_flags_pre, x.tvb, 2, 1, (v & 2) !== 0);
  m.add(hfLcp.opt_flags_zxe, x.tvb, 2, 1, (v & 1) !== 0);
  m.appendText(`${v & 2 ? ', PRE' : ''}${v & 1 ? ', ZXE' : ''}`);
}

function prefixElision(x: OptionContext): void {
  const t = variableOption(x, 2);
  if (!t) return;
  let off = 2;
  let len = x.len - 2;
  while (len >= 2) {
    t.add(hfLcp.opt_class, x.tvb, off, 1);
    const n = x.tvb.u8(off + 1);
    if (n + 2 > len) break;
    lengthPrefixed(t, hfLcp.opt_prefix, x.tvb, off + 1);
    off += 2 + n;
    len -= 2 + n;
  }
}

function multilinkHeaderFormat(x: OptionContext): void {
  const t = fixedOption(x, 4);
  if (!t) return;
  t.add(hfLcp.opt_code, x.tvb, 2, 1);
  t.add(hfLcp.opt_max_susp_classes, x.tvb, 3, 1);
}

function internationalization(x: OptionContext): void {
  const t = variableOption(x, 7);
  if (!t) return;
  t.add(hfLcp.opt_mibenum, x.tvb, 2, 4);
  t.add(hfLcp.opt_language_tag, x.tvb, 6, x.len - 6, asciiString(x.tvb.bytes(6, x.len - 6)));
}

const opt = (name: string, field: ReturnType<typeof o>, dissect: (x: OptionContext) => unknown): OptionDef => ({ name, field, dissect });
const LCP_OPTIONS = new Map<number, OptionDef>([
  [0, opt('Vendor Specific', o('vendor', 'Vendor Specific', 'RFC 2153 §3', 'Vendor-Specific option'), vendor)],
  [1, opt('Maximum Receive Unit', o('mtu_bytes', 'Maximum Receive Unit', 'RFC 1661 §6.1', 'Maximum-Receive-Unit option'), mru)],
  [2, opt('Async Control Character Map', o('asyncmap_bytes', 'Async Control Character Map', 'RFC 1662 §7.1', 'Async-Control-Character-Map option'), asyncMap)],
  [3, opt('Authentication Protocol', o('auth_protocol_bytes', 'Authentication Protocol', 'RFC 1661 §6.2', 'Authentication-Protocol option'), authProtocol)],
  [4, opt('Quality Protocol', o('quality_protocol_bytes', 'Quality Protocol', 'RFC 1661 §6.3', 'Quality-Protocol option'), qualityProtocol)],
  [5, opt('Magic Number', o('magic_number_bytes', 'Magic Number', 'RFC 1661 §6.4', 'Magic-Number option'), magicNumber)],
  [6, opt('Link Quality Monitoring', o('linkqualmon', 'Link Quality Monitoring', 'RFC 1172 §5.6', 'Link Quality Monitoring option (deprecated)'), linkQualityMonitoring)],
  [7, opt('Protocol Field Compression', o('field_compress', 'Protocol Field Compression', 'RFC 1661 §6.5', 'Protocol-Field-Compression option'), simple)],
  [8, opt('Address and Control Field Compression', o('addr_field_compress', 'Address and Control Field Compression', 'RFC 1661 §6.6', 'Address-and-Control-Field-Compression option'), simple)],
  [9, opt('FCS Alternatives', o('fcs_alternatives_bytes', 'FCS Alternatives', 'RFC 1570 §2.1', 'FCS-Alternatives option'), fcsAlternatives)],
  [10, opt('Self Describing Pad', o('self_desc_pad', 'Self Describing Pad', 'RFC 1570 §2.2', 'Self-Describing-Padding option'), selfDescribingPad)],
  [11, opt('Numbered Mode', o('numbered_mode', 'Numbered Mode', 'RFC 1663 §3', 'Numbered-Mode option'), numberedMode)],
  [13, opt('Callback', o('callback', 'Callback', 'RFC 1570 §2.3', 'Callback option'), callback)],
  [15, opt('Compound Frames (Deprecated)', o('compound_frames', 'Compound Frames (Deprecated)', 'RFC 1570 §2.4', 'Compound-Frames option (deprecated)'), simple)],
  [16, opt('Nominal Data Encapsulation (Deprecated)', o('nomdataencap', 'Nominal Data Encapsulation (Deprecated)', 'draft-ietf-pppext-dataencap', 'Nominal-Data-Encapsulation option (deprecated)'), simple)],
  [17, opt('Multilink MRRU', o('multilink_mrru', 'Multilink MRRU', 'RFC 1990 §5.1.1', 'Multilink MRRU option'), mrru)],
  [18, opt('Multilink Short Sequence Number Header', o('multilink_ssnh', 'Multilink Short Sequence Number Header', 'RFC 1990 §5.1.2', 'Multilink Short-Sequence-Number-Header option'), simple)],
  [19, opt('Multilink Endpoint Discriminator', o('multilink_ep_disc', 'Multilink Endpoint Discriminator', 'RFC 1990 §5.1.3', 'Multilink Endpoint-Discriminator option'), endpointDiscriminator)],
  [21, opt('DCE Identifier', o('dce_identifier', 'DCE Identifier', 'RFC 1976 §2', 'DCE-Identifier option'), dceIdentifier)],
  [22, opt('Multi Link Plus Procedure', o('multilink_pp', 'Multi Link Plus Procedure', 'RFC 1934', 'Multilink-Plus-Procedure option'), multilinkPlus)],
  [23, opt('Link Discriminator for BACP', o('link_discrim_bytes', 'Link Discriminator for BACP', 'RFC 2125 §4', 'Link-Discriminator option'), linkDiscriminator)],
  [24, opt('Authentication Option', o('auth', 'Authentication Option', 'draft-ietf-pppext-link-negot', 'LCP Authentication option'), authenticationOption)],
  [25, opt('Consistent Overhead Byte Stuffing (COBS)', o('cobs', 'Consistent Overhead Byte Stuffing (COBS)', 'draft-ietf-pppext-cobs', 'COBS option'), cobs)],
  [26, opt('Prefix Elision', o('prefix_elision', 'Prefix Elision', 'RFC 2686 §4.1', 'Prefix-Elision option'), prefixElision)],
  [27, opt('Multilink header format', o('multilink_hdr_fmt', 'Multilink header format', 'RFC 2686 §4.2', 'Multilink-Header-Format option'), multilinkHeaderFormat)],
  [28, opt('Internationalization', o('internationalization', 'Internationalization', 'RFC 2484 §2', 'Internationalization option'), internationalization)],
  [29, opt('Simple Data Link on SONET/SDH', o('sonet_sdh', 'Simple Data Link on SONET/SDH', 'RFC 2823 §3', 'Simple Data Link option'), simple)],
]);

export const LCP: CpDef = { proto: lcpProto, codes: LCP_CODE_NAMES, options: LCP_OPTIONS, hfType: hfLcp.opt_type, hfLength: hfLcp.opt_length };

const AUTH_NAMES: Record<number, string> = { [PPP.PAP]: 'PAP', [PPP.CHAP]: 'CHAP', [PPP.EAP]: 'EAP' };
function authName(a: AuthOption): string {
  if (a.protocol === PPP.CHAP && a.algorithm !== null) return CHAP_ALGORITHMS[a.algorithm] ?? `CHAP (algorithm ${a.algorithm})`;
  return AUTH_NAMES[a.protocol] ?? PPP_PROTOCOL_NAMES.get(a.protocol) ?? `protocol 0x${a.protocol.toString(16)}`;
}

function authOf(options: ParsedOption[]): AuthOption | undefined {
  const p = options.find((x) => x.type === 3 && x.value);
  return p?.value as AuthOption | undefined;
}

/** The negotiation outcome LCP tells: agreed authentication, a refused or downgraded one, termination. */
function followNegotiation(pkt: Packet, code: number, options: ParsedOption[], t: Tree, data: unknown): void {
  const link = linkFor(pkt, linkKeyFor(pkt, data));
  const auth = authOf(options);
  switch (code) {
    case CP_CODE.CONFACK:
      if (auth) {
        link.auth = auth.protocol === PPP.PAP ? 'PAP' : auth.protocol === PPP.CHAP ? 'CHAP' : auth.protocol === PPP.EAP ? 'EAP' : 'other';
        link.chapAlgorithm = auth.protocol === PPP.CHAP ? auth.algorithm : null;
      }
      break;
    case CP_CODE.CONFNAK:
      if (!auth) break;
      if (auth.protocol === PPP.PAP) {
        pkt.engine.expert(pkt, t, 'warn', 'security', 'lcp.auth_downgrade',
          'Authentication downgrade: the peer refuses the requested authentication and asks for PAP, which sends the password in clear');
      } else {
        pkt.engine.expert(pkt, t, 'note', 'security', 'lcp.auth_nak', `The peer asks for a different authentication protocol: ${authName(auth)}`);
      }
      break;
    case CP_CODE.CONFREJ:
      if (auth) {
        pkt.engine.expert(pkt, t, 'warn', 'security', 'lcp.auth_refused',
          `The peer rejects authentication (${authName(auth)}): the link would come up without authenticating it`);
      }
      break;
    case CP_CODE.TERMREQ:
    case CP_CODE.TERMACK:
      link.lcpTerminated = true;
      break;
    default:
      break;
  }
}

export function dissectLcp(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const r = dissectCp(tvb, pkt, tree, LCP, data);
  if (!inErrorPacket(data)) followNegotiation(pkt, r.code, r.options, r.tree, data);
  return tvb.length;
}

register('ppp.protocol', PPP.LCP, 'lcp', dissectLcp);
