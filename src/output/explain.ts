/**
 * --explain: one line under each protocol layer and each explained field of the -V tree, saying
 * what it is for and where it is defined. A field is explained at its first appearance in the
 * packet (an SCCRQ repeats "AVP Type" a dozen times); a value with its own meaning (a message
 * type, the next header that reveals ESP's mode) is explained each time a new one appears.
 */
import type { FieldDef } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import type { Node } from '../core/tree.js';
import type { Texts } from '../i18n/index.js';

function child(n: Node, abbrev: string): Node | undefined {
  return n.children?.find((c) => c.f?.abbrev === abbrev);
}

/** Whether anything under n lies in another data source (n's payload was decrypted or reassembled). */
function hasOtherSource(n: Node, ds = n.ds): boolean {
  return !!n.children?.some((c) => c.ds !== ds || hasOtherSource(c, ds));
}

/** Sentences joined the way the language writes them. */
function join(t: Texts, parts: (string | undefined)[]): string {
  const ps = parts.filter((p): p is string => !!p);
  if (t.lang === 'ja') return ps.map((p) => (/[。．.!?」）)]$/.test(p) ? p : `${p}。`)).join('');
  return ps.map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' ');
}

function withRef(t: Texts, f: FieldDef, text: string): string {
  const ref = t.ref(f);
  return ref ? `${text} — ${ref}` : text;
}

/** Notes that depend on what surrounds a layer in this packet. */
function contextNotes(t: Texts, pkt: Packet, n: Node): string[] {
  const notes: string[] = [];
  switch (n.f?.abbrev) {
    case 'l2tp': {
      const inside = child(n, 'l2tp.inside_ipsec');
      if (inside) notes.push(t.msg(inside.v === true ? 'explain.l2tp_in_ipsec' : 'explain.l2tp_clear'));
      break;
    }
    case 'esp':
      if (pkt.protocols.includes('udpencap')) notes.push(t.msg('explain.esp_udp'));
      if (!hasOtherSource(n)) notes.push(t.msg('explain.esp_undecrypted'));
      break;
    default:
      break;
  }
  return notes;
}

export type Explainer = (node: Node) => string | undefined;

/**
 * An explain(node) callback for formatTree, for one packet. With everyTime (the HTML report, which
 * shows a selected field's explanation) every item is explained, not only a field's first.
 */
export function explainer(t: Texts, pkt: Packet, opts: { everyTime?: boolean } = {}): Explainer {
  const seen = new Set<string>();
  /** True the first time key is met in this packet (always, with everyTime). */
  const fresh = (key: string) => {
    if (opts.everyTime) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  return (n: Node) => {
    const f = n.f;
    if (!f || f.hidden) return undefined;
    if (f.type === 'protocol') {
      const notes = contextNotes(t, pkt, n);
      const about = fresh(f.abbrev) ? t.about(f) : undefined;
      if (!about && !notes.length) return undefined;
      return withRef(t, f, join(t, [about, ...notes]));
    }
    // The capture record's own fields (interface, times, lengths) teach nothing about the VPN.
    if (f.proto === 'frame' && f.abbrev !== 'frame.protocols') return undefined;
    const about = fresh(f.abbrev) ? t.about(f) : undefined;
    let meaning = t.value(f, n.v);
    if (meaning && !fresh(`${f.abbrev}=${String(n.v)}`)) meaning = undefined;
    if (!about && !meaning) return undefined;
    return withRef(t, f, join(t, [about, meaning]));
  };
}
