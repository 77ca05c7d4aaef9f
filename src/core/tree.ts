/**
 * The packet tree. A dissector adds items through the Tree interface; on the fast path the
 * tree is a NullTree that records only the fields someone asked for (-e, -Y, session trackers)
 * and builds nothing else — Wireshark's "the tree may be NULL".
 */
import { CHILD_WANTED, WANTED, type FieldDef, type ProtocolDef, type Value } from './fields.js';
import type { Tvb } from './tvb.js';
import type { Expert } from './expert.js';
import { decodeValue } from './value.js';

export interface Tree {
  /** True when this tree keeps items (full tree); false on the fast path. */
  readonly on: boolean;
  /**
   * Add a field of len bytes at off in tvb. When value is undefined it is decoded from the
   * bytes by the field's type (and mask). Returns the new item, to which children can be added.
   */
  add(f: FieldDef, tvb: Tvb, off: number, len: number, value?: Value, text?: string): Tree;
  /** A generated field (Wireshark's [brackets]): a value worked out, not read from bytes. */
  gen(f: FieldDef, tvb: Tvb | null, off: number, len: number, value: Value, text?: string): Tree;
  /** A protocol layer item; its children are the protocol's fields. */
  proto(p: ProtocolDef, tvb: Tvb, off: number, len: number, text?: string): Tree;
  /** A text-only line with no field behind it. */
  text(text: string, tvb: Tvb | null, off: number, len: number): Tree;
  /** Replace this item's text (used when a summary is known only after its children). */
  setText(text: string): void;
  appendText(text: string): void;
  /** Set this item's length once the end is known. */
  setLen(len: number): void;
  /** Keep this item out of the -V text, as Wireshark's proto_item_set_hidden (filters and -e still see it). */
  hide(): void;
  /** Attach an expert item here (also recorded on the packet). */
  expert(e: Expert): void;
  /** Whether a value for f would be kept: always with a full tree, on the fast path only when asked for. */
  wants(f: FieldDef): boolean;
  /** Whether any field of protocol p would be kept: a dissector may skip adding items nobody keeps. */
  wantsAnyOf(p: ProtocolDef): boolean;
}

export interface Node {
  f: FieldDef | null;
  v: Value;
  pos: number;
  size: number;
  /** Data source index: 0 is the frame, others are reassembled or decrypted buffers. */
  ds: number;
  /** The item's line when it is not "Name: value" (protocol summaries, text-only items, worded values). */
  label?: string;
  generated?: boolean;
  /** Hidden here only (the field itself may show elsewhere), e.g. ip.version under IPv6. */
  hidden?: boolean;
  children: Node[] | null;
  experts?: Expert[];
}

export interface FieldSink {
  /** Per field id: bit WANTED when someone wants this field's values on the fast path (see Engine.interest). */
  interest: Uint8Array;
  record(f: FieldDef, v: Value, pos: number, size: number, ds: number): void;
  addExpert(e: Expert): void;
  /** Bytes in data source ds, so no item can claim bytes past the end of what was captured. */
  sourceLength(ds: number): number;
  /** A protocol layer begins: frame.protocols and the Protocol column follow it. */
  enterProto(p: ProtocolDef): void;
}

/**
 * The full tree. Each item is one object, both the node the printers read and the Tree through
 * which a dissector adds its children: a separate wrapper per item doubled the allocations of -V
 * and JSON.
 */
export class FullTree implements Tree, Node {
  readonly on = true;
  children: Node[] | null = null;
  label: string | undefined;
  generated: boolean | undefined;
  hidden: boolean | undefined = undefined;
  experts: Expert[] | undefined = undefined;

  constructor(
    readonly sink: FieldSink,
    public f: FieldDef | null,
    public v: Value,
    public pos: number,
    public size: number,
    public ds: number,
    label?: string,
    generated?: boolean,
  ) {
    this.label = label;
    this.generated = generated;
  }

  /** A tree's root: no field, no bytes; the layers are its children. */
  static root(sink: FieldSink): FullTree {
    return new FullTree(sink, null, null, 0, 0, 0);
  }

  private push(n: FullTree): Tree {
    // An item never covers bytes the capture does not have (a length field may claim more).
    const room = this.sink.sourceLength(n.ds) - n.pos;
    if (n.size > room) n.size = Math.max(0, room);
    (this.children ??= []).push(n);
    if (n.f && this.sink.interest[n.f.id] & WANTED) this.sink.record(n.f, n.v, n.pos, n.size, n.ds);
    return n;
  }

  add(f: FieldDef, tvb: Tvb, off: number, len: number, value?: Value, text?: string): Tree {
    const v = value === undefined ? decodeValue(f, tvb, off, len) : value;
    return this.push(new FullTree(this.sink, f, v, tvb.dsOff + off, len, tvb.ds, text));
  }

  gen(f: FieldDef, tvb: Tvb | null, off: number, len: number, value: Value, text?: string): Tree {
    return this.push(new FullTree(this.sink, f, value, tvb ? tvb.dsOff + off : 0, tvb ? len : 0, tvb ? tvb.ds : 0, text, true));
  }

  proto(p: ProtocolDef, tvb: Tvb, off: number, len: number, text?: string): Tree {
    const size = len < 0 ? tvb.length - off : len;
    this.sink.enterProto(p);
    return this.push(new FullTree(this.sink, p, null, tvb.dsOff + off, size, tvb.ds, text));
  }

  text(text: string, tvb: Tvb | null, off: number, len: number): Tree {
    return this.push(new FullTree(this.sink, null, null, tvb ? tvb.dsOff + off : 0, tvb ? len : 0, tvb ? tvb.ds : 0, text));
  }

  setText(text: string): void {
    this.label = text;
  }

  appendText(text: string): void {
    this.label = (this.label ?? '') + text;
  }

  setLen(len: number): void {
    this.size = Math.max(0, Math.min(len, this.sink.sourceLength(this.ds) - this.pos));
  }

  hide(): void {
    this.hidden = true;
  }

  expert(e: Expert): void {
    (this.experts ??= []).push(e);
    this.sink.addExpert(e);
  }

  wants(): boolean {
    return true;
  }

  wantsAnyOf(): boolean {
    return true;
  }
}

/** The fast path's tree: records wanted fields, keeps nothing else, and is its own child. */
export class NullTree implements Tree {
  readonly on = false;
  constructor(readonly sink: FieldSink) {}

  add(f: FieldDef, tvb: Tvb, off: number, len: number, value?: Value): Tree {
    if (this.sink.interest[f.id] & WANTED) {
      const v = value === undefined ? decodeValue(f, tvb, off, len) : value;
      this.sink.record(f, v, tvb.dsOff + off, len, tvb.ds);
    }
    return this;
  }

  gen(f: FieldDef, tvb: Tvb | null, off: number, len: number, value: Value): Tree {
    if (this.sink.interest[f.id] & WANTED) this.sink.record(f, value, tvb ? tvb.dsOff + off : 0, tvb ? len : 0, tvb ? tvb.ds : 0);
    return this;
  }

  proto(p: ProtocolDef, tvb: Tvb, off: number, len: number): Tree {
    this.sink.enterProto(p);
    if (this.sink.interest[p.id] & WANTED) this.sink.record(p, null, tvb.dsOff + off, len < 0 ? tvb.length - off : len, tvb.ds);
    return this;
  }

  text(): Tree {
    return this;
  }

  setText(): void {}
  appendText(): void {}
  setLen(): void {}
  hide(): void {}

  expert(e: Expert): void {
    this.sink.addExpert(e);
  }

  wants(f: FieldDef): boolean {
    return (this.sink.interest[f.id] & WANTED) !== 0;
  }

  wantsAnyOf(p: ProtocolDef): boolean {
    return (this.sink.interest[p.id] & CHILD_WANTED) !== 0;
  }
}
