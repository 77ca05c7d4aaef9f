/**
 * The dissection engine: takes a frame, walks the dissector tables layer by layer, and catches
 * a BoundsError per layer so that a malformed packet keeps what was dissected and the run goes on.
 * The engine never imports a protocol: protocols register into the tables.
 */
import type { Frame } from '../capture/types.js';
import type { Expert, ExpertGroup, Severity } from './expert.js';
import { CHILD_WANTED, WANTED, fieldById, fieldByName, fieldCount } from './fields.js';
import { Packet } from './packet.js';
import { heuristicsOf, lookup, named, type TableName } from './tables.js';
import type { Tree } from './tree.js';
import { BoundsError, Tvb } from './tvb.js';
import { frameProto, dissectFrameLayer, hfFrame } from './frame.js';
import { IDLE_FRAMES, IDLE_SECONDS, IDLE_TIMEOUT_SETTING, SWEEP_FRAMES, isForgetful, type Forgetful, type ForgetMode } from './forget.js';

export interface EngineOptions {
  /** Build the full tree (-V, JSON, hex annotations). */
  tree: boolean;
  /** Fill the Protocol and Info columns (one-line output). */
  columns: boolean;
  /** Per-protocol settings from the command line (keys, secrets, passwords). */
  settings?: Record<string, unknown>;
  /**
   * Which sessions to forget once idle (core/forget.ts), so that memory follows the live sessions,
   * not the file's size: 'all' for commands that print per packet and summarise nothing at the end;
   * 'unsummarised' for the summaries, which keep every PPTP call, L2TP tunnel, SA, IKE SA and PPP
   * link but not TCP connections, ICMP requests or UDP conversations; 'none' (the default) keeps all.
   */
  forget?: ForgetMode;
}

export class Engine {
  /**
   * Per field id, bit 1: someone wants the field's values recorded on the fast path. Per protocol
   * id, bit 2: someone wants one of the protocol's fields (so its dissector cannot skip them).
   */
  interest: Uint8Array;
  readonly tree: boolean;
  readonly columns: boolean;
  readonly settings: Record<string, unknown>;
  private readonly states = new Map<string, unknown>();
  private frameNum = 0;
  private firstSec = -1;
  private firstNsec = 0;
  private prevSec = -1;
  private prevNsec = 0;
  /** Expert ids already reported once per run (for notes that should appear only once). */
  private readonly onceIds = new Set<string>();
  /** The fast path's one reusable Packet. */
  private spare: Packet | null = null;
  /** States that drop idle sessions when asked (only filled when forgetting is on). */
  private readonly forgetters: Forgetful[] = [];
  readonly forget: ForgetMode;
  /** Seconds of capture time after which a silent session may be forgotten (setting session.idle_timeout). */
  private readonly idleSeconds: number;
  /** The newest capture time seen, in seconds (timestamps may go backwards in merged captures). */
  private newest = -Infinity;
  /** The frame number at which the next sweep is due (none can forget anything before IDLE_FRAMES). */
  private nextSweep = IDLE_FRAMES + SWEEP_FRAMES;

  constructor(opts: EngineOptions) {
    this.tree = opts.tree;
    this.columns = opts.columns;
    this.settings = opts.settings ?? {};
    const idle = Number(this.settings[IDLE_TIMEOUT_SETTING] ?? IDLE_SECONDS);
    this.idleSeconds = Number.isFinite(idle) && idle >= 0 ? idle : IDLE_SECONDS;
    // An idle time of 0 means: never forget.
    this.forget = this.idleSeconds === 0 ? 'none' : opts.forget ?? 'none';
    this.interest = new Uint8Array(fieldCount() + 1024);
  }

  /** Ask for a field's values to be recorded on every packet, even without a tree. */
  want(fieldId: number): void {
    const proto = fieldByName(fieldById(fieldId)?.proto ?? '');
    const top = Math.max(fieldId, proto?.id ?? 0);
    if (top >= this.interest.length) {
      const n = new Uint8Array(top * 2);
      n.set(this.interest);
      this.interest = n;
    }
    this.interest[fieldId] |= WANTED;
    if (proto) this.interest[proto.id] |= CHILD_WANTED;
  }

  /** One object per key per run: conversation tables, reassembly, sequence analysis. */
  state<T>(key: string, init: () => T): T {
    let s = this.states.get(key) as T | undefined;
    if (s === undefined) {
      s = init();
      this.states.set(key, s);
      if (isForgetful(s) && (this.forget === 'all' || (this.forget === 'unsummarised' && !s.summarised))) this.forgetters.push(s);
    }
    return s;
  }

  /** Everything the trackers kept, for end-of-run reports. */
  allStates(): ReadonlyMap<string, unknown> {
    return this.states;
  }

  /** Dissect one frame. The frame's bytes are copied only when a full tree is built (the tree points into them). */
  dissect(frame: Frame): Packet {
    let pkt: Packet;
    if (this.tree || !this.spare || this.spare.interest !== this.interest) {
      pkt = new Packet(this, this.tree, this.interest);
      if (!this.tree) this.spare = pkt;
    } else {
      pkt = this.spare;
      pkt.reset();
    }
    pkt.num = ++this.frameNum;
    if (this.forgetters.length) this.sweep(frame.tsSec + frame.tsNsec / 1e9);
    pkt.tsSec = frame.tsSec;
    pkt.tsNsec = frame.tsNsec;
    pkt.len = frame.len;
    pkt.caplen = frame.data.length;
    pkt.linkType = frame.linkType;
    pkt.ifIndex = frame.ifIndex;
    pkt.comment = frame.comment;
    if (this.firstSec < 0) {
      this.firstSec = frame.tsSec;
      this.firstNsec = frame.tsNsec;
      this.prevSec = frame.tsSec;
      this.prevNsec = frame.tsNsec;
    }
    pkt.relSec = diffSeconds(frame.tsSec, frame.tsNsec, this.firstSec, this.firstNsec);
    pkt.deltaSec = diffSeconds(frame.tsSec, frame.tsNsec, this.prevSec, this.prevNsec);
    this.prevSec = frame.tsSec;
    this.prevNsec = frame.tsNsec;
    const bytes = this.tree ? Uint8Array.from(frame.data) : frame.data;
    pkt.setFrame(bytes);
    const tvb = new Tvb(bytes, 0, bytes.length, Math.max(frame.len, bytes.length), 0, 0);
    const ft = dissectFrameLayer(tvb, pkt, pkt.tree);
    if (!this.call('wtap.encap', frame.linkType, tvb, pkt, pkt.tree)) {
      this.expert(pkt, ft, 'note', 'undecoded', 'frame.unknown_linktype',
        `Link type ${frame.linkType} is not one vpnshark dissects; shown as data`);
      this.data(tvb, pkt, pkt.tree);
    }
    // frame.protocols is known only now that every layer has run.
    if (ft.wants(hfFrame.protocols)) ft.gen(hfFrame.protocols, null, 0, 0, pkt.protocols.join(':'));
    return pkt;
  }

  /**
   * Hand tvb to the dissector registered for key in table. Returns false when none is registered
   * or it declined (returned 0). A BoundsError inside becomes a "Malformed packet" item here.
   */
  call(table: TableName, key: number, tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): boolean {
    const d = lookup(table, key);
    if (d) {
      const r = this.run(d.name, d.fn, tvb, pkt, tree, data);
      if (r !== 0) return true;
    }
    for (const h of heuristicsOf(table)) {
      if (this.run(h.name, h.fn, tvb, pkt, tree, data) !== 0) return true;
    }
    return false;
  }

  /**
   * Like call(), but returns how many bytes the dissector took (-1 when nobody took them), for
   * layers that must know where the payload ended (Ethernet padding, trailers).
   */
  callLen(table: TableName, key: number, tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
    const d = lookup(table, key);
    if (d) {
      const r = this.run(d.name, d.fn, tvb, pkt, tree, data);
      if (r !== 0) return r;
    }
    return -1;
  }

  /** Call a dissector registered by name (for hand-offs that are not keyed by a number). */
  callNamed(name: string, tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): boolean {
    const fn = named(name);
    if (!fn) return false;
    return this.run(name, fn, tvb, pkt, tree, data) !== 0;
  }

  /** Try the dissector for the lower port first, then the higher, as Wireshark does. */
  callPorts(table: TableName, a: number, b: number, tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): boolean {
    const lo = Math.min(a, b), hi = Math.max(a, b);
    const dl = lookup(table, lo);
    if (dl && this.run(dl.name, dl.fn, tvb, pkt, tree, data) !== 0) return true;
    if (hi !== lo) {
      const dh = lookup(table, hi);
      if (dh && this.run(dh.name, dh.fn, tvb, pkt, tree, data) !== 0) return true;
    }
    for (const h of heuristicsOf(table)) {
      if (this.run(h.name, h.fn, tvb, pkt, tree, data) !== 0) return true;
    }
    return false;
  }

  private run(name: string, fn: (tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown) => number | void,
    tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
    try {
      const r = fn(tvb, pkt, tree, data);
      return r === undefined ? tvb.length || 1 : r;
    } catch (e) {
      if (!(e instanceof BoundsError)) throw e;
      this.boundsError(e, name, pkt, tree);
      return tvb.length || 1;
    }
  }

  /** Record a bounds error on the layer that raised it (Wireshark's "[Malformed Packet: X]"). */
  boundsError(e: BoundsError, protoName: string, pkt: Packet, tree: Tree): void {
    pkt.malformed = true;
    const upper = protoName.toUpperCase();
    if (this.columns) pkt.appendInfo(e.kind === 'short' ? ' [Packet size limited during capture]' : ' [Malformed Packet]');
    if (e.kind === 'short') {
      this.expert(pkt, tree, 'warn', 'malformed', 'malformed.short',
        `Packet size limited during capture: ${upper} truncated (${e.message})`);
    } else {
      const t = tree.on ? tree.text(`[Malformed Packet: ${upper}]`, null, 0, 0) : tree;
      this.expert(pkt, t, 'error', 'malformed', 'malformed',
        `Malformed packet: ${upper}: ${e.message}`);
    }
  }

  /** Show the rest of the bytes as undissected data. */
  data(tvb: Tvb, pkt: Packet, tree: Tree): void {
    this.callNamed('data', tvb, pkt, tree);
  }

  expert(pkt: Packet, tree: Tree, severity: Severity, group: ExpertGroup, id: string, message: string): Expert {
    const e: Expert = { severity, group, id, message, proto: id.split('.', 1)[0] };
    tree.expert(e);
    return e;
  }

  /** An expert item to be raised once per run (a cap reached, a table evicted). */
  expertOnce(pkt: Packet, tree: Tree, severity: Severity, group: ExpertGroup, id: string, message: string): void {
    if (this.onceIds.has(id)) return;
    this.onceIds.add(id);
    this.expert(pkt, tree, severity, group, id, message);
  }

  /**
   * Every SWEEP_FRAMES frames, ask every tracker to drop what has been idle long enough (before this
   * frame's packet). Counted from the last sweep, not by frame number: frames a selection skips are
   * not dissected and must not make a sweep be missed.
   */
  private sweep(time: number): void {
    if (this.frameNum >= this.nextSweep) {
      this.nextSweep = this.frameNum + SWEEP_FRAMES;
      const cut = { time: this.newest - this.idleSeconds, frame: this.frameNum - IDLE_FRAMES };
      for (const f of this.forgetters) f.forgetIdle(cut);
    }
    if (time > this.newest) this.newest = time;
  }

  /** Count a frame that is not dissected (a selection skips it), so frame numbers stay the file's. */
  skipFrame(): void {
    this.frameNum++;
  }

  get frameCount(): number {
    return this.frameNum;
  }
}

function diffSeconds(s: number, ns: number, s0: number, ns0: number): number {
  return s - s0 + (ns - ns0) / 1e9;
}

export { frameProto };
