/**
 * ISAKMP / IKEv1 (RFC 2408, RFC 2409, RFC 3947) and IKEv2 (RFC 7296): the fixed header, then the
 * payload chain by version. Registered on UDP port 500, and by name ('isakmp') for UDP 4500,
 * where the UDP encapsulation dissector hands over what follows the non-ESP marker (RFC 3948).
 *
 * Like Wireshark, a datagram is taken as ISAKMP only if it can hold the 28-byte header and the
 * header's length field is at least 28; otherwise it is left to the data dissector.
 */
import type { Packet } from '../../core/packet.js';
import { register, registerNamed } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { hf, isakmpProto } from './fields.js';
import * as V from './values.js';
import { addMaskedHex, newObservations, plural, type IkeMsg } from './ctx.js';
import { walkPayloads } from './chain.js';
import { beginMessage, finishMessage } from './analysis.js';
import { ikev1Encrypted, ikev1Learn } from './decrypt.js';
import './payloads.js';

export const ISAKMP_PORT = 500;
const HDR = 28;
const FLAG_E = 0x01, FLAG_I = 0x08, FLAG_V = 0x10, FLAG_R = 0x20;

export function dissectIsakmp(tvb: Tvb, pkt: Packet, tree: Tree): number {
  if (tvb.reported < HDR) return 0;
  const length = tvb.u32(24);
  if (length < HDR) return 0;
  const cols = pkt.engine.columns;
  if (cols) pkt.setInfo('');
  const t = tree.proto(isakmpProto, tvb, 0, -1);
  const version = tvb.u8(17);
  const major = version >> 4;
  const exchange = tvb.u8(18);
  const flags = tvb.u8(19);
  const messageId = tvb.u32(20);

  t.add(hf.ispi, tvb, 0, 8);
  t.add(hf.rspi, tvb, 8, 8);
  const first = tvb.u8(16);
  t.add(hf.nextpayload, tvb, 16, 1, first);
  const vt = t.add(hf.version, tvb, 17, 1, version, t.on ? `Version: ${major}.${version & 0x0f}` : undefined);
  addMaskedHex(vt, hf.mjver, tvb, 17, version);
  addMaskedHex(vt, hf.mnver, tvb, 17, version);
  if (major === 1 || major === 2) {
    const table = major === 1 ? V.EXCHANGE_V1 : V.EXCHANGE_V2;
    const name = table.get(exchange);
    t.add(hf.exchangetype, tvb, 18, 1, exchange, t.on ? `Exchange type: ${name ?? 'Unknown'} (${exchange})` : undefined);
    if (cols) pkt.setInfo(name ?? `Unknown ${exchange}`);
  }
  const ft = t.add(hf.flags, tvb, 19, 1, flags, t.on ? `Flags: 0x${flags.toString(16).padStart(2, '0')}` : undefined);
  if (major === 1) {
    ft.add(hf.flag_e, tvb, 19, 1, (flags & FLAG_E) !== 0);
    ft.add(hf.flag_c, tvb, 19, 1, (flags & 0x02) !== 0);
    ft.add(hf.flag_a, tvb, 19, 1, (flags & 0x04) !== 0);
  } else if (major === 2) {
    ft.add(hf.flag_i, tvb, 19, 1, (flags & FLAG_I) !== 0);
    ft.add(hf.flag_v, tvb, 19, 1, (flags & FLAG_V) !== 0);
    ft.add(hf.flag_r, tvb, 19, 1, (flags & FLAG_R) !== 0);
    if (ft.on) {
      ft.appendText(` (${V.TF_FLAG_I[flags & FLAG_I ? 0 : 1]}, ${V.TF_FLAG_V[flags & FLAG_V ? 0 : 1]}, ${V.TF_FLAG_R[flags & FLAG_R ? 0 : 1]})`);
    }
  }
  t.add(hf.messageid, tvb, 20, 4, messageId);
  if (major === 2 && cols) {
    pkt.appendInfo(` MID=${String(messageId).padStart(2, '0')} ${V.TF_FLAG_I[flags & FLAG_I ? 0 : 1]} ${V.TF_FLAG_R[flags & FLAG_R ? 0 : 1]}`);
  }

  const len = length - HDR;
  // Wireshark checks the body is there from the Length field on, before showing the Length.
  tvb.ensure(24, len);
  t.add(hf.length, tvb, 24, 4, length);

  const m: IkeMsg = {
    pkt, tvb, version: major, exchange, flags, messageId,
    isRequest: (flags & FLAG_R) === 0,
    ispi: tvb.copy(0, 8), rspi: tvb.copy(8, 8),
    sa: null, obs: newObservations(),
  };
  m.sa = beginMessage(m, t);
  try {
    if (major === 1 && flags & FLAG_E) {
      if (len) {
        tvb.ensure(HDR, len);
        const enc = t.add(hf.enc_data, tvb, HDR, len, null, t.on ? `Encrypted Data (${len} byte${plural(len)})` : undefined);
        ikev1Encrypted(m, tvb, HDR, len, enc, first);
      }
    } else {
      walkPayloads(m, tvb, t, first, HDR, len);
    }
  } finally {
    if (major === 1 && !(flags & FLAG_E)) learnIkev1(m);
    finishMessage(m, t);
  }
  t.setLen(HDR + len);
  return HDR + len;
}

/** Feed the IKEv1 decryptor (when a key is known) what this clear message showed. */
function learnIkev1(m: IkeMsg): void {
  let ike: { encr?: number; keyLen?: number; hash?: number } | undefined;
  for (const s of m.obs.suites) {
    if (s.protocol !== 'ISAKMP') continue;
    const encr = s.algos.find((a) => a.kind === 'encr');
    ike = { encr: encr?.id, keyLen: encr?.keyLen, hash: s.algos.find((a) => a.kind === 'hash')?.id };
  }
  ikev1Learn(m, m.obs.ke, ike?.encr, ike?.keyLen, ike?.hash);
}

register('udp.port', ISAKMP_PORT, 'isakmp', dissectIsakmp);
registerNamed('isakmp', dissectIsakmp);
