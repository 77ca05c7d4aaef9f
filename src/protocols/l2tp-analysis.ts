/**
 * What vpnshark adds to an L2TP message beyond Wireshark, from the tunnel tracker
 * (sessions/l2tp-tunnels.ts): which tunnel, session and end (LAC or LNS) it belongs to, the
 * control channel's Ns/Nr analysis, and the findings (failed setups, PPP in clear).
 * Every field here is generated ([brackets] in the tree), in the style of Wireshark's tcp.analysis.
 */
import { fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import { createHash } from 'node:crypto';
import type { Tvb } from '../core/tvb.js';
import { MAX_SESSIONS, type L2tpVerdict } from '../sessions/l2tp-tunnels.js';
import { CDN_RESULT_NAMES, ERROR_CODE_NAMES, MSG, STOPCCN_RESULT_NAMES } from './l2tp-values.js';

const f = fieldsOf('l2tp');
const ref = 'RFC 2661 §5.8';

export const hfAnalysis = {
  tunnel_index: f('tunnel_index', 'Tunnel index', 'uint32', { ref: 'vpnshark', blurb: 'One number per L2TP tunnel (control connection) in the capture, like udp.stream' }),
  sender: f('sender', 'Sent by', 'string', { ref: 'RFC 2661 §1.2', blurb: 'Which end sent the message: LAC or LNS (assumed from the SCCRQ until a call message shows it)' }),
  lac_tunnel_id: f('lac_tunnel_id', 'LAC Tunnel ID', 'uint32', { ref: 'RFC 2661 §4.4.3', blurb: 'The Tunnel ID (v3: Control Connection ID) the LAC assigned' }),
  lns_tunnel_id: f('lns_tunnel_id', 'LNS Tunnel ID', 'uint32', { ref: 'RFC 2661 §4.4.3', blurb: 'The Tunnel ID (v3: Control Connection ID) the LNS assigned' }),
  session_index: f('session_index', 'Session index', 'uint32', { ref: 'vpnshark', blurb: 'One number per L2TP session (call) in the capture' }),
  lac_session_id: f('lac_session_id', 'LAC Session ID', 'uint32', { ref: 'RFC 2661 §4.4.4', blurb: 'The Session ID the LAC assigned to this call' }),
  lns_session_id: f('lns_session_id', 'LNS Session ID', 'uint32', { ref: 'RFC 2661 §4.4.4', blurb: 'The Session ID the LNS assigned to this call' }),
  inside_ipsec: f('inside_ipsec', 'Inside IPsec', 'bool', { ref: 'RFC 3193', blurb: 'The message arrived inside decrypted ESP (L2TP/IPsec), so it was protected on the wire' }),
  analysis: f('analysis', 'Control channel analysis', 'none', { ref, blurb: 'Ns/Nr analysis of the reliable control channel' }),
  retransmission: f('analysis.retransmission', 'This is a retransmission', 'none', { ref, blurb: 'The Ns of this control message was sent before' }),
  retransmitted_frame: f('analysis.retransmitted_frame', 'Retransmission of frame', 'framenum', { ref, blurb: 'Frame that first carried this Ns' }),
  spurious_retransmission: f('analysis.spurious_retransmission', 'Spurious retransmission', 'none', { ref, blurb: 'Sent again although the peer had already acknowledged it' }),
  out_of_order: f('analysis.out_of_order', 'Out of order', 'none', { ref, blurb: 'Ns is not the next one expected from this end' }),
  expected_ns: f('analysis.expected_ns', 'Expected Ns', 'uint16', { ref, blurb: 'The Ns that should have come next from this end' }),
  out_of_window: f('analysis.out_of_window', 'Out of window', 'none', { ref, blurb: 'More messages outstanding than the peer\'s Receive Window Size allows' }),
  outstanding: f('analysis.outstanding', 'Unacknowledged messages', 'uint16', { ref, blurb: 'Messages from this end not yet acknowledged, this one included' }),
  window: f('analysis.window', 'Peer receive window', 'uint16', { ref: 'RFC 2661 §4.4.3', blurb: 'Receive Window Size the peer announced (4 when it announced none)' }),
  acks_frame: f('analysis.acks_frame', 'This acknowledges the message in frame', 'framenum', { ref, blurb: 'A control message of the peer that this Nr acknowledges for the first time' }),
  ack_rtt: f('analysis.ack_rtt', 'Time to acknowledge', 'reltime', { ref, blurb: 'Time from that message to this acknowledgement' }),
  zlb_ack: f('analysis.zlb_ack', 'ZLB acknowledgement', 'none', { ref, blurb: 'A Zero-Length Body message that acknowledges the peer\'s messages' }),
  duplicate_ack: f('analysis.duplicate_ack', 'Duplicate acknowledgement', 'none', { ref, blurb: 'A ZLB whose Nr acknowledges nothing new' }),
  nr_ahead: f('analysis.nr_ahead', 'Nr acknowledges unsent messages', 'none', { ref, blurb: 'Nr is beyond the next Ns the peer has sent' }),
  nr_behind: f('analysis.nr_behind', 'Nr went backwards', 'none', { ref, blurb: 'Nr is lower than one this end sent before' }),
  tunnel_auth: f('tunnel_auth', 'Challenge Response', 'bool', {
    ref: 'RFC 2661 §4.2', tf: ['correct', 'incorrect'],
    blurb: 'Tunnel authentication: the Challenge Response equals MD5(message type | secret | the peer\'s Challenge)',
  }),
};

const h = hfAnalysis;

/** The findings' wording for a StopCCN or CDN result code. */
export function resultText(msgType: number, code: number | undefined, err: number | undefined, msg: string | undefined): string {
  if (code === undefined) return 'no Result Code AVP';
  const names = msgType === MSG.StopCCN ? STOPCCN_RESULT_NAMES : CDN_RESULT_NAMES;
  let s = `result ${code} (${names.get(code) ?? 'Unknown'})`;
  if (err !== undefined && err !== 0) s += `, error ${err} (${ERROR_CODE_NAMES.get(err) ?? 'Unknown'})`;
  if (msg) s += `: "${msg}"`;
  return s;
}

function ids(a: number | undefined, b: number | undefined): string {
  return `${a ?? '?'}/${b ?? '?'}`;
}

/** Add the tracker's verdict to the L2TP tree and raise its findings. */
export function showVerdict(v: L2tpVerdict, tvb: Tvb, pkt: Packet, t: Tree, msgType: number, zlb: boolean, control: boolean,
  insideIpsec: boolean, result: { code?: number; err?: number; msg?: string }): void {
  const tn = v.tunnel;
  const lac = tn.lacSide;
  t.gen(h.tunnel_index, tvb, 0, 0, tn.index);
  if (v.role) t.gen(h.sender, tvb, 0, 0, v.role, t.on && v.roleAssumed ? `Sent by: ${v.role} (assumed: the SCCRQ sender is taken as the LAC)` : undefined);
  if (lac !== undefined) {
    const lt = tn.sides[lac].tunnelId, nt = tn.sides[1 - lac].tunnelId;
    if (lt !== undefined) t.gen(h.lac_tunnel_id, tvb, 0, 0, lt);
    if (nt !== undefined) t.gen(h.lns_tunnel_id, tvb, 0, 0, nt);
  }
  const s = v.session;
  if (s) {
    t.gen(h.session_index, tvb, 0, 0, s.index);
    if (lac !== undefined) {
      const ls = s.ids[lac], ns = s.ids[1 - lac];
      if (ls !== undefined) t.gen(h.lac_session_id, tvb, 0, 0, ls);
      if (ns !== undefined) t.gen(h.lns_session_id, tvb, 0, 0, ns);
    }
  }
  t.gen(h.inside_ipsec, tvb, 0, 0, insideIpsec);
  const ex = pkt.engine;
  if (v.evicted) {
    ex.expertOnce(pkt, t, 'note', 'debug', 'l2tp.table_full',
      'L2TP tunnel table full: the oldest tunnels are forgotten, later messages of them start new entries');
  }
  if (v.sessionsFull) {
    ex.expertOnce(pkt, t, 'note', 'debug', 'l2tp.sessions_full',
      `L2TP session table full (${MAX_SESSIONS} sessions): new sessions are not tracked`);
  }
  const who = v.role ?? 'one end';
  const tunnelIds = ids(lac !== undefined ? tn.sides[lac].tunnelId : tn.sides[0].tunnelId,
    lac !== undefined ? tn.sides[1 - lac].tunnelId : tn.sides[1].tunnelId);
  if (control) showSequence(v, tvb, pkt, t, zlb);
  if (control && v.retransmissionOf === undefined && !zlb) {
    if (msgType === MSG.StopCCN) {
      const what = tn.established ? `Tunnel ${tunnelIds} closed by ${who} (StopCCN)` : `Tunnel ${tunnelIds} setup failed: ${who} sent StopCCN before it was established`;
      ex.expert(pkt, t, 'warn', 'response', 'l2tp.stopccn', `${what}: ${resultText(msgType, result.code, result.err, result.msg)}`);
    } else if (msgType === MSG.CDN) {
      const sess = s ? ` ${ids(lac !== undefined ? s.ids[lac] : s.ids[0], lac !== undefined ? s.ids[1 - lac] : s.ids[1])}` : '';
      const carried = s ? s.data[0].packets + s.data[1].packets : 0;
      const what = s && !s.established ? `Call${sess} setup failed: ${who} sent CDN before the call was connected`
        : carried === 0 ? `Call${sess} disconnected by ${who} (CDN) before any data was carried`
          : `Call${sess} disconnected by ${who} (CDN)`;
      ex.expert(pkt, t, 'warn', 'response', 'l2tp.cdn', `${what}: ${resultText(msgType, result.code, result.err, result.msg)}`);
    }
  }
  if (v.firstCleartextData && !insideIpsec) {
    ex.expert(pkt, t, 'warn', 'security', 'l2tp.cleartext',
      `L2TP tunnel ${tunnelIds} carries its data in clear: no IPsec protects it (RFC 3193), so the tunnelled frames (PPP for L2TPv2) and everything in them can be read and altered on the path`);
  }
}

function showSequence(v: L2tpVerdict, tvb: Tvb, pkt: Packet, t: Tree, zlb: boolean): void {
  const ex = pkt.engine;
  const a = t.gen(h.analysis, tvb, 0, 0, null);
  if (v.retransmissionOf !== undefined) {
    const r = a.gen(h.retransmission, tvb, 0, 0, null);
    r.gen(h.retransmitted_frame, tvb, 0, 0, v.retransmissionOf);
    if (v.spurious) a.gen(h.spurious_retransmission, tvb, 0, 0, null);
    ex.expert(pkt, r, 'note', 'sequence', v.spurious ? 'l2tp.spurious_retransmission' : 'l2tp.retransmission',
      v.spurious ? `Spurious retransmission of frame ${v.retransmissionOf}: the peer had already acknowledged it`
        : `Retransmission of frame ${v.retransmissionOf} (same Ns, not yet acknowledged)`);
  }
  if (v.outOfOrder) {
    const o = a.gen(h.out_of_order, tvb, 0, 0, null);
    o.gen(h.expected_ns, tvb, 0, 0, v.outOfOrder.expected);
    ex.expert(pkt, o, 'warn', 'sequence', 'l2tp.out_of_order', `Out-of-order control message: expected Ns=${v.outOfOrder.expected}`);
  }
  if (v.outOfWindow) {
    const o = a.gen(h.out_of_window, tvb, 0, 0, null);
    o.gen(h.outstanding, tvb, 0, 0, v.outOfWindow.outstanding);
    o.gen(h.window, tvb, 0, 0, v.outOfWindow.window);
    ex.expert(pkt, o, 'warn', 'sequence', 'l2tp.out_of_window',
      `Out of window: ${v.outOfWindow.outstanding} messages unacknowledged, the peer's receive window is ${v.outOfWindow.window}`);
  }
  if (zlb && v.acked.length > 0) {
    const z = a.gen(h.zlb_ack, tvb, 0, 0, null);
    ex.expert(pkt, z, 'chat', 'sequence', 'l2tp.zlb_ack', `ZLB acknowledgement of frame${v.acked.length > 1 ? 's' : ''} ${v.acked.map((k) => k.frame).join(', ')}`);
  }
  for (const k of v.acked) {
    a.gen(h.acks_frame, tvb, 0, 0, k.frame);
    a.gen(h.ack_rtt, tvb, 0, 0, k.rtt);
  }
  if (v.duplicateAck) {
    const d = a.gen(h.duplicate_ack, tvb, 0, 0, null);
    ex.expert(pkt, d, 'note', 'sequence', 'l2tp.duplicate_ack', 'Duplicate ZLB acknowledgement: its Nr acknowledges nothing new');
  }
  if (v.nrAhead) {
    const n = a.gen(h.nr_ahead, tvb, 0, 0, null);
    ex.expert(pkt, n, 'warn', 'sequence', 'l2tp.nr_ahead',
      `Nr=${v.nrAhead.nr} acknowledges messages the peer never sent (its next Ns is ${v.nrAhead.peerNext})`);
  }
  if (v.nrBehind) {
    const n = a.gen(h.nr_behind, tvb, 0, 0, null);
    ex.expert(pkt, n, 'note', 'sequence', 'l2tp.nr_behind', 'Nr is lower than one this end sent before (reordered or stale message)');
  }
}

/**
 * Tunnel authentication (RFC 2661 §4.2): a peer that knows the secret answers the other end's
 * Challenge with MD5(the one-octet Message Type of its reply | secret | Challenge).
 */
export function showTunnelAuth(pkt: Packet, t: Tree, tvb: Tvb, msgType: number, secret: Uint8Array,
  challenge: Uint8Array, response: Uint8Array): void {
  const want = createHash('md5').update(Uint8Array.of(msgType & 0xff)).update(secret).update(challenge).digest();
  const ok = Buffer.compare(want, Buffer.from(response)) === 0;
  const item = t.gen(h.tunnel_auth, tvb, 0, 0, ok);
  if (!ok) {
    pkt.engine.expert(pkt, item, 'warn', 'security', 'l2tp.tunnel_auth.bad',
      'Challenge Response does not match: the peer does not know the tunnel secret, or the secret set is wrong');
  }
}
