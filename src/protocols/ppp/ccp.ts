/**
 * CCP, the Compression Control Protocol (RFC 1962), with the options of the compressors it can
 * agree: Microsoft Point-to-Point Compression and Encryption (MPPC RFC 2118, MPPE RFC 3078),
 * Stac LZS (RFC 1974), BSD Compress (RFC 1977), Deflate (RFC 1979) and others.
 *
 * On a PPTP link CCP is where encryption is agreed: the MPPE option's Supported Bits in the
 * Configure-Ack decide the key length. They go on the link record; an agreement on 40- or 56-bit
 * keys, or on MPPC compression without encryption, is reported.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { MPPE_BITS, linkFor, linkKeyFor, mppeKeyBits } from '../../sessions/ppp-negotiation.js';
import {
  CCP_CODE_NAMES, CP_CODE, anyOption, bitPicture, dissectCp, fixedOption, inErrorPacket, variableOption,
  type CpDef, type OptionContext, type OptionDef,
  ouiText,
} from './cp-options.js';
import { PPP } from './ppp-protocols.js';

export const ccpProto = defineProtocol({
  abbrev: 'ccp', name: 'PPP Compression Control Protocol', short: 'PPP CCP',
  blurb: 'Agrees the compression (and, with MPPE, encryption) used on a PPP link', ref: 'RFC 1962',
});
const f = fieldsOf('ccp');
const MPPE_REF = 'RFC 3078 §2.1';
export const hfCcp = {
  opt_type: f('opt.type', 'Type', 'uint8', { blurb: 'Configuration Option type', ref: 'RFC 1962 §4' }),
  opt_length: f('opt.length', 'Length', 'uint8', { blurb: 'Length of the option, type and length bytes included', ref: 'RFC 1962 §4' }),
  opt_oui: f('opt.oui', 'OUI', 'uint24', { blurb: 'Vendor of a proprietary compressor', ref: 'RFC 1962 §4.1' }),
  opt_subtype: f('opt.subtype', 'Subtype', 'uint8', { base: 'dec_hex', blurb: 'Vendor-defined compressor', ref: 'RFC 1962 §4.1' }),
  opt_history_count: f('opt.history_count', 'History Count', 'uint16', { blurb: 'The maximum number of compression histories', ref: 'RFC 1974 §2' }),
  opt_cm: f('opt.cm', 'Check Mode Field', 'uint8', { blurb: 'Stac LZS check mode byte', ref: 'RFC 1974 §2' }),
  opt_cm_reserved: f('opt.cm.reserved', 'Reserved', 'uint8', { mask: 0xf8, blurb: 'Reserved bits of the check mode byte', ref: 'RFC 1974 §2' }),
  opt_cm_check_mode: f('opt.cm.check_mode', 'Check Mode', 'uint8', { mask: 0x07, vals: { 0: 'None', 1: 'LCB', 2: 'CRC', 3: 'Sequence Number', 4: 'Extended Mode' }, blurb: 'How corrupt Stac LZS frames are detected', ref: 'RFC 1974 §2' }),
  opt_supported_bits: f('opt.supported_bits', 'Supported Bits', 'uint32', { base: 'hex', blurb: 'MPPC/MPPE capabilities offered or agreed', ref: MPPE_REF }),
  opt_supported_bits_h: f('opt.supported_bits.h', 'H', 'bool', { mask: MPPE_BITS.H, bits: 32, tf: ['Stateless mode ON', 'Stateless mode OFF'], blurb: 'Stateless mode: a new key for every packet', ref: MPPE_REF }),
  opt_supported_bits_m: f('opt.supported_bits.m', 'M', 'bool', { mask: MPPE_BITS.M, bits: 32, tf: ['56-bit encryption ON', '56-bit encryption OFF'], blurb: 'MPPE with 56-bit keys', ref: MPPE_REF }),
  opt_supported_bits_s: f('opt.supported_bits.s', 'S', 'bool', { mask: MPPE_BITS.S, bits: 32, tf: ['128-bit encryption ON', '128-bit encryption OFF'], blurb: 'MPPE with 128-bit keys', ref: MPPE_REF }),
  opt_supported_bits_l: f('opt.supported_bits.l', 'L', 'bool', { mask: MPPE_BITS.L, bits: 32, tf: ['40-bit encryption ON', '40-bit encryption OFF'], blurb: 'MPPE with 40-bit keys', ref: MPPE_REF }),
  opt_supported_bits_d: f('opt.supported_bits.d', 'D', 'bool', { mask: MPPE_BITS.D, bits: 32, tf: ['Obsolete (should NOT be 1)', 'Obsolete (should ALWAYS be 0)'], blurb: 'Obsolete bit', ref: MPPE_REF }),
  opt_supported_bits_c: f('opt.supported_bits.c', 'C', 'bool', { mask: MPPE_BITS.C, bits: 32, tf: ['Desire to negotiate MPPC', 'No desire to negotiate MPPC'], blurb: 'MPPC compression', ref: 'RFC 2118 §2' }),
  opt_history: f('opt.history', 'History', 'uint8', { blurb: 'Maximum size of the compression history in powers of 2', ref: 'RFC 1993 §2' }),
  opt_version: f('opt.version', 'Version', 'bytes', { blurb: 'Gandalf FZA version', ref: 'RFC 1993 §2' }),
  opt_vd: f('opt.vd', 'Vers/Dict', 'uint8', { base: 'hex', blurb: 'BSD Compress version and dictionary size', ref: 'RFC 1977 §2.1' }),
  opt_vd_vers: f('opt.vd.vers', 'Vers', 'uint8', { mask: 0xe0, blurb: 'BSD Compress version', ref: 'RFC 1977 §2.1' }),
  opt_vd_dict: f('opt.vd.dict', 'Dict', 'uint8', { mask: 0x1f, blurb: 'The size in bits of the largest code used', ref: 'RFC 1977 §2.1' }),
  opt_check_mode: f('opt.check_mode', 'Check Mode', 'uint8', { vals: { 0: 'None', 1: 'LCB', 2: 'Sequence Number', 3: 'Sequence Number + LCB (default)' }, blurb: 'LZS-DCP check mode', ref: 'RFC 1967 §2' }),
  opt_process_mode: f('opt.process_mode', 'Process Mode', 'uint8', { vals: { 0: 'None (default)', 1: 'Process-Uncompressed' }, blurb: 'LZS-DCP process mode', ref: 'RFC 1967 §2' }),
  opt_fe: f('opt.fe', 'Features', 'uint8', { mask: 0xc0, blurb: 'Magnalink features', ref: 'RFC 1975 §2' }),
  opt_p: f('opt.p', 'Packet by Packet flag', 'bool', { mask: 0x20, bits: 8, tf: ['Enabled', 'Disabled'], blurb: 'Magnalink packet-by-packet mode', ref: 'RFC 1975 §2' }),
  opt_History: f('opt.History', 'History', 'uint8', { mask: 0x1f, blurb: 'Magnalink history size', ref: 'RFC 1975 §2' }),
  opt_contexts: f('opt.contexts', '# Contexts', 'uint8', { blurb: 'Magnalink compression contexts', ref: 'RFC 1975 §2' }),
  opt_mode: f('opt.mode', 'Mode', 'uint8', { vals: { 1: 'No Additional Negotiation', 2: 'Full PPP Negotiation and State Machine' }, blurb: 'DCE compression mode', ref: 'RFC 1976 §2' }),
  opt_window: f('opt.window', 'Window', 'uint8', { mask: 0xf0, blurb: 'Deflate window size (2^(value+8) bytes)', ref: 'RFC 1979 §2' }),
  opt_method: f('opt.method', 'Method', 'uint8', { mask: 0x0f, vals: { 8: 'zlib compression' }, blurb: 'Deflate compression method', ref: 'RFC 1979 §2' }),
  opt_mbz: f('opt.mbz', 'MBZ', 'uint8', { mask: 0xfc, blurb: 'Must be zero', ref: 'RFC 1979 §2' }),
  opt_chk: f('opt.chk', 'Chk', 'uint8', { mask: 0x03, vals: { 0: 'sequence number check method' }, blurb: 'Deflate check method', ref: 'RFC 1979 §2' }),
  opt_mode_dictcount: f('opt.mode_dictcount', 'Mode/Dictionary Count', 'uint16', { blurb: 'V.44/LZJH mode or number of dictionaries', ref: 'draft-heath-ppp-v44' }),
  opt_dict_size: f('opt.dict_size', 'Dictionary Size', 'uint16', { blurb: 'V.44/LZJH dictionary size', ref: 'draft-heath-ppp-v44' }),
  opt_history_length: f('opt.history_length', 'History Length', 'uint16', { blurb: 'V.44/LZJH history length', ref: 'draft-heath-ppp-v44' }),
  opt_data: f('opt.data', 'Data', 'bytes', { blurb: 'Option bytes not otherwise interpreted', ref: 'RFC 1962 §4' }),
};

function masked(t: Tree, hf: typeof hfCcp.opt_fe, tvb: Tvb, off: number): void {
  const b = tvb.u8(off);
  t.add(hf, tvb, off, 1, (b & hf.mask) >>> hf.shift);
}

function oui(x: OptionContext): void {
  const t = variableOption(x, 6);
  if (!t) return;
  t.add(hfCcp.opt_oui, x.tvb, 2, 3, x.tvb.u24(2), t.on ? `OUI: ${ouiText(x.tvb.u24(2))}` : undefined);
  t.add(hfCcp.opt_subtype, x.tvb, 5, 1);
  if (x.len > 6) t.add(hfCcp.opt_data, x.tvb, 6, x.len - 6);
}

/** Compressors known by name only: type, length, then their bytes. */
function other(x: OptionContext): void {
  const t = anyOption(x);
  if (x.len > 2) t.add(hfCcp.opt_data, x.tvb, 2, x.len - 2);
}

const STAC_ASCEND = 'Stac Electronics LZS (Ascend Proprietary version)';
function stac(x: OptionContext): void {
  // RFC 1974 gives the option 5 bytes; Ascend's proprietary variant has 6.
  const t = variableOption(x.len === 6 ? { ...x, name: STAC_ASCEND, field: stacAscendField } : x, 5);
  if (!t) return;
  if (x.len === 6) {
    t.add(hfCcp.opt_data, x.tvb, 2, x.len - 2);
    return;
  }
  t.add(hfCcp.opt_history_count, x.tvb, 2, 2);
  const cm = x.tvb.u8(4);
  const m = t.add(hfCcp.opt_cm, x.tvb, 4, 1, cm, t.on ? `Check Mode Field: ${cm}, Check Mode: ${hfCcp.opt_cm_check_mode.vals?.get(cm & 7) ?? 'Unknown'}` : undefined);
  m.add(hfCcp.opt_cm_reserved, x.tvb, 4, 1, cm >> 3);
  m.add(hfCcp.opt_cm_check_mode, x.tvb, 4, 1, cm & 7);
}

export interface MppeOption {
  bits: number;
}

const MPPE_FLAGS: Array<[keyof typeof MPPE_BITS, typeof hfCcp.opt_supported_bits_h]> = [
  ['H', hfCcp.opt_supported_bits_h], ['M', hfCcp.opt_supported_bits_m], ['S', hfCcp.opt_supported_bits_s],
  ['L', hfCcp.opt_supported_bits_l], ['D', hfCcp.opt_supported_bits_d], ['C', hfCcp.opt_supported_bits_c],
];

function mppe(x: OptionContext): MppeOption | undefined {
  const t = fixedOption(x, 6);
  if (!t) return undefined;
  const bits = x.tvb.u32(2);
  const set = MPPE_FLAGS.filter(([k]) => bits & MPPE_BITS[k]).map(([k]) => `, ${k}`).join('');
  const m = t.add(hfCcp.opt_supported_bits, x.tvb, 2, 4, bits, t.on ? `Supported Bits: 0x${bits.toString(16).padStart(8, '0')}${set}` : undefined);
  for (const [k, hf] of MPPE_FLAGS) m.add(hf, x.tvb, 2, 4, (bits & MPPE_BITS[k]) !== 0);
  return { bits };
}

function gfza(x: OptionContext): void {
  const t = variableOption(x, 3);
  if (!t) return;
  t.add(hfCcp.opt_history, x.tvb, 2, 1);
  if (x.len > 3) t.add(hfCcp.opt_version, x.tvb, 3, x.len - 3);
}

function bsdCompress(x: OptionContext): void {
  const t = fixedOption(x, 3);
  if (!t) return;
  const v = x.tvb.u8(2);
  const m = t.add(hfCcp.opt_vd, x.tvb, 2, 1, v, t.on ? `Vers/Dict: 0x${v.toString(16).padStart(2, '0')}` : undefined);
  masked(m, hfCcp.opt_vd_vers, x.tvb, 2);
  masked(m, hfCcp.opt_vd_dict, x.tvb, 2);
}

function lzsDcp(x: OptionContext): void {
  const t = fixedOption(x, 6);
  if (!t) return;
  t.add(hfCcp.opt_history_count, x.tvb, 2, 2);
  t.add(hfCcp.opt_check_mode, x.tvb, 4, 1);
  t.add(hfCcp.opt_process_mode, x.tvb, 5, 1);
}

function mvrca(x: OptionContext): void {
  const t = fixedOption(x, 4);
  if (!t) return;
  masked(t, hfCcp.opt_fe, x.tvb, 2);
  t.add(hfCcp.opt_p, x.tvb, 2, 1, (x.tvb.u8(2) & 0x20) !== 0);
  masked(t, hfCcp.opt_History, x.tvb, 2);
  t.add(hfCcp.opt_contexts, x.tvb, 3, 1);
}

function dce(x: OptionContext): void {
  const t = fixedOption(x, 3);
  if (t) t.add(hfCcp.opt_mode, x.tvb, 2, 1);
}

function deflate(x: OptionContext): void {
  // RFC 1979 says 3 bytes, but every implementation sends 4 (the check method byte).
  const t = fixedOption(x, 4);
  if (!t) return;
  const w = x.tvb.u8(2);
  t.add(hfCcp.opt_window, x.tvb, 2, 1, w >> 4, t.on ? `${bitPicture(w, 0xf0, 8)} = Window: ${2 ** ((w >> 4) + 8)}` : undefined);
  masked(t, hfCcp.opt_method, x.tvb, 2);
  masked(t, hfCcp.opt_mbz, x.tvb, 3);
  masked(t, hfCcp.opt_chk, x.tvb, 3);
}

function v44lzjh(x: OptionContext): void {
  const t = variableOption(x, 4);
  if (!t) return;
  const mode = x.tvb.u16(2);
  const modeName = mode === 0 ? 'Datagram Mode (one dictionary and no history)' : mode === 1 ? 'Multi-Datagram Mode (one dictionary with history)' : 'Individual Link Mode';
  t.add(hfCcp.opt_mode_dictcount, x.tvb, 2, 2, mode, t.on ? `Mode/Dictionary Count: ${modeName} (${mode})` : undefined);
  if (x.len > 4) {
    t.add(hfCcp.opt_dict_size, x.tvb, 4, 2);
    if (x.len > 6) t.add(hfCcp.opt_history_length, x.tvb, 6, 2);
  }
}

const o = (suffix: string, name: string, ref: string) => f(`opt${suffix}`, name, 'bytes', { blurb: `${name} option`, ref });
// The Ascend Stac variant is its own option "protocol" in Wireshark; its item uses that field.
const stacAscendField = o('.stac_ascend', STAC_ASCEND, 'RFC 1974 §2');
const opt = (name: string, field: ReturnType<typeof o>, dissect: (x: OptionContext) => unknown): OptionDef => ({ name, field, dissect });
const CCP_OPTIONS = new Map<number, OptionDef>([
  [0, opt('OUI', o('_oui', 'OUI', 'RFC 1962 §4.1'), oui)],
  [1, opt('Predictor type 1', o('.predict1', 'Predictor type 1', 'RFC 1978'), other)],
  [2, opt('Predictor type 2', o('.predict2', 'Predictor type 2', 'RFC 1978'), other)],
  [3, opt('Puddle Jumper', o('.puddle', 'Puddle Jumper', 'RFC 1962 §4.2'), other)],
  [16, opt('Hewlett-Packard PPC', o('.hpppc', 'Hewlett-Packard PPC', 'RFC 1962 §4.2'), other)],
  [17, opt('Stac Electronics LZS', o('.stac', 'Stac Electronics LZS', 'RFC 1974 §2'), stac)],
  [18, opt('Microsoft PPE/PPC', o('.mppe', 'Microsoft PPE/PPC', MPPE_REF), mppe)],
  [19, opt('Gandalf FZA', o('.gfza', 'Gandalf FZA', 'RFC 1993 §2'), gfza)],
  [20, opt('V.42bis compression', o('.v42bis', 'V.42bis compression', 'RFC 1962 §4.2'), other)],
  [21, opt('BSD LZW Compress', o('.bsdcomp', 'BSD LZW Compress', 'RFC 1977 §2.1'), bsdCompress)],
  [23, opt('LZS-DCP', o('.lzsdcp', 'LZS-DCP', 'RFC 1967 §2'), lzsDcp)],
  [24, opt('MVRCA (Magnalink)', o('.mvrca', 'MVRCA (Magnalink)', 'RFC 1975 §2'), mvrca)],
  [25, opt('PPP for Data Compression in Data Circuit-Terminating Equipment (DCE)', o('.dce', 'PPP for Data Compression in Data Circuit-Terminating Equipment (DCE)', 'RFC 1976 §2'), dce)],
  [26, opt('Deflate', o('.deflate', 'Deflate', 'RFC 1979 §2'), deflate)],
  [27, opt('V.44/LZJH compression', o('.v44lzjh', 'V.44/LZJH compression', 'draft-heath-ppp-v44'), v44lzjh)],
]);

export const CCP: CpDef = { proto: ccpProto, codes: CCP_CODE_NAMES, options: CCP_OPTIONS, hfType: hfCcp.opt_type, hfLength: hfCcp.opt_length };

/** The key length and compression the Configure-Ack agrees, on the link and as findings. */
function followAck(pkt: Packet, r: { options: Array<{ type: number; value: unknown }>; tree: Tree }, data: unknown): void {
  const link = linkFor(pkt, linkKeyFor(pkt, data));
  for (const p of r.options) {
    if (p.type !== 18) {
      const name = CCP_OPTIONS.get(p.type)?.name;
      if (name && !link.compression.includes(name) && link.compression.length < 8) link.compression.push(name);
      continue;
    }
    const v = p.value as MppeOption | undefined;
    if (!v) continue;
    if (link.mppeAcked.length < 8) link.mppeAcked.push(v.bits);
    const keyBits = mppeKeyBits(v.bits);
    if (keyBits === null) {
      pkt.engine.expert(pkt, r.tree, 'warn', 'security', 'ccp.mppe_none',
        'CCP agrees Microsoft PPC without MPPE encryption: the data will be compressed, not encrypted');
    } else if (keyBits < 128) {
      pkt.engine.expert(pkt, r.tree, 'warn', 'security', 'ccp.mppe_weak',
        `MPPE negotiated with ${keyBits}-bit keys: weaker than 128-bit, and RC4 keys this short can be searched exhaustively`);
    }
  }
}

export function dissectCcp(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const r = dissectCp(tvb, pkt, tree, CCP, data);
  if (r.code === CP_CODE.CONFACK && !inErrorPacket(data)) followAck(pkt, r, data);
  return tvb.length;
}

register('ppp.protocol', PPP.CCP, 'ccp', dissectCcp);
