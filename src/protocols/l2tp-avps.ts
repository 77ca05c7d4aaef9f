/**
 * The AVPs of an L2TP control message (RFC 2661 §4, RFC 3931 §5): the 6-octet AVP header and every
 * IETF attribute, the vendor AVPs Wireshark knows, and hidden AVPs (decrypted when the tunnel
 * secret is set; see l2tp-hidden.ts). The values the tunnel tracker needs are collected into a
 * ControlInfo as they are read.
 */
import type { FieldDef, Value } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import { BoundsError, Tvb } from '../core/tvb.js';
import { hfAvp, hfVendor } from './l2tp-fields.js';
import type { L2tpAvpValues } from '../sessions/l2tp-tunnels.js';
import { hiddenOriginalLength, revealHidden } from './l2tp-hidden.js';
import {
  AVP, AVP_TYPE_NAMES, BROADBAND_AVP_NAMES, CABLELABS_AVP_NAMES, CISCO_AVP, CISCO_AVP_NAMES, ERICSSON_AVP_NAMES,
  ERICSSON_MSG_SHORT, MSG, STOPCCN_RESULT_NAMES, VENDOR, enterpriseName,
} from './l2tp-values.js';

/** What a control message said, for the tunnel tracker and the Info column. */
export interface ControlInfo extends L2tpAvpValues {
  /** Message Type of the first AVP, -1 when there is none (ZLB) or it is not a Control Message AVP. */
  msgType: number;
  avps: number;
  assignedCcid?: number;
  localSessionId?: number;
  /** Hidden AVPs seen, and how many of them stayed hidden (no secret, no Random Vector, wrong secret). */
  hidden: number;
  hiddenUnread: number;
  /** The most recent Random Vector of this message (RFC 2661 §4.3: it hides the AVPs after it). */
  rv?: Uint8Array;
  /** Tunnel authentication (RFC 2661 §4.2): the Response this message gives (the Challenge is in L2tpAvpValues). */
  challengeResponse?: Uint8Array;
  /** Control Connection ID for the Cisco ACK Info text (L2TPv3), -1 for L2TPv2. */
  ccid: number;
}

export function newControlInfo(ccid: number): ControlInfo {
  return { msgType: -1, avps: 0, hidden: 0, hiddenUnread: 0, ccid };
}

const te = new TextEncoder();

/** Wireshark's ENC_ASCII: bytes above 0x7f are not ASCII and become U+FFFD; text stops at a NUL. */
function ascii(tvb: Tvb, off: number, len: number): string {
  const b = tvb.bytes(off, len);
  let s = '';
  for (let k = 0; k < b.length; k++) {
    const c = b[k];
    if (c === 0) break;
    s += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  }
  return s;
}

function u64(tvb: Tvb, off: number): number | bigint {
  const v = tvb.u64(off);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Adds a field and returns its value, for the ones the tracker or the Info column needs. */
function add(t: Tree, f: FieldDef, tvb: Tvb, off: number, len: number, v?: Value): Value {
  const value = v === undefined ? readValue(f, tvb, off, len) : v;
  t.add(f, tvb, off, len, value);
  return value;
}

function readValue(f: FieldDef, tvb: Tvb, off: number, len: number): Value {
  switch (f.type) {
    case 'string': return ascii(tvb, off, len);
    case 'uint64': return u64(tvb, off);
    case 'bytes': return tvb.copy(off, len);
    case 'none': tvb.ensure(off, len); return null;
    default: return tvb.uint(off, len);
  }
}

function num(t: Tree, f: FieldDef, tvb: Tvb, off: number, len: number): number {
  const v = tvb.uint(off, len);
  t.add(f, tvb, off, len, f.mask ? (v & f.mask) / 2 ** f.shift : v);
  return v;
}

function flag(t: Tree, f: FieldDef, tvb: Tvb, off: number, len: number): void {
  t.add(f, tvb, off, len, (tvb.uint(off, len) & f.mask) !== 0);
}

export interface AvpContext {
  pkt: Packet;
  /** The L2TP tree, for items that belong to the message rather than one AVP. */
  msgTree: Tree;
  info: ControlInfo;
  /** The tunnel's shared secret (l2tp.secret), as bytes; undefined when not set. */
  secret?: Uint8Array;
}

/**
 * Walk the AVPs in [start, end) of tvb. A length below 6 or past the message end ends the walk
 * with a "Bad AVP length" item (Wireshark's l2tp.avp_length.bad), so every turn consumes at least
 * 6 octets or stops.
 */
export function dissectAvps(tvb: Tvb, start: number, end: number, ctx: AvpContext): void {
  const { pkt, msgTree } = ctx;
  let idx = start;
  let last: Tree = msgTree;
  while (idx < end) {
    const verLenHidden = tvb.u16(idx);
    const avpLen = verLenHidden & 0x03ff;
    const vendorId = tvb.u16(idx + 2);
    const avpType = tvb.u16(idx + 4);
    if (avpLen < 6 || idx + avpLen > end) {
      // Wireshark hangs the "must be >= 6" item under the previous AVP; an AVP running past the
      // message end is an exception there. Both end the walk: nothing after them can be trusted.
      const text = avpLen < 6 ? `AVP length must be >= 6, got ${avpLen}`
        : `AVP length ${avpLen} runs past the end of the message (${end - idx} octets left)`;
      const bad = (avpLen < 6 ? last : msgTree).text(text, tvb, idx, 2);
      pkt.malformed = true;
      pkt.engine.expert(pkt, bad, 'error', 'malformed', 'l2tp.avp_length.bad', `Bad AVP length: ${text}`);
      return;
    }
    // The whole AVP must be there before it is shown (a capture cut inside it is "short").
    tvb.ensure(idx, avpLen);
    ctx.info.avps++;
    const hidden = (verLenHidden & 0x4000) !== 0;
    let t: Tree;
    if (vendorId !== VENDOR.IETF) {
      t = vendorAvp(tvb, idx, avpLen, vendorId, avpType, hidden, ctx);
    } else {
      t = msgTree.text(`${AVP_TYPE_NAMES.get(avpType) ?? `Unknown (${avpType})`} AVP`, tvb, idx, avpLen);
      avpHeader(t, tvb, idx);
      if (hidden) {
        hiddenAvp(t, tvb, idx, avpLen, avpType, ctx);
      } else if (avpType === AVP.EXTENDED_VENDOR_ID) {
        // Wireshark reads a 4-octet Vendor ID at the AVP Type and then resumes 8 octets in, which
        // misparses every AVP after it; we read the header as usual and the value as the vendor.
        t.add(hfAvp.vendor_id, tvb, idx + 2, 2, vendorId);
        t.add(hfAvp.type, tvb, idx + 4, 2, avpType);
        t.add(hfAvp.vendor_id, tvb, idx + 6, 4, tvb.u32(idx + 6));
      } else {
        t.add(hfAvp.vendor_id, tvb, idx + 2, 2, vendorId);
        t.add(hfAvp.type, tvb, idx + 4, 2, avpType);
        ietfValue(avpType, tvb, idx + 6, avpLen - 6, t, ctx);
      }
    }
    last = t;
    idx += avpLen;
  }
}

function avpHeader(t: Tree, tvb: Tvb, idx: number): void {
  flag(t, hfAvp.mandatory, tvb, idx, 2);
  flag(t, hfAvp.hidden, tvb, idx, 2);
  num(t, hfAvp.length, tvb, idx, 2);
}

/** A hidden IETF AVP: Wireshark shows only its header; with the secret we show what it hides. */
function hiddenAvp(t: Tree, tvb: Tvb, idx: number, avpLen: number, avpType: number, ctx: AvpContext): void {
  const { pkt, info } = ctx;
  info.hidden++;
  if (!ctx.secret) {
    info.hiddenUnread++;
    if (info.hidden === 1) {
      pkt.engine.expert(pkt, t, 'note', 'decryption', 'l2tp.hidden.no_secret',
        'Hidden AVP not decrypted: the tunnel secret is not known (set -o l2tp.secret:SECRET)');
    }
    return;
  }
  t.add(hfAvp.vendor_id, tvb, idx + 2, 2, 0);
  t.add(hfAvp.type, tvb, idx + 4, 2, avpType);
  if (!info.rv) {
    info.hiddenUnread++;
    pkt.engine.expert(pkt, t, 'warn', 'decryption', 'l2tp.hidden.no_random_vector',
      'Hidden AVP not decrypted: no Random Vector AVP precedes it in this message (RFC 2661 §4.3)');
    return;
  }
  const vlen = avpLen - 6;
  const revealed = revealHidden(tvb.bytes(idx + 6, vlen), avpType, ctx.secret, info.rv);
  const orig = hiddenOriginalLength(revealed);
  if (orig < 0) {
    info.hiddenUnread++;
    pkt.engine.expert(pkt, t, 'warn', 'decryption', 'l2tp.hidden.bad_secret',
      `Hidden AVP did not decrypt: the original length it gives does not fit in ${vlen} octets (wrong secret?)`);
    return;
  }
  const ds = pkt.addSource('Decrypted L2TP AVP', revealed);
  const clear = new Tvb(revealed, 0, revealed.length, revealed.length, ds, 0);
  t.add(hfAvp.hidden_original_length, clear, 0, 2, orig);
  try {
    ietfValue(avpType, clear, 2, orig, t, ctx);
  } catch (e) {
    if (!(e instanceof BoundsError)) throw e;
    pkt.engine.expert(pkt, t, 'warn', 'malformed', 'l2tp.hidden.short',
      `Decrypted hidden AVP is too short for its value (${orig} octets)`);
  }
  if (revealed.length > 2 + orig) t.add(hfAvp.hidden_padding, clear, 2 + orig, revealed.length - 2 - orig);
}

/** The value of an IETF AVP at [off, off+len) of tvb (the message, or a decrypted hidden value). */
function ietfValue(type: number, tvb: Tvb, off: number, len: number, t: Tree, ctx: AvpContext): void {
  const info = ctx.info;
  const h = hfAvp;
  switch (type) {
    case AVP.CONTROL_MESSAGE: {
      const m = num(t, h.message_type, tvb, off, 2);
      if (info.msgType < 0) info.msgType = m;
      break;
    }
    case AVP.RESULT_ERROR_CODE: {
      if (len < 2) break;
      const rc = tvb.u16(off);
      // One field, two value tables: a StopCCN's result codes mean something else than a CDN's.
      const stop = info.msgType === MSG.StopCCN;
      t.add(h.result_code, tvb, off, 2, rc, stop && t.on ? `Result code: ${STOPCCN_RESULT_NAMES.get(rc) ?? 'Unknown'} (${rc})` : undefined);
      info.resultCode = rc;
      if (len < 4) break;
      info.errorCode = num(t, h.error_code, tvb, off + 2, 2);
      if (len === 4) break;
      info.errorMessage = add(t, h.error_message, tvb, off + 4, len - 4) as string;
      break;
    }
    case AVP.PROTOCOL_VERSION:
      if (len < 1) break;
      num(t, h.protocol_version, tvb, off, 1);
      num(t, h.protocol_revision, tvb, off + 1, 1);
      break;
    case AVP.FRAMING_CAPABILITIES:
      flag(t, h.async_framing_supported, tvb, off, 4);
      flag(t, h.sync_framing_supported, tvb, off, 4);
      break;
    case AVP.BEARER_CAPABILITIES:
      flag(t, h.analog_access_supported, tvb, off, 4);
      flag(t, h.digital_access_supported, tvb, off, 4);
      break;
    case AVP.TIE_BREAKER: add(t, h.tie_breaker, tvb, off, 8); break;
    case AVP.FIRMWARE_REVISION: num(t, h.firmware_revision, tvb, off, 2); break;
    case AVP.HOST_NAME: info.hostName = add(t, h.host_name, tvb, off, len) as string; break;
    case AVP.VENDOR_NAME: info.vendorName = add(t, h.vendor_name, tvb, off, len) as string; break;
    case AVP.ASSIGNED_TUNNEL_ID: info.assignedTunnelId = num(t, h.assigned_tunnel_id, tvb, off, 2); break;
    case AVP.RECEIVE_WINDOW_SIZE: info.receiveWindow = num(t, h.receive_window_size, tvb, off, 2); break;
    case AVP.CHALLENGE:
      info.challenge = add(t, h.chap_challenge, tvb, off, len) as Uint8Array;
      break;
    case AVP.CAUSE_CODE:
      if (len < 2) break;
      num(t, h.cause_code, tvb, off, 2);
      if (len < 3) break;
      num(t, h.cause_msg, tvb, off + 2, 1);
      if (len === 3) break;
      add(t, h.advisory_msg, tvb, off + 3, len - 3);
      break;
    case AVP.CHALLENGE_RESPONSE:
      info.challengeResponse = add(t, h.chap_challenge_response, tvb, off, 16) as Uint8Array;
      break;
    case AVP.ASSIGNED_SESSION: info.assignedSessionId = num(t, h.assigned_session_id, tvb, off, 2); break;
    case AVP.CALL_SERIAL_NUMBER: info.callSerial = num(t, h.call_serial_number, tvb, off, 4); break;
    case AVP.MINIMUM_BPS: num(t, h.minimum_bps, tvb, off, 4); break;
    case AVP.MAXIMUM_BPS: num(t, h.maximum_bps, tvb, off, 4); break;
    case AVP.BEARER_TYPE:
      flag(t, h.analog_bearer_type, tvb, off, 4);
      flag(t, h.digital_bearer_type, tvb, off, 4);
      break;
    case AVP.FRAMING_TYPE:
      flag(t, h.async_framing_type, tvb, off, 4);
      flag(t, h.sync_framing_type, tvb, off, 4);
      break;
    case AVP.CALLED_NUMBER: if (len > 0) add(t, h.called_number, tvb, off, len); break;
    case AVP.CALLING_NUMBER: if (len > 0) add(t, h.calling_number, tvb, off, len); break;
    case AVP.SUB_ADDRESS: if (len > 0) add(t, h.sub_address, tvb, off, len); break;
    case AVP.TX_CONNECT_SPEED: num(t, h.connect_speed, tvb, off, 4); break;
    case AVP.PHYSICAL_CHANNEL: num(t, h.physical_channel, tvb, off, 4); break;
    case AVP.INITIAL_RECEIVED_LCP_CONFREQ: lcpConfReq(t, h.initial_received_lcp_confreq, tvb, off, len, ctx); break;
    case AVP.LAST_SENT_LCP_CONFREQ: lcpConfReq(t, h.last_sent_lcp_confreq, tvb, off, len, ctx); break;
    case AVP.LAST_RECEIVED_LCP_CONFREQ: lcpConfReq(t, h.last_received_lcp_confreq, tvb, off, len, ctx); break;
    case AVP.PROXY_AUTHEN_TYPE: num(t, h.proxy_authen_type, tvb, off, 2); break;
    case AVP.PROXY_AUTHEN_NAME: if (len > 0) add(t, h.proxy_authen_name, tvb, off, len); break;
    case AVP.PROXY_AUTHEN_CHALLENGE: add(t, h.proxy_authen_challenge, tvb, off, len); break;
    // The ID is the low octet of a 2-octet field (RFC 2661 §4.4.5).
    case AVP.PROXY_AUTHEN_ID: num(t, h.proxy_authen_id, tvb, off + 1, 1); break;
    case AVP.PROXY_AUTHEN_RESPONSE: add(t, h.proxy_authen_response, tvb, off, len); break;
    case AVP.CALL_STATUS_AVPS: {
      // 2 reserved octets, then six 32-bit error counters (RFC 2661 §4.4.6).
      const counters = [h.crc_errors, h.framing_errors, h.hardware_overruns, h.buffer_overruns, h.time_out_errors, h.alignment_errors];
      if (len < 2) break;
      for (let k = 0, p = off + 2, left = len - 2; k < counters.length && left >= 4; k++, p += 4, left -= 4) num(t, counters[k], tvb, p, 4);
      break;
    }
    case AVP.ACCM:
      if (len < 6) break;
      num(t, h.send_accm, tvb, off + 2, 4);
      if (len < 10) break;
      num(t, h.receive_accm, tvb, off + 6, 4);
      break;
    case AVP.RANDOM_VECTOR:
      add(t, h.random_vector, tvb, off, len);
      info.rv = tvb.copy(off, len);
      break;
    case AVP.PRIVATE_GROUP_ID: add(t, h.private_group_id, tvb, off, len); break;
    case AVP.RX_CONNECT_SPEED: num(t, h.rx_connect_speed, tvb, off, 4); break;
    case AVP.PPP_DISCONNECT_CAUSE_CODE:
      if (len < 2) break;
      num(t, h.disconnect_code, tvb, off, 2);
      if (len < 4) break;
      num(t, h.control_protocol_number, tvb, off + 2, 2);
      if (len < 5) break;
      num(t, h.cause_code_direction, tvb, off + 4, 1);
      if (len === 5) break;
      add(t, h.cause_code_message, tvb, off + 5, len - 5);
      break;
    case AVP.MESSAGE_DIGEST: add(t, h.message_digest, tvb, off, len); break;
    case AVP.ROUTER_ID: num(t, h.router_id, tvb, off, 4); break;
    case AVP.ASSIGNED_CONTROL_CONN_ID: info.assignedCcid = num(t, h.assigned_control_conn_id, tvb, off, 4); break;
    case AVP.PW_CAPABILITY_LIST: {
      const list = t.text('Pseudowire Capabilities List', tvb, off, len);
      for (let p = off, left = len; left >= 2; p += 2, left -= 2) num(list, h.pw_type, tvb, p, 2);
      break;
    }
    case AVP.LOCAL_SESSION_ID:
      info.localSessionId = num(t, h.local_session_id, tvb, off, 4);
      if (ctx.pkt.engine.columns) ctx.pkt.appendInfo(`, LSID: ${String(info.localSessionId).padStart(2)}`);
      break;
    case AVP.REMOTE_SESSION_ID:
      info.remoteSessionId = num(t, h.remote_session_id, tvb, off, 4);
      if (ctx.pkt.engine.columns) ctx.pkt.appendInfo(`, RSID: ${String(info.remoteSessionId).padStart(2)}`);
      break;
    case AVP.ASSIGNED_COOKIE:
      add(t, h.assigned_cookie, tvb, off, len);
      info.cookieLen = len;
      break;
    case AVP.REMOTE_END_ID: add(t, h.remote_end_id, tvb, off, len); break;
    case AVP.PW_TYPE: info.pwType = num(t, h.pseudowire_type, tvb, off, 2); break;
    case AVP.L2_SPECIFIC_SUBLAYER: info.l2Sublayer = num(t, h.layer2_specific_sublayer, tvb, off, 2); break;
    case AVP.DATA_SEQUENCING: num(t, h.data_sequencing, tvb, off, 2); break;
    case AVP.CIRCUIT_STATUS:
      flag(t, h.circuit_status, tvb, off, 2);
      flag(t, h.circuit_type, tvb, off, 2);
      break;
    case AVP.PREFERRED_LANGUAGE: add(t, h.preferred_language, tvb, off, len); break;
    case AVP.CTL_MSG_AUTH_NONCE: add(t, h.nonce, tvb, off, len); break;
    case AVP.TX_CONNECT_SPEED_V3: if (len >= 8) speedV3(t, h.tx_connect_speed_v3, tvb, off); break;
    case AVP.RX_CONNECT_SPEED_V3: if (len >= 8) speedV3(t, h.rx_connect_speed_v3, tvb, off); break;
    case AVP.CONNECT_SPEED_UPDATE: {
      const csu = t.add(h.csu, tvb, off, len, null);
      if (len === 12) {
        num(csu, h.csu_res, tvb, off, 2);
        const rs = tvb.u16(off + 2);
        csu.add(h.csu_remote_session_id, tvb, off + 2, 2, rs, csu.on ? `Remote Session ID: ${rs} (0x${rs.toString(16).padStart(4, '0')})` : undefined);
        num(csu, h.csu_current_tx_speed, tvb, off + 4, 4);
        num(csu, h.csu_current_rx_speed, tvb, off + 8, 4);
      } else if (len === 20) {
        num(csu, h.csu_remote_session_id, tvb, off, 4);
        add(csu, h.csu_current_tx_speed64, tvb, off + 4, 8);
        add(csu, h.csu_current_rx_speed64, tvb, off + 12, 8);
      }
      break;
    }
    case AVP.SEQUENCING_REQUIRED:
    default:
      if (len > 0) vendorData(t, tvb, off, len, ctx);
      break;
  }
}

function speedV3(t: Tree, f: FieldDef, tvb: Tvb, off: number): void {
  const v = u64(tvb, off);
  t.add(f, tvb, off, 8, v, v === 0 && t.on ? `${f.name}: indeterminable or no physical p2p link (0x0000000000000000)` : undefined);
}

/** Proxy LCP AVPs carry the options of an LCP Configure-Request; the PPP dissector reads them when it can. */
function lcpConfReq(t: Tree, f: FieldDef, tvb: Tvb, off: number, len: number, ctx: AvpContext): void {
  const item = t.add(f, tvb, off, len, tvb.copy(off, len));
  ctx.pkt.engine.callNamed('lcp.options', tvb.sub(off, len), ctx.pkt, item);
}

function vendorData(t: Tree, tvb: Tvb, off: number, len: number, ctx: AvpContext): void {
  const item = t.text('Vendor-Specific AVP data', tvb, off, len);
  ctx.pkt.engine.expert(ctx.pkt, item, 'warn', 'undecoded', 'l2tp.vendor_specific_avp_data', 'Vendor-Specific AVP data');
}

/** An AVP with a non-zero Vendor ID: Cisco, Broadband Forum, Ericsson and CableLabs are dissected. */
function vendorAvp(tvb: Tvb, idx: number, avpLen: number, vendorId: number, avpType: number, hidden: boolean, ctx: AvpContext): Tree {
  const { msgTree } = ctx;
  const known = VENDOR_TYPES.get(vendorId);
  const title = known
    ? `Vendor ${enterpriseName(vendorId)} (${vendorId}): ${known.names.get(avpType) ?? `Unknown (${avpType})`} AVP`
    : `Vendor ${enterpriseName(vendorId)} (${vendorId}) AVP Type ${avpType}`;
  const t = msgTree.text(title, tvb, idx, avpLen);
  avpHeader(t, tvb, idx);
  if (hidden) {
    ctx.info.hidden++;
    ctx.info.hiddenUnread++;
    return t;
  }
  t.add(hfAvp.vendor_id, tvb, idx + 2, 2, vendorId);
  const off = idx + 6, len = avpLen - 6;
  if (!known) {
    t.add(hfAvp.type, tvb, idx + 4, 2, avpType);
    vendorData(t, tvb, off, len, ctx);
    return t;
  }
  t.add(known.typeField, tvb, idx + 4, 2, avpType);
  known.value(avpType, tvb, off, len, t, ctx);
  return t;
}

type ValueFn = (type: number, tvb: Tvb, off: number, len: number, t: Tree, ctx: AvpContext) => void;

function ciscoValue(type: number, tvb: Tvb, off: number, len: number, t: Tree, ctx: AvpContext): void {
  const v = hfVendor;
  const info = ctx.info;
  switch (type) {
    case CISCO_AVP.ACK:
      if (ctx.pkt.engine.columns) ctx.pkt.setInfo(`Control Message - Cisco ACK (ccid=${info.ccid >>> 0})`);
      break;
    case CISCO_AVP.ASSIGNED_CONNECTION_ID: info.assignedCcid = num(t, v.cisco_assigned_control_connection_id, tvb, off, 4); break;
    case CISCO_AVP.PW_CAPABILITY_LIST: {
      const list = t.text('Pseudowire Capabilities List', tvb, off, len);
      for (let p = off, left = len; left >= 2; p += 2, left -= 2) num(list, v.cisco_pw_type, tvb, p, 2);
      break;
    }
    case CISCO_AVP.LOCAL_SESSION_ID: info.localSessionId = num(t, v.cisco_local_session_id, tvb, off, 4); break;
    case CISCO_AVP.REMOTE_SESSION_ID: info.remoteSessionId = num(t, v.cisco_remote_session_id, tvb, off, 4); break;
    case CISCO_AVP.ASSIGNED_COOKIE:
      add(t, v.cisco_assigned_cookie, tvb, off, len);
      info.cookieLen = len;
      break;
    case CISCO_AVP.REMOTE_END_ID: add(t, v.cisco_remote_end_id, tvb, off, len); break;
    case CISCO_AVP.PW_TYPE: info.pwType = num(t, v.cisco_pseudowire_type, tvb, off, 2); break;
    case CISCO_AVP.CIRCUIT_STATUS:
      flag(t, v.cisco_circuit_status, tvb, off, 2);
      flag(t, v.cisco_circuit_type, tvb, off, 2);
      break;
    case CISCO_AVP.SESSION_TIE_BREAKER: add(t, v.cisco_tie_breaker, tvb, off, 8); break;
    case CISCO_AVP.DRAFT_AVP_VERSION: num(t, v.cisco_draft_avp_version, tvb, off, 2); break;
    case CISCO_AVP.MESSAGE_DIGEST: add(t, v.cisco_message_digest, tvb, off, len); break;
    case CISCO_AVP.AUTH_NONCE: add(t, v.cisco_nonce, tvb, off, len); break;
    case CISCO_AVP.INTERFACE_MTU: num(t, v.cisco_interface_mtu, tvb, off, 2); break;
    default: vendorData(t, tvb, off, len, ctx); break;
  }
}

const BBF_RATES: Record<number, string> = {
  129: 'actual_dr_up', 130: 'actual_dr_down', 131: 'minimum_dr_up', 132: 'minimum_dr_down', 133: 'attainable_dr_up',
  134: 'attainable_dr_down', 135: 'maximum_dr_up', 136: 'maximum_dr_down', 137: 'minimum_dr_up_low_power',
  138: 'minimum_dr_down_low_power',
};
const BBF_DELAYS: Record<number, string> = {
  139: 'maximum_interleaving_delay_up', 140: 'actual_interleaving_delay_up', 141: 'maximum_interleaving_delay_down',
  142: 'actual_interleaving_delay_down',
};

function broadbandValue(type: number, tvb: Tvb, off: number, len: number, t: Tree, ctx: AvpContext): void {
  const v = hfVendor as unknown as Record<string, FieldDef>;
  if (BBF_RATES[type]) { add(t, v[`bbf_${BBF_RATES[type]}`], tvb, off, 8); return; }
  if (BBF_DELAYS[type]) { num(t, v[`bbf_${BBF_DELAYS[type]}`], tvb, off, 4); return; }
  switch (type) {
    case 1: add(t, hfVendor.bbf_agent_circuit_id, tvb, off, len, tvb.utf8(off, len)); break;
    case 2: add(t, hfVendor.bbf_agent_remote_id, tvb, off, len, tvb.utf8(off, len)); break;
    case 144: {
      const ale = t.add(hfVendor.bbf_ale, tvb, off, len, null);
      num(ale, hfVendor.bbf_ale_data_link, tvb, off, 1);
      num(ale, hfVendor.bbf_ale_enc1, tvb, off + 1, 1);
      num(ale, hfVendor.bbf_ale_enc2, tvb, off + 2, 1);
      break;
    }
    case 145: num(t, hfVendor.bbf_ancp_access_line_type, tvb, off, Math.min(len, 4)); break;
    case 254: num(t, hfVendor.bbf_iwf_session, tvb, off, Math.min(len, 4)); break;
    default: vendorData(t, tvb, off, len, ctx); break;
  }
}

function ericssonValue(type: number, tvb: Tvb, off: number, len: number, t: Tree, ctx: AvpContext): void {
  const v = hfVendor;
  switch (type) {
    case 0: {
      const m = num(t, v.ericsson_msg_type, tvb, off, 2);
      if (ctx.pkt.engine.columns) ctx.pkt.setInfo(`Control Message - ${ERICSSON_MSG_SHORT.get(m) ?? `Unknown (0x${m.toString(16)})`}`);
      break;
    }
    case 3:
      num(t, v.ericsson_ver_pref, tvb, off, 4);
      num(t, v.ericsson_ver_2, tvb, off + 4, 4);
      num(t, v.ericsson_ver_3, tvb, off + 8, 4);
      break;
    case 4: num(t, v.ericsson_conn_type, tvb, off, 1); break;
    case 6: add(t, v.ericsson_stn_name, tvb, off, len); break;
    case 5: t.add(v.ericsson_crc32_enable, tvb, off, len, len > 0 && tvb.uint(off, Math.min(len, 4)) !== 0); break;
    case 7: num(t, v.ericsson_abis_lower_mode, tvb, off, 1); break;
    case 1: {
      num(t, v.ericsson_overload_thresh, tvb, off, 2);
      num(t, v.ericsson_tc_num_groups, tvb, off + 2, 1);
      const g = tvb.sub(off + 3, Math.max(0, len - 3));
      for (let p = 0; g.reportedRemaining(p) >= 8;) {
        const gt = t.text('Transport Config Bundling Group', g, 0, g.length);
        num(gt, v.ericsson_tc_group_id, g, p++, 1);
        const nSapi = num(gt, v.ericsson_tc_num_sapi, g, p++, 1);
        for (let k = 0; k < nSapi; k++) num(gt, v.ericsson_tcg_sapi, g, p++, 1);
        gt.add(v.ericsson_tcg_ip, g, p, 4, g.u32(p)); p += 4;
        num(gt, v.ericsson_tcg_dscp, g, p++, 1);
        gt.add(v.ericsson_crc32_en, g, p, 1, g.u8(p) !== 0); p++;
        num(gt, v.ericsson_bundle_tout, g, p++, 1);
        num(gt, v.ericsson_bundle_max_pkt, g, p, 2); p += 2;
      }
      break;
    }
    case 8: {
      num(t, v.ericsson_num_maps, tvb, off, 1);
      const m = tvb.sub(off + 1, len);
      for (let p = 0, i = 0; m.reportedRemaining(p) >= 3; p += 3, i++) {
        const mt = t.text(`Transport Config Bundling Group ${i}`, m, p, 3);
        num(mt, v.ericsson_map_tei_low, m, p, 1);
        num(mt, v.ericsson_map_tei_high, m, p + 1, 1);
        num(mt, v.ericsson_map_ssc, m, p + 2, 1);
      }
      break;
    }
    default: vendorData(t, tvb, off, len, ctx); break;
  }
}

function cablelabsValue(type: number, tvb: Tvb, off: number, len: number, t: Tree, ctx: AvpContext): void {
  const v = hfVendor;
  switch (type) {
    case 101:
      flag(t, v.cablel_l_bit, tvb, off, 2);
      num(t, v.cablel_tsid_group_id, tvb, off, 2);
      num(t, v.cablel_frequency, tvb, off + 2, 4);
      break;
    case 103:
      flag(t, v.cablel_l_bit, tvb, off, 2);
      num(t, v.cablel_tsid_group_id, tvb, off, 2);
      num(t, v.cablel_modulation, tvb, off, 2);
      break;
    case 105:
      flag(t, v.cablel_l_bit, tvb, off, 2);
      num(t, v.cablel_tsid_group_id, tvb, off, 2);
      for (let p = off + 2, left = len - 2; left > 0; p += 4, left -= 4) {
        num(t, v.cablel_m, tvb, p, 2);
        num(t, v.cablel_n, tvb, p + 2, 2);
      }
      break;
    default: vendorData(t, tvb, off, len, ctx); break;
  }
}

const VENDOR_TYPES = new Map<number, { names: ReadonlyMap<number, string>; typeField: FieldDef; value: ValueFn }>([
  [VENDOR.CISCO, { names: CISCO_AVP_NAMES, typeField: hfVendor.ciscotype, value: ciscoValue }],
  [VENDOR.BROADBAND_FORUM, { names: BROADBAND_AVP_NAMES, typeField: hfVendor.broadbandtype, value: broadbandValue }],
  [VENDOR.ERICSSON, { names: ERICSSON_AVP_NAMES, typeField: hfVendor.ericssontype, value: ericssonValue }],
  [VENDOR.CABLELABS, { names: CABLELABS_AVP_NAMES, typeField: hfVendor.cablelabstype, value: cablelabsValue }],
]);

const secrets = new WeakMap<object, { text: unknown; bytes?: Uint8Array }>();

/** The secret setting as bytes (undefined when unset or empty), encoded once per run. */
export function secretOf(pkt: Packet): Uint8Array | undefined {
  const s = pkt.engine.settings['l2tp.secret'];
  let c = secrets.get(pkt.engine);
  if (!c || c.text !== s) {
    c = { text: s, bytes: typeof s === 'string' && s !== '' ? te.encode(s) : undefined };
    secrets.set(pkt.engine, c);
  }
  return c.bytes;
}
