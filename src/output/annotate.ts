/**
 * -x --annotate: the hex dump with every byte tied to the field it belongs to. Under each row a
 * ruler marks each field's bytes with a short tag, and the fields that start in the row are listed
 * with their tag, byte range, filter name and tree text; with colour, a field's bytes and its tag
 * share a colour. A byte is owned by the smallest field that covers it; fields covering exactly the
 * same bytes (bit fields of one word) share a tag.
 */
import kleur from 'kleur';
import type { Packet } from '../core/packet.js';
import type { Node } from '../core/tree.js';
import { HEX } from '../core/tvb.js';
import type { Texts } from '../i18n/index.js';
import { nodeText } from './label.js';

interface Segment {
  tag: string;
  start: number;
  end: number;
  abbrev: string;
  label: string;
  colour: number;
}

const TAG_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MAX_LABEL = 110;
const PALETTE = [kleur.red, kleur.green, kleur.yellow, kleur.blue, kleur.magenta, kleur.cyan];

function tagOf(k: number): string {
  if (k < TAG_CHARS.length) return TAG_CHARS[k];
  const n = k - TAG_CHARS.length;
  return TAG_CHARS[Math.floor(n / TAG_CHARS.length) % TAG_CHARS.length] + TAG_CHARS[n % TAG_CHARS.length];
}

/** A bit field inside a whole-value field (the LG bit of a MAC address, the flags of a word) leaves the bytes to it. */
function isBitsOfContainer(n: Node, parent: Node | null): boolean {
  const pf = parent?.f;
  return !!n.f?.mask && !!pf && pf.type !== 'protocol' && pf.type !== 'none' && !pf.mask;
}

function nodesOf(nodes: Node[] | null, ds: number, out: Node[], parent: Node | null = null): Node[] {
  for (const n of nodes ?? []) {
    if (n.ds === ds && n.size > 0 && !n.generated && !n.f?.hidden && !isBitsOfContainer(n, parent)) out.push(n);
    nodesOf(n.children, ds, out, n);
  }
  return out;
}

/** Split one data source's bytes into segments, each owned by the smallest item covering it. */
export function segments(pkt: Packet, ds: number, t: Texts): Segment[] {
  const bytes = pkt.sources[ds].bytes;
  const nodes = nodesOf(pkt.root.children, ds, []);
  const owner = new Int32Array(bytes.length).fill(-1);
  nodes.forEach((n, k) => {
    const end = Math.min(bytes.length, n.pos + n.size);
    for (let b = Math.max(0, n.pos); b < end; b++) {
      const cur = owner[b];
      if (cur < 0 || n.size < nodes[cur].size) owner[b] = k;
    }
  });
  const out: Segment[] = [];
  let b = 0;
  while (b < bytes.length) {
    const k = owner[b];
    let e = b + 1;
    while (e < bytes.length && owner[e] === k) e++;
    if (k < 0) {
      out.push({ tag: '', start: b, end: e, abbrev: '', label: t.msg('annotate.unclaimed'), colour: -1 });
    } else {
      const n = nodes[k];
      const same = nodes.filter((m) => m.pos === n.pos && m.size === n.size && m.f?.type !== 'protocol');
      const named = n.f?.type === 'protocol' ? [n] : same.length ? same : [n];
      let label = named.map((m) => nodeText(m, pkt.sources).replace(/^[.01 ]+= /, '')).join(' · ');
      if (n.f?.type === 'protocol') label = `${n.f.name}: ${t.msg('annotate.unclaimed')}`;
      if (label.length > MAX_LABEL) label = `${label.slice(0, MAX_LABEL - 1)}…`;
      out.push({ tag: '', start: b, end: e, abbrev: named.map((m) => m.f?.abbrev ?? '').filter(Boolean)[0] ?? '', label, colour: 0 });
    }
    b = e;
  }
  let k = 0;
  for (const s of out) {
    if (s.colour < 0) continue;
    s.tag = tagOf(k);
    s.colour = k % PALETTE.length;
    k++;
  }
  return out;
}

function paint(s: string, colour: number, on: boolean): string {
  if (!on || colour < 0) return s;
  return PALETTE[colour](s);
}

/** The annotated dump of one data source. */
export function annotateSource(pkt: Packet, ds: number, t: Texts, colour: boolean): string {
  if (colour) kleur.enabled = true;
  const bytes = pkt.sources[ds].bytes;
  const segs = segments(pkt, ds, t);
  const segAt = new Int32Array(bytes.length);
  segs.forEach((s, k) => segAt.fill(k, s.start, s.end));
  const tagWidth = segs.reduce((w, s) => Math.max(w, s.tag.length), 1);
  const rangeWidth = String(bytes.length).length * 2 + 1;
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    let hex = '';
    let ruler = '';
    let asc = '';
    for (let j = 0; j < 16; j++) {
      const b = off + j;
      const gap = j === 7 ? '  ' : ' ';
      if (b >= bytes.length) {
        hex += '  ' + gap;
        continue;
      }
      const s = segs[segAt[b]];
      hex += paint(HEX[bytes[b]], s.colour, colour) + gap;
      const c = bytes[b];
      asc += paint(c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.', s.colour, colour);
      // The tag goes on a field's first byte, and again at the start of each row it continues on.
      const mark = !s.tag ? '  ' : b === s.start || j === 0 ? (s.tag + '──').slice(0, 2) : '──';
      const joins = b + 1 < s.end && j < 15 && !!s.tag;
      ruler += paint(mark, s.colour, colour) + (joins ? paint('─'.repeat(gap.length), s.colour, colour) : ' '.repeat(gap.length));
    }
    lines.push(`${off.toString(16).padStart(4, '0')}  ${hex} ${asc}`);
    lines.push(`      ${ruler.trimEnd()}`);
    for (const s of segs) {
      if (s.start < off || s.start >= off + 16) continue;
      const r = s.end - s.start === 1 ? `${s.start}` : `${s.start}-${s.end - 1}`;
      const tag = paint(s.tag.padEnd(tagWidth), s.colour, colour);
      lines.push(`        ${tag}  ${r.padEnd(rangeWidth)}  ${s.abbrev ? s.abbrev.padEnd(28) + ' ' : ''}${s.label}`);
    }
  }
  return lines.join('\n');
}

/** -x --annotate for a packet: the frame, then each decrypted or reassembled buffer. */
export function formatAnnotatedHex(pkt: Packet, t: Texts, colour: boolean): string {
  return pkt.sources.map((s, ds) => {
    const body = annotateSource(pkt, ds, t, colour);
    return ds === 0 ? body : `${t.msg('annotate.source', { name: s.name })}:\n${body}`;
  }).join('\n\n');
}
