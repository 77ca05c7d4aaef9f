/**
 * Payloads IKEv1 and IKEv2 share, with the few differences between the versions: SA and Proposal
 * (RFC 2408 §3.4-3.5, RFC 7296 §3.3), Key Exchange, Identification, Certificate and Certificate
 * Request, Nonce, Notify, Delete, Vendor ID and Configuration (Mode Config / CP).
 */
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { ipv4ToString, ipv6ToString } from '../../core/value.js';
import { hf } from './fields.js';
import * as V from './values.js';
import { addBytes, addFmt, addNamed, type IkeMsg, type Suite } from './ctx.js';
import { P, payloadHeader, registerPayload, walkPayloads } from './chain.js';
import { configAttribute } from './attributes.js';
import { notifyDataV1, saBodyV1, transformV1 } from './ikev1-payloads.js';
import { asciiText, notifyDataV2, transformV2 } from './ikev2-payloads.js';
import {
  VID_ARUBA_VIA_AUTH_PROFILE, VID_CISCO_UNITY, VID_CP_01_R65, VID_FORTINET_FORTIGATE, VID_MS_NT5_ISAKMPOAKLEY,
  startsWith, vendorIdName,
} from './vendor-ids.js';

/** SA (RFC 2408 §3.4, RFC 7296 §3.3): IKEv1 has a DOI and situation before the proposals. */
registerPayload([P.SA, P.V2_SA], (m, tvb, off, len, t) => {
  if (!m.obs.saTree) m.obs.saTree = t;
  if (m.version === 1) saBodyV1(m, tvb, off, len, t);
  else if (m.version === 2) walkPayloads(m, tvb, t, P.P, off, len);
});

/** Proposal (RFC 2408 §3.5, RFC 7296 §3.3.1) and its transforms, counted by the proposal. */
registerPayload([P.P], (m, tvb, off, len, t) => {
  const num = tvb.u8(off);
  if (t.on) t.appendText(` # ${num}`);
  t.add(hf.prop_number, tvb, off, 1, num);
  const protocolId = tvb.u8(off + 1);
  if (m.version === 1) t.add(hf.prop_protoid, tvb, off + 1, 1, protocolId);
  else if (m.version === 2) addNamed(t, hf.prop_protoid, tvb, off + 1, 1, protocolId, V.PROTO_V2);
  const spiSize = tvb.u8(off + 2);
  t.add(hf.spisize, tvb, off + 2, 1, spiSize);
  let n = tvb.u8(off + 3);
  t.add(hf.prop_transforms, tvb, off + 3, 1, n);
  off += 4;
  len -= 4;
  if (spiSize) {
    t.add(hf.spi, tvb, off, spiSize);
    // ESP (3) and AH (2) have the same numbers in IKEv1 (RFC 2407 §4.4.1) and IKEv2 (RFC 7296 §3.3.1).
    if (spiSize === 4 && (protocolId === 3 || protocolId === 2) && (m.obs.childSpis ??= []).length < 16) {
      m.obs.childSpis.push({ protocol: protocolId === 3 ? 'ESP' : 'AH', spi: tvb.u32(off) });
    }
    off += spiSize;
    len -= spiSize;
  }
  const suite: Suite | null = m.version === 2
    ? { protocol: V.PROTO_V2.get(protocolId) ?? `protocol ${protocolId}`, algos: [], tree: t }
    : null;
  // The count bounds the walk; each transform advances by its own length (at least 4).
  while (n > 0) {
    const h = payloadHeader(m, tvb, off, len, P.T, t);
    if (len < h.len) {
      badRemaining(m, t, `Payload (bogus, length is ${h.len}, greater than remaining length ${len}`);
      break;
    } else if (h.len < 4) {
      badRemaining(m, t, `Payload (bogus, length is ${h.len}, must be at least 4)`);
      break;
    }
    const tt = h.tree ?? t;
    if (m.version === 1) transformV1(m, tvb, off + 4, h.len - 4, tt, protocolId);
    else if (m.version === 2 && suite) transformV2(m, tvb, off + 4, h.len - 4, tt, suite);
    off += h.len;
    len -= h.len;
    n--;
  }
  if (suite) m.obs.suites.push(suite);
});

function badRemaining(m: IkeMsg, t: Tree, msg: string): void {
  const at = t.on ? t.text(msg, null, 0, 0) : t;
  m.pkt.engine.expert(m.pkt, at, 'error', 'malformed', 'isakmp.payloadlength.invalid', msg);
}

/** Key Exchange (RFC 2408 §3.7, RFC 7296 §3.4). */
registerPayload([P.KE, P.V2_KE], (m, tvb, off, len, t) => {
  if (m.version === 2) {
    const group = tvb.u16(off);
    t.add(hf.key_exchange_dh_group, tvb, off, 2, group);
    t.add(hf.reserved, tvb, off + 2, 2);
    off += 4;
    len -= 4;
    m.obs.keGroup = group;
  }
  addBytes(t, hf.key_exchange_data, tvb, off, len);
  if (m.version === 1) m.obs.ke = tvb.copy(off, len);
});

/** Length of the DER element at off (tag, length and contents), or -1 when it cannot be read. */
export function derLength(tvb: Tvb, off: number): number {
  if (!tvb.has(off, 2)) return -1;
  let o = off + 1;
  if ((tvb.u8(off) & 0x1f) === 0x1f) {
    while (tvb.has(o, 1) && tvb.u8(o) & 0x80) o++;
    o++;
  }
  if (!tvb.has(o, 1)) return -1;
  const first = tvb.u8(o++);
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || !tvb.has(o, n)) return -1;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + tvb.u8(o++);
  }
  return o - off + len;
}

/** Identification data by ID type (RFC 2407 §4.6.2.1, RFC 7296 §3.5); appends the identity to item. */
function identity(tvb: Tvb, off: number, len: number, type: number, t: Tree, item: Tree): void {
  const on = item.on;
  switch (type) {
    case 1: {
      t.add(hf.id_ipv4_addr, tvb, off, 4);
      if (on) item.appendText(ipv4ToString(tvb.u32(off)));
      break;
    }
    case 2:
    case 3: {
      const s = asciiText(tvb, off, len);
      t.add(type === 2 ? hf.id_fqdn : hf.id_user_fqdn, tvb, off, len, s);
      if (on) item.appendText(s);
      break;
    }
    case 4:
    case 7: {
      t.add(type === 4 ? hf.id_ipv4_addr : hf.id_ipv4_range_start, tvb, off, 4);
      t.add(type === 4 ? hf.id_ipv4_subnet : hf.id_ipv4_range_end, tvb, off + 4, 4);
      if (on) item.appendText(`${ipv4ToString(tvb.u32(off))}/${ipv4ToString(tvb.u32(off + 4))}`);
      break;
    }
    case 5: {
      t.add(hf.id_ipv6_addr, tvb, off, 16);
      if (on) item.appendText(ipv6ToString(tvb.bytes(off, 16)));
      break;
    }
    case 6:
    case 8: {
      t.add(type === 6 ? hf.id_ipv6_addr : hf.id_ipv6_range_start, tvb, off, 16);
      t.add(type === 6 ? hf.id_ipv6_subnet : hf.id_ipv6_range_end, tvb, off + 16, 16);
      if (on) item.appendText(`${ipv6ToString(tvb.bytes(off, 16))}/${ipv6ToString(tvb.bytes(off + 16, 16))}`);
      break;
    }
    case 11:
      addBytes(t, hf.id_key_id, tvb, off, len);
      break;
    case 9: {
      // A DER Name: its first (and only) CHOICE alternative is rdnSequence (0).
      const dl = derLength(tvb, off);
      t.add(hf.id_der_asn1_dn, tvb, off, dl > 0 ? dl : len, 0);
      break;
    }
    default:
      if (on) item.appendText(tvb.hex(off, len));
      break;
  }
}

/** An identity in words for the IKE SA table: addresses and names as text, other types as hex. */
function identityText(tvb: Tvb, off: number, len: number, type: number): string {
  if (type === 1 && len >= 4) return ipv4ToString(tvb.u32(off));
  if (type === 5 && len >= 16) return ipv6ToString(tvb.bytes(off, 16));
  if (type === 2 || type === 3) return asciiText(tvb, off, len);
  return `${V.ID_TYPE_V2.get(type) ?? `type ${type}`}:${tvb.hex(off, Math.min(len, 64))}`;
}

/** Identification (RFC 2408 §3.8, RFC 2407 §4.6.2, RFC 7296 §3.5). */
const identification = (which: 'i' | 'r' | 'v1') => (m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree): void => {
  const type = tvb.u8(off);
  if (m.version === 1) t.add(hf.id_type, tvb, off, 1, type);
  else if (m.version === 2) addNamed(t, hf.id_type, tvb, off, 1, type, V.ID_TYPE_V2);
  off += 1;
  len -= 1;
  if (m.version === 1) {
    const proto = tvb.u8(off);
    if (proto === 0) addFmt(t, hf.id_protoid, tvb, off, 1, 0, () => 'Unused');
    else t.add(hf.id_protoid, tvb, off, 1, proto);
    const port = tvb.u16(off + 1);
    if (port === 0) addFmt(t, hf.id_port, tvb, off + 1, 2, 0, () => 'Unused');
    else t.add(hf.id_port, tvb, off + 1, 2, port);
    off += 3;
    len -= 3;
  } else if (m.version === 2) {
    t.add(hf.reserved, tvb, off, 3);
    off += 3;
    len -= 3;
  }
  tvb.ensure(off, len);
  const item = t.add(hf.id_data, tvb, off, len, null, t.on ? hf.id_data.name : undefined);
  identity(tvb, off, len, type, item, item);
  if ((m.obs.ids ??= []).length < 4) m.obs.ids.push({ which, text: identityText(tvb, off, len, type) });
};
// Registered per type: the IKE SA table needs to know which of IDi and IDr an IKEv2 ID payload is.
registerPayload([P.ID], identification('v1'));
registerPayload([P.V2_IDI], identification('i'));
registerPayload([P.V2_IDR], identification('r'));

/** Certificate (RFC 2408 §3.9, RFC 7296 §3.6). The X.509 contents are not decoded. */
registerPayload([P.CERT, P.V2_CERT], (m, tvb, off, len, t) => {
  const type = tvb.u8(off);
  if (m.version === 1) t.add(hf.cert_encoding, tvb, off, 1, type);
  else if (m.version === 2) addNamed(t, hf.cert_encoding, tvb, off, 1, type, V.CERT_V2);
  off += 1;
  len -= 1;
  if (m.version === 2 && type === 12) {
    t.add(hf.cert_x509_hash, tvb, off, 20);
    t.add(hf.cert_x509_url, tvb, off + 20, len - 20, asciiText(tvb, off + 20, len - 20));
    return;
  }
  const dl = derLength(tvb, off);
  const size = dl > 0 ? dl : len;
  tvb.ensure(off, size);
  t.add(hf.cert_data, tvb, off, size, null);
});

/** Certificate Request (RFC 2408 §3.10, RFC 7296 §3.7). */
registerPayload([P.CR, P.V2_CERTREQ], (m, tvb, off, len, t) => {
  const type = tvb.u8(off);
  if (m.version === 1) t.add(hf.certreq_type, tvb, off, 1, type);
  else if (m.version === 2) addNamed(t, hf.certreq_type, tvb, off, 1, type, V.CERT_V2);
  off += 1;
  len -= 1;
  if (m.version === 1) {
    if (len === 0) return;
    if (type === 4) {
      const dl = derLength(tvb, off);
      t.add(hf.certreq_authority_sig, tvb, off, dl > 0 ? dl : len, 0);
    } else {
      addBytes(t, hf.certreq_authority, tvb, off, len);
    }
  } else if (m.version === 2) {
    // A list of 20-byte SHA-1 hashes of CA public keys.
    while (len > 0) {
      addBytes(t, hf.certreq_authority, tvb, off, 20);
      off += 20;
      len -= 20;
    }
  }
});

registerPayload([P.NONCE, P.V2_NONCE], (m, tvb, off, len, t) => { addBytes(t, hf.nonce, tvb, off, len); });

/** Notify (RFC 2408 §3.14, RFC 7296 §3.10). */
registerPayload([P.N, P.V2_N], (m, tvb, off, len, t) => {
  const end = off + len;
  let doi = 0;
  if (m.version === 1) {
    doi = tvb.u32(off);
    t.add(hf.notify_doi, tvb, off, 4, doi);
    off += 4;
    len -= 4;
  }
  const protocolId = tvb.u8(off);
  if (m.version === 1) t.add(hf.notify_protoid, tvb, off, 1, protocolId);
  else if (m.version === 2) addNamed(t, hf.notify_protoid, tvb, off, 1, protocolId, V.PROTO_V2);
  const spiSize = tvb.u8(off + 1);
  t.add(hf.spisize, tvb, off + 1, 1, spiSize);
  const type = tvb.u16(off + 2);
  if (m.version === 1) {
    t.add(hf.notify_msgtype, tvb, off + 2, 2, type);
  } else if (m.version === 2) {
    const table = type < 8192 || (type > 16383 && type < 40959) ? V.NOTIFY_V2 : V.NOTIFY_V2_3GPP;
    const name = table.get(type) ?? 'Unknown';
    addFmt(t, hf.notify_msgtype, tvb, off + 2, 2, type, () => `${name} (${type})`);
    if (t.on) t.appendText(` - ${name}`);
  }
  off += 4;
  len -= 4;
  if (spiSize) {
    t.add(hf.spi, tvb, off, spiSize);
    off += spiSize;
    len -= spiSize;
  }
  const data = addBytes(t, hf.notify_data, tvb, off, len);
  m.obs.notifies.push(type);
  if (m.version === 1) {
    notifyDataV1(m, tvb, off, len, t, data, type, protocolId, doi, end);
  } else if (m.version === 2) {
    if ((type === 16388 || type === 16389) && len > 0) {
      m.obs.natd.push({ side: type === 16388 ? 'src' : 'dst', hash: tvb.copy(off, len), tree: t });
    }
    if (type === 16393) m.obs.rekey = true;
    notifyDataV2(m, tvb, off, len, t, type, end);
  }
});

/** Delete (RFC 2408 §3.15, RFC 7296 §3.11). */
registerPayload([P.D, P.V2_D], (m, tvb, off, len, t) => {
  if (m.version === 1) {
    t.add(hf.delete_doi, tvb, off, 4, tvb.u32(off));
    off += 4;
    len -= 4;
  }
  const protocolId = tvb.u8(off);
  if (m.version === 1) t.add(hf.delete_protoid, tvb, off, 1, protocolId);
  else if (m.version === 2) addNamed(t, hf.delete_protoid, tvb, off, 1, protocolId, V.PROTO_V2);
  const spiSize = tvb.u8(off + 1);
  t.add(hf.spisize, tvb, off + 1, 1, spiSize);
  t.add(hf.spinum, tvb, off + 2, 2, tvb.u16(off + 2));
  off += 4;
  len -= 4;
  if (spiSize > 0) {
    while (len > 0) {
      t.add(hf.delete_spi, tvb, off, spiSize);
      off += spiSize;
      len -= spiSize;
    }
  }
});

/** Vendor ID (RFC 2408 §3.16), named when known, with the version some vendors append. */
registerPayload([P.VID, P.V2_V], (m, tvb, off, len, t) => {
  const vid = tvb.bytes(off, len);
  const name = vendorIdName(vid) ?? 'Unknown Vendor ID';
  addBytes(t, hf.vid_bytes, tvb, off, len);
  t.add(hf.vid_string, tvb, off, len, name);
  if (t.on) t.appendText(` : ${name}`);
  if (name !== 'Unknown Vendor ID') m.obs.vendorIds.push(name);
  if (len >= 24 && startsWith(vid, VID_CP_01_R65)) {
    const o = off + 20;
    t.add(hf.vid_cp_product, tvb, o, 4, tvb.u32(o));
    t.add(hf.vid_cp_version, tvb, o + 4, 4, tvb.u32(o + 4));
    t.add(hf.vid_cp_timestamp, tvb, o + 8, 4, tvb.u32(o + 8));
    t.add(hf.vid_cp_reserved, tvb, o + 12, 4, tvb.u32(o + 12));
    t.add(hf.vid_cp_features, tvb, o + 16, 4, tvb.u32(o + 16));
  }
  if (len >= 14 && startsWith(vid, VID_CISCO_UNITY)) {
    const major = tvb.u8(off + 14), minor = tvb.u8(off + 15);
    t.add(hf.vid_cisco_unity_major, tvb, off + 14, 1, major);
    if (t.on) t.appendText(` ${major}`);
    t.add(hf.vid_cisco_unity_minor, tvb, off + 15, 1, minor);
    if (t.on) t.appendText(`.${minor}`);
  }
  if (len >= 16 && startsWith(vid, VID_MS_NT5_ISAKMPOAKLEY)) {
    t.add(hf.vid_ms_nt5, tvb, off + 16, 4, tvb.u32(off + 16));
  }
  if (len >= 19 && startsWith(vid, VID_ARUBA_VIA_AUTH_PROFILE)) {
    t.add(hf.vid_aruba_via_auth_profile, tvb, off + 19, len - 19, asciiText(tvb, off + 19, len - 19));
  }
  if (len >= 12 && startsWith(vid, VID_FORTINET_FORTIGATE)) {
    t.add(hf.vid_fortigate_release, tvb, off + 12, 2, tvb.u16(off + 12));
    t.add(hf.vid_fortigate_build, tvb, off + 14, 2, tvb.u16(off + 14));
  }
});

/** Attributes (IKEv1 Mode Config) and Configuration (IKEv2 CP, RFC 7296 §3.15). */
registerPayload([P.A, P.V2_CP], (m, tvb, off, len, t) => {
  const end = off + len;
  const type = tvb.u8(off);
  if (m.version === 1) {
    t.add(hf.cfg_type, tvb, off, 1, type);
    t.add(hf.reserved, tvb, off + 1, 1);
    t.add(hf.cfg_identifier, tvb, off + 2, 2, tvb.u16(off + 2));
  } else if (m.version === 2) {
    addNamed(t, hf.cfg_type, tvb, off, 1, type, V.CFG_TYPE_V2);
    t.add(hf.reserved, tvb, off + 1, 3);
  } else {
    return;
  }
  off += 4;
  while (off < end) off += configAttribute(m, tvb, t, off, m.isRequest);
});
