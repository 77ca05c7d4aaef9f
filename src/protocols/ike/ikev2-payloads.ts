/**
 * Payloads and payload parts that exist only in IKEv2 (RFC 7296): transforms (§3.3.2), the
 * IKEv2 notify data (§3.10.1 and the RFCs that add types), AUTH (§3.8), traffic selectors
 * (§3.13), the Encrypted payload SK (§3.14), its fragments SKF (RFC 7383), EAP (§3.16) and
 * GSPM (RFC 6467). Without keys the contents of SK and SKF stay encrypted, as in Wireshark.
 */
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { an, hf } from './fields.js';
import * as V from './values.js';
import { addBytes, addFmt, expert, type Algo, type IkeMsg, type Suite } from './ctx.js';
import { P, registerPayload } from './chain.js';
import { ike2Attribute, rohcAttribute } from './attributes.js';
import { weakIkev2Transform } from './weak.js';
import { ikev2Keys, skWithKeys, skfWithKeys } from './decrypt.js';

const KIND: Record<number, Algo['kind']> = { 1: 'encr', 2: 'prf', 3: 'integ', 4: 'dh', 5: 'esn' };
const ID_TABLE: Record<number, typeof V.TF_ENCR> = { 1: V.TF_ENCR, 2: V.TF_PRF, 3: V.TF_INTEG, 4: V.DH_GROUP, 5: V.TF_ESN };

/** An IKEv2 Transform payload body (RFC 7296 §3.3.2); the transform joins the proposal's suite. */
export function transformV2(m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree, suite: Suite): void {
  const end = off + len;
  const type = tvb.u8(off);
  t.add(hf.tf_type, tvb, off, 1, type);
  t.add(hf.reserved, tvb, off + 1, 1);
  const id = tvb.u16(off + 2);
  const fd = [null, hf.tf_encr, hf.tf_prf, hf.tf_integ, hf.tf_dh, hf.tf_esn][type] ?? hf.tf_id;
  t.add(fd, tvb, off + 2, 2, id);
  off += 4;
  const out: { keyLen?: number } = {};
  while (off < end) off += ike2Attribute(m, tvb, t, off, out);
  const kind = KIND[type];
  if (!kind) return;
  const weak = weakIkev2Transform(type, id);
  const a: Algo = { kind, id, name: ID_TABLE[type].get(id) ?? `${kind} ${id}`, weak };
  if (out.keyLen !== undefined) a.keyLen = out.keyLen;
  suite.algos.push(a);
  if (weak) t.gen(an.weak, null, 0, 0, weak);
}

/** IKEv2 notification data by type. */
export function notifyDataV2(m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree, msgType: number, end: number): void {
  switch (msgType) {
    case 17: // INVALID_KE_PAYLOAD
      t.add(hf.notify_accepted_dh_group, tvb, off, 2, tvb.u16(off));
      break;
    case 16387: // IPCOMP_SUPPORTED
      t.add(hf.notify_ipcomp_cpi, tvb, off, 2, tvb.u16(off));
      t.add(hf.notify_ipcomp_transform_id, tvb, off + 2, 1, tvb.u8(off + 2));
      break;
    case 16403: { // AUTH_LIFETIME
      const s = tvb.u32(off);
      const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = (s % 3600) % 60;
      addFmt(t, hf.notify_auth_lifetime, tvb, off, len, s,
        () => `${s} seconds (${hh} hour(s) ${String(mm).padStart(2, '0')} minute(s) ${String(ss).padStart(2, '0')} second(s))`);
      break;
    }
    case 16407: // REDIRECT
    case 16408: { // REDIRECTED_FROM
      const gwType = tvb.u8(off);
      const gwLen = tvb.u8(off + 1);
      t.add(hf.notify_redirect_gw_type, tvb, off, 1, gwType);
      t.add(hf.notify_redirect_gw_len, tvb, off + 1, 1, gwLen);
      const redirect = msgType === 16407;
      if (gwType === 1) t.add(redirect ? hf.notify_redirect_new_ipv4 : hf.notify_redirect_org_ipv4, tvb, off + 2, 4);
      else if (gwType === 2) t.add(redirect ? hf.notify_redirect_new_ipv6 : hf.notify_redirect_org_ipv6, tvb, off + 2, 16);
      else if (gwType === 3 && redirect) t.add(hf.notify_redirect_new_fqdn, tvb, off + 2, gwLen, asciiText(tvb, off + 2, gwLen));
      else t.add(redirect ? hf.notify_redirect_new_data : hf.notify_redirect_org_data, tvb, off + 2, gwLen);
      if (redirect) {
        const rest = len - (gwLen + 2);
        if (rest) addBytes(t, hf.notify_redirect_nonce, tvb, off + gwLen + 2, rest);
      }
      break;
    }
    case 16409: // TICKET_LT_OPAQUE
      t.add(hf.notify_ticket_lifetime, tvb, off, 4, tvb.u32(off));
      addBytes(t, hf.notify_ticket_data, tvb, off + 4, len - 4);
      break;
    case 16413: addBytes(t, hf.notify_ticket_data, tvb, off, len); break;
    case 16416: // ROHC_SUPPORTED
      while (off < end) off += rohcAttribute(m, tvb, t, off);
      break;
    case 16419: addBytes(t, hf.notify_qcd_token, tvb, off, len); break;
    case 16422: // IKEV2_MESSAGE_ID_SYNC
      t.add(hf.notify_ha_nonce, tvb, off, 4, tvb.u32(off));
      t.add(hf.notify_ha_send_mid, tvb, off + 4, 4, tvb.u32(off + 4));
      t.add(hf.notify_ha_recv_mid, tvb, off + 8, 4, tvb.u32(off + 8));
      break;
    case 16423: addBytes(t, hf.notify_ha_sa_delta, tvb, off, len); break;
    case 16424: addBytes(t, hf.notify_secure_password_methods, tvb, off, len); break;
    case 16431: // SIGNATURE_HASH_ALGORITHMS
      while (off < end) {
        t.add(hf.notify_signature_hash, tvb, off, 2, tvb.u16(off));
        off += 2;
      }
      break;
    case 41041: // 3GPP BACKOFF_TIMER
      t.add(hf.notify_3gpp_backoff_len, tvb, off, 1, tvb.u8(off));
      break;
    case 41101: // 3GPP DEVICE_IDENTITY
      if (len >= 3) {
        t.add(hf.notify_3gpp_devid_len, tvb, off, 2, tvb.u16(off));
        const idType = tvb.u8(off + 2) & 0x03;
        t.add(hf.notify_3gpp_devid_type, tvb, off + 2, 1, idType);
        const rest = len - 3;
        if (rest === 0) break;
        if (idType === 1 || idType === 2) {
          t.add(idType === 1 ? hf.notify_3gpp_imei : hf.notify_3gpp_imeisv, tvb, off + 3, rest, bcdDigits(tvb, off + 3, rest));
        } else {
          expert(m, t, 'warn', 'protocol', 'isakmp.notify.priv.3gpp.unknown_device_identity', 'Type of device identity not known');
        }
      }
      break;
    default: break;
  }
}

/** Telephony BCD digits, low nibble first; a 0xF nibble ends the number. */
function bcdDigits(tvb: Tvb, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const b = tvb.u8(off + i);
    for (const d of [b & 0x0f, b >> 4]) {
      if (d === 0x0f) return s;
      s += d <= 9 ? String(d) : '?';
    }
  }
  return s;
}

/** ASCII text as Wireshark decodes it: bytes above 0x7f become U+FFFD. */
export function asciiText(tvb: Tvb, off: number, len: number): string {
  const b = tvb.bytes(off, len);
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i] < 0x80 ? String.fromCharCode(b[i]) : '\ufffd';
  return s;
}

/** AUTH (RFC 7296 §3.8): the method, and for Digital Signature (RFC 7427) the algorithm and signature. */
registerPayload([P.V2_AUTH], (m, tvb, off, len, t) => {
  const method = tvb.u8(off);
  t.add(hf.auth_method, tvb, off, 1, method);
  t.add(hf.reserved, tvb, off + 1, 3);
  off += 4;
  len -= 4;
  const data = addBytes(t, hf.auth_data, tvb, off, len);
  m.obs.authMethod = method;
  if (method === 14) {
    const asn1Len = tvb.u8(off);
    data.add(hf.auth_sig_asn1_len, tvb, off, 1, asn1Len);
    off += 1;
    len -= 1;
    if (asn1Len > 0 && asn1Len < len) {
      data.add(hf.auth_sig_asn1_data, tvb, off, asn1Len);
      data.add(hf.auth_sig_value, tvb, off + asn1Len, len - asn1Len);
    }
  }
});

/** One traffic selector (RFC 7296 §3.13.1); returns the bytes it took (at least 4). */
function trafficSelector(tvb: Tvb, off: number, t: Tree): number {
  const len = tvb.u16(off + 2);
  if (len < 4) return 4;
  tvb.ensure(off, len);
  const type = tvb.u8(off);
  const name = V.TS_TYPE.get(type) ?? `Unknown Type (${type})`;
  const ts = t.add(hf.ts_data, tvb, off, len, null, t.on ? `${hf.ts_data.name}: ${name}` : undefined);
  ts.add(hf.ts_type, tvb, off, 1, type);
  let o = off + 1;
  if (type === 7 || type === 8) {
    const proto = tvb.u8(o);
    if (proto === 0) addFmt(ts, hf.ts_protoid, tvb, o, 1, 0, () => 'Unused');
    else ts.add(hf.ts_protoid, tvb, o, 1, proto);
    ts.add(hf.ts_selector_length, tvb, o + 1, 2, tvb.u16(o + 1));
    ts.add(hf.ts_start_port, tvb, o + 3, 2, tvb.u16(o + 3));
    ts.add(hf.ts_end_port, tvb, o + 5, 2, tvb.u16(o + 5));
    o += 7;
    if (type === 7) {
      ts.add(hf.ts_start_ipv4, tvb, o, 4);
      ts.add(hf.ts_end_ipv4, tvb, o + 4, 4);
    } else {
      ts.add(hf.ts_start_ipv6, tvb, o, 16);
      ts.add(hf.ts_end_ipv6, tvb, o + 16, 16);
    }
  } else if (type === 9) {
    ts.add(hf.reserved, tvb, o, 1);
    ts.add(hf.ts_selector_length, tvb, o + 1, 2, tvb.u16(o + 1));
    ts.add(hf.reserved, tvb, o + 3, 1);
    ts.add(hf.ts_start_fc, tvb, o + 4, 3, tvb.u24(o + 4));
    ts.add(hf.reserved, tvb, o + 7, 1);
    ts.add(hf.ts_end_fc, tvb, o + 8, 3, tvb.u24(o + 8));
    ts.add(hf.ts_start_r_ctl, tvb, o + 11, 1);
    ts.add(hf.ts_end_r_ctl, tvb, o + 12, 1);
    ts.add(hf.ts_start_type, tvb, o + 13, 1);
    ts.add(hf.ts_end_type, tvb, o + 14, 1);
  }
  return len;
}

/** TSi / TSr (RFC 7296 §3.13). */
registerPayload([P.V2_TSI, P.V2_TSR], (m, tvb, off, len, t) => {
  const end = off + len;
  const n = tvb.u8(off);
  if (t.on) t.appendText(` # ${n}`);
  t.add(hf.ts_number, tvb, off, 1, n);
  t.add(hf.reserved, tvb, off + 1, 3);
  off += 4;
  while (off < end) off += trafficSelector(tvb, off, t);
});

/**
 * SK (RFC 7296 §3.14). Without the SA's keys the IV and ICV lengths are unknown: like Wireshark,
 * show the first 4 octets as the IV and the rest as encrypted data.
 */
registerPayload([P.V2_SK], (m, tvb, off, len, t, next) => {
  const keys = ikev2Keys(m);
  if (keys) {
    skWithKeys(m, keys, tvb, off, len, t, next);
    return;
  }
  t.add(hf.enc_iv, tvb, off, 4);
  tvb.ensure(off + 4, len - 4);
  t.add(hf.enc_data, tvb, off + 4, len - 4, null);
});

/** SKF (RFC 7383 §2.5): one fragment of an encrypted message; it cannot be reassembled without keys. */
registerPayload([P.V2_SKF], (m, tvb, off, len, t, next) => {
  const num = tvb.u16(off);
  const total = tvb.u16(off + 2);
  t.add(hf.frag_number, tvb, off, 2, num);
  if (num === 0) {
    expert(m, t.on ? t.text('Fragment number must not be zero', null, 0, 0) : t, 'error', 'malformed', 'isakmp.fragment_number.invalid', 'Fragment number must not be zero');
  } else if (num > total) {
    const msg = `Fragment number (${num}) must not be greater than total fragments (${total})`;
    expert(m, t.on ? t.text(msg, null, 0, 0) : t, 'error', 'malformed', 'isakmp.fragment_number.invalid', msg);
  }
  t.add(hf.frag_total, tvb, off + 2, 2, total);
  if (total === 0) {
    expert(m, t.on ? t.text('Total fragments must not be zero', null, 0, 0) : t, 'error', 'malformed', 'isakmp.fragment_number.invalid', 'Total fragments must not be zero');
  }
  if (m.pkt.engine.columns) m.pkt.appendInfo(` (fragment ${num}/${total})`);
  const keys = ikev2Keys(m);
  if (keys) skfWithKeys(m, keys, tvb, off, len, t, num, total, next);
});

/** EAP (RFC 7296 §3.16): handed to the EAP dissector when there is one. */
registerPayload([P.V2_EAP], (m, tvb, off, len, t) => {
  const sub = tvb.sub(off, len);
  if (!m.pkt.engine.callNamed('eap', sub, m.pkt, t)) addBytes(t, hf.eap_data, tvb, off, len);
});

registerPayload([P.V2_GSPM], (m, tvb, off, len, t) => { addBytes(t, hf.gspm_data, tvb, off, len); });
