/**
 * The per-session summary behind `vpnshark sessions`: one stable JSON document built from what the
 * session trackers kept during a run (PPTP calls and their GRE streams, PPP negotiation, L2TP
 * tunnels and sessions, IKE SAs, ESP/AH SAs) and the findings. The shape is documented in the
 * README; CI users parse it, so fields are added, never renamed or removed.
 */
import type { Engine } from '../core/engine.js';
import { trackedPptpCalls, type PptpCallSummary, type CallEndSummary } from './pptp-calls.js';
import { pppLinks, mppeKeyBits, MPPE_BITS, type PppLink } from './ppp-negotiation.js';
import { l2tpTunnelTable, type L2tpTunnelSummary, type L2tpEndSummary, type ResultRecord } from './l2tp-tunnels.js';
import { trackedIpsecSas } from './ipsec-sa.js';
import { ikeSaTable } from './ike-sa.js';
import type { Finding } from './findings.js';

export interface FileSummary {
  file: string;
  packets: number;
  bytes: number;
  first_frame: number;
  last_frame: number;
  start: number | null;
  end: number | null;
  error: string | null;
}

export interface GreStream {
  file: string;
  gre_call_id: number | null;
  src: string;
  dst: string;
  /** Which end of the PPTP call sent it: PNS or PAC (null when no control connection told). */
  sender: 'PNS' | 'PAC' | null;
  call: number;
  packets: number;
  bytes: number;
  ack_only: number;
  lost: number;
  duplicated: number;
  out_of_order: number;
  acks_for_unsent: number;
  window_exceeded: number;
  first_frame: number | null;
  last_frame: number | null;
  start: number | null;
  end: number | null;
}

export interface PppOutcome {
  link: string;
  auth: string | null;
  user: string | null;
  auth_result: 'success' | 'failure' | null;
  mppe_bits: 40 | 56 | 128 | null;
  mppe_stateless: boolean | null;
  compression: string[];
  ipv4_addresses: string[];
  dns_servers: string[];
  ipv6_interface_ids: string[];
  clear_frames: number;
  encrypted_frames: number;
  lcp_terminated: boolean;
}

export interface SessionsDoc {
  files: FileSummary[];
  pptp: { calls: unknown[]; gre_streams: GreStream[] };
  l2tp: { tunnels: unknown[] };
  ipsec: { ike_sas: unknown[]; sas: unknown[] };
  findings: Array<Finding & { file: string }>;
  /** Only with `sessions --export-mschapv2`: one cracker input line per captured handshake. */
  mschapv2_export?: string[];
}

const sec = (t: number | null | undefined): number | null => (t === null || t === undefined || !Number.isFinite(t) ? null : Math.round(t * 1e6) / 1e6);

function pppOutcome(l: PppLink | undefined): PppOutcome | null {
  if (!l) return null;
  const chap = l.chap[l.chap.length - 1];
  const mppe = l.mppeAcked.length ? l.mppeAcked[l.mppeAcked.length - 1] : null;
  const auth = l.auth === 'CHAP' ? (chap?.algorithm ?? 'CHAP') : l.auth;
  return {
    link: l.key,
    auth: auth ?? null,
    user: l.auth === 'PAP' ? l.papUser : (chap?.user ?? null),
    auth_result: l.auth === 'PAP' ? l.papResult : (chap?.result ?? null),
    mppe_bits: mppe === null ? null : mppeKeyBits(mppe),
    mppe_stateless: mppe === null ? null : (mppe & MPPE_BITS.H) !== 0,
    compression: l.compression,
    ipv4_addresses: l.ipv4Addresses,
    dns_servers: l.dnsServers,
    ipv6_interface_ids: l.ipv6InterfaceIds,
    clear_frames: l.clearFrames,
    encrypted_frames: l.compressedFrames,
    lcp_terminated: l.lcpTerminated,
  };
}

function greStream(file: string, call: PptpCallSummary, from: CallEndSummary, to: CallEndSummary, sender: 'PNS' | 'PAC'): GreStream | null {
  const g = from.gre;
  if (!g.packets) return null;
  return {
    file, gre_call_id: to.callId, src: from.addr, dst: to.addr, sender: call.rolesKnown ? sender : null, call: call.index,
    packets: g.packets, bytes: g.bytes, ack_only: g.ackOnly, lost: g.lost, duplicated: g.duplicates, out_of_order: g.outOfOrder,
    acks_for_unsent: g.ackUnseen, window_exceeded: g.windowExceeded,
    first_frame: g.firstFrame, last_frame: g.lastFrame, start: sec(g.firstTime), end: sec(g.lastTime),
  };
}

function pptpSection(engine: Engine, file: string, links: ReadonlyMap<string, PppLink>) {
  const calls = trackedPptpCalls(engine);
  const streams: GreStream[] = [];
  const out = calls.map((c) => {
    const s = [greStream(file, c, c.pns, c.pac, 'PNS'), greStream(file, c, c.pac, c.pns, 'PAC')].filter((x): x is GreStream => !!x);
    streams.push(...s);
    const [a, b] = c.pns.addr <= c.pac.addr ? [c.pns.addr, c.pac.addr] : [c.pac.addr, c.pns.addr];
    const end = (e: CallEndSummary) => ({ address: e.addr, call_id: e.callId, host_name: e.hostName, vendor_name: e.vendorName, receive_window: e.receiveWindow });
    return {
      file, index: c.index, kind: c.kind, roles_known: c.rolesKnown,
      pns: end(c.pns), pac: end(c.pac),
      call_serial_number: c.callSerialNumber,
      control_result: c.controlResult, result_code: c.resultCode, error_code: c.errorCode, cause_code: c.causeCode,
      connect_speed: c.connectSpeed, disconnect_result: c.disconnectResult, call_statistics: c.callStatistics,
      outcome: c.kind === 'gre-only' ? 'control connection not in capture' : c.resultCode === 1 ? (c.disconnectFrame ? 'connected, then disconnected' : 'connected') : c.resultCode === null ? 'no reply' : 'refused',
      // PPP links are keyed by the PPTP call once GRE knows it, else by the tunnel's address pair.
      ppp: pppOutcome(links.get(`pptp ${a} ${b} call ${c.index}`) ?? links.get(`gre ${a} ${b}`)),
      gre: s,
      packets: s.reduce((n, x) => n + x.packets, 0),
      bytes: s.reduce((n, x) => n + x.bytes, 0),
      first_frame: c.firstFrame, last_frame: c.lastFrame, start: sec(c.firstTime), end: sec(c.lastTime),
      duration: sec(c.lastTime - c.firstTime),
    };
  });
  return { calls: out, gre_streams: streams };
}

/** An L2TP StopCCN/CDN result in the document's snake_case. */
function resultJson(r: ResultRecord, sessions: Array<{ index: number }>) {
  // The session is named by its number in this tunnel's list, as `sessions[].index` is.
  const at = r.sessionIndex === undefined ? -1 : sessions.findIndex((s) => s.index === r.sessionIndex);
  return {
    frame: r.frame, message: r.message, from: r.from ?? null, result_code: r.resultCode ?? null, error_code: r.errorCode ?? null,
    error_message: r.errorMessage ?? null, session_index: at < 0 ? null : at + 1,
  };
}

function l2tpSection(engine: Engine, file: string, links: ReadonlyMap<string, PppLink>) {
  const end = (e: L2tpEndSummary) => ({
    role: e.role ?? null, address: e.address, port: e.port, tunnel_id: e.tunnelId ?? null, host_name: e.hostName ?? null,
    vendor_name: e.vendorName ?? null, receive_window: e.receiveWindow, control_messages: e.controlMessages,
    data_packets: e.dataPackets, data_bytes: e.dataBytes,
  });
  return {
    tunnels: l2tpTunnelTable(engine).map((t: L2tpTunnelSummary, ti) => ({
      file, index: ti + 1, version: t.version,
      tunnel_ids: [t.tunnelIds[0] ?? null, t.tunnelIds[1] ?? null],
      roles: t.roles, lac: end(t.ends[0]), lns: end(t.ends[1]),
      established: t.established, closed: t.closed,
      control_messages: t.controlMessages, retransmissions: t.retransmissions, out_of_order: t.outOfOrder, duplicate_acks: t.duplicateAcks,
      results: t.results.map((r) => resultJson(r, t.sessions)), inside_ipsec: t.insideIpsec, ipsec_messages: t.ipsecMessages, clear_messages: t.clearMessages,
      sessions: t.sessions.map((s, si) => ({
        index: si + 1,
        session_ids: [s.lacSessionId ?? s.sessionIds[0] ?? null, s.lnsSessionId ?? s.sessionIds[1] ?? null],
        call_serial_number: s.callSerialNumber ?? null,
        established: s.established, closed: s.closed, result: s.result ? resultJson(s.result, t.sessions) : null,
        ppp: pppOutcome(links.get(`l2tp:${t.tunnelIds[0] ?? '?'}/${s.lacSessionId ?? '?'}`) ?? links.get(`l2tp:${t.tunnelIds[1] ?? '?'}/${s.lnsSessionId ?? '?'}`)),
        data: {
          from_lac: s.data.byEnd[0], from_lns: s.data.byEnd[1],
        },
        packets: s.data.byEnd[0].packets + s.data.byEnd[1].packets,
        bytes: s.data.byEnd[0].bytes + s.data.byEnd[1].bytes,
        first_frame: s.firstFrame, last_frame: s.lastFrame, start: sec(s.firstTime), end: sec(s.lastTime),
      })),
      packets: t.ends[0].controlMessages + t.ends[1].controlMessages + t.ends[0].dataPackets + t.ends[1].dataPackets,
      bytes: t.ends[0].dataBytes + t.ends[1].dataBytes,
      first_frame: t.firstFrame, last_frame: t.lastFrame, start: sec(t.firstTime), end: sec(t.lastTime),
    })),
  };
}

function ipsecSection(engine: Engine, file: string) {
  const ikeSummaries = ikeSaTable(engine).summaries();
  // Summaries number IKE SAs from 1 in table order; ESP/AH SAs refer to them by that number.
  const ikeNumber = new Map(ikeSummaries.map((s, i) => [s.index, i + 1]));
  const ike = ikeSummaries.map((s, i) => ({
    file, index: i + 1, version: s.version, initiator: s.initiator, responder: s.responder,
    ispi: s.ispi, rspi: s.rspi, messages: s.messages, exchanges: s.exchanges, chosen_proposal: s.chosenProposal,
    auth_method: s.authMethod, nat_detected: s.natDetected, behind_nat: s.behindNat, nat_traversal: s.natTraversal,
    errors: s.errors, rekeys: s.rekeys, vendor_ids: s.vendorIds, findings: s.findings,
    packets: s.messages, bytes: s.bytes, first_frame: s.firstFrame, last_frame: s.lastFrame, start: sec(s.firstTime), end: sec(s.lastTime),
    initiator_id: s.initiatorId, responder_id: s.responderId, child_sas: s.childSas,
  }));
  const sas = trackedIpsecSas(engine).map((s) => ({
    file, protocol: s.protocol, spi: s.spi, src: s.src, dst: s.dst, encapsulation: s.encapsulation,
    packets: s.packets, bytes: s.bytes, first_seq: s.firstSeq, last_seq: s.lastSeq, lost: s.lost, replayed: s.replayed,
    out_of_order: s.outOfOrder, outside_window: s.outsideWindow, null_encryption: s.nullEncryption, findings: s.findings,
    first_frame: s.firstFrame, last_frame: s.lastFrame, start: sec(s.firstTime), end: sec(s.lastTime),
    ike_sa: s.ikeSa === null ? null : ikeNumber.get(s.ikeSa) ?? null,
  }));
  return { ike_sas: ike, sas };
}

/** The summary of one run over one file. */
export function summarise(engine: Engine, file: FileSummary, findings: Finding[]): SessionsDoc {
  const links = pppLinks(engine);
  return {
    files: [file],
    pptp: pptpSection(engine, file.file, links),
    l2tp: l2tpSection(engine, file.file, links),
    ipsec: ipsecSection(engine, file.file),
    findings: findings.map((f) => ({ ...f, file: file.file })),
  };
}

/** Several files' summaries as one document, each session tagged with its file. */
export function mergeDocs(docs: SessionsDoc[]): SessionsDoc {
  return {
    files: docs.flatMap((d) => d.files),
    pptp: { calls: docs.flatMap((d) => d.pptp.calls), gre_streams: docs.flatMap((d) => d.pptp.gre_streams) },
    l2tp: { tunnels: docs.flatMap((d) => d.l2tp.tunnels) },
    ipsec: { ike_sas: docs.flatMap((d) => d.ipsec.ike_sas), sas: docs.flatMap((d) => d.ipsec.sas) },
    findings: docs.flatMap((d) => d.findings),
    ...(docs.some((d) => d.mschapv2_export) ? { mschapv2_export: docs.flatMap((d) => d.mschapv2_export ?? []) } : {}),
  };
}
