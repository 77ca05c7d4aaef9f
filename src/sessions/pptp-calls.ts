/**
 * PPTP calls and their GRE streams, for one capture run (RFC 2637).
 *
 * The control connection (TCP 1723) sets a call up: each side assigns a Call ID, and each side puts
 * the PEER's Call ID in the Key field of the enhanced GRE packets it sends (§4.1). So a GRE packet
 * from A to B with call ID K belongs to the call in which B assigned K. This module keeps that map,
 * and per call and direction the GRE sequence state (lost, duplicated, out-of-order packets,
 * acknowledgements of packets never sent, receive window exceeded).
 *
 * It knows nothing of trees or bytes: the PPTP and GRE dissectors feed it plain values and turn
 * what it finds into tree items and expert items. Memory is bounded (see the MAX_* limits).
 */
import { forgetEntries, idleBefore, type IdleCut } from '../core/forget.js';
import { RecentSeqs } from './recent-seqs.js';
import { AgedMap } from '../core/aged-map.js';

/** At most this many calls are kept; past it the oldest is forgotten. */
export const MAX_CALLS = 20_000;
/** At most this many GRE flows (address pair + call ID, one direction) are tracked. */
export const MAX_FLOWS = 50_000;
/** Sequence numbers remembered per flow, to tell a duplicate from a late packet. */
const SEEN_PER_FLOW = 512;
/** Missing sequence numbers remembered per flow, to recognise a late arrival that fills a gap. */
const MISSING_PER_FLOW = 1024;
/** A step this large between sequence numbers is a restart, not loss. */
const SEQ_JUMP = 1 << 20;
/** Requests waiting for a reply, per control connection. */
const PENDING_PER_CONN = 64;
const MAX_CONNS = 10_000;

export type PptpRole = 'PNS' | 'PAC';
export type GreDirection = 'pns-to-pac' | 'pac-to-pns';

export const CONTROL = {
  SCCRQ: 1, SCCRP: 2, StopCCRQ: 3, StopCCRP: 4, EchoRequest: 5, EchoReply: 6,
  OCRQ: 7, OCRP: 8, ICRQ: 9, ICRP: 10, ICCN: 11, CCRQ: 12, CDN: 13, WEN: 14, SLI: 15,
} as const;

/** GRE traffic one end of a call sent. */
export interface GreDirectionStats {
  packets: number;
  /** Payload bytes (after the GRE header). */
  bytes: number;
  /** Acknowledgement-only packets (no payload). */
  ackOnly: number;
  /** Sequence numbers skipped and not filled in later. */
  lost: number;
  duplicates: number;
  outOfOrder: number;
  ackUnseen: number;
  windowExceeded: number;
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
}

export interface CallEnd {
  role: PptpRole;
  addr: string;
  /** The Call ID this end assigned; GRE packets sent TO this end carry it in the key. */
  callId: number | null;
  /** Packet Receive Window Size this end announced (OCRQ/ICRP for the PNS, OCRP/ICCN for the PAC). */
  receiveWindow: number | null;
  /** Frame of the control message that announced callId. */
  idFrame: number | null;
  /** GRE packets this end sent. */
  sent: GreDirectionStats;
}

export interface HostInfo {
  hostName: string;
  vendorName: string;
  firmwareRevision: number;
  protocolVersion: number;
  frame: number;
}

/** One TCP control connection. */
export interface ControlConnection {
  key: string;
  /** Whether its Start-Control-Connection-Request was in the capture (so every call on it is known). */
  startSeen: boolean;
  startFrame: number | null;
  /** Start-Control-Connection-Reply result code. */
  result: number | null;
  stopFrame: number | null;
  /** Host and vendor names from SCCRQ/SCCRP, by sender address. */
  hosts: Map<string, HostInfo>;
  pending: AgedMap<string, { frame: number; sec: number; nsec: number }>;
  lastFrame: number;
  lastTime: number;
}

export interface PptpCall {
  /** 1-based, in order of appearance in the capture. */
  index: number;
  kind: 'outgoing' | 'incoming' | 'gre-only';
  /**
   * Whether PNS and PAC are known from the control connection. For a GRE-only call they are not:
   * `pns` is then the end whose GRE was seen first.
   */
  rolesKnown: boolean;
  pns: CallEnd;
  pac: CallEnd;
  conn: ControlConnection | null;
  callSerialNumber: number | null;
  requestFrame: number | null;
  replyFrame: number | null;
  connectedFrame: number | null;
  /** Result and error code of the OCRP/ICRP. */
  resultCode: number | null;
  errorCode: number | null;
  causeCode: number | null;
  connectSpeed: number | null;
  clearFrame: number | null;
  disconnect: { frame: number; result: number; error: number; cause: number; statistics: string } | null;
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
  /** Per direction, the GRE flow state (undefined until that direction's call ID is known or seen). */
  flows: { 'pns-to-pac'?: GreFlow; 'pac-to-pns'?: GreFlow };
}

export interface GreFlow {
  key: string;
  call: PptpCall | null;
  dir: GreDirection | null;
  /** The control frame that announced this direction's call ID (null for a GRE-only flow). */
  setupFrame: number | null;
  maxSeq: number | null;
  firstSeq: number | null;
  /** Highest Acknowledgment Number this flow's sender has put in its packets. */
  highestAck: number | null;
  /** Created with the flow's first sequence number. */
  seen: RecentSeqs | null;
  /** Created with its first gap. */
  missing: Set<number> | null;
  stats: GreDirectionStats | null;
  lastFrame: number;
  lastTime: number;
}

/** What one control message changed or matched. */
export interface ControlFindings {
  call: PptpCall | null;
  requestFrame: number | null;
  responseTime: number | null;
  /** A message names a call ID no call on this (fully seen) control connection set up. */
  unknownCall: number | null;
}

export interface ControlMessage {
  type: number;
  frame: number;
  /** Capture time: seconds since the epoch and nanoseconds (kept apart so that differences stay exact). */
  sec: number;
  nsec: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  callId?: number;
  peerCallId?: number;
  callSerialNumber?: number;
  result?: number;
  error?: number;
  cause?: number;
  window?: number;
  connectSpeed?: number;
  identifier?: number;
  hostName?: string;
  vendorName?: string;
  firmwareRevision?: number;
  protocolVersion?: number;
  statistics?: string;
}

export interface GrePacket {
  frame: number;
  time: number;
  src: string;
  dst: string;
  /** Enhanced GRE (version 1) carries a call ID; version 0 a 32-bit key (or none). */
  enhanced: boolean;
  key: number | null;
  seq: number | null;
  ack: number | null;
  payloadLen: number;
}

export interface GreFindings {
  call: PptpCall | null;
  dir: GreDirection | null;
  setupFrame: number | null;
  /** True when PPTP control traffic was seen but no call set up this call ID. */
  unknownCall: boolean;
  /** True when no PPTP control message has been seen in the capture yet. */
  noControl: boolean;
  /** The first packet of a flow (to raise a per-flow finding once). */
  firstOfFlow: boolean;
  expectedSeq: number | null;
  lost: number;
  duplicateOf: number | null;
  outOfOrder: boolean;
  seqJump: boolean;
  /** This packet acknowledges a sequence number the peer never sent (highest the peer sent, or -1). */
  ackUnseen: number | null;
  unacked: number | null;
  window: number | null;
  windowFrame: number | null;
  windowExceeded: boolean;
}

function newStats(frame: number, time: number): GreDirectionStats {
  return {
    packets: 0, bytes: 0, ackOnly: 0, lost: 0, duplicates: 0, outOfOrder: 0, ackUnseen: 0, windowExceeded: 0,
    firstFrame: frame, lastFrame: frame, firstTime: time, lastTime: time,
  };
}

function newEnd(role: PptpRole, addr: string, frame: number, time: number): CallEnd {
  return { role, addr, callId: null, receiveWindow: null, idFrame: null, sent: newStats(frame, time) };
}

/** Signed distance from a to b in 32-bit sequence space. */
export function seqDiff(b: number, a: number): number {
  return ((b - a) | 0);
}

function setCapped<K, V>(m: AgedMap<K, V>, k: K, v: V, cap: number): boolean {
  m.delete(k);
  let evicted = false;
  if (m.size >= cap) {
    m.dropOldest();
    evicted = true;
  }
  m.set(k, v);
  return evicted;
}

export class PptpTracker {
  readonly summarised = true;
  readonly calls: PptpCall[] = [];
  /** Whether any PPTP control message has been seen so far. */
  controlSeen = false;
  /** Set when a cap forced something out; the dissectors report it once. */
  evicted = false;
  private nextIndex = 1;
  private readonly conns = new AgedMap<string, ControlConnection>();
  private readonly byPns = new AgedMap<string, PptpCall>();
  private readonly byPac = new AgedMap<string, PptpCall>();
  private readonly flows = new AgedMap<string, GreFlow>();

  private conn(m: ControlMessage): ControlConnection {
    const a = `${m.src}:${m.srcPort}`, b = `${m.dst}:${m.dstPort}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const time = m.sec + m.nsec / 1e9;
    let c = this.conns.get(key);
    if (!c) {
      c = {
        key, startSeen: false, startFrame: null, result: null, stopFrame: null, hosts: new Map(), pending: new AgedMap(),
        lastFrame: m.frame, lastTime: time,
      };
      if (setCapped(this.conns, key, c, MAX_CONNS)) this.evicted = true;
    }
    c.lastFrame = m.frame;
    c.lastTime = time;
    return c;
  }

  private addCall(kind: PptpCall['kind'], conn: ControlConnection | null, pnsAddr: string, pacAddr: string,
    frame: number, time: number): PptpCall {
    const call: PptpCall = {
      index: this.nextIndex++, kind, rolesKnown: kind !== 'gre-only',
      pns: newEnd('PNS', pnsAddr, frame, time), pac: newEnd('PAC', pacAddr, frame, time), conn,
      callSerialNumber: null, requestFrame: null, replyFrame: null, connectedFrame: null,
      resultCode: null, errorCode: null, causeCode: null, connectSpeed: null, clearFrame: null, disconnect: null,
      firstFrame: frame, lastFrame: frame, firstTime: time, lastTime: time, flows: {},
    };
    if (this.calls.length >= MAX_CALLS) {
      // Forget the oldest tenth at once, so that a flood of new calls costs no more than a trickle.
      this.calls.splice(0, MAX_CALLS / 10);
      this.evicted = true;
    }
    this.calls.push(call);
    return call;
  }

  private index(m: AgedMap<string, PptpCall>, key: string, call: PptpCall): void {
    if (setCapped(m, key, call, MAX_CALLS)) this.evicted = true;
  }

  private touch(call: PptpCall, frame: number, time: number): void {
    call.lastFrame = frame;
    call.lastTime = time;
  }

  /** Point GRE from `from` to `to` carrying `callId` at this call's direction. */
  private bindFlow(call: PptpCall, dir: GreDirection, from: string, to: string, callId: number, frame: number): void {
    const key = `${from}>${to}#${callId}`;
    const flow = newFlow(key, call, dir, frame, frame, call.lastTime);
    flow.stats = dir === 'pns-to-pac' ? call.pns.sent : call.pac.sent;
    call.flows[dir] = flow;
    if (setCapped(this.flows, key, flow, MAX_FLOWS)) this.evicted = true;
  }

  private unbindFlow(call: PptpCall, dir: GreDirection): void {
    const flow = call.flows[dir];
    if (flow && this.flows.get(flow.key) === flow) this.flows.delete(flow.key);
    delete call.flows[dir];
  }

  private request(c: ControlConnection, key: string, m: ControlMessage): void {
    if (setCapped(c.pending, `${key}@${m.src}`, { frame: m.frame, sec: m.sec, nsec: m.nsec }, PENDING_PER_CONN)) this.evicted = true;
  }

  private response(c: ControlConnection, key: string, m: ControlMessage, f: ControlFindings): void {
    const k = `${key}@${m.dst}`;
    const req = c.pending.get(k);
    if (!req) return;
    c.pending.delete(k);
    f.requestFrame = req.frame;
    f.responseTime = m.sec - req.sec + (m.nsec - req.nsec) / 1e9;
  }

  /** Feed one PPTP control message. */
  control(m: ControlMessage): ControlFindings {
    this.controlSeen = true;
    const time = m.sec + m.nsec / 1e9;
    const c = this.conn(m);
    const f: ControlFindings = { call: null, requestFrame: null, responseTime: null, unknownCall: null };
    const id = m.callId ?? -1, peer = m.peerCallId ?? -1;
    switch (m.type) {
      case CONTROL.SCCRQ:
      case CONTROL.SCCRP:
        if (m.type === CONTROL.SCCRQ) {
          c.startSeen = true;
          c.startFrame = m.frame;
          this.request(c, 'sccrq', m);
        } else {
          c.result = m.result ?? null;
          this.response(c, 'sccrq', m, f);
        }
        c.hosts.set(m.src, {
          hostName: m.hostName ?? '', vendorName: m.vendorName ?? '',
          firmwareRevision: m.firmwareRevision ?? 0, protocolVersion: m.protocolVersion ?? 0, frame: m.frame,
        });
        break;
      case CONTROL.StopCCRQ:
        c.stopFrame = m.frame;
        this.request(c, 'stop', m);
        break;
      case CONTROL.StopCCRP:
        this.response(c, 'stop', m, f);
        break;
      case CONTROL.EchoRequest:
        this.request(c, `echo${m.identifier}`, m);
        break;
      case CONTROL.EchoReply:
        this.response(c, `echo${m.identifier}`, m, f);
        break;
      case CONTROL.OCRQ: {
        // Sent by the PNS; its Call ID is what the PAC will put in GRE sent to the PNS.
        let call = this.byPns.get(`${c.key}#${id}`);
        if (!call || call.replyFrame !== null || call.pns.addr !== m.src) {
          call = this.addCall('outgoing', c, m.src, m.dst, m.frame, time);
          this.index(this.byPns, `${c.key}#${id}`, call);
        }
        call.requestFrame = m.frame;
        call.callSerialNumber = m.callSerialNumber ?? null;
        call.pns.callId = id;
        call.pns.idFrame = m.frame;
        call.pns.receiveWindow = m.window ?? null;
        this.bindFlow(call, 'pac-to-pns', m.dst, m.src, id, m.frame);
        this.request(c, `call${id}`, m);
        f.call = call;
        break;
      }
      case CONTROL.ICRQ: {
        // Sent by the PAC: its Call ID is what the PNS will put in GRE sent to the PAC.
        const call = this.addCall('incoming', c, m.dst, m.src, m.frame, time);
        call.requestFrame = m.frame;
        call.callSerialNumber = m.callSerialNumber ?? null;
        call.pac.callId = id;
        call.pac.idFrame = m.frame;
        this.index(this.byPac, `${c.key}#${id}`, call);
        this.bindFlow(call, 'pns-to-pac', m.dst, m.src, id, m.frame);
        this.request(c, `call${id}`, m);
        f.call = call;
        break;
      }
      case CONTROL.OCRP:
      case CONTROL.ICRP: {
        const out = m.type === CONTROL.OCRP;
        this.response(c, `call${peer}`, m, f);
        let call = (out ? this.byPns : this.byPac).get(`${c.key}#${peer}`) ?? null;
        if (call && (out ? call.pns.addr !== m.dst : call.pac.addr !== m.dst)) call = null;
        if (!call) {
          // The request is not in the capture: the reply alone names both IDs.
          call = out
            ? this.addCall('outgoing', c, m.dst, m.src, m.frame, time)
            : this.addCall('incoming', c, m.src, m.dst, m.frame, time);
          const requester = out ? call.pns : call.pac;
          requester.callId = peer;
          requester.idFrame = m.frame;
          this.index(out ? this.byPns : this.byPac, `${c.key}#${peer}`, call);
        }
        const replier = out ? call.pac : call.pns;
        call.replyFrame = m.frame;
        call.resultCode = m.result ?? null;
        call.errorCode = m.error ?? null;
        call.causeCode = m.cause ?? null;
        if (out) call.connectSpeed = m.connectSpeed ?? null;
        replier.callId = id;
        replier.idFrame = m.frame;
        replier.receiveWindow = m.window ?? null;
        this.index(out ? this.byPac : this.byPns, `${c.key}#${id}`, call);
        const ok = m.result === 1;
        const toReplier: GreDirection = out ? 'pns-to-pac' : 'pac-to-pns';
        const toRequester: GreDirection = out ? 'pac-to-pns' : 'pns-to-pac';
        if (ok) {
          this.bindFlow(call, toReplier, m.dst, m.src, id, m.frame);
          if (!call.flows[toRequester]) this.bindFlow(call, toRequester, m.src, m.dst, peer, m.frame);
        } else {
          // A refused call carries no GRE: traffic with its IDs is not this call's.
          this.unbindFlow(call, toRequester);
        }
        // An incoming call is connected by an ICCN naming the PNS's ID.
        if (!out) this.request(c, `iccn${id}`, m);
        f.call = call;
        break;
      }
      case CONTROL.ICCN: {
        this.response(c, `iccn${peer}`, m, f);
        const call = this.byPns.get(`${c.key}#${peer}`);
        if (call) {
          call.connectedFrame = m.frame;
          call.pac.receiveWindow = m.window ?? null;
          call.connectSpeed = m.connectSpeed ?? null;
          f.call = call;
        } else if (c.startSeen) f.unknownCall = peer;
        break;
      }
      case CONTROL.CCRQ: {
        const call = this.byPns.get(`${c.key}#${id}`);
        if (call) {
          call.clearFrame = m.frame;
          if (call.pac.callId !== null) this.request(c, `clear${call.pac.callId}`, m);
          f.call = call;
        } else if (c.startSeen) f.unknownCall = id;
        break;
      }
      case CONTROL.CDN: {
        this.response(c, `clear${id}`, m, f);
        const call = this.byPac.get(`${c.key}#${id}`) ?? this.byPns.get(`${c.key}#${id}`);
        if (call) {
          call.disconnect = { frame: m.frame, result: m.result ?? 0, error: m.error ?? 0, cause: m.cause ?? 0, statistics: m.statistics ?? '' };
          f.call = call;
        } else if (c.startSeen) f.unknownCall = id;
        break;
      }
      case CONTROL.SLI:
      case CONTROL.WEN: {
        // SLI goes PNS→PAC and names the PAC's ID, WEN the other way; accept either, as some peers do.
        const call = this.byPac.get(`${c.key}#${peer}`) ?? this.byPns.get(`${c.key}#${peer}`);
        if (call) f.call = call;
        else if (c.startSeen) f.unknownCall = peer;
        break;
      }
      default:
        break;
    }
    if (f.call) this.touch(f.call, m.frame, time);
    return f;
  }

  /** Feed one GRE packet. */
  gre(p: GrePacket): GreFindings {
    const f: GreFindings = {
      call: null, dir: null, setupFrame: null, unknownCall: false, noControl: false, firstOfFlow: false,
      expectedSeq: null, lost: 0, duplicateOf: null, outOfOrder: false, seqJump: false,
      ackUnseen: null, unacked: null, window: null, windowFrame: null, windowExceeded: false,
    };
    const key = p.enhanced ? `${p.src}>${p.dst}#${p.key ?? -1}` : `v0:${p.src}>${p.dst}#${p.key ?? -1}`;
    let flow = this.flows.get(key);
    if (!flow) {
      f.firstOfFlow = true;
      flow = newFlow(key, null, null, null, p.frame, p.time);
      if (p.enhanced) this.adoptGreOnly(flow, p);
      if (setCapped(this.flows, key, flow, MAX_FLOWS)) this.evicted = true;
    }
    flow.lastFrame = p.frame;
    flow.lastTime = p.time;
    const fromControl = flow.setupFrame !== null;
    if (p.enhanced && !fromControl) {
      if (this.controlSeen) f.unknownCall = true;
      else f.noControl = true;
    }
    f.call = flow.call;
    f.dir = flow.dir;
    f.setupFrame = flow.setupFrame;
    const st = flow.stats;
    if (st) {
      if (st.packets === 0) {
        st.firstFrame = p.frame;
        st.firstTime = p.time;
      }
      st.packets++;
      st.bytes += p.payloadLen;
      if (p.seq === null && p.payloadLen === 0) st.ackOnly++;
      st.lastFrame = p.frame;
      st.lastTime = p.time;
    }
    if (flow.call) this.touch(flow.call, p.frame, p.time);
    const reverse = this.reverseOf(flow);

    if (p.seq !== null) this.sequence(flow, p, f, st);
    if (p.ack !== null) {
      const peerMax = reverse?.maxSeq ?? null;
      // Only judge when the peer's whole stream is in view: it was seen, or the call began in this capture.
      // Numbering starts at 0, so an acknowledgement of 0xFFFFFFFF means "nothing received yet".
      const beyond = peerMax !== null
        ? seqDiff(p.ack, peerMax) > 0
        : p.ack !== 0xffffffff && fromControl && reverse !== null && reverse.setupFrame !== null;
      if (beyond) {
        f.ackUnseen = peerMax ?? -1;
        if (st) st.ackUnseen++;
      }
      if (flow.highestAck === null || seqDiff(p.ack, flow.highestAck) > 0) flow.highestAck = p.ack;
    }
    if (p.seq !== null && flow.call && flow.dir) {
      // The receiver's window bounds how many of our packets may be unacknowledged.
      const receiver = flow.dir === 'pns-to-pac' ? flow.call.pac : flow.call.pns;
      const acked = reverse?.highestAck ?? (fromControl && flow.firstSeq !== null ? (flow.firstSeq - 1) | 0 : null);
      if (acked !== null) {
        f.unacked = seqDiff(p.seq, acked);
        if (receiver.receiveWindow !== null && receiver.receiveWindow > 0) {
          f.window = receiver.receiveWindow;
          f.windowFrame = receiver.idFrame;
          if (f.unacked > receiver.receiveWindow) {
            f.windowExceeded = true;
            if (st) st.windowExceeded++;
          }
        }
      }
    }
    return f;
  }

  private sequence(flow: GreFlow, p: GrePacket, f: GreFindings, st: GreDirectionStats | null): void {
    const seq = p.seq as number;
    const seen = (flow.seen ??= new RecentSeqs(SEEN_PER_FLOW));
    if (flow.maxSeq === null) {
      flow.maxSeq = seq;
      flow.firstSeq = seq;
      seen.add(seq, p.frame);
      return;
    }
    const d = seqDiff(seq, flow.maxSeq);
    f.expectedSeq = (flow.maxSeq + 1) >>> 0;
    if (d > SEQ_JUMP || d < -SEQ_JUMP) {
      // A restart (new call reusing the IDs, or a peer reset): begin again rather than count loss.
      f.seqJump = true;
      flow.maxSeq = seq;
      seen.clear();
      flow.missing?.clear();
      seen.add(seq, p.frame);
      return;
    }
    if (d === 1) {
      flow.maxSeq = seq;
      seen.add(seq, p.frame);
      return;
    }
    if (d > 1) {
      f.lost = d - 1;
      if (st) st.lost += d - 1;
      const missing = (flow.missing ??= new Set());
      for (let k = 1; k < d && missing.size < MISSING_PER_FLOW; k++) missing.add((flow.maxSeq + k) >>> 0);
      flow.maxSeq = seq;
      seen.add(seq, p.frame);
      return;
    }
    const orig = seen.frameOf(seq);
    if (orig !== undefined) {
      f.duplicateOf = orig;
      if (st) st.duplicates++;
      return;
    }
    f.outOfOrder = true;
    if (st) st.outOfOrder++;
    if (flow.missing?.delete(seq) && st && st.lost > 0) st.lost--;
    seen.add(seq, p.frame);
  }

  private reverseOf(flow: GreFlow): GreFlow | null {
    if (flow.call && flow.dir) return flow.call.flows[flow.dir === 'pns-to-pac' ? 'pac-to-pns' : 'pns-to-pac'] ?? null;
    return null;
  }

  /**
   * A GRE flow no control message announced: give it a GRE-only call so that summaries still see it,
   * pairing it with the flow the other way between the same two addresses when there is exactly one.
   */
  private adoptGreOnly(flow: GreFlow, p: GrePacket): void {
    const back = `${p.dst}>${p.src}`;
    const partner = this.greOnlyOpen.get(back);
    if (partner && !partner.flows['pac-to-pns']) {
      flow.call = partner;
      flow.dir = 'pac-to-pns';
      partner.flows['pac-to-pns'] = flow;
      flow.stats = partner.pac.sent;
      partner.pns.callId = p.key;
      this.greOnlyOpen.delete(back);
      return;
    }
    const call = this.addCall('gre-only', null, p.src, p.dst, p.frame, p.time);
    call.pac.callId = p.key;
    flow.call = call;
    flow.dir = 'pns-to-pac';
    flow.stats = call.pns.sent;
    call.flows['pns-to-pac'] = flow;
    // Two unpaired flows the same way between the same addresses: which one a reverse flow answers is unknown.
    const fwd = `${p.src}>${p.dst}`;
    setCapped(this.greOnlyOpen, fwd, this.greOnlyOpen.has(fwd) ? null : call, MAX_FLOWS);
  }

  /** GRE-only calls still waiting for their reverse direction, by "sender>receiver" (null: ambiguous). */
  private readonly greOnlyOpen = new AgedMap<string, PptpCall | null>();

  /**
   * Drop the calls, flows and control connections that have gone idle (core/forget.ts). A call is
   * touched by its control messages and by GRE either way, so its flows go with it.
   */
  forgetIdle(cut: IdleCut): void {
    const idle = (c: PptpCall) => idleBefore(c.lastTime, c.lastFrame, cut);
    let kept = 0;
    for (const c of this.calls) if (!idle(c)) this.calls[kept++] = c;
    this.calls.length = kept;
    forgetEntries(this.byPns, idle);
    forgetEntries(this.byPac, idle);
    forgetEntries(this.flows, (f) => (f.call ? idle(f.call) : idleBefore(f.lastTime, f.lastFrame, cut)));
    forgetEntries(this.conns, (c) => idleBefore(c.lastTime, c.lastFrame, cut));
    forgetEntries(this.greOnlyOpen, (c) => c !== null && idle(c));
  }
}

function newFlow(key: string, call: PptpCall | null, dir: GreDirection | null, setupFrame: number | null,
  frame: number, time: number): GreFlow {
  return {
    key, call, dir, setupFrame, maxSeq: null, firstSeq: null, highestAck: null,
    seen: null, missing: null, stats: null, lastFrame: frame, lastTime: time,
  };
}

interface StateHolder {
  state<T>(key: string, init: () => T): T;
}

/** The tracker of this run (one per engine). */
export function pptpTracker(engine: StateHolder): PptpTracker {
  return engine.state('pptp.calls', () => new PptpTracker());
}

/** A call as plain data, for session summaries and JSON (stable shape). */
export interface PptpCallSummary {
  index: number;
  kind: PptpCall['kind'];
  rolesKnown: boolean;
  pns: CallEndSummary;
  pac: CallEndSummary;
  callSerialNumber: number | null;
  requestFrame: number | null;
  replyFrame: number | null;
  connectedFrame: number | null;
  resultCode: number | null;
  errorCode: number | null;
  causeCode: number | null;
  connectSpeed: number | null;
  clearFrame: number | null;
  disconnectFrame: number | null;
  disconnectResult: number | null;
  callStatistics: string | null;
  controlResult: number | null;
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
}

export interface CallEndSummary {
  addr: string;
  callId: number | null;
  receiveWindow: number | null;
  hostName: string | null;
  vendorName: string | null;
  /** GRE this end sent. */
  gre: Omit<GreDirectionStats, 'firstFrame' | 'lastFrame' | 'firstTime' | 'lastTime'> & {
    firstFrame: number | null; lastFrame: number | null; firstTime: number | null; lastTime: number | null;
  };
}

function endSummary(e: CallEnd, conn: ControlConnection | null): CallEndSummary {
  const h = conn?.hosts.get(e.addr);
  const s = e.sent;
  const any = s.packets > 0;
  return {
    addr: e.addr, callId: e.callId, receiveWindow: e.receiveWindow,
    hostName: h ? h.hostName : null, vendorName: h ? h.vendorName : null,
    gre: {
      packets: s.packets, bytes: s.bytes, ackOnly: s.ackOnly, lost: s.lost, duplicates: s.duplicates,
      outOfOrder: s.outOfOrder, ackUnseen: s.ackUnseen, windowExceeded: s.windowExceeded,
      firstFrame: any ? s.firstFrame : null, lastFrame: any ? s.lastFrame : null,
      firstTime: any ? s.firstTime : null, lastTime: any ? s.lastTime : null,
    },
  };
}

/** The PPTP calls tracked in this run, oldest first, as plain data. */
export function trackedPptpCalls(engine: StateHolder): PptpCallSummary[] {
  return pptpTracker(engine).calls.map((c) => ({
    index: c.index, kind: c.kind, rolesKnown: c.rolesKnown,
    pns: endSummary(c.pns, c.conn), pac: endSummary(c.pac, c.conn),
    callSerialNumber: c.callSerialNumber, requestFrame: c.requestFrame, replyFrame: c.replyFrame,
    connectedFrame: c.connectedFrame, resultCode: c.resultCode, errorCode: c.errorCode, causeCode: c.causeCode,
    connectSpeed: c.connectSpeed, clearFrame: c.clearFrame,
    disconnectFrame: c.disconnect?.frame ?? null, disconnectResult: c.disconnect?.result ?? null,
    callStatistics: c.disconnect?.statistics ?? null, controlResult: c.conn?.result ?? null,
    firstFrame: c.firstFrame, lastFrame: c.lastFrame, firstTime: c.firstTime, lastTime: c.lastTime,
  }));
}
