/**
 * One pass over a capture for the HTML report: the packet list, each packet's tree, bytes and
 * layers in a compact form for the browser, the protocol counts, the ladder sessions, the findings
 * and the session summary. Packets past the limit are dissected (they count in the sessions and
 * findings) but not kept for the packet browser, so memory stays bounded.
 */
import { DEFAULT_MAX_PACKETS } from './limits.js';
import { createEngine } from '../engine-factory.js';
import { readCapture } from '../capture/reader.js';
import { CaptureError } from '../capture/types.js';
import { SEVERITY_RANK, type Expert } from '../core/expert.js';
import type { Packet } from '../core/packet.js';
import type { Node } from '../core/tree.js';
import { FlowBuilder, type FlowSession } from '../flow/model.js';
import type { Texts } from '../i18n/index.js';
import { explainer, type Explainer } from '../output/explain.js';
import { layersLine } from '../output/layers.js';
import { nodeText } from '../output/label.js';
import { sanitise } from '../output/sanitise.js';
import { etherToString } from '../core/value.js';
import { FindingCounter, type Finding } from '../sessions/findings.js';
import { summarise, type SessionsDoc } from '../sessions/summary.js';

/** A tree item for the browser: [label, pos, size, ds, field index, explanation index, flags, children?]. */
export type CompactNode = [string, number, number, number, number, number, number, CompactNode[]?];
export const FLAG_GENERATED = 1;
export const FLAG_PROTOCOL = 2;
/** Expert items: FLAG_EXPERT plus the severity rank × 16. */
export const FLAG_EXPERT = 4;

export interface PacketDetail {
  /** Data sources: name and base64 bytes. */
  s: [string, string][];
  t: CompactNode[];
  /** The --layers line. */
  l: string;
}

/** A packet-list row: number, time, source, destination, protocol, length, info. */
export type ListRow = [number, number, string, string, string, number, string];

export interface ReportData {
  file: string;
  packets: number;
  duration: number;
  list: ListRow[];
  details: PacketDetail[];
  /** Field names used by the trees (CompactNode's field index). */
  fields: string[];
  /** Explanations used by the trees (CompactNode's explanation index). */
  texts: string[];
  protocolCounts: [string, number][];
  flows: FlowSession[];
  findings: Finding[];
  sessions: SessionsDoc | null;
}

export interface CollectOptions {
  settings?: Record<string, unknown>;
  /** Packets kept for the packet browser; the rest are counted only. */
  maxPackets?: number;
  texts: Texts;
}


class Interner {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const GROUPS: Record<string, string> = {
  checksum: 'Checksum', sequence: 'Sequence', response: 'Response', request: 'Request', undecoded: 'Undecoded',
  reassemble: 'Reassemble', protocol: 'Protocol', malformed: 'Malformed', debug: 'Debug', security: 'Security',
  comment: 'Comment', decryption: 'Decryption', assumption: 'Assumption', deprecated: 'Deprecated',
};
const SEVERITIES: Record<string, string> = { comment: 'Comment', chat: 'Chat', note: 'Note', warn: 'Warning', error: 'Error' };

function expertNode(e: Expert): CompactNode {
  const label = `[Expert Info (${SEVERITIES[e.severity]}/${GROUPS[e.group] ?? e.group}): ${sanitise(e.message)}]`;
  return [label, 0, 0, 0, -1, -1, FLAG_EXPERT | (SEVERITY_RANK[e.severity] << 4)];
}

function compact(nodes: Node[] | null, pkt: Packet, fields: Interner, texts: Interner, explain: Explainer): CompactNode[] {
  const out: CompactNode[] = [];
  for (const n of nodes ?? []) {
    if (n.f?.hidden) continue;
    const flags = (n.generated ? FLAG_GENERATED : 0) | (n.f?.type === 'protocol' ? FLAG_PROTOCOL : 0);
    const c: CompactNode = [nodeText(n, pkt.sources), n.pos, n.size, n.ds, fields.of(n.f?.abbrev), texts.of(explain(n)), flags];
    const kids = compact(n.children, pkt, fields, texts, explain);
    for (const e of n.experts ?? []) kids.push(expertNode(e));
    if (kids.length) c.push(kids);
    out.push(c);
  }
  return out;
}

function listRow(pkt: Packet): ListRow {
  let s = pkt.src;
  let d = pkt.dst;
  if (!s && !d && pkt.linkAddrPos >= 0) {
    const b = pkt.sources[0].bytes;
    d = etherToString(b.subarray(pkt.linkAddrPos, pkt.linkAddrPos + 6));
    s = etherToString(b.subarray(pkt.linkAddrPos + 6, pkt.linkAddrPos + 12));
  }
  return [pkt.num, Math.round(pkt.relSec * 1e6) / 1e6, sanitise(s), sanitise(d), pkt.protocol || 'Frame', pkt.len, sanitise(pkt.info)];
}

export async function collectReport(file: string, o: CollectOptions): Promise<ReportData> {
  const t = o.texts;
  const max = o.maxPackets ?? DEFAULT_MAX_PACKETS;
  const engine = createEngine({ tree: true, columns: true, settings: o.settings, forget: 'unsummarised' });
  const flows = new FlowBuilder(engine);
  const findings = new FindingCounter();
  const fields = new Interner();
  const texts = new Interner();
  const counts = new Map<string, number>();
  const list: ListRow[] = [];
  const details: PacketDetail[] = [];
  let packets = 0;
  let first = -1;
  let last = 0;
  let bytes = 0;
  try {
    await readCapture(file, (frame) => {
      const pkt = engine.dissect(frame);
      packets++;
      bytes += frame.len;
      const ts = frame.tsSec + frame.tsNsec / 1e9;
      if (first < 0) first = ts;
      last = ts;
      flows.add(pkt);
      for (const e of pkt.experts) findings.add(e, pkt.num);
      for (const p of new Set(pkt.protocols)) counts.set(p, (counts.get(p) ?? 0) + 1);
      if (list.length < max) {
        list.push(listRow(pkt));
        details.push({
          s: pkt.sources.map((src) => [src.name, Buffer.from(src.bytes).toString('base64')]),
          t: compact(pkt.root.children, pkt, fields, texts, explainer(t, pkt, { everyTime: true })),
          l: layersLine(pkt, t),
        });
      }
    }, { onWarning: (m) => process.stderr.write(`vpnshark: ${file}: ${m}\n`) });
  } catch (e) {
    if (e instanceof CaptureError) throw new CaptureError(`${file}: ${e.message}`);
    throw e;
  }
  const found = findings.list();
  const sessions = summarise(engine, {
    file, packets, bytes, first_frame: packets ? 1 : 0, last_frame: packets, start: first < 0 ? null : first,
    end: first < 0 ? null : last, error: null,
  }, found);
  return {
    file, packets, duration: first < 0 ? 0 : last - first, list, details, fields: fields.list, texts: texts.list,
    protocolCounts: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    flows: flows.finish(), findings: found, sessions,
  };
}
