/** -T json / ndjson: one object per packet with its tree of {name, label, value, pos, size, children}. */
import type { FieldDef, Value } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import type { Node } from '../core/tree.js';
import { formatFieldValue } from '../core/value.js';
import { nodeText } from './label.js';
import { sanitise } from './sanitise.js';
import { epochTime } from '../core/frame.js';

export interface JsonNode {
  name: string;
  label: string;
  value?: string | number | boolean;
  pos: number;
  size: number;
  /** Present when the bytes are not the frame's: the name of the reassembled or decrypted buffer. */
  source?: string;
  generated?: boolean;
  children?: JsonNode[];
}

function jsonValue(f: FieldDef, v: Value): string | number | boolean | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' && (f.base === 'dec' || f.base === 'none') && f.type !== 'ipv4') return v;
  if (typeof v === 'boolean') return v;
  return sanitise(formatFieldValue(f, v));
}

function convert(nodes: Node[] | null, pkt: Packet): JsonNode[] {
  const out: JsonNode[] = [];
  for (const n of nodes ?? []) {
    const j: JsonNode = {
      name: n.f ? n.f.abbrev : 'text',
      label: nodeText(n, pkt.sources),
      pos: n.pos,
      size: n.size,
    };
    if (n.f) {
      const v = jsonValue(n.f, n.v);
      if (v !== undefined) j.value = v;
    }
    if (n.ds) j.source = pkt.sources[n.ds]?.name;
    if (n.generated) j.generated = true;
    if (n.children) j.children = convert(n.children, pkt);
    out.push(j);
  }
  return out;
}

export function packetJson(pkt: Packet): Record<string, unknown> {
  return {
    frame: pkt.num,
    time: Number(epochTime(pkt.tsSec, pkt.tsNsec)),
    time_epoch: epochTime(pkt.tsSec, pkt.tsNsec),
    len: pkt.len,
    caplen: pkt.caplen,
    protocols: pkt.protocols.join(':'),
    src: sanitise(pkt.src),
    dst: sanitise(pkt.dst),
    protocol: pkt.protocol,
    info: sanitise(pkt.info),
    tree: convert(pkt.root.children, pkt),
    expert: pkt.experts.map((e) => ({ severity: e.severity, group: e.group, id: e.id, protocol: e.proto, message: sanitise(e.message) })),
  };
}
