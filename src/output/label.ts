/** The one-line text of a tree item, in Wireshark's words: "Call ID: 16384", ".... ..1. = Flag: Set". */
import { type FieldDef, type Value, isInteger, typeWidth } from '../core/fields.js';
import type { Node } from '../core/tree.js';
import type { DataSource } from '../core/packet.js';
import { etherToString, ipv4ToString, ipv6ToString } from '../core/value.js';
import { hexOf } from '../core/tvb.js';
import { sanitise } from './sanitise.js';

const MAX_BYTES_SHOWN = 36;

function hexNum(v: number | bigint, width: number): string {
  // Plain numbers (nearly every field) without a BigInt, which cost more than the rest of the line.
  if (typeof v === 'number' && v >= 0 && v <= Number.MAX_SAFE_INTEGER) return '0x' + Math.trunc(v).toString(16).padStart(width * 2, '0');
  const n = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  return '0x' + (n < 0n ? n & 0xffffffffn : n).toString(16).padStart(width * 2, '0');
}

/** A field's value as the tree shows it (value names, bases, units). */
export function valueText(f: FieldDef, v: Value): string {
  if (v === null || v === undefined) return '';
  switch (f.type) {
    case 'bool': {
      const on = !!v;
      if (f.tf) return on ? f.tf[0] : f.tf[1];
      return on ? 'True' : 'False';
    }
    case 'ipv4': return ipv4ToString(v as number);
    case 'ipv6': return ipv6ToString(v as Uint8Array);
    case 'ether': return etherToString(v as Uint8Array);
    case 'bytes': {
      if (!(v instanceof Uint8Array)) return sanitise(String(v));
      const s = hexOf(v.length > MAX_BYTES_SHOWN ? v.subarray(0, MAX_BYTES_SHOWN) : v);
      return v.length > MAX_BYTES_SHOWN ? `${s}…` : s;
    }
    case 'string': return sanitise(String(v));
    case 'abstime': return f.unit ? `${String(v)} ${f.unit}` : String(v);
    case 'reltime': return `${(v as number).toFixed(9)} seconds`;
    case 'double': return String(v);
    default: break;
  }
  if (!isInteger(f.type)) return sanitise(String(v));
  const n = v as number | bigint;
  const w = typeWidth(f.type);
  const unit = f.unit ? ` ${f.unit}` : '';
  const name = typeof n === 'number' ? f.vals?.get(n) : undefined;
  const num = f.base === 'hex' ? hexNum(n, w)
    : f.base === 'dec_hex' ? `${n} (${hexNum(n, w)})`
    : f.base === 'hex_dec' ? `${hexNum(n, w)} (${n})`
    : f.base === 'oct' ? `0${n.toString(8)}`
    : String(n);
  // BASE_NONE with names (checksum status): Wireshark shows the name alone.
  if (name !== undefined && f.base === 'none') return sanitise(name);
  if (name !== undefined) return `${sanitise(name)} (${f.base === 'hex' || f.base === 'hex_dec' ? hexNum(n, w) : n})`;
  if (f.vals && typeof n === 'number') return `Unknown (${num})`;
  return `${num}${unit}`;
}

/** ".... ..1. ...." picture of the bits a masked field takes in its container. */
export function bitPicture(f: FieldDef, node: Node, sources: readonly DataSource[]): string {
  const bits = f.bits ?? typeWidth(f.type) * 8;
  const nbytes = Math.max(1, Math.ceil(bits / 8));
  const src = sources[node.ds]?.bytes;
  let raw = 0;
  if (src) {
    for (let k = 0; k < nbytes; k++) raw = raw * 256 + (src[node.pos + k] ?? 0);
  }
  if (bits <= 32 && f.mask <= 0xffffffff) return smallPicture(f, bits, raw >>> 0);
  let out = '';
  for (let i = bits - 1; i >= 0; i--) {
    const bit = 2 ** i;
    const inMask = Math.floor(f.mask / bit) % 2 === 1;
    out += inMask ? (Math.floor(raw / bit) % 2 === 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i) out += ' ';
  }
  return out;
}

/** Pictures already drawn, per field and masked value: a field's flags take few values. */
const pictures = new WeakMap<FieldDef, Map<number, string>>();
const MAX_PICTURES = 256;

/** bitPicture for containers of up to 32 bits, with bit operations. */
function smallPicture(f: FieldDef, bits: number, raw: number): string {
  const mask = f.mask >>> 0;
  const masked = (raw & mask) >>> 0;
  let known = pictures.get(f);
  const hit = known?.get(masked);
  if (hit !== undefined) return hit;
  let out = '';
  for (let i = bits - 1; i >= 0; i--) {
    out += (mask >>> i) & 1 ? ((masked >>> i) & 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i) out += ' ';
  }
  if (!known) pictures.set(f, (known = new Map()));
  if (known.size < MAX_PICTURES) known.set(masked, out);
  return out;
}

export function nodeText(node: Node, sources: readonly DataSource[]): string {
  const f = node.f;
  let s: string;
  if (node.label !== undefined) {
    s = sanitise(node.label);
  } else if (!f) {
    s = '';
  } else if (f.type === 'protocol') {
    s = f.name;
  } else if (f.type === 'none') {
    s = f.name;
  } else {
    s = `${f.name}: ${valueText(f, node.v)}`;
    if (f.mask && node.size > 0) s = `${bitPicture(f, node, sources)} = ${s}`;
  }
  return node.generated ? `[${s}]` : s;
}
