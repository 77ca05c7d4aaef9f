/**
 * ESP, the IP Encapsulating Security Payload (RFC 4303), over IPv4, IPv6 and UDP (RFC 3948).
 * Without keys only the SPI and the sequence number are in clear, and that is all Wireshark
 * 4.0 shows. Besides those, this file does:
 *  - Wireshark's ESP sequence analysis (per SPI: expected SN, previous frame, expert item);
 *  - vpnshark's per-SA anti-replay check (sessions/ipsec-sa.ts): replays as security findings;
 *  - recognition of NULL encryption (esp-null.ts): a security finding, once per SA;
 *  - Wireshark's NULL-encryption heuristic when its preference is set
 *    (-o esp.enable_null_encryption_decode_heuristic:TRUE);
 *  - a seam for decryption: registerEspDecryptor() installs a function that turns an ESP packet
 *    into plaintext; the trailer and the inner packet are then dissected from it.
 * Field names, labels and bases are Wireshark's (packet-ipsec.c).
 */
import { defineProtocol, fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { lookup, register, registerNamed } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import { Tvb, hexOf } from '../core/tvb.js';
import { IPPROTO, IPPROTO_NAMES } from './ipproto.js';
import { recogniseNullEsp } from './esp-null.js';
import {
  ipsecSaTable, spiText, wrongSequenceText, type Encapsulation, type IpsecSa, type SeqVerdict,
} from '../sessions/ipsec-sa.js';

export const espProto = defineProtocol({
  abbrev: 'esp', name: 'Encapsulating Security Payload', short: 'ESP',
  blurb: 'Carries an encrypted (and integrity-protected) IP payload between IPsec peers',
  ref: 'RFC 4303',
});

const f = fieldsOf('esp');
export const hfEsp = {
  spi: f('spi', 'ESP SPI', 'uint32', { base: 'hex_dec', blurb: 'IP Encapsulating Security Payload Security Parameters Index', ref: 'RFC 4303 §2.1' }),
  sequence: f('sequence', 'ESP Sequence', 'uint32', { blurb: 'IP Encapsulating Security Payload Sequence Number', ref: 'RFC 4303 §2.2' }),
  iv: f('iv', 'ESP IV', 'bytes', { blurb: 'IP Encapsulating Security Payload Initialization Vector', ref: 'RFC 4303 §2.3' }),
  pad: f('pad', 'Pad', 'bytes', { blurb: 'Padding that fills the plaintext to the cipher block size and a 4-byte boundary', ref: 'RFC 4303 §2.4' }),
  pad_len: f('pad_len', 'ESP Pad Length', 'uint8', { blurb: 'IP Encapsulating Security Payload Pad Length', ref: 'RFC 4303 §2.5' }),
  protocol: f('protocol', 'ESP Next Header', 'uint8', { base: 'hex', vals: IPPROTO_NAMES, blurb: 'IP Encapsulating Security Payload Next Header', ref: 'RFC 4303 §2.6' }),
  icv: f('icv', 'ESP ICV', 'bytes', { blurb: 'IP Encapsulating Security Payload Integrity Check Value', ref: 'RFC 4303 §2.8' }),
  icv_good: f('icv_good', 'Good', 'bool', { blurb: "True: ICV matches packet content; False: doesn't match content or not checked", ref: 'RFC 4303 §3.4.4' }),
  icv_bad: f('icv_bad', 'Bad', 'bool', { blurb: "True: ICV doesn't match packet content; False: matches content or not checked", ref: 'RFC 4303 §3.4.4' }),
  expected_sn: f('sequence-analysis.expected-sn', 'Expected SN', 'uint32', { blurb: 'The sequence number that should have followed the previous one of this SPI', ref: 'RFC 4303 §3.3.3' }),
  previous_frame: f('sequence-analysis.previous-frame', 'Previous Frame', 'framenum', { blurb: 'The frame that carried the previous sequence number of this SPI', ref: 'RFC 4303 §3.3.3' }),
};

/** What the layer below says about how the ESP packet travelled. */
export interface EspCallData {
  encapsulation: Encapsulation;
}

/** Asked of a decryptor for one ESP packet. */
export interface EspDecryptRequest {
  spi: number;
  seq: number;
  /** Outer addresses as text (as in pkt.netSrc / pkt.netDst). */
  src: string;
  dst: string;
  /** The whole ESP packet, from the SPI to the end of the ICV. */
  esp: Tvb;
  pkt: Packet;
  /** The ESP layer's item, for a decryptor that shows the decrypted fields itself. */
  espTree: Tree;
  /** The tree the inner packet's layers go into. */
  tree: Tree;
}

/** What a decryptor returns: where IV and ICV are, and the plaintext between them. */
export interface EspPlaintext {
  ivLen: number;
  icvLen: number;
  /** The decrypted bytes between IV and ICV: payload, padding, pad length, next header. */
  plaintext: Uint8Array;
  /** ICV verified good (true), bad (false) or not checked (null). */
  icvGood: boolean | null;
  /** Name of the decrypted data source, e.g. "Decrypted ESP (AES-CBC)". */
  label: string;
  /**
   * True when the decryptor has already shown the fields and dissected the inner packet itself
   * (in Wireshark's layout for decrypted ESP); esp.ts then adds nothing.
   */
  shown?: boolean;
}

export type EspDecryptor = (req: EspDecryptRequest) => EspPlaintext | null;

let decryptor: EspDecryptor | null = null;

/** Install (or remove, with null) the function that decrypts ESP packets for which it has keys; returns the one it replaces. */
export function registerEspDecryptor(fn: EspDecryptor | null): EspDecryptor | null {
  const had = decryptor;
  decryptor = fn;
  return had;
}

const ESP_HEADER = 8;
/** ICV lengths Wireshark's NULL heuristic tries, smallest first as RFC 5879 says. */
const HEURISTIC_ICVS = [12, 16, 24, 32] as const;
/** How many packets of an SA are tried for NULL encryption: one that is NULL is NULL from its first packet. */
const NULL_TRIES = 8;

/** Settings do not change during a run: each engine's answer is worked out once. */
const heuristicOn = new WeakMap<object, boolean>();

function nullHeuristicOn(pkt: Packet): boolean {
  let on = heuristicOn.get(pkt.engine);
  if (on === undefined) {
    const v = pkt.engine.settings['esp.enable_null_encryption_decode_heuristic'];
    on = v === true || (typeof v === 'string' && /^(true|1|yes|on)$/i.test(v));
    heuristicOn.set(pkt.engine, on);
  }
  return on;
}

/** The Info text of the last SPI seen: packets of one SA come in runs. */
let lastSpi = -1;
let lastInfo = '';

function espInfo(spi: number): string {
  if (spi !== lastSpi) {
    lastSpi = spi;
    lastInfo = `ESP (SPI=${spiText(spi)})`;
  }
  return lastInfo;
}

/** ESP or AH quoted inside an ICMP error is not traffic of the SA and must not change its state. */
export function quotedInIcmpError(pkt: Packet): boolean {
  return pkt.protocols.includes('icmp') || pkt.protocols.includes('icmpv6');
}

/** Expert items for what the anti-replay check found (vpnshark only; Wireshark has no replay check). */
export function replayFindings(pkt: Packet, t: Tree, sa: IpsecSa, seq: number, v: SeqVerdict): void {
  // Most packets are in order: the message text is built only for a finding.
  if (v.kind !== 'duplicate' && v.kind !== 'too_old') return;
  const p = sa.protocol;
  const what = `${p.toUpperCase()} SA ${spiText(sa.spi)} ${sa.src} → ${sa.dst}`;
  if (v.kind === 'duplicate') {
    const where = v.frame ? ` (first in frame ${v.frame})` : '';
    pkt.engine.expert(pkt, t, 'warn', 'security', `${p}.replay`,
      `Replayed sequence number ${seq >>> 0} on ${what}: already received${where}; an RFC 4303 §3.4.3 receiver discards it`);
    sa.findings.add(`${p}.replay`);
  } else if (v.kind === 'too_old') {
    pkt.engine.expert(pkt, t, 'warn', 'security', `${p}.replay_window`,
      `Sequence number ${seq >>> 0} on ${what} is ${v.behind} behind the highest (${sa.highest}), outside the 64-packet anti-replay window; a receiver discards it`);
    sa.findings.add(`${p}.replay_window`);
  }
}

export function dissectEsp(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const t = tree.proto(espProto, tvb, 0, tvb.length);
  const spi = tvb.u32(0);
  t.add(hfEsp.spi, tvb, 0, 4, spi);
  const seq = tvb.u32(4);
  t.add(hfEsp.sequence, tvb, 4, 4, seq);
  if (pkt.engine.columns) pkt.setInfo(espInfo(spi));

  const table = ipsecSaTable(pkt.engine);
  const time = pkt.tsSec + pkt.tsNsec / 1e9;
  // Wireshark's analysis runs on every ESP packet, quoted ones included, so the same here.
  const report = table.espSpiCheck(spi, seq, pkt.num, time);
  if (report) {
    const missing = seq > report.expected ? seq - report.expected : 0;
    const sn = t.gen(hfEsp.expected_sn, tvb, 0, 0, report.expected,
      t.on ? `Expected SN: ${report.expected}${missing ? ` (${missing} SNs missing)` : ''}` : undefined);
    pkt.engine.expert(pkt, sn, 'warn', 'sequence', 'esp.sequence-analysis.wrong-sequence-number', wrongSequenceText(spi, seq, report));
    t.gen(hfEsp.previous_frame, tvb, 0, 0, report.prevFrame);
  }

  const encapsulation = (data as EspCallData | undefined)?.encapsulation ?? 'ip';
  let sa: IpsecSa | null = null;
  if (!quotedInIcmpError(pkt)) {
    sa = table.lookup('esp', spi, pkt.netSrc, pkt.netDst, encapsulation);
    if (table.evicted) {
      pkt.engine.expertOnce(pkt, t, 'note', 'protocol', 'ipsec.sa_table_full',
        'The IPsec SA table is full: the oldest SAs are forgotten');
    }
    const verdict = sa.observe(seq, pkt.num, time, tvb.reported);
    replayFindings(pkt, t, sa, seq, verdict);
  }

  const plain = decryptor?.({ spi, seq, src: pkt.netSrc, dst: pkt.netDst, esp: tvb, pkt, espTree: t, tree }) ?? null;
  if (plain?.shown) return tvb.length;
  if (plain) {
    const ds = pkt.addSource(`${plain.label} (${plain.plaintext.length} bytes)`, plain.plaintext);
    showPayload(t, tvb, pkt, tree, plain.ivLen, plain.icvLen, Tvb.of(plain.plaintext, ds), plain.icvGood);
    return tvb.length;
  }

  const heuristic = nullHeuristicOn(pkt);
  if (sa && !sa.nullEncryption && sa.packets <= NULL_TRIES && tvb.length > ESP_HEADER) {
    const layout = recogniseNullEsp(tvb.sub(ESP_HEADER), pkt.netSrc, pkt.netDst);
    if (layout) {
      sa.nullEncryption = true;
      sa.findings.add('esp.null_encryption');
      const inner = IPPROTO_NAMES.get(layout.next) ?? `protocol ${layout.next}`;
      pkt.engine.expert(pkt, t, 'warn', 'security', 'esp.null_encryption',
        `ESP SA ${spiText(spi)} ${pkt.netSrc} → ${pkt.netDst} uses NULL encryption (RFC 2410): the payload is cleartext ` +
        `(${inner}, ${layout.innerLen} bytes, ${layout.icvLen}-byte ICV)` +
        (heuristic ? '' : '; show it with -o esp.enable_null_encryption_decode_heuristic:TRUE'));
    }
  }

  if (heuristic) nullHeuristic(t, tvb, pkt, tree);
  return tvb.length;
}

/**
 * Wireshark's NULL-encryption heuristic (RFC 5879 in part), for parity with tshark when its
 * preference is set: for an ICV of 12, 16, 24 and then 32 bytes, the pad length and next header
 * before it are believed when a dissector answers to that next header, the padding is 1, 2, 3, …,
 * and that dissector takes the payload. As in Wireshark, an error inside the payload's dissector
 * ends the ESP layer too (no trailer is shown), so the call goes straight to the dissector.
 */
function nullHeuristic(t: Tree, tvb: Tvb, pkt: Packet, tree: Tree): void {
  const len = tvb.reported;
  if (len <= ESP_HEADER) return;
  for (const icvLen of HEURISTIC_ICVS) {
    if (tvb.length < icvLen + 2) continue;
    const off = len - (icvLen + 2);
    const padLen = tvb.u8(off);
    const next = tvb.u8(off + 1);
    const handler = lookup('ip.proto', next);
    if (!handler || ESP_HEADER + padLen > off) continue;
    let padOk = true;
    for (let j = 0; j < padLen && padOk; j++) padOk = tvb.u8(off - (j + 1)) === padLen - j;
    if (!padOk) continue;
    const was = pkt.scratch.insideEsp;
    // Later layers (L2TP's "not protected by IPsec" check) must know this came out of ESP.
    pkt.scratch.insideEsp = true;
    if (handler.fn(tvb.sub(ESP_HEADER, off - ESP_HEADER - padLen), pkt, tree) === 0) {
      pkt.scratch.insideEsp = was;
      continue;
    }
    pkt.ipProto = next;
    if (padLen > 0) t.add(hfEsp.pad, tvb, off - padLen, padLen);
    t.add(hfEsp.pad_len, tvb, off, 1, padLen);
    t.add(hfEsp.protocol, tvb, off + 1, 1, next,
      t.on ? `Next header: ${IPPROTO_NAMES.get(next) ?? 'Unknown'} (0x${next.toString(16).padStart(2, '0')})` : undefined);
    showIcv(t, tvb, len - icvLen, icvLen, null);
    return;
  }
}

/** The ICV item with its Good/Bad children; a packet cut short shows what there is of it. */
function showIcv(t: Tree, esp: Tvb, icvOff: number, icvLen: number, icvGood: boolean | null): void {
  if (icvLen <= 0 || icvOff >= esp.length) return;
  const have = Math.min(icvLen, esp.length - icvOff);
  const state = icvGood === null ? 'unchecked' : icvGood ? 'correct' : 'incorrect';
  const icv = t.add(hfEsp.icv, esp, icvOff, have, undefined,
    t.on ? (have < icvLen ? 'Integrity Check Value (truncated)' : `ESP ICV: ${hexOf(esp.bytes(icvOff, icvLen))} [${state}]`) : undefined);
  icv.gen(hfEsp.icv_good, esp, icvOff, have, icvGood === true);
  icv.gen(hfEsp.icv_bad, esp, icvOff, have, icvGood === false);
}

/**
 * Show a payload in clear: IV, the inner packet (handed to the ip.proto table), the trailer and
 * the ICV. `body` holds the bytes between IV and ICV, in the frame (NULL) or a decrypted buffer.
 */
function showPayload(t: Tree, esp: Tvb, pkt: Packet, tree: Tree, ivLen: number, icvLen: number, body: Tvb, icvGood: boolean | null): void {
  if (ivLen > 0) t.add(hfEsp.iv, esp, ESP_HEADER, ivLen);
  const n = body.length;
  const padLen = body.u8(n - 2);
  const next = body.u8(n - 1);
  const innerLen = n - 2 - padLen;
  if (innerLen < 0) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', 'esp.pad_len.invalid',
      `ESP Pad Length ${padLen} is longer than the ${n - 2} bytes of payload and padding`);
  } else {
    const inner = body.sub(0, innerLen);
    // Later layers (L2TP's "not protected by IPsec" check) must know this came out of ESP.
    pkt.scratch.insideEsp = true;
    pkt.ipProto = next;
    if (next !== IPPROTO.NONE && !pkt.engine.call('ip.proto', next, inner, pkt, tree)) pkt.engine.data(inner, pkt, tree);
    if (padLen > 0) t.add(hfEsp.pad, body, innerLen, padLen);
  }
  t.add(hfEsp.pad_len, body, n - 2, 1, padLen);
  t.add(hfEsp.protocol, body, n - 1, 1, next,
    t.on ? `Next header: ${IPPROTO_NAMES.get(next) ?? 'Unknown'} (0x${next.toString(16).padStart(2, '0')})` : undefined);
  showIcv(t, esp, esp.reported - icvLen, icvLen, icvGood);
}

register('ip.proto', IPPROTO.ESP, 'esp', dissectEsp);
registerNamed('esp', dissectEsp);
