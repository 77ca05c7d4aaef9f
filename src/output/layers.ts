/**
 * --layers: a packet's encapsulation as one line, outermost first, with the bytes each layer's
 * header takes in the frame:
 *
 *   [Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][ESP 42-49 … decrypted: [UDP 1701][L2TP][PPP][IPv4][ICMP]][ESP trailer][ICV 194-205]
 *
 * Built only from the tree's protocol items (position, size, data source), so it works for every
 * protocol family without knowing any of them. A layer whose payload continues in another data
 * source (decrypted or reassembled bytes) opens a nested group; ranges are shown for frame bytes.
 */
import type { Packet } from '../core/packet.js';
import type { Node } from '../core/tree.js';
import type { Texts } from '../i18n/index.js';

interface Layer {
  node: Node;
  ds: number;
  start: number;
  /** One past the last byte. */
  end: number;
}

/** Layer names where the protocol's short name is not what a reader expects in a stack picture. */
const LABELS: Record<string, string> = {
  lcp: 'LCP', pap: 'PAP', chap: 'CHAP', ipcp: 'IPCP', ipv6cp: 'IPV6CP', ccp: 'CCP', comp_data: 'PPP Comp',
  'ipv6.hopopts': 'IPv6 Hop-by-Hop', 'ipv6.dstopts': 'IPv6 DstOpts', 'ipv6.routing': 'IPv6 Routing',
  'ipv6.fraghdr': 'IPv6 Fragment', udpencap: 'NAT-T', data: 'Data',
};

function fieldNodes(n: Node, out: Node[] = []): Node[] {
  for (const c of n.children ?? []) {
    if (!c.f || c.f.type === 'protocol') continue;
    if (!c.generated && !c.f.hidden && c.size > 0) out.push(c);
    fieldNodes(c, out);
  }
  return out;
}

function collect(nodes: Node[] | null, out: Layer[]): void {
  for (const n of nodes ?? []) {
    if (n.f?.type === 'protocol' && n.f.abbrev !== 'frame' && !n.f.hidden) {
      let start = n.pos;
      let end = n.pos + n.size;
      // A marker layer (UDP encapsulation) may have no size of its own but fields that do.
      if (n.size === 0) {
        const own = fieldNodes(n).filter((c) => c.ds === n.ds);
        if (own.length) {
          start = own.reduce((m, c) => Math.min(m, c.pos), Infinity);
          end = own.reduce((m, c) => Math.max(m, c.pos + c.size), 0);
        }
      }
      if (end > start) out.push({ node: n, ds: n.ds, start, end });
    }
    collect(n.children, out);
  }
}

function portOf(n: Node, proto: string): string {
  const ports: number[] = [];
  for (const c of n.children ?? []) {
    const a = c.f?.abbrev;
    if ((a === `${proto}.srcport` || a === `${proto}.dstport`) && typeof c.v === 'number') ports.push(c.v);
  }
  return ports.length ? ` ${ports.reduce((a, b) => Math.min(a, b))}` : '';
}

function labelOf(l: Layer): string {
  const f = l.node.f!;
  const name = LABELS[f.abbrev] ?? ((f as { short?: string }).short || f.name);
  if (f.abbrev === 'udp' || f.abbrev === 'tcp') return name + portOf(l.node, f.abbrev);
  return name;
}

function range(ds: number, a: number, b: number): string {
  return ds === 0 ? ` ${a}-${b - 1}` : '';
}

/**
 * A field that holds a layer's payload rather than its header: ESP's IV and encrypted data (RFC 4303
 * counts the IV in the payload), MPPE's data, a TCP payload.
 */
const PAYLOAD_FIELD = /(^|[._])(iv|encrypted_data|decrypted_data|contained_data|data|payload|segment_data)$/;

/**
 * Where l's header ends when its payload continues in another data source: at the first field
 * that holds the payload, or after the run of fields from its first byte. Also where that payload
 * ends in l's bytes, so that what follows (an ICV) is shown as a trailer.
 */
function headerOf(l: Layer): { end: number; payloadEnd: number } {
  const own = fieldNodes(l.node).filter((c) => c.ds === l.ds).sort((a, b) => a.pos - b.pos);
  let end = l.start;
  for (let k = 0; k < own.length; k++) {
    const c = own[k];
    if (c.pos > end) break;
    if (PAYLOAD_FIELD.test(c.f!.abbrev)) {
      // A payload cannot start at the layer's first byte; such an item describes the whole layer.
      if (c.pos <= l.start || c.pos < end) continue;
      let payloadEnd = c.pos + c.size;
      for (let j = k + 1; j < own.length && own[j].pos <= payloadEnd && PAYLOAD_FIELD.test(own[j].f!.abbrev); j++) {
        payloadEnd = Math.max(payloadEnd, own[j].pos + own[j].size);
      }
      return { end: c.pos, payloadEnd };
    }
    end = Math.max(end, c.pos + c.size);
  }
  return end > l.start ? { end, payloadEnd: end } : { end: l.end, payloadEnd: l.end };
}

export function layersLine(pkt: Packet, t: Texts): string {
  const layers: Layer[] = [];
  collect(pkt.root.children, layers);
  let i = 0;

  const sourceWord = (ds: number) =>
    /reassembl/i.test(pkt.sources[ds]?.name ?? '') ? t.msg('layers.reassembled') : t.msg('layers.decrypted');

  // A layer in a newer data source was made from this one's payload (decrypted, reassembled).
  const inside = (x: Layer, l: Layer) => (x.ds === l.ds ? x.start >= l.start && x.start < l.end : x.ds > l.ds);

  /** Render layers[i] and everything nested in it; advances i. */
  const render = (): string => {
    const l = layers[i++];
    const label = labelOf(l);
    let body = '';
    let headerEnd = l.end;
    let payloadEnd = l.end;
    let innerEnd = -1;
    const innerEnds = new Map<number, number>();
    if (i < layers.length && inside(layers[i], l)) {
      const next = layers[i];
      if (next.ds === l.ds) headerEnd = next.start;
      else ({ end: headerEnd, payloadEnd } = headerOf(l));
    }
    let out = `[${label}${range(l.ds, l.start, headerEnd)}`;
    let grouped = false;
    while (i < layers.length && inside(layers[i], l)) {
      const x = layers[i];
      if (x.ds !== l.ds) {
        const ds = x.ds;
        let group = '';
        while (i < layers.length && layers[i].ds === ds) {
          const y = layers[i];
          group += render();
          innerEnds.set(ds, Math.max(innerEnds.get(ds) ?? -1, y.end));
        }
        out += ` … ${sourceWord(ds)}: ${group}`;
        grouped = true;
      } else {
        body += render();
        innerEnd = Math.max(innerEnd, x.end);
      }
    }
    out += ']';
    if (!grouped && !body && l.node.f?.abbrev === 'esp' && headerEnd === l.end) {
      const lead = headerOf(l).end;
      if (lead < l.end) out = `[${label}${range(l.ds, l.start, lead)}][${t.msg('layers.encrypted')}${range(l.ds, lead, l.end)}]`;
    }
    out += body;
    // What l has after its payload: padding, trailers, integrity check values. A decrypted trailer
    // (padding, next header) sat inside the encrypted part, so it comes before the ICV.
    if (body || grouped) {
      const tail = fieldNodes(l.node).filter((c) => {
        if (c.ds === l.ds) return innerEnd >= 0 ? c.pos >= innerEnd : grouped && c.pos >= payloadEnd;
        const e = innerEnds.get(c.ds);
        return e !== undefined && c.pos >= e;
      }).sort((a, b) => Number(a.ds === l.ds) - Number(b.ds === l.ds) || a.ds - b.ds || a.pos - b.pos);
      let k = 0;
      while (k < tail.length) {
        const first = tail[k];
        const icv = /\.icv$/.test(first.f!.abbrev);
        let last = first;
        k++;
        while (k < tail.length && tail[k].ds === first.ds && /\.icv$/.test(tail[k].f!.abbrev) === icv) last = tail[k++];
        const name = icv ? 'ICV' : `${label} ${t.msg('layers.trailer')}`;
        out += `[${name}${range(first.ds, first.pos, Math.max(last.pos + last.size, first.pos + first.size))}]`;
      }
    }
    return out;
  };

  let line = '';
  while (i < layers.length) line += render();
  // Frame bytes after every layer (padding no layer claimed) are shown, so that every byte is accounted for.
  const frameLen = pkt.sources[0]?.bytes.length ?? 0;
  const covered = layers.reduce((m, l) => (l.ds === 0 ? Math.max(m, l.end) : m), 0);
  if (covered > 0 && frameLen > covered) line += `[${t.msg('layers.unclaimed')}${range(0, covered, frameLen)}]`;
  return line;
}
