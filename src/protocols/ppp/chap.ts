/**
 * CHAP, the Challenge-Handshake Authentication Protocol (RFC 1994), with Microsoft's variants
 * MS-CHAP (RFC 2433) and MS-CHAPv2 (RFC 2759), which PPTP uses.
 *
 * Wireshark shows the Response value and the Success/Failure message opaque; here they are also
 * broken into their parts (fields chap.mschapv2.* and chap.mschap.*): the peer challenge and
 * NT-Response of an MS-CHAPv2 response, the authenticator response of a Success ("S=…"), the
 * error code, retry flag, new challenge and version of a Failure ("E=… R=… C=… V=… M=…").
 * The challenge, peer challenge, NT-Response and user name are kept per link
 * (sessions/ppp-negotiation.ts), so that a password can be checked or MPPE keys derived later.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import { mschapv2Response, mschapv2Success } from '../../decrypt/ppp-plugin.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { hexOf } from '../../core/tvb.js';
import { chapAlgorithmOf, chapExchange, linkFor, linkKeyFor, type ChapAlgorithm, type ChapExchange, type PppLink } from '../../sessions/ppp-negotiation.js';
import { inErrorPacket } from './cp-options.js';
import { PPP } from './ppp-protocols.js';
import { asciiString, formatText } from './text.js';

export const chapProto = defineProtocol({
  abbrev: 'chap', name: 'PPP Challenge Handshake Authentication Protocol', short: 'PPP CHAP',
  blurb: 'Authenticates a PPP peer by its answer to a random challenge', ref: 'RFC 1994',
});
const f = fieldsOf('chap');
const CODES = { 1: 'Challenge', 2: 'Response', 3: 'Success', 4: 'Failure' };
export const hfChap = {
  code: f('code', 'Code', 'uint8', { vals: CODES, blurb: 'CHAP code', ref: 'RFC 1994 §4' }),
  identifier: f('identifier', 'Identifier', 'uint8', { blurb: 'CHAP identifier', ref: 'RFC 1994 §4' }),
  length: f('length', 'Length', 'uint16', { blurb: 'CHAP length', ref: 'RFC 1994 §4' }),
  data: f('data', 'Data', 'none', { blurb: 'CHAP Data', ref: 'RFC 1994 §4.1' }),
  value_size: f('value_size', 'Value Size', 'uint8', { blurb: 'CHAP value size', ref: 'RFC 1994 §4.1' }),
  value: f('value', 'Value', 'bytes', { blurb: 'CHAP value data', ref: 'RFC 1994 §4.1' }),
  name: f('name', 'Name', 'string', { blurb: 'CHAP name', ref: 'RFC 1994 §4.1' }),
  message: f('message', 'Message', 'string', { blurb: 'CHAP message', ref: 'RFC 1994 §4.2' }),
  stuff: f('stuff', 'Stuff', 'bytes', { blurb: 'Body of a CHAP packet with an unknown code', ref: 'RFC 1994 §4' }),
};

const MS_ERRORS = {
  646: 'ERROR_RESTRICTED_LOGON_HOURS', 647: 'ERROR_ACCT_DISABLED', 648: 'ERROR_PASSWD_EXPIRED',
  649: 'ERROR_NO_DIALIN_PERMISSION', 691: 'ERROR_AUTHENTICATION_FAILURE', 709: 'ERROR_CHANGING_PASSWORD',
};

/** The fields of a Microsoft CHAP Failure message, for one version (prefix chap.mschap or chap.mschapv2). */
function failureFields(prefix: string, ref: string) {
  const g = fieldsOf(prefix);
  return {
    error_code: g('error_code', 'Error Code', 'uint32', { vals: MS_ERRORS, blurb: 'Why the authentication failed (E=)', ref }),
    retry: g('retry', 'Retry', 'uint8', { vals: { 0: 'Retry not allowed', 1: 'Retry allowed' }, blurb: 'Whether the peer may try again (R=)', ref }),
    challenge: g('challenge', 'New Challenge', 'string', { blurb: 'Challenge for the next attempt, in hex (C=)', ref }),
    version: g('version', 'Version', 'uint32', { blurb: 'Version of the password-change protocol the server supports (V=)', ref }),
    failure_message: g('failure_message', 'Failure Message', 'string', { blurb: 'Text for the user (M=)', ref }),
  };
}

const V2 = 'RFC 2759 §4';
const fv2 = fieldsOf('chap.mschapv2');
export const hfMsChapV2 = {
  peer_challenge: fv2('peer_challenge', 'Peer-Challenge', 'bytes', { blurb: 'Random 16 bytes from the peer, hashed with the authenticator challenge and user name into the 8-byte DES challenge', ref: V2 }),
  reserved: fv2('reserved', 'Reserved', 'bytes', { blurb: 'Eight bytes that must be zero', ref: V2 }),
  nt_response: fv2('nt_response', 'NT-Response', 'bytes', { blurb: 'Challenge encrypted with the NT password hash (three DES keys): crackable offline', ref: 'RFC 2759 §8.1' }),
  flags: fv2('flags', 'Flags', 'uint8', { base: 'hex', blurb: 'Reserved flags, zero', ref: V2 }),
  authenticator_response: fv2('authenticator_response', 'Authenticator Response', 'string', { blurb: 'Proof that the server knows the password, 40 hex digits (S=)', ref: 'RFC 2759 §5' }),
  success_message: fv2('success_message', 'Success Message', 'string', { blurb: 'Text for the user after S= (M=)', ref: 'RFC 2759 §5' }),
  ...failureFields('chap.mschapv2', 'RFC 2759 §6'),
};

const V1 = 'RFC 2433 §6';
const fv1 = fieldsOf('chap.mschap');
export const hfMsChap = {
  lm_response: fv1('lm_response', 'LM-Response', 'bytes', { blurb: 'Challenge encrypted with the LAN Manager password hash (zero when not used)', ref: V1 }),
  nt_response: fv1('nt_response', 'NT-Response', 'bytes', { blurb: 'Challenge encrypted with the NT password hash', ref: V1 }),
  flags: fv1('flags', 'Use NT-Response', 'uint8', { vals: { 0: 'Use LM-Response', 1: 'Use NT-Response' }, blurb: 'Which response the authenticator should check', ref: V1 }),
  ...failureFields('chap.mschap', 'RFC 2433 §7'),
};

const MAX_INFO_BYTES = 36;
function infoHex(b: Uint8Array): string {
  return b.length > MAX_INFO_BYTES ? `${hexOf(b.subarray(0, MAX_INFO_BYTES))}…` : hexOf(b);
}

/** Which CHAP this Response is, from LCP's agreement or, without it, from the sizes on the wire. */
function responseAlgorithm(link: PppLink, x: ChapExchange, valueSize: number, tvb: Tvb, valueOff: number): ChapAlgorithm {
  const known = x.algorithm !== 'unknown' ? x.algorithm : chapAlgorithmOf(link, x.challenge?.length ?? null);
  if (known !== 'unknown' || valueSize !== 49) return known;
  if (x.challenge?.length === 16) return 'MS-CHAPv2';
  // No challenge seen: an MS-CHAPv2 response has 8 zero bytes after a random peer challenge.
  let reservedZero = true;
  for (let i = 16; i < 24; i++) if (tvb.u8(valueOff + i) !== 0) reservedZero = false;
  return reservedZero ? 'MS-CHAPv2' : 'unknown';
}

function responseParts(vt: Tree, tvb: Tvb, off: number, alg: ChapAlgorithm, x: ChapExchange | null): void {
  if (alg === 'MS-CHAPv2') {
    vt.add(hfMsChapV2.peer_challenge, tvb, off, 16, tvb.copy(off, 16));
    vt.add(hfMsChapV2.reserved, tvb, off + 16, 8, tvb.copy(off + 16, 8));
    vt.add(hfMsChapV2.nt_response, tvb, off + 24, 24, tvb.copy(off + 24, 24));
    vt.add(hfMsChapV2.flags, tvb, off + 48, 1);
    if (x) {
      x.peerChallenge = tvb.copy(off, 16);
      x.ntResponse = tvb.copy(off + 24, 24);
    }
  } else if (alg === 'MS-CHAP') {
    vt.add(hfMsChap.lm_response, tvb, off, 24, tvb.copy(off, 24));
    vt.add(hfMsChap.nt_response, tvb, off + 24, 24, tvb.copy(off + 24, 24));
    vt.add(hfMsChap.flags, tvb, off + 48, 1);
    if (x) {
      x.lmResponse = tvb.copy(off, 24);
      x.ntResponse = tvb.copy(off + 24, 24);
    }
  }
}

/** Key=value items of an MS-CHAP Success or Failure message; M= runs to the end. */
function msItems(s: string): Array<{ key: string; value: string; at: number }> {
  const out: Array<{ key: string; value: string; at: number }> = [];
  let i = 0;
  while (i + 1 < s.length) {
    if (s[i + 1] !== '=') break;
    const key = s[i];
    const start = i + 2;
    let end = key === 'M' ? s.length : s.indexOf(' ', start);
    if (end < 0) end = s.length;
    out.push({ key, value: s.slice(start, end), at: start });
    i = end;
    while (s[i] === ' ') i++;
  }
  return out;
}

function successParts(t: Tree, tvb: Tvb, off: number, msg: string, x: ChapExchange | null): boolean {
  const items = msItems(msg);
  const s = items.find((it) => it.key === 'S');
  if (!s || !/^[0-9A-Fa-f]{40}$/.test(s.value)) return false;
  t.add(hfMsChapV2.authenticator_response, tvb, off + s.at, 40, s.value);
  const m = items.find((it) => it.key === 'M');
  if (m) t.add(hfMsChapV2.success_message, tvb, off + m.at, m.value.length, m.value);
  if (x) x.authenticatorResponse = s.value.toUpperCase();
  return true;
}

function failureParts(t: Tree, tvb: Tvb, off: number, msg: string, v2: boolean, x: ChapExchange | null): number | null {
  const items = msItems(msg);
  const e = items.find((it) => it.key === 'E');
  if (!e || !/^\d{1,10}$/.test(e.value)) return null;
  const hf = v2 ? hfMsChapV2 : hfMsChap;
  const code = Number(e.value);
  t.add(hf.error_code, tvb, off + e.at, e.value.length, code);
  for (const it of items) {
    if (it.key === 'R' && /^\d$/.test(it.value)) t.add(hf.retry, tvb, off + it.at, it.value.length, Number(it.value));
    else if (it.key === 'C') t.add(hf.challenge, tvb, off + it.at, it.value.length, it.value);
    else if (it.key === 'V' && /^\d{1,10}$/.test(it.value)) t.add(hf.version, tvb, off + it.at, it.value.length, Number(it.value));
    else if (it.key === 'M') t.add(hf.failure_message, tvb, off + it.at, it.value.length, it.value);
  }
  if (x) x.errorCode = code;
  return code;
}

export function dissectChap(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const code = tvb.u8(0);
  const columns = pkt.engine.columns;
  if (columns) pkt.setInfo(hfChap.code.vals?.get(code) ?? 'Unknown');
  const t = tree.proto(chapProto, tvb, 0, -1);
  t.add(hfChap.code, tvb, 0, 1, code);
  const identifier = tvb.u8(1);
  t.add(hfChap.identifier, tvb, 1, 1, identifier);
  let length = tvb.u16(2);
  if (length < 4) {
    t.add(hfChap.length, tvb, 2, 2, length, t.on ? `Length: ${length} (invalid, must be >= 4)` : undefined);
    return 4;
  }
  t.setLen(length);
  t.add(hfChap.length, tvb, 2, 2, length);
  let off = 4;
  length -= 4;
  const record = !inErrorPacket(data);
  const link = record ? linkFor(pkt, linkKeyFor(pkt, data)) : null;
  const x = link ? chapExchange(link, identifier) : null;
  switch (code) {
    case 1:
    case 2: {
      if (length <= 0) break;
      const dt = t.add(hfChap.data, tvb, off, length, null);
      length--;
      const valueSize = tvb.u8(off);
      if (valueSize > length) {
        dt.add(hfChap.value_size, tvb, off, 1, valueSize,
          dt.on ? `Value Size: ${valueSize} byte${valueSize === 1 ? '' : 's'} (invalid, must be <= ${length})` : undefined);
        return off;
      }
      dt.add(hfChap.value_size, tvb, off, 1, valueSize);
      off++;
      if (length <= 0) break;
      const valueOff = off;
      const value = tvb.copy(off, valueSize);
      const vt = dt.add(hfChap.value, tvb, off, valueSize, value);
      off += valueSize;
      length -= valueSize;
      let name = '';
      if (length > 0) {
        name = tvb.latin1(off, length);
        dt.add(hfChap.name, tvb, off, length, asciiString(tvb.bytes(off, length)));
      }
      if (columns) {
        const shown = formatText(name.length > 20 ? name.slice(0, 20) : name);
        pkt.appendInfo(` (NAME='${shown}${name.length > 20 ? '...' : ''}', VALUE=0x${infoHex(value)})`);
      }
      if (code === 1) {
        if (x && link) {
          x.challenge = value;
          x.authenticatorName = name;
          x.challengeFrame = pkt.num;
          x.algorithm = chapAlgorithmOf(link, valueSize);
        }
        break;
      }
      const alg = link && x ? responseAlgorithm(link, x, valueSize, tvb, valueOff) : 'unknown';
      // Both Microsoft responses are 49 bytes (RFC 2433 §6, RFC 2759 §4); anything else is not one.
      const ms = valueSize === 49 && (alg === 'MS-CHAPv2' || alg === 'MS-CHAP');
      if (ms) responseParts(vt, tvb, valueOff, alg, x);
      if (x) {
        x.algorithm = alg;
        x.user = name;
        x.response = value;
        x.responseFrame = pkt.num;
      }
      // With --ppp-password / --ppp-nthash: check the password and derive the MPPE keys (src/decrypt).
      if (record && ms && alg === 'MS-CHAPv2' && link && x) mschapv2Response(pkt, t, link, x);
      if (record && ms) {
        pkt.engine.expert(pkt, t, 'warn', 'security', alg === 'MS-CHAPv2' ? 'chap.mschapv2' : 'chap.mschapv1',
          `${alg} handshake of user '${formatText(name)}' captured: its NT-Response can be attacked offline ` +
          `(${alg === 'MS-CHAPv2' ? 'one 2^56 DES search recovers the NT hash' : 'DES with a 7-byte third key; LM response if sent'}), and the MPPE keys follow from the password`);
      }
      break;
    }
    case 3:
    case 4: {
      const msg = length > 0 ? tvb.latin1(off, length) : '';
      const mt = length > 0 ? t.add(hfChap.message, tvb, off, length, asciiString(tvb.bytes(off, length))) : t;
      if (columns) pkt.appendInfo(` (MESSAGE='${formatText(tvb.latin1(off, Math.max(length, 0)))}')`);
      // An MS-CHAP (v1) failure has the same E= R= C= V= form as a v2 one, under its own field names.
      const v1 = x?.algorithm === 'MS-CHAP';
      let errorCode: number | null = null;
      if (length > 0) {
        if (code === 3 && !v1) successParts(mt, tvb, off, msg, x);
        else if (code === 4) errorCode = failureParts(mt, tvb, off, msg, !v1, x);
      }
      if (x) {
        x.result = code === 3 ? 'success' : 'failure';
        x.resultFrame = pkt.num;
      }
      if (record && code === 3 && link && x?.algorithm === 'MS-CHAPv2') mschapv2Success(pkt, t, link, x);
      if (record && code === 4) {
        const who = x?.user !== null && x?.user !== undefined ? ` for user '${formatText(x.user)}'` : '';
        const why = errorCode !== null ? ` (E=${errorCode}${errorCode in MS_ERRORS ? ` ${MS_ERRORS[errorCode as keyof typeof MS_ERRORS]}` : ''})` : '';
        pkt.engine.expert(pkt, t, 'warn', 'security', 'chap.failure', `CHAP authentication failed${who}${why}`);
      }
      break;
    }
    default:
      if (length > 0) t.add(hfChap.stuff, tvb, off, length);
      break;
  }
  return tvb.length;
}

register('ppp.protocol', PPP.CHAP, 'chap', dissectChap);
