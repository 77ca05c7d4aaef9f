/**
 * AH, the IP Authentication Header (RFC 4302): integrity and origin authentication for an IP
 * packet, no confidentiality. After the header comes what AH protects, handed on through the
 * ip.proto table: a transport header (transport mode), an inner IPv4 or IPv6 packet (tunnel
 * mode), or ESP. The same registration serves AH as an IPv6 extension header, since the IPv6
 * dissector hands next headers it does not walk itself to the ip.proto table.
 *
 * The header length is Payload Length + 2 in 32-bit words (RFC 4302 §2.2); as Wireshark does,
 * the protected payload is taken from there even when the field is impossible, but an expert
 * item says so, and a length past the end of the packet stops the dissection as malformed.
 *
 * Beyond Wireshark (which does no AH sequence analysis): per-SA sequence analysis in the
 * style of Wireshark's ESP analysis, the anti-replay check, and a note that AH without ESP
 * leaves the payload readable.
 */
import { defineProtocol, fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { IPPROTO, IPPROTO_NAMES } from './ipproto.js';
import { quotedInIcmpError, replayFindings } from './esp.js';
import { ipsecSaTable, spiText, wrongSequenceText } from '../sessions/ipsec-sa.js';

export const ahProto = defineProtocol({
  abbrev: 'ah', name: 'Authentication Header', short: 'AH',
  blurb: 'Authenticates an IP packet (payload and immutable header fields) without encrypting it',
  ref: 'RFC 4302',
});

const f = fieldsOf('ah');
export const hfAh = {
  next_header: f('next_header', 'Next header', 'uint8', { vals: IPPROTO_NAMES, blurb: 'The protocol AH protects: a transport header, IPv4/IPv6 (tunnel mode) or ESP', ref: 'RFC 4302 §2.1' }),
  length: f('length', 'Length', 'uint8', { blurb: 'AH length in 32-bit words, minus 2', ref: 'RFC 4302 §2.2' }),
  reserved: f('reserved', 'Reserved', 'bytes', { blurb: 'Reserved for future use; must be zero', ref: 'RFC 4302 §2.3' }),
  spi: f('spi', 'AH SPI', 'uint32', { base: 'hex', blurb: 'IP Authentication Header Security Parameters Index', ref: 'RFC 4302 §2.4' }),
  sequence: f('sequence', 'AH Sequence', 'uint32', { blurb: 'IP Authentication Header Sequence Number', ref: 'RFC 4302 §2.5' }),
  icv: f('icv', 'AH ICV', 'bytes', { blurb: 'IP Authentication Header Integrity Check Value', ref: 'RFC 4302 §2.6' }),
  // vpnshark's own: Wireshark analyses ESP sequence numbers only.
  expected_sn: f('sequence-analysis.expected-sn', 'Expected SN', 'uint32', { blurb: 'The sequence number that should have followed the previous one of this SA (vpnshark)', ref: 'RFC 4302 §3.3.2' }),
  previous_frame: f('sequence-analysis.previous-frame', 'Previous Frame', 'framenum', { blurb: 'The frame that carried the previous sequence number of this SA (vpnshark)', ref: 'RFC 4302 §3.3.2' }),
};

/** Bytes before the ICV: next header, payload length, reserved, SPI, sequence number. */
const AH_FIXED = 12;
const EMPTY = new Uint8Array(0);

export function dissectAh(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const nxt = tvb.u8(0);
  const lenField = tvb.u8(1);
  const hdrLen = (lenField + 2) * 4;
  // Wireshark's reading of a zero length: no ICV, and the payload starts after 8 bytes.
  const icvLen = lenField ? (lenField - 1) * 4 : 0;
  const t = tree.proto(ahProto, tvb, 0, Math.min(hdrLen, tvb.length));
  t.add(hfAh.next_header, tvb, 0, 1, nxt);
  t.add(hfAh.length, tvb, 1, 1, lenField, t.on ? `Length: ${lenField} (${hdrLen} bytes)` : undefined);
  if (hdrLen < AH_FIXED) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', 'ah.length.invalid',
      `AH Payload Length ${lenField} gives a header of ${hdrLen} bytes, shorter than its fixed part of ${AH_FIXED} (RFC 4302 §2.2)`);
  } else if (hdrLen > tvb.reported) {
    pkt.engine.expert(pkt, t, 'error', 'malformed', 'ah.length.invalid',
      `AH Payload Length ${lenField} gives a header of ${hdrLen} bytes, but only ${tvb.reported} bytes remain`);
  }
  tvb.ensure(2, 2);
  t.add(hfAh.reserved, tvb, 2, 2);
  const spi = tvb.u32(4);
  t.add(hfAh.spi, tvb, 4, 4, spi);
  if (pkt.engine.columns) pkt.setInfo(`AH (SPI=${spiText(spi)})`);
  const seq = tvb.u32(8);
  t.add(hfAh.sequence, tvb, 8, 4, seq);
  if (icvLen === 0) {
    t.add(hfAh.icv, tvb, AH_FIXED, 0, EMPTY, t.on ? 'AH ICV: <MISSING>' : undefined);
  } else {
    tvb.ensure(AH_FIXED, icvLen);
    t.add(hfAh.icv, tvb, AH_FIXED, icvLen);
  }

  if (!quotedInIcmpError(pkt)) analyse(t, tvb, pkt, spi, seq, nxt);

  const payload = tvb.sub(hdrLen);
  pkt.ipProto = nxt;
  if (nxt !== IPPROTO.NONE && !pkt.engine.call('ip.proto', nxt, payload, pkt, tree)) pkt.engine.data(payload, pkt, tree);
  return tvb.length;
}

function analyse(t: Tree, tvb: Tvb, pkt: Packet, spi: number, seq: number, nxt: number): void {
  const table = ipsecSaTable(pkt.engine);
  const sa = table.lookup('ah', spi, pkt.netSrc, pkt.netDst, 'ip');
  if (table.evicted) {
    pkt.engine.expertOnce(pkt, t, 'note', 'protocol', 'ipsec.sa_table_full',
      'The IPsec SA table is full: the oldest SAs are forgotten');
  }
  const report = sa.previousCheck(seq, pkt.num);
  if (report) {
    const missing = seq > report.expected ? seq - report.expected : 0;
    const sn = t.gen(hfAh.expected_sn, tvb, 0, 0, report.expected,
      t.on ? `Expected SN: ${report.expected}${missing ? ` (${missing} SNs missing)` : ''}` : undefined);
    pkt.engine.expert(pkt, sn, 'warn', 'sequence', 'ah.sequence-analysis.wrong-sequence-number', wrongSequenceText(spi, seq, report));
    t.gen(hfAh.previous_frame, tvb, 0, 0, report.prevFrame);
  }
  const verdict = sa.observe(seq, pkt.num, pkt.tsSec + pkt.tsNsec / 1e9, tvb.reported);
  replayFindings(pkt, t, sa, seq, verdict);
  if (nxt !== IPPROTO.ESP && !sa.withoutEsp) {
    sa.withoutEsp = true;
    sa.findings.add('ah.no_esp');
    pkt.engine.expert(pkt, t, 'note', 'security', 'ah.no_esp',
      `AH SA ${spiText(spi)} ${pkt.netSrc} → ${pkt.netDst} carries ${IPPROTO_NAMES.get(nxt) ?? `protocol ${nxt}`} without ESP: ` +
      'integrity only, the payload is not encrypted');
  }
}

register('ip.proto', IPPROTO.AH, 'ah', dissectAh);
