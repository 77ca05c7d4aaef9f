/**
 * L2TP tunnels and sessions, and the control channel's reliable delivery (RFC 2661 §5.8, RFC 3931 §4.2).
 *
 * Each end of an L2TP tunnel picks its own Tunnel ID (L2TPv3: Control Connection ID) and Session IDs
 * and announces them in the Assigned Tunnel ID / Assigned Session ID AVPs (v3: Assigned Control
 * Connection ID, Local Session ID); every message carries the *receiver's* IDs in its header. So a
 * message is tied to its tunnel by (destination address, header ID), and the side that sent it is
 * the other one. Addresses are keyed without ports: RFC 2661 lets the responder answer from another
 * port, and NAT may change them.
 *
 * Who is the LAC: RFC 2661 lets either end open the tunnel, so the SCCRQ alone does not tell. We
 * assume the SCCRQ sender is the LAC (remote-access clients, L2TP/IPsec included, are LACs that dial
 * in) and correct that as soon as a call message shows the roles: ICRQ, ICCN, OCRP, OCCN and WEN are
 * only sent by a LAC; ICRP, OCRQ and SLI only by an LNS (RFC 2661 §6.7-§6.14). A tunnel first seen
 * mid-way has no role until such a message arrives.
 *
 * The dissector feeds one observation per message and gets back what this message means for the
 * tunnel (retransmission, acknowledgements, ...). Only decoded values come in, never bytes.
 */
import { MESSAGE_TYPE_SHORT, MSG } from '../protocols/l2tp-values.js';
import { idleBefore, type IdleCut } from '../core/forget.js';
import { AgedMap } from '../core/aged-map.js';

/** The AVP values of a control message that the tracker uses (the AVP decoder fills them). */
export interface L2tpAvpValues {
  assignedTunnelId?: number;
  assignedSessionId?: number;
  remoteSessionId?: number;
  receiveWindow?: number;
  hostName?: string;
  vendorName?: string;
  resultCode?: number;
  errorCode?: number;
  errorMessage?: string;
  callSerial?: number;
  cookieLen?: number;
  pwType?: number;
  l2Sublayer?: number;
  /** The Challenge AVP of this message (tunnel authentication, RFC 2661 §4.2). */
  challenge?: Uint8Array;
}

/** One L2TP message, as the dissector decoded it. */
export interface L2tpObservation extends L2tpAvpValues {
  frame: number;
  /** Capture time in seconds, and the same as whole seconds and nanoseconds (for exact differences). */
  time: number;
  tsSec: number;
  tsNsec: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  version: 2 | 3;
  control: boolean;
  /** v2: Tunnel ID of the header; v3 control: Control Connection ID; v3 data: unused (0). */
  tunnelId: number;
  /** v2: Session ID of the header; v3 data: Session ID; v3 control: 0. */
  sessionId: number;
  ns?: number;
  nr?: number;
  zlb: boolean;
  /** Message Type of a control message (-1 when none). */
  msgType: number;
  /** Payload octets of a data message. */
  dataBytes: number;
  /** The message arrived inside decrypted ESP. */
  insideIpsec: boolean;
}

export type Role = 'LAC' | 'LNS';

export interface Ack {
  /** Frame of the message now acknowledged, its Ns and the time it took. */
  frame: number;
  ns: number;
  rtt: number;
}

/** What one message means for its tunnel. */
export interface L2tpVerdict {
  tunnel: Tunnel;
  /** Which end sent it: 0 is the end that sent the SCCRQ (or was seen first). */
  side: 0 | 1;
  role?: Role;
  /** True while the role is only the SCCRQ-sender assumption. */
  roleAssumed: boolean;
  session?: Session;
  /** Ns seen before: the frame that first carried it, and whether it had been acknowledged already. */
  retransmissionOf?: number;
  spurious?: boolean;
  /** Ns other than the next expected one. */
  outOfOrder?: { expected: number };
  /** MAX_SESSIONS sessions are held: a new session went untracked (now or before). */
  sessionsFull?: boolean;
  /** More messages outstanding than the receiver's window allows. */
  outOfWindow?: { window: number; outstanding: number };
  /** Messages of the peer this Nr acknowledges for the first time. */
  acked: Ack[];
  /** A ZLB whose Nr acknowledges nothing new. */
  duplicateAck?: boolean;
  /** Nr acknowledges messages the peer has not sent (only judged when the tunnel was seen from its start). */
  nrAhead?: { nr: number; peerNext: number };
  /** Nr is behind one already received from this side. */
  nrBehind?: boolean;
  /** First data message of this tunnel sent outside IPsec. */
  firstCleartextData?: boolean;
  /** The tracker was full and forgot its oldest tunnel to make room. */
  evicted?: boolean;
}

interface SentMsg {
  ns: number;
  frame: number;
  tsSec: number;
  tsNsec: number;
  msgType: number;
  acked: boolean;
  ackFrame: number;
  retransmissions: number;
}

class SeqState {
  /** False until the first message from this side: then its Ns starts the count. */
  started = false;
  /** True when this side's first message had Ns 0 (the whole control channel is in the capture). */
  fromStart = false;
  nextNs = 0;
  /** The peer's highest Nr so far: every Ns before it is acknowledged. */
  ackedUpTo = 0;
  ackKnown = false;
  readonly sent = new AgedMap<number, SentMsg>();
}

export interface DataCount {
  packets: number;
  bytes: number;
}

export interface ResultRecord {
  frame: number;
  message: 'StopCCN' | 'CDN';
  from?: Role;
  resultCode?: number;
  errorCode?: number;
  errorMessage?: string;
  sessionIndex?: number;
}

export class Session {
  /** Session IDs chosen by side 0 and side 1 (v3: Local Session IDs). */
  readonly ids: [number | undefined, number | undefined] = [undefined, undefined];
  callSerial?: number;
  established = false;
  closed = false;
  readonly data: [DataCount, DataCount] = [{ packets: 0, bytes: 0 }, { packets: 0, bytes: 0 }];
  /** v3: cookie length each side expects to receive; the pseudowire type and L2-Specific Sublayer. */
  readonly cookieLen: [number | undefined, number | undefined] = [undefined, undefined];
  pwType?: number;
  l2Sublayer?: number;
  result?: ResultRecord;
  lastFrame: number;
  lastTime: number;
  constructor(readonly index: number, readonly firstFrame: number, readonly firstTime: number) {
    this.lastFrame = firstFrame;
    this.lastTime = firstTime;
  }
}

export interface TunnelSide {
  addr: string;
  port: number;
  tunnelId?: number;
  hostName?: string;
  vendorName?: string;
  /** Receive window this side announced (RFC 2661 §5.8: 4 when it announces none). */
  window: number;
  /** The Challenge this side sent: the peer's Challenge Response answers it. */
  challenge?: Uint8Array;
}

const DEFAULT_WINDOW = 4;
const MAX_TUNNELS = 10_000;
const MAX_SESSIONS_PER_TUNNEL = 10_000;
/** Sessions of all the tunnels held at once: the per-tunnel cap alone would multiply by the tunnel caps. */
export const MAX_SESSIONS = 100_000;
const MAX_SENT_KEPT = 512;
/** Control messages remembered across all tunnels (512 per side alone would multiply by the tunnel caps). */
export const MAX_SENT_TOTAL = 200_000;
const MAX_TUNNELS_KEPT = 50_000;
const MAX_RESULTS = 1000;
/** How many of the newest tunnels a message with an unknown receiver ID is matched against. */
const RECENT = 64;

export class Tunnel {
  readonly sides: [TunnelSide, TunnelSide];
  /** Which side is the LAC; undefined when nothing shows it. */
  lacSide?: 0 | 1;
  roleSource: 'sccrq-sender' | 'call-messages' | 'unknown' = 'unknown';
  readonly seq: [SeqState, SeqState] = [new SeqState(), new SeqState()];
  /** The SCCRQ was seen: the control channel's history is complete. */
  sawStart = false;
  established = false;
  closed = false;
  readonly sessions: Session[] = [];
  readonly sessionById: [Map<number, Session>, Map<number, Session>] = [new Map(), new Map()];
  readonly counts = new Map<string, number>();
  readonly countBySide: [number, number] = [0, 0];
  retransmissions = 0;
  outOfOrder = 0;
  duplicateAcks = 0;
  readonly results: ResultRecord[] = [];
  ipsecMessages = 0;
  clearMessages = 0;
  cleartextWarned = false;
  lastFrame: number;
  lastTime: number;
  /** Keys this tunnel holds in the tracker's maps, to drop them when it is forgotten. */
  readonly keys: string[] = [];

  constructor(readonly index: number, readonly version: 2 | 3, a: TunnelSide, b: TunnelSide,
    readonly firstFrame: number, readonly firstTime: number) {
    this.sides = [a, b];
    this.lastFrame = firstFrame;
    this.lastTime = firstTime;
  }

  roleOf(side: 0 | 1): Role | undefined {
    if (this.lacSide === undefined) return undefined;
    return side === this.lacSide ? 'LAC' : 'LNS';
  }
}

/** Messages whose sender's role the RFC fixes (RFC 2661 §6, RFC 3931 §6). */
const { SCCRQ, SCCCN, StopCCN: STOPCCN, OCRQ, OCRP, OCCN, ICRQ, ICRP, ICCN, CDN, WEN, SLI } = MSG;

const SENT_BY: ReadonlyMap<number, Role> = new Map([
  [ICRQ, 'LAC'], [ICCN, 'LAC'], [OCRP, 'LAC'], [OCCN, 'LAC'], [WEN, 'LAC'],
  [ICRP, 'LNS'], [OCRQ, 'LNS'], [SLI, 'LNS'],
]);

/** a - b in sequence space (RFC 2661 §5.8: 16-bit, wrapping). */
function seqDiff(a: number, b: number): number {
  return (a - b) & 0xffff;
}

function after(a: number, b: number): boolean {
  const d = seqDiff(a, b);
  return d !== 0 && d < 0x8000;
}

export class L2tpTunnels {
  readonly summarised = true;
  /** Every tunnel kept for the summary, oldest first (bounded by MAX_TUNNELS_KEPT). */
  private readonly kept = new AgedMap<number, Tunnel>();
  /** The newest tunnels, for matching a message whose receiver's ID is not known yet. */
  private readonly recent: Tunnel[] = [];
  private readonly live = new AgedMap<number, Tunnel>();
  private readonly byReceiver = new Map<string, { tunnel: Tunnel; side: 0 | 1 }>();
  private readonly v3Data = new Map<string, { tunnel: Tunnel; session: Session; side: 0 | 1 }>();
  private nextTunnel = 0;
  private nextSession = 0;
  /** Sessions of the tunnels in `kept` or `live`, and control messages they remember. */
  private sessionCount = 0;
  private sentCount = 0;
  evictions = 0;
  /** Set once MAX_SESSIONS sessions were held and a new one went untracked. */
  sessionsFull = false;

  /** `summarise` false: no command will ask for the summary, so a tunnel is kept only while live. */
  constructor(private readonly summarise = true) {}

  /** Tunnels a later message can still find. */
  get liveCount(): number {
    return this.live.size;
  }

  /** Record one message; returns what it means. Undefined only for v3 data of an unknown session. */
  observe(o: L2tpObservation): L2tpVerdict | undefined {
    if (o.version === 3 && !o.control) return this.observeV3Data(o);
    let evicted = false;
    let found = this.findTunnel(o);
    if (!found) {
      evicted = this.makeRoom();
      found = this.createTunnel(o);
    }
    const { tunnel, side } = found;
    const peer = (1 - side) as 0 | 1;
    tunnel.lastFrame = o.frame;
    tunnel.lastTime = o.time;
    if (o.insideIpsec) tunnel.ipsecMessages++;
    else tunnel.clearMessages++;
    const me = tunnel.sides[side];
    if (o.assignedTunnelId !== undefined && me.tunnelId === undefined) this.assignTunnelId(tunnel, side, o.assignedTunnelId);
    if (o.hostName !== undefined) me.hostName = o.hostName;
    if (o.vendorName !== undefined) me.vendorName = o.vendorName;
    if (o.receiveWindow !== undefined && o.receiveWindow > 0) me.window = o.receiveWindow;
    if (o.challenge !== undefined) me.challenge = o.challenge;
    const sentBy = SENT_BY.get(o.msgType);
    if (o.control && sentBy) {
      tunnel.lacSide = sentBy === 'LAC' ? side : peer;
      tunnel.roleSource = 'call-messages';
    }
    const verdict: L2tpVerdict = {
      tunnel, side, role: tunnel.roleOf(side), roleAssumed: tunnel.roleSource === 'sccrq-sender', acked: [], evicted,
    };
    verdict.session = this.findSession(tunnel, side, o);
    if (this.sessionsFull) verdict.sessionsFull = true;
    if (o.control) this.control(tunnel, side, o, verdict);
    else this.data(tunnel, side, o, verdict);
    return verdict;
  }

  private findTunnel(o: L2tpObservation): { tunnel: Tunnel; side: 0 | 1 } | undefined {
    if (o.tunnelId !== 0) {
      const r = this.byReceiver.get(this.key(o.version, o.dst, o.tunnelId));
      if (r) return { tunnel: r.tunnel, side: (1 - r.side) as 0 | 1 };
    }
    // An SCCRQ sent again: the sender's assigned ID already names its tunnel.
    if (o.control && o.msgType === SCCRQ && o.assignedTunnelId !== undefined) {
      const r = this.byReceiver.get(this.key(o.version, o.src, o.assignedTunnelId));
      // The same ID after a StopCCN opens a new tunnel.
      if (r && !r.tunnel.closed) return { tunnel: r.tunnel, side: r.side };
      return undefined;
    }
    // The receiver's ID is 0 or not yet known: the newest tunnel between these two addresses whose
    // receiving end has not told its ID (or, for ID 0, any tunnel between them).
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const t = this.recent[i];
      if (t.version !== o.version || !this.live.has(t.index)) continue;
      for (const side of [0, 1] as const) {
        const s = t.sides[side], r = t.sides[1 - side];
        if (s.addr !== o.src || r.addr !== o.dst) continue;
        if (o.tunnelId === 0 || r.tunnelId === undefined) {
          if (o.tunnelId !== 0) this.assignTunnelId(t, (1 - side) as 0 | 1, o.tunnelId);
          return { tunnel: t, side };
        }
      }
    }
    return undefined;
  }

  private createTunnel(o: L2tpObservation): { tunnel: Tunnel; side: 0 | 1 } {
    const a: TunnelSide = { addr: o.src, port: o.srcPort, window: DEFAULT_WINDOW };
    const b: TunnelSide = { addr: o.dst, port: o.dstPort, window: DEFAULT_WINDOW };
    const t = new Tunnel(this.nextTunnel++, o.version, a, b, o.frame, o.time);
    if (this.summarise) {
      this.kept.set(t.index, t);
      if (this.kept.size > MAX_TUNNELS_KEPT) {
        const old = this.kept.dropOldest()!;
        if (!this.live.has(old.index)) this.dropped(old);
      }
    }
    this.recent.push(t);
    if (this.recent.length > RECENT) this.recent.shift();
    this.live.set(t.index, t);
    if (o.control && o.msgType === SCCRQ && o.tunnelId === 0) {
      t.sawStart = true;
      t.lacSide = 0;
      t.roleSource = 'sccrq-sender';
    }
    if (o.tunnelId !== 0) this.assignTunnelId(t, 1, o.tunnelId);
    return { tunnel: t, side: 0 };
  }

  /** Past MAX_TUNNELS live tunnels the oldest is forgotten (its summary stays, its keys go). */
  private makeRoom(): boolean {
    if (this.live.size < MAX_TUNNELS) return false;
    this.retire(this.live.dropOldest()!);
    this.evictions++;
    return true;
  }

  /** No later message finds this tunnel; a summary that kept it keeps its counts. */
  private retire(t: Tunnel): void {
    this.live.delete(t.index);
    if (!this.kept.has(t.index)) this.dropped(t);
    // A newer tunnel may have taken over a key (the same ID reused): leave those.
    for (const k of t.keys) {
      if (this.byReceiver.get(k)?.tunnel === t) this.byReceiver.delete(k);
      if (this.v3Data.get(k)?.tunnel === t) this.v3Data.delete(k);
    }
    this.sentCount -= t.seq[0].sent.size + t.seq[1].sent.size;
    t.seq[0].sent.clear();
    t.seq[1].sent.clear();
  }

  /** Drop the tunnels that have gone idle, summary and all (core/forget.ts). */
  forgetIdle(cut: IdleCut): void {
    for (const t of this.kept.values()) {
      if (!idleBefore(t.lastTime, t.lastFrame, cut)) continue;
      this.kept.delete(t.index);
      if (!this.live.has(t.index)) this.dropped(t);
    }
    for (const t of this.live.values()) if (idleBefore(t.lastTime, t.lastFrame, cut)) this.retire(t);
  }

  private key(version: number, addr: string, id: number): string {
    return `${version}|${addr}|${id}`;
  }

  private assignTunnelId(t: Tunnel, side: 0 | 1, id: number): void {
    t.sides[side].tunnelId = id;
    const k = this.key(t.version, t.sides[side].addr, id);
    this.byReceiver.set(k, { tunnel: t, side });
    t.keys.push(k);
  }

  private newSession(t: Tunnel, o: L2tpObservation): Session | undefined {
    if (t.sessions.length >= MAX_SESSIONS_PER_TUNNEL || this.sessionCount >= MAX_SESSIONS) {
      this.sessionsFull = true;
      return undefined;
    }
    const s = new Session(this.nextSession++, o.frame, o.time);
    t.sessions.push(s);
    this.sessionCount++;
    return s;
  }

  /** A tunnel no longer held anywhere: its sessions stop counting (its messages went when it retired). */
  private dropped(t: Tunnel): void {
    this.sessionCount -= t.sessions.length;
  }

  private setSessionId(t: Tunnel, s: Session, side: 0 | 1, id: number): void {
    if (s.ids[side] !== undefined || id === 0) return;
    s.ids[side] = id;
    t.sessionById[side].set(id, s);
    if (t.version === 3) {
      const k = `${t.sides[side].addr}|${id}`;
      this.v3Data.set(k, { tunnel: t, session: s, side });
      t.keys.push(k);
    }
  }

  private findSession(t: Tunnel, side: 0 | 1, o: L2tpObservation): Session | undefined {
    const peer = (1 - side) as 0 | 1;
    // The ID the receiver chose (header in v2, Remote Session ID AVP in v3), and the sender's own.
    const theirs = t.version === 2 ? o.sessionId : o.remoteSessionId ?? 0;
    const mine = o.assignedSessionId;
    let s = theirs !== 0 ? t.sessionById[peer].get(theirs) : undefined;
    if (!s && mine !== undefined && mine !== 0) s = t.sessionById[side].get(mine);
    if (!s) {
      if (theirs === 0 && (mine === undefined || mine === 0)) return undefined;
      s = this.newSession(t, o);
      if (!s) return undefined;
    }
    if (theirs !== 0) this.setSessionId(t, s, peer, theirs);
    if (mine !== undefined) this.setSessionId(t, s, side, mine);
    s.lastFrame = o.frame;
    s.lastTime = o.time;
    return s;
  }

  private control(t: Tunnel, side: 0 | 1, o: L2tpObservation, v: L2tpVerdict): void {
    const peer = (1 - side) as 0 | 1;
    // Fuzzed messages could bring any of 65536 types: past the known ones they share one counter.
    const name = o.zlb ? 'ZLB' : o.msgType >= 0 && o.msgType <= 29 ? String(o.msgType) : 'other';
    t.counts.set(name, (t.counts.get(name) ?? 0) + 1);
    t.countBySide[side]++;
    if (o.nr !== undefined) this.acknowledge(t, side, o, v);
    if (o.ns !== undefined && !o.zlb) this.sequence(t, side, peer, o, v);
    if (v.retransmissionOf !== undefined) return;
    const s = v.session;
    switch (o.msgType) {
      case SCCCN: t.established = true; break;
      case ICCN: case OCCN: if (s) s.established = true; break;
      case STOPCCN: case CDN: {
        const r: ResultRecord = {
          frame: o.frame, message: o.msgType === STOPCCN ? 'StopCCN' : 'CDN', from: t.roleOf(side),
          resultCode: o.resultCode, errorCode: o.errorCode, errorMessage: o.errorMessage,
          sessionIndex: o.msgType === CDN ? s?.index : undefined,
        };
        if (t.results.length < MAX_RESULTS) t.results.push(r);
        if (o.msgType === STOPCCN) t.closed = true;
        else if (s) {
          s.closed = true;
          // The first CDN says why the call ended; a second one is the peer answering in kind.
          s.result ??= r;
        }
        break;
      }
      default: break;
    }
    if (s) {
      if (o.callSerial !== undefined) s.callSerial = o.callSerial;
      if (o.cookieLen !== undefined && (o.msgType === ICRQ || o.msgType === OCRQ || o.msgType === ICRP || o.msgType === OCRP)) s.cookieLen[side] = o.cookieLen;
      if (o.pwType !== undefined && (o.msgType === ICRQ || o.msgType === OCRQ)) s.pwType = o.pwType;
      if (o.l2Sublayer !== undefined) s.l2Sublayer = o.l2Sublayer;
    }
  }

  /** Nr acknowledges every message of the peer with a lower Ns (RFC 2661 §5.8). */
  private acknowledge(t: Tunnel, side: 0 | 1, o: L2tpObservation, v: L2tpVerdict): void {
    const nr = o.nr!;
    const ps = t.seq[(1 - side) as 0 | 1];
    if (!ps.ackKnown) {
      ps.ackKnown = true;
      ps.ackedUpTo = nr;
      this.ackUpTo(ps, nr, o, v);
      return;
    }
    if (after(nr, ps.ackedUpTo)) {
      if (ps.started && ps.fromStart && after(nr, ps.nextNs)) v.nrAhead = { nr, peerNext: ps.nextNs };
      ps.ackedUpTo = nr;
      this.ackUpTo(ps, nr, o, v);
    } else if (nr === ps.ackedUpTo) {
      if (o.zlb) {
        v.duplicateAck = true;
        t.duplicateAcks++;
      }
    } else {
      v.nrBehind = true;
    }
  }

  private ackUpTo(ps: SeqState, nr: number, o: L2tpObservation, v: L2tpVerdict): void {
    for (const m of ps.sent.values()) {
      if (m.acked || !after(nr, m.ns)) continue;
      m.acked = true;
      m.ackFrame = o.frame;
      v.acked.push({ frame: m.frame, ns: m.ns, rtt: o.tsSec - m.tsSec + (o.tsNsec - m.tsNsec) / 1e9 });
    }
  }

  private sequence(t: Tunnel, side: 0 | 1, peer: 0 | 1, o: L2tpObservation, v: L2tpVerdict): void {
    const st = t.seq[side];
    const ns = o.ns!;
    if (!st.started) {
      st.started = true;
      st.fromStart = ns === 0 && t.sawStart;
      st.nextNs = ns;
    }
    const had = st.sent.get(ns);
    if (had && !after(ns, st.nextNs) && ns !== st.nextNs) {
      had.retransmissions++;
      t.retransmissions++;
      v.retransmissionOf = had.frame;
      v.spurious = had.acked;
      return;
    }
    if (ns !== st.nextNs) {
      v.outOfOrder = { expected: st.nextNs };
      t.outOfOrder++;
    }
    if (ns === st.nextNs || after(ns, st.nextNs)) st.nextNs = (ns + 1) & 0xffff;
    if (st.ackKnown) {
      const outstanding = seqDiff(ns, st.ackedUpTo) + 1;
      const window = t.sides[peer].window;
      if (outstanding > window && outstanding < 0x8000) v.outOfWindow = { window, outstanding };
    }
    const size = st.sent.size;
    // Past the total, a side makes room from its own oldest, and one that remembers nothing stays so.
    if (size >= MAX_SENT_KEPT || (this.sentCount >= MAX_SENT_TOTAL && !st.sent.has(ns))) {
      if (!size) return;
      st.sent.dropOldest();
    }
    st.sent.set(ns, { ns, frame: o.frame, tsSec: o.tsSec, tsNsec: o.tsNsec, msgType: o.msgType, acked: false, ackFrame: 0, retransmissions: 0 });
    this.sentCount += st.sent.size - size;
  }

  private data(t: Tunnel, side: 0 | 1, o: L2tpObservation, v: L2tpVerdict): void {
    const s = v.session;
    if (s) {
      s.data[side].packets++;
      s.data[side].bytes += o.dataBytes;
    }
    if (!o.insideIpsec && !t.cleartextWarned) {
      t.cleartextWarned = true;
      v.firstCleartextData = true;
    }
  }

  /** v3 data: no tunnel ID in the header; the session ID and the receiver's address find the session. */
  private observeV3Data(o: L2tpObservation): L2tpVerdict | undefined {
    const r = this.v3Data.get(`${o.dst}|${o.sessionId}`);
    if (!r) return undefined;
    const side = (1 - r.side) as 0 | 1;
    const t = r.tunnel;
    t.lastFrame = o.frame;
    t.lastTime = o.time;
    if (o.insideIpsec) t.ipsecMessages++;
    else t.clearMessages++;
    r.session.lastFrame = o.frame;
    r.session.lastTime = o.time;
    const v: L2tpVerdict = { tunnel: t, side, role: t.roleOf(side), roleAssumed: t.roleSource === 'sccrq-sender', session: r.session, acked: [] };
    this.data(t, side, o, v);
    return v;
  }

  /** Control messages never acknowledged by the end of the capture. */
  unacknowledged(): UnackedMessage[] {
    const out: UnackedMessage[] = [];
    for (const t of this.kept.values()) {
      for (const side of [0, 1] as const) {
        for (const m of t.seq[side].sent.values()) {
          if (m.acked) continue;
          out.push({
            tunnelIndex: t.index, frame: m.frame, ns: m.ns, msgType: m.msgType, from: t.roleOf(side),
            fromAddress: t.sides[side].addr, retransmissions: m.retransmissions,
          });
        }
      }
    }
    return out.sort((a, b) => a.frame - b.frame);
  }

  /** The table for session summaries: plain objects, stable in shape. */
  summary(): L2tpTunnelSummary[] {
    return [...this.kept.values()].map((t) => summarise(t));
  }
}

export interface UnackedMessage {
  tunnelIndex: number;
  frame: number;
  ns: number;
  msgType: number;
  from?: Role;
  fromAddress: string;
  retransmissions: number;
}

export interface L2tpEndSummary {
  role?: Role;
  address: string;
  port: number;
  tunnelId?: number;
  hostName?: string;
  vendorName?: string;
  receiveWindow: number;
  controlMessages: number;
  dataPackets: number;
  dataBytes: number;
}

export interface L2tpSessionSummary {
  index: number;
  lacSessionId?: number;
  lnsSessionId?: number;
  /** Session IDs by end when the roles are not known (first end first). */
  sessionIds: [number | undefined, number | undefined];
  callSerialNumber?: number;
  established: boolean;
  closed: boolean;
  result?: ResultRecord;
  data: { fromLac?: DataCount; fromLns?: DataCount; byEnd: [DataCount, DataCount] };
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
}

export interface L2tpTunnelSummary {
  index: number;
  version: 2 | 3;
  /** LAC's Tunnel ID first, then the LNS's (by end when the roles are unknown). */
  tunnelIds: [number | undefined, number | undefined];
  roles: 'sccrq-sender' | 'call-messages' | 'unknown';
  /** The two ends, LAC first when known (else the end that spoke first). */
  ends: [L2tpEndSummary, L2tpEndSummary];
  established: boolean;
  closed: boolean;
  controlMessages: Record<string, number>;
  retransmissions: number;
  outOfOrder: number;
  duplicateAcks: number;
  results: ResultRecord[];
  sessions: L2tpSessionSummary[];
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
  /** Every message of the tunnel came inside decrypted ESP. */
  insideIpsec: boolean;
  ipsecMessages: number;
  clearMessages: number;
}

function summarise(t: Tunnel): L2tpTunnelSummary {
  const first: 0 | 1 = t.lacSide ?? 0;
  const order: [0 | 1, 0 | 1] = [first, (1 - first) as 0 | 1];
  const end = (side: 0 | 1): L2tpEndSummary => {
    let packets = 0, bytes = 0;
    for (const s of t.sessions) {
      packets += s.data[side].packets;
      bytes += s.data[side].bytes;
    }
    const e = t.sides[side];
    return {
      role: t.roleOf(side), address: e.addr, port: e.port, tunnelId: e.tunnelId, hostName: e.hostName,
      vendorName: e.vendorName, receiveWindow: e.window, controlMessages: t.countBySide[side], dataPackets: packets, dataBytes: bytes,
    };
  };
  const counts: Record<string, number> = {};
  for (const [k, n] of t.counts) counts[k === 'ZLB' || k === 'other' ? k : MESSAGE_TYPE_SHORT.get(Number(k)) ?? `type ${k}`] = n;
  const lac = t.lacSide;
  return {
    index: t.index,
    version: t.version,
    tunnelIds: [t.sides[order[0]].tunnelId, t.sides[order[1]].tunnelId],
    roles: t.roleSource,
    ends: [end(order[0]), end(order[1])],
    established: t.established,
    closed: t.closed,
    controlMessages: counts,
    retransmissions: t.retransmissions,
    outOfOrder: t.outOfOrder,
    duplicateAcks: t.duplicateAcks,
    results: t.results.slice(),
    sessions: t.sessions.map((s) => ({
      index: s.index,
      lacSessionId: lac === undefined ? undefined : s.ids[lac],
      lnsSessionId: lac === undefined ? undefined : s.ids[1 - lac],
      sessionIds: [s.ids[order[0]], s.ids[order[1]]],
      callSerialNumber: s.callSerial,
      established: s.established,
      closed: s.closed,
      result: s.result,
      data: {
        fromLac: lac === undefined ? undefined : { ...s.data[lac] },
        fromLns: lac === undefined ? undefined : { ...s.data[1 - lac] },
        byEnd: [{ ...s.data[order[0]] }, { ...s.data[order[1]] }],
      },
      firstFrame: s.firstFrame, lastFrame: s.lastFrame, firstTime: s.firstTime, lastTime: s.lastTime,
    })),
    firstFrame: t.firstFrame,
    lastFrame: t.lastFrame,
    firstTime: t.firstTime,
    lastTime: t.lastTime,
    insideIpsec: t.clearMessages === 0 && t.ipsecMessages > 0,
    ipsecMessages: t.ipsecMessages,
    clearMessages: t.clearMessages,
  };
}

/** The engine state key the L2TP dissector keeps its tracker under. */
export const L2TP_STATE_KEY = 'l2tp.tunnels';

interface StateHolder {
  allStates(): ReadonlyMap<string, unknown>;
}

/** The tunnel/session table of a run, for the session summaries (empty when no L2TP was seen). */
export function l2tpTunnelTable(engine: StateHolder): L2tpTunnelSummary[] {
  const t = engine.allStates().get(L2TP_STATE_KEY);
  return t instanceof L2tpTunnels ? t.summary() : [];
}

/** Control messages never acknowledged by the end of the capture. */
export function l2tpUnacknowledged(engine: StateHolder): UnackedMessage[] {
  const t = engine.allStates().get(L2TP_STATE_KEY);
  return t instanceof L2tpTunnels ? t.unacknowledged() : [];
}

/** Which end the RFC lets send a message type (only for those that tell). */
export const MESSAGE_SENT_BY = SENT_BY;
