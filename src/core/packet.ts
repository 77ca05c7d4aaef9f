/** What one dissection knows about one frame: its tree, columns, addresses and expert items. */
import type { FieldDef, ProtocolDef, Value } from './fields.js';
import type { Expert } from './expert.js';
import { FullTree, NullTree, type FieldSink, type Node, type Tree } from './tree.js';
import { ipv4ToString } from './value.js';
import type { Engine } from './engine.js';

export interface FieldHit {
  f: FieldDef;
  v: Value;
  pos: number;
  size: number;
  ds: number;
}

/** A named buffer that fields can point into: the frame, or reassembled or decrypted bytes. */
export interface DataSource {
  name: string;
  bytes: Uint8Array;
}

export class Packet implements FieldSink {
  num = 0;
  tsSec = 0;
  tsNsec = 0;
  len = 0;
  caplen = 0;
  linkType = 0;
  ifIndex = 0;
  comment: string | undefined;
  /** Seconds since the first frame, and since the previous one. */
  relSec = 0;
  deltaSec = 0;
  /** frame.protocols: each protocol layer in order. */
  protocols: string[] = [];
  /** Column texts: Source and Destination fall back to the network addresses. */
  private srcText = '';
  private dstText = '';
  get src(): string {
    return this.srcText || this.netSrc;
  }
  set src(s: string) {
    this.srcText = s;
  }
  get dst(): string {
    return this.dstText || this.netDst;
  }
  set dst(s: string) {
    this.dstText = s;
  }
  protocol = '';
  private infoText = '';
  /** While >= 0, Info is UDP's "sport → dport Len=n", made only if no layer above replaces it and someone reads it. */
  private portsLen = -1;
  private portsSrc = 0;
  private portsDst = 0;
  get info(): string {
    if (this.portsLen >= 0) {
      this.infoText = `${this.portsSrc} → ${this.portsDst} Len=${this.portsLen}`;
      this.portsLen = -1;
    }
    return this.infoText;
  }
  set info(s: string) {
    this.infoText = s;
    this.portsLen = -1;
  }
  /** Offset in the frame of a 6-byte destination MAC followed by the source MAC, for the columns; -1 when none. */
  linkAddrPos = -1;
  /** Network-layer addresses in text form and the transport ports, for trackers and columns. */
  private netSrcText = '';
  private netDstText = '';
  /** IPv4 addresses as numbers; their text is made only when someone reads netSrc/netDst. */
  private srcV4 = -1;
  private dstV4 = -1;
  get netSrc(): string {
    if (!this.netSrcText && this.srcV4 >= 0) this.netSrcText = ipv4ToString(this.srcV4);
    return this.netSrcText;
  }
  set netSrc(s: string) {
    this.netSrcText = s;
    this.srcV4 = -1;
  }
  get netDst(): string {
    if (!this.netDstText && this.dstV4 >= 0) this.netDstText = ipv4ToString(this.dstV4);
    return this.netDstText;
  }
  set netDst(s: string) {
    this.netDstText = s;
    this.dstV4 = -1;
  }

  /** An IPv4 header names the ends: they become the network addresses and the columns' ends. */
  setIpv4(src: number, dst: number): void {
    this.srcV4 = src >>> 0;
    this.dstV4 = dst >>> 0;
    this.netSrcText = this.netDstText = this.srcText = this.dstText = '';
  }
  srcPort = -1;
  dstPort = -1;
  /** The TTL or hop limit of the innermost IP header, for the ICMP echo Info (-1 when none). */
  ipTtl = -1;
  /** The innermost IP protocol number seen (6 TCP, 17 UDP, 47 GRE, 50 ESP, …). */
  ipProto = -1;
  experts: Expert[] = [];
  hits: FieldHit[] = [];
  sources: DataSource[] = [];
  /** The frame's own data source: one object per Packet, so the reused fast-path Packet allocates none per frame. */
  private readonly frameSource: DataSource = { name: 'Frame', bytes: new Uint8Array(0) };
  root: Node;
  tree: Tree;
  malformed = false;
  /** Per-protocol scratch for this packet, read by later layers and by analysis. */
  scratch: Record<string, unknown> = {};

  constructor(
    readonly engine: Engine,
    readonly full: boolean,
    readonly interest: Uint8Array,
  ) {
    if (full) {
      const root = FullTree.root(this);
      this.root = root;
      this.tree = root;
    } else {
      this.root = { f: null, v: null, pos: 0, size: 0, ds: 0, children: null };
      this.tree = new NullTree(this);
    }
  }

  /**
   * Make this packet ready for the next frame (the fast path reuses one Packet, allocating
   * nothing per frame that it can avoid; a full tree always gets a new Packet).
   */
  reset(): void {
    this.comment = undefined;
    truncate(this.protocols);
    this.srcText = this.dstText = this.protocol = this.info = this.netSrcText = this.netDstText = '';
    this.srcV4 = this.dstV4 = -1;
    this.srcPort = this.dstPort = this.ipProto = this.linkAddrPos = this.ipTtl = -1;
    if (this.experts.length) this.experts = [];
    truncate(this.hits);
    truncate(this.sources);
    this.malformed = false;
    for (const k in this.scratch) {
      this.scratch = {};
      break;
    }
  }

  record(f: FieldDef, v: Value, pos: number, size: number, ds: number): void {
    this.hits.push({ f, v, pos, size, ds });
  }

  enterProto(p: ProtocolDef): void {
    // frame.protocols lists the layers inside the frame, not the frame itself.
    if (p.abbrev !== 'frame') this.protocols.push(p.abbrev);
    if (p.short) this.protocol = p.short;
  }

  sourceLength(ds: number): number {
    return this.sources[ds]?.bytes.length ?? Number.MAX_SAFE_INTEGER;
  }

  addExpert(e: Expert): void {
    this.experts.push(e);
  }

  /** The frame's bytes become data source 0. */
  setFrame(bytes: Uint8Array): void {
    this.frameSource.bytes = bytes;
    this.sources.push(this.frameSource);
  }

  /** Register a buffer (reassembled, decrypted) that fields will point into; returns its index. */
  addSource(name: string, bytes: Uint8Array): number {
    this.sources.push({ name, bytes });
    return this.sources.length - 1;
  }

  setInfo(s: string): void {
    this.info = s;
  }

  /** Info as a port pair and payload length (UDP's), kept as numbers until it is read. */
  setPortsInfo(src: number, dst: number, len: number): void {
    this.portsSrc = src;
    this.portsDst = dst;
    this.portsLen = len;
  }

  appendInfo(s: string): void {
    this.info = this.info ? `${this.info}${s}` : s.trimStart();
  }

  /** Values of a field recorded on this packet (only fields in the interest set are recorded). */
  values(f: FieldDef): Value[] {
    const out: Value[] = [];
    for (const h of this.hits) if (h.f === f) out.push(h.v);
    return out;
  }

  first(f: FieldDef): Value | undefined {
    for (const h of this.hits) if (h.f === f) return h.v;
    return undefined;
  }
}

/**
 * Empties an array but keeps its storage: `length = 0` makes V8 drop the backing store, so the
 * next packet's first push would allocate a new one, for each of these arrays on every frame.
 */
function truncate(a: unknown[]): void {
  while (a.length > 0) a.pop();
}
