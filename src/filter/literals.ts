/** Turning a filter's literal text into a value of the field's type. */
import type { FieldDef } from '../core/fields.js';
import { isInteger } from '../core/fields.js';

export type Literal =
  | { kind: 'int'; v: number }
  | { kind: 'bool'; v: boolean }
  | { kind: 'ipv4'; v: number; prefix: number }
  | { kind: 'ipv6'; v: Uint8Array; prefix: number }
  | { kind: 'bytes'; v: Uint8Array }
  | { kind: 'string'; v: string }
  | { kind: 'regex'; v: RegExp };

export function parseInt0(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (/^-?0x[0-9a-f]+$/.test(t)) return Number.parseInt(t, 16);
  if (/^-?0[0-7]+$/.test(t)) return Number.parseInt(t, 8);
  if (/^-?[0-9]+$/.test(t)) return Number.parseInt(t, 10);
  return undefined;
}

export function parseIpv4(s: string): { v: number; prefix: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  return { v: (((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3]) >>> 0, prefix };
}

export function parseIpv6(s: string): { v: Uint8Array; prefix: number } | undefined {
  const [addr, pre] = s.split('/');
  if (!addr.includes(':')) return undefined;
  const prefix = pre === undefined ? 128 : Number(pre);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128) return undefined;
  let head = addr, tail = '';
  const dbl = addr.indexOf('::');
  if (dbl >= 0) {
    head = addr.slice(0, dbl);
    tail = addr.slice(dbl + 2);
    if (tail.includes('::')) return undefined;
  }
  const groups = (x: string): number[] | undefined => {
    if (!x) return [];
    const out: number[] = [];
    const parts = x.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return undefined;
        out.push(v4.v >>> 16, v4.v & 0xffff);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      out.push(Number.parseInt(p, 16));
    }
    return out;
  };
  const h = groups(head), t = groups(tail);
  if (!h || !t) return undefined;
  const fill = 8 - h.length - t.length;
  if (dbl < 0 ? fill !== 0 : fill < 1) return undefined;
  const all = [...h, ...new Array(dbl < 0 ? 0 : fill).fill(0), ...t];
  const v = new Uint8Array(16);
  all.forEach((g, i) => { v[2 * i] = g >> 8; v[2 * i + 1] = g & 255; });
  return { v, prefix };
}

/** "aa:bb:cc", "aa-bb-cc", "aabb.ccdd.eeff" or a single byte "aa". */
export function parseBytes(s: string): Uint8Array | undefined {
  let parts: string[];
  if (/^[0-9a-fA-F]{2}([:\-.][0-9a-fA-F]{2})*$/.test(s)) parts = s.split(/[:\-.]/);
  else if (/^[0-9a-fA-F]{4}(\.[0-9a-fA-F]{4}){2}$/.test(s)) parts = s.replace(/\./g, '').match(/../g) ?? [];
  else return undefined;
  return Uint8Array.from(parts.map((p) => Number.parseInt(p, 16)));
}

/** A literal for a comparison with field f; `quoted` when it was written as "a string". */
export function literalFor(f: FieldDef, text: string, quoted: boolean): Literal | string {
  const t = f.type;
  if (isInteger(t)) {
    const n = quoted ? undefined : parseInt0(text);
    if (n !== undefined) return { kind: 'int', v: n };
    if (f.vals) {
      const want = text.toLowerCase();
      for (const [k, name] of f.vals) if (name.toLowerCase() === want) return { kind: 'int', v: k };
    }
    return `"${text}" is not a valid value for ${f.abbrev} (an integer${f.vals ? ' or one of its value names' : ''})`;
  }
  switch (t) {
    case 'bool': {
      const l = text.toLowerCase();
      if (l === '1' || l === 'true') return { kind: 'bool', v: true };
      if (l === '0' || l === 'false') return { kind: 'bool', v: false };
      return `"${text}" is not a valid boolean for ${f.abbrev}`;
    }
    case 'ipv4': {
      const a = parseIpv4(text);
      return a ? { kind: 'ipv4', ...a } : `"${text}" is not a valid IPv4 address`;
    }
    case 'ipv6': {
      const a = parseIpv6(text);
      return a ? { kind: 'ipv6', ...a } : `"${text}" is not a valid IPv6 address`;
    }
    case 'ether': case 'bytes': case 'protocol': case 'none': {
      if (quoted) return { kind: 'bytes', v: new TextEncoder().encode(text) };
      const b = parseBytes(text);
      return b ? { kind: 'bytes', v: b } : `"${text}" is not a valid byte string`;
    }
    case 'reltime': case 'double': {
      const n = Number(text);
      return Number.isFinite(n) ? { kind: 'int', v: n } : `"${text}" is not a number`;
    }
    default:
      return { kind: 'string', v: text };
  }
}
