/**
 * What every ISAKMP payload dissector shares: the message being dissected, and small helpers
 * that write a tree label the way Wireshark writes it when one display-filter name stands for
 * two fields (IKEv1 and IKEv2 value names) or for a masked hex value.
 */
import type { FieldDef, ValueNames } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import type { ExpertGroup, Severity } from '../../core/expert.js';
import type { IkeSaRecord } from '../../sessions/ike-sa.js';

/** One transform as the analysis sees it: its kind, algorithm and key length. */
export interface Algo {
  /** encryption, integrity, PRF, IKEv1 hash, DH group, IKEv1 authentication method, ESN */
  kind: AlgoKind;
  id: number;
  name: string;
  keyLen?: number;
  /** Why this choice is weak (undefined when it is not). */
  weak?: string;
}

export type AlgoKind = 'encr' | 'integ' | 'prf' | 'hash' | 'dh' | 'auth' | 'esn';

/**
 * A negotiable set of algorithms: an IKEv2 proposal (several algorithms of each kind to choose
 * from) or an IKEv1 transform (one complete suite).
 */
export interface Suite {
  /** 'IKE'/'ISAKMP' for the IKE SA, 'ESP', 'AH', 'IPCOMP' for child SAs. */
  protocol: string;
  algos: Algo[];
  /** The tree item of the proposal or transform, for findings. */
  tree: Tree;
}

/** A received NAT detection hash, kept until the message is done. */
export interface NatD {
  /** 'src' hashes the sender's address and port, 'dst' the receiver's. */
  side: 'src' | 'dst';
  hash: Uint8Array;
  tree: Tree;
}

/** What a message shows, gathered while its payloads are dissected, for the IKE SA table and findings. */
export interface Observations {
  /** Suites of the top-level SA payload(s). */
  suites: Suite[];
  /** The SA payload item, where proposal findings are attached. */
  saTree: Tree | null;
  natd: NatD[];
  /** Notify message types, with the tree of their payload. */
  notifies: number[];
  /** IKEv2 AUTH method, when the AUTH payload is in clear. */
  authMethod?: number;
  keGroup?: number;
  /** The Key Exchange data (IKEv1 decryption needs both peers' public values). */
  ke?: Uint8Array;
  vendorIds: string[];
  /** IKEv2: a REKEY_SA notify or an IKE proposal inside CREATE_CHILD_SA (visible only when in clear). */
  rekey: boolean;
  /** ID payloads: which one ('i'/'r' for IKEv2 IDi/IDr, 'v1' for IKEv1 ID) and the identity as text. */
  ids?: { which: 'i' | 'r' | 'v1'; text: string }[];
  /** ESP/AH proposals with a 4-byte SPI: the sender's inbound SPI of a child SA. */
  childSpis?: { protocol: string; spi: number }[];
}

export interface IkeMsg {
  pkt: Packet;
  /** The whole ISAKMP message (a payload may read past its own end, up to this buffer's end, as in Wireshark). */
  tvb: Tvb;
  /** Major version: 1 or 2. */
  version: number;
  exchange: number;
  flags: number;
  messageId: number;
  /** IKEv2: R flag clear. IKEv1 has no such flag: true. */
  isRequest: boolean;
  ispi: Uint8Array;
  rspi: Uint8Array;
  /** The IKE SA this message belongs to, or null when no state may be kept (an ICMP-quoted message). */
  sa: IkeSaRecord | null;
  obs: Observations;
}

export function newObservations(): Observations {
  return { suites: [], saTree: null, natd: [], notifies: [], vendorIds: [], rekey: false };
}

/**
 * Add an integer field whose value names come from table, writing the label ourselves:
 * "Notify Message Type: COOKIE (16390)". Used where the field's own names are the other version's.
 */
export function addNamed(t: Tree, f: FieldDef, tvb: Tvb, off: number, len: number, v: number, table: ValueNames): Tree {
  if (!t.on) return t.add(f, tvb, off, len, v);
  return t.add(f, tvb, off, len, v, `${f.name}: ${table.get(v) ?? 'Unknown'} (${v})`);
}

/** "Name: value-text" with a caller-chosen value text (Wireshark's *_format_value). */
export function addFmt(t: Tree, f: FieldDef, tvb: Tvb, off: number, len: number, v: number | bigint | string | Uint8Array, valueText: () => string): Tree {
  if (!t.on) return t.add(f, tvb, off, len, v);
  return t.add(f, tvb, off, len, v, `${f.name}: ${valueText()}`);
}

/** A masked hex field with Wireshark's digit count (one hex digit per 4 bits of mask): "0010 .... = MjVer: 0x2". */
export function addMaskedHex(t: Tree, f: FieldDef, tvb: Tvb, off: number, raw: number): Tree {
  const v = (raw & f.mask) >>> f.shift;
  if (!t.on) return t.add(f, tvb, off, 1, v);
  let pic = '';
  for (let i = 7; i >= 0; i--) {
    pic += (f.mask >> i) & 1 ? String((raw >> i) & 1) : '.';
    if (i === 4) pic += ' ';
  }
  let bits = 0;
  for (let m = f.mask >>> f.shift; m; m >>>= 1) bits++;
  const digits = Math.max(1, Math.ceil(bits / 4));
  return t.add(f, tvb, off, 1, v, `${pic} = ${f.name}: 0x${v.toString(16).padStart(digits, '0')}`);
}

/** Raise an expert item from the ISAKMP dissector. */
export function expert(m: { pkt: Packet }, t: Tree, severity: Severity, group: ExpertGroup, id: string, message: string): void {
  m.pkt.engine.expert(m.pkt, t, severity, group, id, message);
}

/** Wireshark's "Invalid payload length" expert item, shown as its own line under the payload. */
export function badLength(m: { pkt: Packet }, t: Tree, message: string): void {
  const at = t.on ? t.text(message, null, 0, 0) : t;
  expert(m, at, 'error', 'malformed', 'isakmp.payloadlength.invalid', message);
}

export function plural(n: number, one = '', many = 's'): string {
  return n === 1 ? one : many;
}

/** A byte-string field; Wireshark labels an empty one "<MISSING>". */
export function addBytes(t: Tree, f: FieldDef, tvb: Tvb, off: number, len: number): Tree {
  return t.add(f, tvb, off, len, undefined, len === 0 && t.on ? `${f.name}: <MISSING>` : undefined);
}
