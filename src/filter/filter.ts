/**
 * Display filters in Wireshark's syntax (-Y): field presence, comparisons and their word forms,
 * contains, matches, membership sets with ranges, slices, and boolean logic. A filter is compiled
 * once against the field registry; the engine records only the fields it names, so filtering
 * stays on the fast path.
 */
import { fieldByName, type FieldDef, type Value } from '../core/fields.js';
import type { Packet, FieldHit } from '../core/packet.js';
import { lex, FilterSyntaxError, type Token } from './lexer.js';
import { literalFor, parseInt0, type Literal } from './literals.js';

export { FilterSyntaxError };

export class FilterFieldError extends Error {}

type Rel = 'eq' | 'ne' | 'any_ne' | 'all_eq' | 'gt' | 'lt' | 'ge' | 'le' | 'contains' | 'matches';

interface Slice { start: number; end: number | null }

type Node =
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'not'; a: Node }
  | { t: 'has'; f: FieldDef; slice?: Slice }
  | { t: 'cmp'; f: FieldDef; slice?: Slice; rel: Rel; lit: Literal }
  | { t: 'in'; f: FieldDef; slice?: Slice; items: Array<Literal | { lo: Literal; hi: Literal }> };

const WORD_OPS: Record<string, Rel> = { eq: 'eq', ne: 'ne', gt: 'gt', lt: 'lt', ge: 'ge', le: 'le', contains: 'contains', matches: 'matches', any_eq: 'eq', all_ne: 'ne', any_ne: 'any_ne', all_eq: 'all_eq' };
const SYM_OPS: Record<string, Rel> = { '==': 'eq', '!=': 'ne', '~=': 'any_ne', '!==': 'any_ne', '===': 'all_eq', '>': 'gt', '<': 'lt', '>=': 'ge', '<=': 'le', '~': 'matches' };

export interface CompiledFilter {
  /** Fields the engine must record for this filter to be evaluated. */
  fields: FieldDef[];
  matches(pkt: Packet): boolean;
  text: string;
}

export function compileFilter(text: string, suggest: (name: string) => string = () => ''): CompiledFilter {
  const toks = lex(text);
  let i = 0;
  const used = new Set<FieldDef>();
  const peek = (): Token => toks[i];
  const next = (): Token => toks[i++];
  const isWord = (w: string) => peek().kind === 'word' && peek().text.toLowerCase() === w;

  const field = (): { f: FieldDef; slice?: Slice } => {
    const tk = next();
    if (tk.kind !== 'word') throw new FilterSyntaxError(`expected a field name, found "${tk.text || 'end of filter'}"`, tk.col);
    const f = fieldByName(tk.text);
    if (!f) throw new FilterFieldError(`"${tk.text}" is neither a field nor a protocol name${suggest(tk.text)} (column ${tk.col})`);
    used.add(f);
    let slice: Slice | undefined;
    if (peek().kind === 'lbracket') {
      next();
      const st = next();
      if (st.kind !== 'word' && st.kind !== 'colon') throw new FilterSyntaxError('expected a slice like [0:2]', st.col);
      slice = parseSlice(st);
      const rb = next();
      if (rb.kind !== 'rbracket') throw new FilterSyntaxError('expected "]"', rb.col);
    }
    return { f, slice };
  };

  const value = (f: FieldDef, sliced: boolean): Literal => {
    const tk = next();
    if (tk.kind !== 'word' && tk.kind !== 'string') throw new FilterSyntaxError(`expected a value, found "${tk.text || 'end of filter'}"`, tk.col);
    const lit = sliced ? literalFor({ ...f, type: 'bytes' } as FieldDef, tk.text, tk.kind === 'string') : literalFor(f, tk.text, tk.kind === 'string');
    if (typeof lit === 'string') throw new FilterSyntaxError(lit, tk.col);
    return lit;
  };

  const test = (): Node => {
    const { f, slice } = field();
    const tk = peek();
    let rel: Rel | undefined;
    if (tk.kind === 'op' && SYM_OPS[tk.text]) rel = SYM_OPS[tk.text];
    else if (tk.kind === 'word' && WORD_OPS[tk.text.toLowerCase()]) rel = WORD_OPS[tk.text.toLowerCase()];
    if (tk.kind === 'word' && tk.text.toLowerCase() === 'in') {
      next();
      const lb = next();
      if (lb.kind !== 'lbrace') throw new FilterSyntaxError('expected "{" after "in"', lb.col);
      const items: Array<Literal | { lo: Literal; hi: Literal }> = [];
      while (peek().kind !== 'rbrace') {
        if (peek().kind === 'end') throw new FilterSyntaxError('unterminated set: expected "}"', peek().col);
        if (peek().kind === 'comma') { next(); continue; }
        const lo = value(f, !!slice);
        if (peek().kind === 'range') {
          next();
          items.push({ lo, hi: value(f, !!slice) });
        } else {
          items.push(lo);
        }
      }
      next();
      if (!items.length) throw new FilterSyntaxError('empty set', lb.col);
      return { t: 'in', f, slice, items };
    }
    if (!rel) return { t: 'has', f, slice };
    next();
    if (rel === 'matches') {
      const vt = next();
      if (vt.kind !== 'string' && vt.kind !== 'word') throw new FilterSyntaxError('"matches" needs a quoted regular expression', vt.col);
      let re: RegExp;
      try {
        // Wireshark's "matches" is case-insensitive unless the pattern says otherwise.
        let src = vt.text, flags = 'i';
        if (src.startsWith('(?i)')) src = src.slice(4);
        else if (src.startsWith('(?-i)')) { src = src.slice(5); flags = ''; }
        re = new RegExp(src, flags);
      } catch (e) {
        throw new FilterSyntaxError(`invalid regular expression: ${(e as Error).message}`, vt.col);
      }
      return { t: 'cmp', f, slice, rel, lit: { kind: 'regex', v: re } };
    }
    if (rel === 'contains') {
      const vt = next();
      if (vt.kind !== 'string' && vt.kind !== 'word') throw new FilterSyntaxError('"contains" needs a value', vt.col);
      const isText = f.type === 'string' && !slice;
      let lit: Literal | string;
      if (isText) lit = { kind: 'string', v: vt.text };
      else lit = literalFor({ ...f, type: 'bytes' } as FieldDef, vt.text, vt.kind === 'string');
      if (typeof lit === 'string') throw new FilterSyntaxError(lit, vt.col);
      return { t: 'cmp', f, slice, rel, lit };
    }
    return { t: 'cmp', f, slice, rel, lit: value(f, !!slice) };
  };

  const primary = (): Node => {
    if (peek().kind === 'lparen') {
      next();
      const e = orExpr();
      const rp = next();
      if (rp.kind !== 'rparen') throw new FilterSyntaxError(`expected ")", found "${rp.text || 'end of filter'}"`, rp.col);
      return e;
    }
    return test();
  };
  const notExpr = (): Node => {
    if ((peek().kind === 'op' && peek().text === '!') || isWord('not')) {
      next();
      return { t: 'not', a: notExpr() };
    }
    return primary();
  };
  const andExpr = (): Node => {
    let a = notExpr();
    while ((peek().kind === 'op' && peek().text === '&&') || isWord('and')) {
      next();
      a = { t: 'and', a, b: notExpr() };
    }
    return a;
  };
  const orExpr = (): Node => {
    let a = andExpr();
    while ((peek().kind === 'op' && peek().text === '||') || isWord('or') || isWord('xor')) {
      next();
      a = { t: 'or', a, b: andExpr() };
    }
    return a;
  };

  if (peek().kind === 'end') throw new FilterSyntaxError('empty filter', 1);
  const root = orExpr();
  if (peek().kind !== 'end') throw new FilterSyntaxError(`unexpected "${peek().text}"`, peek().col);
  return { fields: [...used], matches: (pkt) => evaluate(root, pkt), text };
}

function parseSlice(tk: Token): Slice {
  const s = tk.text;
  let m = /^(-?\d+)?:(\d+)?$/.exec(s);
  if (m) {
    const start = m[1] ? Number(m[1]) : 0;
    return { start, end: m[2] ? start + Number(m[2]) : null };
  }
  m = /^(-?\d+)-(-?\d+)$/.exec(s);
  if (m) return { start: Number(m[1]), end: Number(m[2]) + 1 };
  const n = parseInt0(s);
  if (n !== undefined) return { start: n, end: n + 1 };
  throw new FilterSyntaxError(`invalid slice "[${s}]"`, tk.col);
}

function hitsOf(pkt: Packet, f: FieldDef): FieldHit[] {
  const out: FieldHit[] = [];
  for (const h of pkt.hits) if (h.f === f) out.push(h);
  return out;
}

function hitBytes(pkt: Packet, h: FieldHit, slice: Slice): Uint8Array | null {
  const src = pkt.sources[h.ds]?.bytes;
  if (!src || h.size <= 0) return null;
  const b = src.subarray(h.pos, h.pos + h.size);
  const start = slice.start < 0 ? b.length + slice.start : slice.start;
  const end = slice.end === null ? b.length : slice.end < 0 ? b.length + slice.end : slice.end;
  if (start < 0 || end > b.length || start >= end) return null;
  return b.subarray(start, end);
}

function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return needle.length === 0;
}

function inPrefix(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const m = 0x80 >> (bit & 7);
    if ((a[bit >> 3] & m) !== (b[bit >> 3] & m)) return false;
  }
  return true;
}

/** Compare one occurrence with a literal: <0, 0, >0, or NaN when they cannot be ordered. */
function compare(f: FieldDef, v: Value, raw: Uint8Array | null, lit: Literal): number {
  switch (lit.kind) {
    case 'int': {
      const n = typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
      return typeof n === 'number' ? n - lit.v : NaN;
    }
    case 'bool':
      return (v ? 1 : 0) - (lit.v ? 1 : 0);
    case 'ipv4': {
      const a = (v as number) >>> 0;
      if (lit.prefix < 32) {
        const mask = lit.prefix === 0 ? 0 : (0xffffffff << (32 - lit.prefix)) >>> 0;
        return ((a & mask) >>> 0) === ((lit.v & mask) >>> 0) ? 0 : a - lit.v;
      }
      return a - lit.v;
    }
    case 'ipv6': {
      const a = v as Uint8Array;
      if (lit.prefix < 128) return inPrefix(a, lit.v, lit.prefix) ? 0 : cmpBytes(a, lit.v) || 1;
      return cmpBytes(a, lit.v);
    }
    case 'bytes': {
      const a = raw ?? (v instanceof Uint8Array ? v : null);
      return a ? cmpBytes(a, lit.v) : NaN;
    }
    case 'string': {
      const s = typeof v === 'string' ? v : String(v);
      return s < lit.v ? -1 : s > lit.v ? 1 : 0;
    }
    default:
      return NaN;
  }
}

function test(rel: Rel, c: number): boolean {
  if (Number.isNaN(c)) return false;
  switch (rel) {
    case 'eq': case 'all_eq': return c === 0;
    case 'ne': case 'any_ne': return c !== 0;
    case 'gt': return c > 0;
    case 'lt': return c < 0;
    case 'ge': return c >= 0;
    case 'le': return c <= 0;
    default: return false;
  }
}

function occurrence(pkt: Packet, h: FieldHit, slice: Slice | undefined): { v: Value; raw: Uint8Array | null } | null {
  if (slice) {
    const raw = hitBytes(pkt, h, slice);
    return raw ? { v: raw, raw } : null;
  }
  const rawFor = h.f.type === 'protocol' || h.f.type === 'none' ? pkt.sources[h.ds]?.bytes.subarray(h.pos, h.pos + h.size) ?? null : null;
  return { v: h.v, raw: rawFor };
}

function evaluate(n: Node, pkt: Packet): boolean {
  switch (n.t) {
    case 'and': return evaluate(n.a, pkt) && evaluate(n.b, pkt);
    case 'or': return evaluate(n.a, pkt) || evaluate(n.b, pkt);
    case 'not': return !evaluate(n.a, pkt);
    case 'has': {
      const hs = hitsOf(pkt, n.f);
      return n.slice ? hs.some((h) => hitBytes(pkt, h, n.slice!) !== null) : hs.length > 0;
    }
    case 'in': {
      for (const h of hitsOf(pkt, n.f)) {
        const o = occurrence(pkt, h, n.slice);
        if (!o) continue;
        for (const it of n.items) {
          if ('lo' in it) {
            if (compare(n.f, o.v, o.raw, it.lo) >= 0 && compare(n.f, o.v, o.raw, it.hi) <= 0) return true;
          } else if (compare(n.f, o.v, o.raw, it) === 0) {
            return true;
          }
        }
      }
      return false;
    }
    case 'cmp': {
      const hs = hitsOf(pkt, n.f);
      // As in Wireshark 4.0: "a != b" holds when a is present and no occurrence equals b.
      if (n.rel === 'ne') return hs.length > 0 && !hs.some((h) => matchOne(n, pkt, h, 'eq'));
      if (n.rel === 'all_eq') return hs.length > 0 && hs.every((h) => matchOne(n, pkt, h, 'eq'));
      return hs.some((h) => matchOne(n, pkt, h, n.rel));
    }
  }
}

function matchOne(n: Extract<Node, { t: 'cmp' }>, pkt: Packet, h: FieldHit, rel: Rel): boolean {
  const o = occurrence(pkt, h, n.slice);
  if (!o) return false;
  const lit = n.lit;
  if (rel === 'matches') {
    if (lit.kind !== 'regex') return false;
    const s = typeof o.v === 'string' ? o.v : o.v instanceof Uint8Array ? new TextDecoder('latin1').decode(o.v) : String(o.v);
    return lit.v.test(s);
  }
  if (rel === 'contains') {
    if (lit.kind === 'string') return typeof o.v === 'string' && o.v.includes(lit.v);
    if (lit.kind !== 'bytes') return false;
    const hay = o.raw ?? (o.v instanceof Uint8Array ? o.v : typeof o.v === 'string' ? new TextEncoder().encode(o.v) : null);
    return hay ? indexOfBytes(hay, lit.v) : false;
  }
  return test(rel, compare(n.f, o.v, o.raw, lit));
}
