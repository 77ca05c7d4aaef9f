/**
 * L2TP: version 2 (RFC 2661) on UDP 1701, and version 3 (RFC 3931) on UDP 1701 and directly over
 * IP (protocol 115). The header, the control messages and their AVPs (l2tp-avps.ts), the PPP frames
 * of v2 data messages (handed to the PPP dissector), the v3 session header (cookie, L2-Specific
 * Sublayer) and, beyond Wireshark, the tunnel/session tracking and Ns/Nr analysis of l2tp-analysis.ts.
 */
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import { BoundsError, type Tvb } from '../core/tvb.js';
import { L2TP_STATE_KEY, L2tpTunnels, type L2tpObservation, type L2tpVerdict } from '../sessions/l2tp-tunnels.js';
import { showTunnelAuth, showVerdict } from './l2tp-analysis.js';
import { dissectAvps, newControlInfo, secretOf, type ControlInfo } from './l2tp-avps.js';
import { hfAvp, hfHeader, l2tpProto } from './l2tp-fields.js';
import { AVP, PW, VENDOR, shortMessageName } from './l2tp-values.js';

export { l2tpProto, hfHeader, hfAvp } from './l2tp-fields.js';

export const L2TP_UDP_PORT = 1701;
export const IPPROTO_L2TP = 115;

const T_BIT = 0x8000, L_BIT = 0x4000, S_BIT = 0x0800, O_BIT = 0x0200, P_BIT = 0x0100;
/** A control message with L and S bits and no AVP is 12 octets: a ZLB (RFC 2661 §5.8). */
const ZLB_LENGTH = 12;

const h = hfHeader;
const V3_TITLE = `${l2tpProto.name} version 3`;

function tracker(pkt: Packet): L2tpTunnels {
  return pkt.engine.state(L2TP_STATE_KEY, () => new L2tpTunnels(pkt.engine.forget !== 'all'));
}

/** L2TP that came out of decrypted ESP was protected on the wire. The ESP dissector sets insideEsp. */
function insideIpsec(pkt: Packet): boolean {
  return pkt.scratch.insideEsp === true || pkt.protocols.includes('esp');
}

/** The Flags item and its bits; `v3` shows only the bits RFC 3931 keeps. */
function flagsItem(t: Tree, tvb: Tvb, off: number, control: number, v3: boolean): void {
  let text: string | undefined;
  if (t.on) {
    text = `Flags: 0x${control.toString(16).padStart(4, '0')}, Type: ${control & T_BIT ? 'Control Message' : 'Data Message'}`;
    if (control & L_BIT) text += ', Length Bit';
    if (control & S_BIT) text += ', Sequence Bit';
    if (!v3 && control & O_BIT) text += ', Offset bit';
    if (!v3 && control & P_BIT) text += ', Priority';
  }
  const ft = t.add(h.flags, tvb, off, 2, control, text);
  ft.add(h.type, tvb, off, 2, control >>> 15);
  ft.add(h.length_bit, tvb, off, 2, (control & L_BIT) !== 0);
  ft.add(h.seq_bit, tvb, off, 2, (control & S_BIT) !== 0);
  if (!v3) {
    ft.add(h.offset_bit, tvb, off, 2, (control & O_BIT) !== 0);
    ft.add(h.priority, tvb, off, 2, (control & P_BIT) !== 0);
  }
  ft.add(h.version, tvb, off, 2, control & 0xf);
}

/** Cut the message to the Length field when that is shorter (Wireshark's set_actual_length). */
function cut(tvb: Tvb, length: number): Tvb {
  return length < tvb.reported ? tvb.sub(0, length) : tvb;
}

function baseObservation(pkt: Packet, version: 2 | 3, control: boolean): L2tpObservation {
  return {
    frame: pkt.num, time: pkt.tsSec + pkt.tsNsec / 1e9, tsSec: pkt.tsSec, tsNsec: pkt.tsNsec, src: pkt.netSrc, dst: pkt.netDst,
    srcPort: pkt.srcPort, dstPort: pkt.dstPort, version, control, tunnelId: 0, sessionId: 0,
    zlb: false, msgType: -1, dataBytes: 0, insideIpsec: insideIpsec(pkt),
  };
}

function fromControl(o: L2tpObservation, c: ControlInfo): void {
  o.msgType = c.msgType;
  o.assignedTunnelId = o.version === 2 ? c.assignedTunnelId : c.assignedCcid;
  o.assignedSessionId = o.version === 2 ? c.assignedSessionId : c.localSessionId;
  o.remoteSessionId = c.remoteSessionId;
  o.receiveWindow = c.receiveWindow;
  o.hostName = c.hostName;
  o.vendorName = c.vendorName;
  o.resultCode = c.resultCode;
  o.errorCode = c.errorCode;
  o.errorMessage = c.errorMessage;
  o.callSerial = c.callSerial;
  o.cookieLen = c.cookieLen;
  o.pwType = c.pwType;
  o.l2Sublayer = c.l2Sublayer;
  o.challenge = c.challenge;
}

/**
 * Walk the AVPs, then tell the tracker, even when the AVPs were cut short: the header's Ns/Nr are
 * still worth tracking. A BoundsError from the AVPs is thrown again afterwards for the engine.
 */
function controlBody(m: Tvb, pkt: Packet, t: Tree, start: number, end: number, info: ControlInfo, o: L2tpObservation): void {
  let failure: unknown;
  if (end >= 0) {
    try {
      dissectAvps(m, start, end, { pkt, msgTree: t, info, secret: secretOf(pkt) });
    } catch (e) {
      if (!(e instanceof BoundsError)) throw e;
      failure = e;
    }
  }
  fromControl(o, info);
  const v = tracker(pkt).observe(o);
  if (v) {
    showVerdict(v, m, pkt, t, info.msgType, o.zlb, true, o.insideIpsec,
      { code: info.resultCode, err: info.errorCode, msg: info.errorMessage });
    const secret = secretOf(pkt);
    const challenge = v.tunnel.sides[1 - v.side].challenge;
    if (secret && challenge && info.challengeResponse) showTunnelAuth(pkt, t, m, info.msgType, secret, challenge, info.challengeResponse);
  }
  if (failure) throw failure;
}

/** L2TP on UDP: version 2, or version 3 (whose header starts with the same flags word). */
export function dissectL2tpUdp(tvb: Tvb, pkt: Packet, tree: Tree): number {
  if (tvb.length < 2) return 0;
  const control = tvb.u16(0);
  const version = control & 0xf;
  // Anything else on port 1701 is not L2TP (version 1 would be L2F).
  if (version !== 2 && version !== 3) return 0;
  if (pkt.engine.columns) {
    pkt.protocol = version === 3 ? 'L2TPv3' : 'L2TP';
    pkt.setInfo('');
  }
  if (version === 3) {
    if (control & T_BIT) dissectV3Control(tvb, pkt, tree, 0);
    else dissectV3DataUdp(tvb, pkt, tree);
    return tvb.reported;
  }
  dissectV2(tvb, pkt, tree, control);
  return tvb.reported;
}

function dissectV2(tvb: Tvb, pkt: Packet, tree: Tree, control: number): void {
  const isControl = (control & T_BIT) !== 0;
  const hasLength = (control & L_BIT) !== 0;
  const hasSeq = (control & S_BIT) !== 0;
  let idx = 0;
  let length = 0;
  if (hasLength) {
    idx += 2;
    length = tvb.u16(idx);
  }
  const tid = tvb.u16(idx + 2);
  const sid = tvb.u16(idx + 4);
  const zlb = isControl && hasLength && length === ZLB_LENGTH;
  // The Info column is worked out before the tree, reading the first AVP's type as Wireshark does.
  if (isControl) {
    let info: string;
    if (zlb) {
      info = `Control Message - ZLB      (tunnel id=${tid}, session id=${sid})`;
    } else {
      const avpStart = idx + 6 + (hasSeq ? 4 : 0);
      const avpType = tvb.u16(avpStart + 4);
      info = avpType === AVP.CONTROL_MESSAGE
        ? `Control Message - ${shortMessageName(tvb.u16(avpStart + 6))} (tunnel id=${tid}, session id=${sid})`
        : `Control Message (tunnel id=${tid}, session id=${sid})`;
    }
    if (pkt.engine.columns) pkt.setInfo(info);
  } else if (pkt.engine.columns) {
    pkt.setInfo(`Data    Message            (tunnel id=${tid}, session id=${sid})`);
  }
  const m = hasLength ? cut(tvb, length) : tvb;
  const t = tree.proto(l2tpProto, m, 0, -1);
  flagsItem(t, m, 0, control, false);
  idx = 2;
  if (hasLength) {
    t.add(h.length, m, idx, 2, length);
    idx += 2;
  }
  t.add(h.tunnel, m, idx, 2, tid);
  t.add(h.session, m, idx + 2, 2, sid);
  idx += 4;
  const o = baseObservation(pkt, 2, isControl);
  o.tunnelId = tid;
  o.sessionId = sid;
  o.zlb = zlb;
  if (hasSeq) {
    o.ns = m.u16(idx);
    o.nr = m.u16(idx + 2);
    t.add(h.Ns, m, idx, 2, o.ns);
    t.add(h.Nr, m, idx + 2, 2, o.nr);
    idx += 4;
  }
  if (control & O_BIT) {
    const offsetSize = m.u16(idx);
    t.add(h.offset, m, idx, 2, offsetSize);
    idx += 2;
    if (offsetSize !== 0) {
      m.ensure(idx, Math.min(offsetSize, m.reportedRemaining(idx)));
      t.add(h.offset_padding, m, idx, offsetSize, null);
      idx += offsetSize;
    }
  }
  if (zlb) t.add(h.zero_length_body_message, m, 0, 0, null);
  if (!isControl) {
    t.setLen(idx);
    dataV2(m, pkt, tree, t, idx, o);
    return;
  }
  controlBody(m, pkt, t, idx, hasLength ? length : -1, newControlInfo(-1), o);
}

/** A v2 data message: the PPP frame after the header (RFC 2661 §3.1), for the PPP dissector. */
function dataV2(m: Tvb, pkt: Packet, tree: Tree, t: Tree, idx: number, o: L2tpObservation): void {
  o.dataBytes = Math.max(0, m.reported - idx);
  const v = tracker(pkt).observe(o);
  if (v) showVerdict(v, m, pkt, t, -1, false, false, o.insideIpsec, {});
  if (!m.has(idx, 1)) return;
  const payload = m.sub(idx);
  if (!pkt.engine.callNamed('ppp', payload, pkt, tree, pppLink(v, o))) pkt.engine.data(payload, pkt, tree);
}

/**
 * What the PPP dissector is told about the link: one key for both directions of a call (the LAC's
 * Tunnel and Session IDs once the tracker paired the call, else the header's), and which end sent
 * the frame. The session summary (sessions/summary.ts) finds the PPP link by the same key.
 */
function pppLink(v: L2tpVerdict | undefined, o: L2tpObservation): { linkKey: string; sender?: 'LAC' | 'LNS' } {
  const lac = v?.tunnel.lacSide;
  const s = v?.session;
  if (v && lac !== undefined && s) {
    const tid = v.tunnel.sides[lac].tunnelId, sid = s.ids[lac];
    if (tid !== undefined && sid !== undefined) return { linkKey: `l2tp:${tid}/${sid}`, sender: v.role };
  }
  return { linkKey: `l2tp:${o.tunnelId}/${o.sessionId}`, sender: v?.role };
}

/**
 * An L2TPv3 control message (RFC 3931 §3.2.1). Over IP it follows a zero Session ID (base 4);
 * over UDP it starts the payload (base 0).
 */
function dissectV3Control(tvb: Tvb, pkt: Packet, tree: Tree, base: number): void {
  const control = tvb.u16(base);
  const hasLength = (control & L_BIT) !== 0;
  const hasSeq = (control & S_BIT) !== 0;
  let idx = base + 2;
  let length = 0;
  if (hasLength) {
    length = tvb.u16(idx);
    idx += 2;
  }
  const ccid = tvb.u32(idx);
  idx += 4;
  const hex = `0x${ccid.toString(16).toUpperCase().padStart(8, '0')}`;
  const zlb = hasLength && length === ZLB_LENGTH;
  if (zlb) {
    if (pkt.engine.columns) pkt.setInfo(`Control Message - ZLB (ccid=${hex})`);
  } else {
    const vendor = tvb.u16(idx + (hasSeq ? 4 : 0) + 2);
    const avpType = tvb.u16(idx + (hasSeq ? 4 : 0) + 4);
    // A vendor AVP first: its own dissector names the message (e.g. Cisco ACK).
    if (vendor === VENDOR.IETF && pkt.engine.columns) {
      pkt.setInfo(avpType === AVP.CONTROL_MESSAGE
        ? `Control Message - ${shortMessageName(tvb.u16(idx + (hasSeq ? 4 : 0) + 6))} (ccid=${hex})`
        : `Control Message (ccid=${hex})`);
    }
  }
  const m = hasLength ? cut(tvb, length + base) : tvb;
  const t = tree.proto(l2tpProto, m, 0, -1, V3_TITLE);
  if (pkt.engine.columns) pkt.protocol = 'L2TPv3';
  if (base) t.add(h.sid, m, 0, 4, m.u32(0));
  flagsItem(t, m, base, control, true);
  idx = base + 2;
  if (hasLength) {
    t.add(h.length, m, idx, 2, length);
    idx += 2;
  }
  t.add(h.ccid, m, idx, 4, ccid);
  idx += 4;
  const o = baseObservation(pkt, 3, true);
  o.tunnelId = ccid;
  o.zlb = zlb;
  if (hasSeq) {
    o.ns = m.u16(idx);
    o.nr = m.u16(idx + 2);
    t.add(h.Ns, m, idx, 2, o.ns);
    t.add(h.Nr, m, idx + 2, 2, o.nr);
    idx += 4;
  }
  // Wireshark looks at the first AVP's type here (to spot an SCCRQ): a message too short for it is malformed.
  if (zlb) t.add(h.zero_length_body_message, m, 0, 0, null);
  else m.u16(idx + 4);
  controlBody(m, pkt, t, idx, hasLength ? length + base : -1, newControlInfo(ccid), o);
}

/** An L2TPv3 data message over UDP: flags, reserved, then the session header. */
function dissectV3DataUdp(tvb: Tvb, pkt: Packet, tree: Tree): void {
  const t = tree.proto(l2tpProto, tvb, 0, 8, V3_TITLE);
  if (pkt.engine.columns) pkt.protocol = 'L2TPv3';
  flagsItem(t, tvb, 0, tvb.u16(0), true);
  t.add(h.res, tvb, 2, 2, tvb.u16(2));
  dataV3(tvb, pkt, tree, t, 4);
}

/** L2TPv3 over IP (RFC 3931 §4.1.1): a zero Session ID marks a control message. */
export function dissectL2tpIp(tvb: Tvb, pkt: Packet, tree: Tree): number {
  if (pkt.engine.columns) {
    pkt.protocol = 'L2TPv3';
    pkt.setInfo('');
  }
  if (tvb.u32(0) === 0) {
    dissectV3Control(tvb, pkt, tree, 4);
  } else {
    const t = tree.proto(l2tpProto, tvb, 0, 4, V3_TITLE);
    if (pkt.engine.columns) pkt.protocol = 'L2TPv3';
    dataV3(tvb, pkt, tree, t, 0);
  }
  return tvb.reported;
}

const L2SPEC = { NONE: 0, DEFAULT: 1, ATM: 2, LAPD: 3, DMPT: 4 } as const;

/** The Layer2 Specific Sublayer AVP's values, as the sublayer a session's data carries. */
function sublayerOf(avp: number | undefined): number | undefined {
  switch (avp) {
    case undefined: return undefined;
    case 0: return L2SPEC.NONE;
    case 1: return L2SPEC.DEFAULT;
    case 2: return L2SPEC.ATM;
    case 3: return L2SPEC.DMPT;
    default: return undefined;
  }
}

/** The l2tp.cookie_size setting: a number of octets, or undefined for "detect" (Wireshark's default). */
function cookieSetting(pkt: Packet): number | undefined {
  const s = pkt.engine.settings['l2tp.cookie_size'];
  if (s === undefined || s === 'detect' || s === '-1') return undefined;
  const n = Number(String(s).replace(/^cookie/, ''));
  return n === 0 || n === 4 || n === 8 ? n : undefined;
}

const SUBLAYER_NAMES: Record<string, number> = { none: L2SPEC.NONE, default: L2SPEC.DEFAULT, atm: L2SPEC.ATM, lapd: L2SPEC.LAPD, dmpt: L2SPEC.DMPT };

function sublayerSetting(pkt: Packet): number | undefined {
  const s = pkt.engine.settings['l2tp.l2_specific'];
  return typeof s === 'string' ? SUBLAYER_NAMES[s] : undefined;
}

/**
 * The L2TPv3 session header from the Session ID on (RFC 3931 §4.1): the cookie and sublayer the
 * receiver asked for in the control channel (or the settings), then the payload by pseudowire type.
 */
function dataV3(tvb: Tvb, pkt: Packet, tree: Tree, t: Tree, start: number): void {
  let idx = start;
  const sid = tvb.u32(idx);
  idx += 4;
  const o = baseObservation(pkt, 3, false);
  o.sessionId = sid;
  o.dataBytes = Math.max(0, tvb.reported - idx);
  const v = tracker(pkt).observe(o);
  const s = v?.session;
  const receiver = v ? ((1 - v.side) as 0 | 1) : 0;
  const cookieLen = cookieSetting(pkt) ?? (s?.cookieLen[receiver] ?? 0);
  const l2spec = sublayerSetting(pkt) ?? sublayerOf(s?.l2Sublayer) ?? L2SPEC.NONE;
  const pw = s?.pwType ?? PW.DEFAULT;
  const infoPrefix = `D[S:0x${sid.toString(16).toUpperCase().padStart(8, '0')}]`;
  if (pkt.engine.columns) pkt.appendInfo(infoPrefix);
  t.add(h.sid, tvb, idx - 4, 4, sid);
  t.gen(hfAvp.pseudowire_type, tvb, 0, 0, pw);
  const verdict = () => { if (v) showVerdict(v, tvb, pkt, t, -1, false, false, o.insideIpsec, {}); };
  if (!tvb.has(idx, 1)) {
    verdict();
    return;
  }
  if (cookieLen !== 0) {
    t.add(h.cookie, tvb, idx, cookieLen, tvb.copy(idx, cookieLen));
    idx += cookieLen;
    t.setLen(idx);
  }
  switch (l2spec) {
    case L2SPEC.DEFAULT: {
      const st = t.add(h.l2_spec_def, tvb, idx, 4, null);
      tvb.ensure(idx, 4);
      st.add(h.l2_spec_s, tvb, idx, 1, (tvb.u8(idx) & 0x40) !== 0);
      st.add(h.l2_spec_sequence, tvb, idx + 1, 3, tvb.u24(idx + 1));
      idx += 4;
      break;
    }
    case L2SPEC.DMPT: {
      const st = t.add(h.l2_spec_docsis_dmpt, tvb, idx, 4, null);
      tvb.ensure(idx, 4);
      const b = tvb.u8(idx);
      st.add(h.l2_spec_v, tvb, idx, 1, (b & 0x80) !== 0);
      st.add(h.l2_spec_s, tvb, idx, 1, (b & 0x40) !== 0);
      st.add(h.l2_spec_h, tvb, idx, 1, (b & 0x30) >> 4);
      st.add(h.l2_spec_flow_id, tvb, idx, 1, (b & 0x0e) >> 1);
      st.add(h.l2_spec_sequence, tvb, idx + 2, 2, tvb.u16(idx + 2));
      idx += 4;
      break;
    }
    case L2SPEC.ATM: {
      const st = t.add(h.l2_spec_atm, tvb, idx, 4, null);
      tvb.ensure(idx, 4);
      const b = tvb.u8(idx);
      st.add(h.l2_spec_s, tvb, idx, 1, (b & 0x40) !== 0);
      st.add(h.l2_spec_t, tvb, idx, 1, (b & 0x08) !== 0);
      st.add(h.l2_spec_g, tvb, idx, 1, (b & 0x04) !== 0);
      st.add(h.l2_spec_c, tvb, idx, 1, (b & 0x02) !== 0);
      st.add(h.l2_spec_u, tvb, idx, 1, (b & 0x01) !== 0);
      st.add(h.l2_spec_sequence, tvb, idx + 1, 3, tvb.u24(idx + 1));
      idx += 4;
      break;
    }
    case L2SPEC.LAPD:
      tvb.ensure(idx + 4, 3);
      t.add(h.lapd_info, tvb, idx + 4, 3, null);
      idx += 7;
      break;
    default: break;
  }
  t.setLen(idx);
  verdict();
  const payload = tvb.sub(idx);
  if (!pseudowire(pw, payload, pkt, tree, sid)) pkt.engine.data(payload, pkt, tree);
  // Wireshark fences the Info column after the session ID: what the payload says comes after it.
  if (pkt.engine.columns && !pkt.info.startsWith(infoPrefix)) pkt.setInfo(infoPrefix + pkt.info);
}

/** The payload of a pseudowire: by the l2tp.pw_type table first, then the types Wireshark decodes by default. */
function pseudowire(pw: number, payload: Tvb, pkt: Packet, tree: Tree, sid: number): boolean {
  if (payload.length === 0) return true;
  const e = pkt.engine;
  if (e.call('l2tp.pw_type', pw, payload, pkt, tree)) return true;
  switch (pw) {
    case PW.ETH: return e.call('wtap.encap', 1, payload, pkt, tree);
    case PW.PPP: return e.callNamed('ppp', payload, pkt, tree, { linkKey: `l2tpv3:${sid}` });
    case PW.IP: return e.call('ethertype', payload.u8(0) >> 4 === 6 ? 0x86dd : 0x0800, payload, pkt, tree);
    default: return false;
  }
}

register('udp.port', L2TP_UDP_PORT, 'l2tp', dissectL2tpUdp);
register('ip.proto', IPPROTO_L2TP, 'l2tp', dissectL2tpIp);
