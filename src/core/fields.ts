/**
 * The field registry: every field is declared once, with its Wireshark display-filter name,
 * and the tree text, -T fields, JSON, filters and `vpnshark fields` are all derived from it.
 */

export type FieldType =
  | 'protocol' | 'none'
  | 'uint8' | 'uint16' | 'uint24' | 'uint32' | 'uint64'
  | 'int8' | 'int16' | 'int32'
  | 'bool' | 'ipv4' | 'ipv6' | 'ether' | 'bytes' | 'string'
  | 'abstime' | 'reltime' | 'double' | 'framenum';

export type Base = 'dec' | 'hex' | 'dec_hex' | 'hex_dec' | 'oct' | 'none';

/** A field's value as dissected. Integers up to 2^53 are numbers; uint64 may be bigint. */
export type Value = number | bigint | boolean | string | Uint8Array | null;

export type ValueNames = ReadonlyMap<number, string>;

export interface FieldSpec {
  abbrev: string;
  name: string;
  type: FieldType;
  base?: Base;
  vals?: ValueNames | Record<number, string>;
  /** Bits of the containing integer this field occupies (Wireshark's bitmask). */
  mask?: number;
  /** For bitmask booleans: width in bits of the container, for the ".... ..1." picture. */
  bits?: number;
  /** Names for a boolean's two states (Wireshark's true_false_string). */
  tf?: [string, string];
  /** Unit appended to a number ("bytes", "seconds"). */
  unit?: string;
  /** Shown by filters and -T fields but not in the -V tree (Wireshark's hidden items, e.g. ip.addr). */
  hidden?: boolean;
  /** One line: what the field is for. */
  blurb?: string;
  /** Where the field is defined, e.g. "RFC 2637 §2.1". */
  ref?: string;
}

export interface FieldDef extends Readonly<Omit<FieldSpec, 'vals'>> {
  readonly id: number;
  readonly base: Base;
  readonly mask: number;
  readonly shift: number;
  readonly vals?: ValueNames;
  /** The protocol abbreviation this field belongs to (text before the first dot). */
  readonly proto: string;
}

const byAbbrev = new Map<string, FieldDef>();
const all: FieldDef[] = [];

function toNames(v: FieldSpec['vals']): ValueNames | undefined {
  if (!v) return undefined;
  if (v instanceof Map) return v;
  return new Map(Object.entries(v).map(([k, s]) => [Number(k), s]));
}

function trailingZeros(m: number): number {
  if (!m) return 0;
  let s = 0;
  while (((m >>> s) & 1) === 0) s++;
  return s;
}

/** Declare a field once. Declaring the same abbrev again with the same shape returns the first. */
export function defineField(spec: FieldSpec): FieldDef {
  const had = byAbbrev.get(spec.abbrev);
  if (had) {
    if (had.type !== spec.type) throw new Error(`field ${spec.abbrev} declared twice with different types`);
    return had;
  }
  const mask = spec.mask ?? 0;
  // Every definition gets the same properties in the same order (absent ones undefined, and
  // `short`, which only protocols fill in), so that the hot `f.id` reads in the tree see one
  // object shape; spreading each spec gave every combination of options a shape of its own.
  const def: FieldDef & { short: string | undefined } = {
    abbrev: spec.abbrev,
    name: spec.name,
    type: spec.type,
    base: spec.base ?? defaultBase(spec.type),
    vals: toNames(spec.vals),
    mask,
    bits: spec.bits,
    tf: spec.tf,
    unit: spec.unit,
    hidden: spec.hidden,
    blurb: spec.blurb,
    ref: spec.ref,
    id: all.length,
    shift: trailingZeros(mask),
    proto: spec.abbrev.split('.', 1)[0],
    short: undefined,
  };
  for (const k of Object.keys(spec) as (keyof FieldSpec)[]) {
    if (!(k in def)) (def as unknown as Record<string, unknown>)[k] = spec[k];
  }
  all.push(def);
  byAbbrev.set(def.abbrev, def);
  return def;
}

function defaultBase(t: FieldType): Base {
  return t.startsWith('uint') || t.startsWith('int') || t === 'framenum' ? 'dec' : 'none';
}

export interface ProtocolSpec {
  abbrev: string;
  /** Full name, as the tree shows it ("Point-to-Point Tunneling Protocol"). */
  name: string;
  /** Short name for the Protocol column ("PPTP"). */
  short: string;
  blurb?: string;
  ref?: string;
}

export interface ProtocolDef extends FieldDef {
  readonly short: string;
}

export function defineProtocol(spec: ProtocolSpec): ProtocolDef {
  const f = defineField({ abbrev: spec.abbrev, name: spec.name, type: 'protocol', blurb: spec.blurb, ref: spec.ref });
  const p = f as ProtocolDef;
  (p as { short: string }).short = spec.short;
  return p;
}

/** Shorthand for a group of fields of one protocol: f('call_id', 'Call ID', 'uint16') → pptp.call_id. */
export function fieldsOf(proto: string) {
  return (suffix: string, name: string, type: FieldType, more: Omit<FieldSpec, 'abbrev' | 'name' | 'type'> = {}) =>
    defineField({ abbrev: suffix ? `${proto}.${suffix}` : proto, name, type, ...more });
}

export function fieldByName(abbrev: string): FieldDef | undefined {
  return byAbbrev.get(abbrev);
}

export function fieldById(id: number): FieldDef | undefined {
  return all[id];
}

/** Bits of an engine's interest array (see Engine.interest). */
export const WANTED = 1;
export const CHILD_WANTED = 2;

export function allFields(): readonly FieldDef[] {
  return all;
}

export function fieldCount(): number {
  return all.length;
}

export function isInteger(t: FieldType): boolean {
  return t.startsWith('uint') || t.startsWith('int') || t === 'framenum';
}

/** Bytes an integer type occupies (for hex padding). */
export function typeWidth(t: FieldType): number {
  switch (t) {
    case 'uint8': case 'int8': return 1;
    case 'uint16': case 'int16': return 2;
    case 'uint24': return 3;
    case 'uint32': case 'int32': case 'framenum': return 4;
    case 'uint64': return 8;
    default: return 0;
  }
}

/** Turn a Record of names into the ValueNames a field keeps, for sharing one table between fields. */
export function names(r: Record<number, string>): ValueNames {
  return toNames(r)!;
}
