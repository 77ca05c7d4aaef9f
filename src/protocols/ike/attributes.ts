/**
 * Data attributes (RFC 2408 §3.3): the TV/TLV items inside IKEv1 transforms (IKE SA attributes,
 * RFC 2409 App. A; IPsec SA attributes, RFC 2407 §4.5), IKEv2 transform attributes
 * (RFC 7296 §3.3.5), the RESPONDER-LIFETIME notify, ROHC notify, configuration payloads and
 * GDOI key download. The first bit says whether the value is a fixed 2-byte value (TV) or has a
 * length (TLV). Each dissector returns the bytes the attribute took, which is never less than 2
 * (a loop over attributes always advances).
 */
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import type { ValueNames } from '../../core/fields.js';
import { attr, hf, life, type AttrFields } from './fields.js';
import * as V from './values.js';
import { addNamed, expert, type IkeMsg } from './ctx.js';

export interface AttrHeader {
  headerLen: number;
  valueLen: number;
  type: number;
  item: Tree;
  sub: Tree;
}

/** The attribute item "IKE Attribute (t=1,l=2): Encryption-Algorithm", with its format, type, length and value. */
export function attributeHeader(tvb: Tvb, t: Tree, off: number, af: AttrFields, typeNames: ValueNames = af.typeNames): AttrHeader {
  const tf = tvb.u16(off);
  const hasLen = (tf & 0x8000) === 0;
  const type = tf & 0x7fff;
  const headerLen = hasLen ? 4 : 2;
  const valueLen = hasLen ? tvb.u16(off + 2) : 2;
  // Wireshark checks the whole attribute is there before it shows any of it.
  tvb.ensure(off, headerLen + valueLen);
  const text = t.on
    ? `${af.all.name} (t=${type},l=${valueLen}): ${typeNames.get(type) ?? `Unknown Attribute Type (${String(type).padStart(2, '0')})`}`
    : undefined;
  const item = t.add(af.all, tvb, off, headerLen + valueLen, null, text);
  item.add(af.format, tvb, off, 2, !hasLen);
  if (typeNames === af.typeNames) item.add(af.type, tvb, off, 2, type);
  else addNamed(item, af.type, tvb, off, 2, type, typeNames);
  if (hasLen) item.add(af.length, tvb, off + 2, 2, valueLen);
  if (valueLen > 0) item.add(af.value, tvb, off + headerLen, valueLen);
  return { headerLen, valueLen, type, item, sub: item };
}

function emptyValue(m: IkeMsg, h: AttrHeader): void {
  expert(m, h.item, 'note', 'protocol', 'isakmp.attribute_value_empty', 'Attribute value is empty');
}

/** An attribute value as an unsigned number (Wireshark reads the first 2 bytes for the summary). */
function u16At(tvb: Tvb, off: number): number {
  return tvb.u16(off);
}

/** Integer value of 1..4 bytes for a uint16 field given the attribute's own length. */
function intValue(tvb: Tvb, off: number, len: number): number {
  return tvb.uint(off, Math.min(len, 4));
}

function named(h: AttrHeader, table: ValueNames, v: number): void {
  if (h.item.on) h.item.appendText(`: ${table.get(v) ?? `Unknown ${v}`}`);
}

/** Life Duration of 1 to 8 octets or more (RFC 2407 §4.5, RFC 2409 App. A: a variable-length number). */
function lifeDuration(tvb: Tvb, h: AttrHeader, off: number, len: number, lf: typeof life.ike): number | undefined {
  if (len === 0) return undefined;
  if (len <= 4) {
    const v = tvb.uint(off, len);
    h.sub.add(lf.life_duration, tvb, off, len, v);
    if (h.item.on) h.item.appendText(`: ${v}`);
    return v;
  }
  if (len <= 8) {
    let v = 0n;
    for (let i = 0; i < len; i++) v = (v << 8n) | BigInt(tvb.u8(off + i));
    h.sub.add(lf.life_duration64, tvb, off, len, v);
    if (h.item.on) h.item.appendText(`: ${v}`);
    return Number(v);
  }
  h.sub.add(lf.life_duration_bytes, tvb, off, len);
  if (h.item.on) h.item.appendText(`: ${tvb.u64(off).toString(16)} ...`);
  return undefined;
}

/** What an IKEv1 phase 1 transform's attributes select (RFC 2409 App. A). */
export interface IkeAttrs {
  encr?: number;
  keyLen?: number;
  hash?: number;
  auth?: number;
  group?: number;
  groupType?: number;
  groupPrime?: Uint8Array;
  lifeType?: number;
  lifeDuration?: number;
}

/** One IKEv1 IKE SA attribute; returns the bytes it took. */
export function ikeAttribute(m: IkeMsg, tvb: Tvb, t: Tree, off: number, out: IkeAttrs): number {
  const h = attributeHeader(tvb, t, off, attr.ike);
  const at = off + h.headerLen, len = h.valueLen;
  if (len === 0) {
    emptyValue(m, h);
    return h.headerLen;
  }
  const s = h.sub;
  switch (h.type) {
    case 1: { // Encryption-Algorithm
      const v = intValue(tvb, at, len);
      s.add(hf.ike_attr_encryption_algorithm, tvb, at, len, v);
      named(h, V.IKE_ENC_ALG, u16At(tvb, at));
      out.encr = v;
      break;
    }
    case 2: {
      const v = intValue(tvb, at, len);
      s.add(hf.ike_attr_hash_algorithm, tvb, at, len, v);
      named(h, V.IKE_HASH_ALG, u16At(tvb, at));
      out.hash = v;
      break;
    }
    case 3: {
      const v = intValue(tvb, at, len);
      s.add(hf.ike_attr_authentication_method, tvb, at, len, v);
      named(h, V.IKE_AUTH_METHOD, u16At(tvb, at));
      out.auth = v;
      break;
    }
    case 4: {
      const v = intValue(tvb, at, len);
      s.add(hf.ike_attr_group_description, tvb, at, len, v);
      named(h, V.DH_GROUP, u16At(tvb, at));
      out.group = v;
      break;
    }
    case 5: {
      const v = intValue(tvb, at, len);
      s.add(hf.ike_attr_group_type, tvb, at, len, v);
      named(h, V.GROUP_TYPE, u16At(tvb, at));
      out.groupType = v;
      break;
    }
    case 6:
      s.add(hf.ike_attr_group_prime, tvb, at, len);
      out.groupPrime = tvb.copy(at, len);
      break;
    case 7: s.add(hf.ike_attr_group_generator_one, tvb, at, len); break;
    case 8: s.add(hf.ike_attr_group_generator_two, tvb, at, len); break;
    case 9: s.add(hf.ike_attr_group_curve_a, tvb, at, len); break;
    case 10: s.add(hf.ike_attr_group_curve_b, tvb, at, len); break;
    case 11: {
      const v = intValue(tvb, at, len);
      s.add(life.ike.life_type, tvb, at, len, v);
      named(h, V.LIFE_TYPE, u16At(tvb, at));
      out.lifeType = v;
      break;
    }
    case 12:
      out.lifeDuration = lifeDuration(tvb, h, at, len, life.ike);
      break;
    case 13: s.add(hf.ike_attr_prf, tvb, at, len); break;
    case 14: {
      const v = intValue(tvb, at, len);
      s.add(hf.ike_attr_key_length, tvb, at, len, v);
      if (h.item.on) h.item.appendText(`: ${u16At(tvb, at)}`);
      out.keyLen = v;
      break;
    }
    case 15: s.add(hf.ike_attr_field_size, tvb, at, len); break;
    case 16: s.add(hf.ike_attr_group_order, tvb, at, len); break;
    case 17: s.add(hf.ike_attr_block_size, tvb, at, len); break;
    case 20: {
      const v = intValue(tvb, at, len);
      s.add(hf.ike_attr_asym, tvb, at, len, v);
      named(h, V.ASYM_ALG, u16At(tvb, at));
      break;
    }
    default:
      break;
  }
  return h.headerLen + len;
}

/** What an IKEv1 phase 2 (IPsec DOI) transform's attributes select (RFC 2407 §4.5). */
export interface IpsecAttrs {
  group?: number;
  encapMode?: number;
  authAlg?: number;
  keyLen?: number;
  lifeDuration?: number;
}

/** One IPsec SA attribute; returns the bytes it took. */
export function ipsecAttribute(m: IkeMsg, tvb: Tvb, t: Tree, off: number, out: IpsecAttrs): number {
  const h = attributeHeader(tvb, t, off, attr.ipsec);
  const at = off + h.headerLen, len = h.valueLen;
  if (len === 0) {
    emptyValue(m, h);
    return h.headerLen;
  }
  const s = h.sub;
  const simple = (fd: typeof hf.ipsec_attr_group_description, table: ValueNames | null): number => {
    const v = intValue(tvb, at, len);
    s.add(fd, tvb, at, len, v);
    if (table) named(h, table, u16At(tvb, at));
    else if (h.item.on) h.item.appendText(`: ${u16At(tvb, at)}`);
    return v;
  };
  switch (h.type) {
    case 1: simple(life.ipsec.life_type, V.LIFE_TYPE); break;
    case 2: out.lifeDuration = lifeDuration(tvb, h, at, len, life.ipsec); break;
    case 3: out.group = simple(hf.ipsec_attr_group_description, V.DH_GROUP); break;
    case 4: out.encapMode = simple(hf.ipsec_attr_encap_mode, V.ENCAP_MODE); break;
    case 5: out.authAlg = simple(hf.ipsec_attr_auth_algorithm, V.IPSEC_AUTH_ALG); break;
    case 6: out.keyLen = simple(hf.ipsec_attr_key_length, null); break;
    case 7: simple(hf.ipsec_attr_key_rounds, null); break;
    case 8: s.add(hf.ipsec_attr_cmpr_dict_size, tvb, at, len, intValue(tvb, at, len)); break;
    case 9: s.add(hf.ipsec_attr_cmpr_algorithm, tvb, at, len); break;
    case 10: simple(hf.ipsec_attr_ecn_tunnel, V.ECN_TUNNEL); break;
    case 11: simple(hf.ipsec_attr_ext_seq_nbr, V.EXT_SEQ); break;
    case 12: simple(hf.ipsec_attr_auth_key_length, null); break;
    case 13: s.add(hf.ipsec_attr_sig_enco_algorithm, tvb, at, len); break;
    case 14: simple(hf.ipsec_attr_addr_preservation, V.ADDR_PRESERVATION); break;
    case 15: simple(hf.ipsec_attr_sa_direction, V.SA_DIRECTION); break;
    default: break;
  }
  return h.headerLen + len;
}

/** One RESPONDER-LIFETIME attribute (RFC 2407 §4.6.3.1): only life type and duration are decoded. */
export function respLifetimeAttribute(m: IkeMsg, tvb: Tvb, t: Tree, off: number, ike: boolean): number {
  const h = attributeHeader(tvb, t, off, ike ? attr.respIke : attr.respIpsec);
  const at = off + h.headerLen, len = h.valueLen;
  if (len === 0) {
    emptyValue(m, h);
    return h.headerLen;
  }
  const lf = ike ? life.respIke : life.respIpsec;
  const lifeTypeCode = ike ? 11 : 1, durationCode = ike ? 12 : 2;
  if (h.type === lifeTypeCode) {
    h.sub.add(lf.life_type, tvb, at, len, intValue(tvb, at, len));
    named(h, V.LIFE_TYPE, u16At(tvb, at));
  } else if (h.type === durationCode) {
    lifeDuration(tvb, h, at, len, lf);
  }
  return h.headerLen + len;
}

/** One IKEv2 transform attribute (RFC 7296 §3.3.5): only Key Length (14) is defined. */
export function ike2Attribute(m: IkeMsg, tvb: Tvb, t: Tree, off: number, out: { keyLen?: number }): number {
  const h = attributeHeader(tvb, t, off, attr.ike2);
  const at = off + h.headerLen, len = h.valueLen;
  if (len === 0) {
    emptyValue(m, h);
    return h.headerLen;
  }
  if (h.type === 14) {
    const v = intValue(tvb, at, len);
    h.sub.add(hf.ike2_attr_key_length, tvb, at, len, v);
    if (h.item.on) h.item.appendText(`: ${u16At(tvb, at)}`);
    out.keyLen = v;
  }
  return h.headerLen + len;
}

/** One ROHC_SUPPORTED attribute (RFC 5857 §3.1). */
export function rohcAttribute(m: IkeMsg, tvb: Tvb, t: Tree, off: number): number {
  const h = attributeHeader(tvb, t, off, attr.rohc);
  const at = off + h.headerLen, len = h.valueLen;
  if (len === 0) {
    emptyValue(m, h);
    return h.headerLen;
  }
  const fd = [null, hf.rohc_max_cid, hf.rohc_profile, hf.rohc_integ, hf.rohc_icv_len, hf.rohc_mrru][h.type];
  if (fd) h.sub.add(fd, tvb, at, len, intValue(tvb, at, len));
  return h.headerLen + len;
}

/** One GDOI key download TEK attribute (RFC 6407 §5.6.1): shown, not decoded. */
export function tekAttribute(m: IkeMsg, tvb: Tvb, t: Tree, off: number): number {
  const h = attributeHeader(tvb, t, off, attr.tek);
  if (h.valueLen === 0) emptyValue(m, h);
  return h.headerLen + h.valueLen;
}

/** Repeat an n-byte item over the value when its length is a multiple of n (Wireshark shows nothing otherwise). */
function each(len: number, n: number, fn: (k: number) => void): void {
  if (len % n !== 0) return;
  for (let k = 0; k < len / n; k++) fn(k * n);
}

/** One configuration attribute (IKEv1 Mode Config / IKEv2 CP, RFC 7296 §3.15.1). */
export function configAttribute(m: IkeMsg, tvb: Tvb, t: Tree, off: number, isRequest: boolean): number {
  const h = attributeHeader(tvb, t, off, attr.cfg, m.version === 1 ? V.CFG_ATTR_V1 : V.CFG_ATTR_V2);
  const at = off + h.headerLen, len = h.valueLen;
  const s = h.sub;
  if (len === 0) {
    // A request names the attributes it wants with empty values.
    if (!isRequest) emptyValue(m, h);
    return h.headerLen;
  }
  const text = (fd: typeof hf.cfg_application_version): void => {
    const v = tvb.latin1(at, len);
    s.add(fd, tvb, at, len, v);
    if (h.item.on) h.item.appendText(`: ${v}`);
  };
  switch (h.type) {
    case 1: each(len, 4, (k) => s.add(hf.cfg_internal_ip4_address, tvb, at + k, 4)); break;
    case 2: s.add(hf.cfg_internal_ip4_netmask, tvb, at, 4); break;
    case 3: each(len, 4, (k) => s.add(hf.cfg_internal_ip4_dns, tvb, at + k, 4)); break;
    case 4: each(len, 4, (k) => s.add(hf.cfg_internal_ip4_nbns, tvb, at + k, 4)); break;
    case 5: s.add(hf.cfg_internal_address_expiry, tvb, at, 4, tvb.u32(at)); break;
    case 6: each(len, 4, (k) => s.add(hf.cfg_internal_ip4_dhcp, tvb, at + k, 4)); break;
    case 7: text(hf.cfg_application_version); break;
    case 8: each(len, 17, (k) => {
      s.add(hf.cfg_internal_ip6_address, tvb, at + k, 16);
      s.add(hf.cfg_internal_ip6_address_prefix, tvb, at + k + 16, 1);
    }); break;
    case 9: s.add(hf.cfg_internal_ip6_netmask, tvb, at, 18); break;
    case 10: each(len, 16, (k) => s.add(hf.cfg_internal_ip6_dns, tvb, at + k, 16)); break;
    case 11: each(len, 16, (k) => s.add(hf.cfg_internal_ip6_nbns, tvb, at + k, 16)); break;
    case 12: each(len, 16, (k) => s.add(hf.cfg_internal_ip6_dhcp, tvb, at + k, 16)); break;
    case 13: each(len, 8, (k) => {
      s.add(hf.cfg_internal_ip4_subnet_ip, tvb, at + k, 4);
      s.add(hf.cfg_internal_ip4_subnet_netmask, tvb, at + k + 4, 4);
    }); break;
    case 14: each(len, 2, (k) => s.add(hf.cfg_supported_attributes, tvb, at + k, 2)); break;
    case 15: each(len, 17, (k) => {
      s.add(hf.cfg_internal_ip6_subnet_ip, tvb, at + k, 16);
      s.add(hf.cfg_internal_ip6_subnet_prefix, tvb, at + k + 16, 1);
    }); break;
    case 17:
      s.add(hf.cfg_internal_ip6_link_interface, tvb, at, 8, tvb.u64(at));
      s.add(hf.cfg_internal_ip6_link_id, tvb, at + 8, len - 8);
      break;
    case 18: each(len, 17, (k) => {
      s.add(hf.cfg_internal_ip6_prefix_ip, tvb, at + k, 16);
      s.add(hf.cfg_internal_ip6_prefix_length, tvb, at + k + 16, 1);
    }); break;
    case 20: each(len, 4, (k) => s.add(hf.cfg_p_cscf_ip4_address, tvb, at + k, 4)); break;
    case 21: each(len, 16, (k) => s.add(hf.cfg_p_cscf_ip6_address, tvb, at + k, 16)); break;
    case 16520: {
      s.add(hf.cfg_xauth_type, tvb, at, len, intValue(tvb, at, len));
      named(h, V.XAUTH_TYPE, u16At(tvb, at));
      break;
    }
    case 16521: text(hf.cfg_xauth_user_name); break;
    case 16522: text(hf.cfg_xauth_user_password); break;
    case 16523: text(hf.cfg_xauth_passcode); break;
    case 16524: text(hf.cfg_xauth_message); break;
    case 16525: text(hf.cfg_xauth_challenge); break;
    case 16526: text(hf.cfg_xauth_domain); break;
    case 16527: {
      s.add(hf.cfg_xauth_status, tvb, at, len, intValue(tvb, at, len));
      named(h, V.XAUTH_STATUS, u16At(tvb, at));
      break;
    }
    case 16528: text(hf.cfg_xauth_next_pin); break;
    case 16529: text(hf.cfg_xauth_answer); break;
    case 28672: text(hf.cfg_unity_banner); break;
    case 28674: text(hf.cfg_unity_def_domain); break;
    default: break;
  }
  return h.headerLen + len;
}
