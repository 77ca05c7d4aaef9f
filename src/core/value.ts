/** Decoding a field's value from bytes by its type, and formatting values as tshark does. */
import { type FieldDef, type Value, isInteger, typeWidth } from './fields.js';
import type { Tvb } from './tvb.js';
import { HEX, hexOf } from './tvb.js';

export function decodeValue(f: FieldDef, tvb: Tvb, off: number, len: number): Value {
  switch (f.type) {
    case 'protocol':
    case 'none':
      return null;
    case 'bool': {
      const raw = len > 0 ? tvb.uint(off, Math.min(len, 4)) : 0;
      return f.mask ? (raw & f.mask) !== 0 : raw !== 0;
    }
    case 'ipv4':
      return tvb.u32(off);
    case 'ipv6':
    case 'ether':
    case 'bytes':
      return tvb.copy(off, len);
    case 'string':
      return tvb.stringz(off, len);
    case 'uint64':
      return len === 8 ? tvb.u64(off) : tvb.uint(off, len);
    case 'int8': {
      const v = tvb.u8(off);
      return v > 127 ? v - 256 : v;
    }
    case 'int16': {
      const v = tvb.u16(off);
      return v > 32767 ? v - 65536 : v;
    }
    case 'int32':
      return tvb.u32(off) | 0;
    default: {
      if (!isInteger(f.type)) return tvb.copy(off, len);
      const raw = tvb.uint(off, len);
      return f.mask ? Math.floor((raw & f.mask) >>> 0) / 2 ** f.shift : raw;
    }
  }
}

/**
 * Addresses formatted lately, in a small direct-mapped cache: every packet's two addresses are
 * wanted as text (columns, trackers, SA keys) and they are the same few, packet after packet.
 */
const V4_SLOTS = 1024;
const v4Keys = new Float64Array(V4_SLOTS).fill(-1);
const v4Texts: string[] = new Array<string>(V4_SLOTS).fill('');

export function ipv4ToString(v: number): string {
  const a = v >>> 0;
  const slot = Math.imul(a, 0x9e3779b1) >>> 22;
  if (v4Keys[slot] === a) return v4Texts[slot];
  const s = `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
  v4Keys[slot] = a;
  v4Texts[slot] = s;
  return s;
}

/** RFC 5952 text form of an IPv6 address. */
export function ipv6ToString(b: Uint8Array): string {
  const w: number[] = [];
  for (let i = 0; i < 16; i += 2) w.push((b[i] << 8) | b[i + 1]);
  // An embedded IPv4 (::a.b.c.d and ::ffff:a.b.c.d) is written the way Wireshark writes it.
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const part = (from: number, to: number) => w.slice(from, to).map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return part(0, 8);
  return `${part(0, bestStart)}::${part(bestStart + bestLen, 8)}`;
}

export function etherToString(b: Uint8Array): string {
  return hexOf(b, ':');
}

/** The value as `tshark -T fields` prints it. */
export function formatFieldValue(f: FieldDef, v: Value): string {
  if (v === null || v === undefined) return f.type === 'protocol' ? f.abbrev : '';
  switch (f.type) {
    case 'bool':
      return v ? '1' : '0';
    case 'ipv4':
      return ipv4ToString(v as number);
    case 'ipv6':
      return ipv6ToString(v as Uint8Array);
    case 'ether':
      return etherToString(v as Uint8Array);
    case 'bytes':
      return v instanceof Uint8Array ? hexOf(v) : String(v);
    case 'string':
      return String(v);
    case 'reltime':
      // tshark prints relative times with nanosecond precision: 0.000130000.
      return typeof v === 'number' ? v.toFixed(9) : String(v);
    default:
      if (isInteger(f.type) && (f.base === 'hex' || f.base === 'hex_dec')) return hexPadded(f, v as number | bigint);
      return String(v);
  }
}

export function hexPadded(f: FieldDef, v: number | bigint): string {
  const w = typeWidth(f.type) * 2;
  const n = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  return '0x' + (n < 0n ? n & 0xffffffffn : n).toString(16).padStart(w, '0');
}

export function byteHex(b: number): string {
  return HEX[b & 255];
}

/** Address text (as the IPv4 and IPv6 dissectors write it) back in wire form: 4 bytes for IPv4, 16 for IPv6; null when it is neither. */
export function addressBytes(text: string): Uint8Array | null {
  if (!text.includes(':')) {
    const p = text.split('.');
    if (p.length !== 4) return null;
    const b = Uint8Array.from(p.map(Number));
    return p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255) ? b : null;
  }
  const [head, tail = ''] = text.split('::');
  const words = (s: string): number[] => {
    if (!s) return [];
    const out: number[] = [];
    for (const w of s.split(':')) {
      if (w.includes('.')) {
        const v4 = addressBytes(w);
        if (!v4) return [NaN];
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        out.push(parseInt(w, 16));
      }
    }
    return out;
  };
  const h = words(head), t = text.includes('::') ? words(tail) : [];
  const all = text.includes('::') ? [...h, ...new Array(8 - h.length - t.length).fill(0), ...t] : h;
  if (all.length !== 8 || all.some((w) => !(w >= 0 && w <= 0xffff))) return null;
  const b = new Uint8Array(16);
  all.forEach((w, i) => { b[2 * i] = w >> 8; b[2 * i + 1] = w & 0xff; });
  return b;
}
