/** -V: the packet tree as indented text, one line per item, as tshark prints it. */
import type { Packet } from '../core/packet.js';
import type { Node } from '../core/tree.js';
import { SEVERITY_LABEL, type Expert } from '../core/expert.js';
import { nodeText } from './label.js';
import { sanitise } from './sanitise.js';

const GROUP_LABEL: Record<string, string> = {
  checksum: 'Checksum', sequence: 'Sequence', response: 'Response', request: 'Request', undecoded: 'Undecoded',
  reassemble: 'Reassemble', protocol: 'Protocol', malformed: 'Malformed', debug: 'Debug', security: 'Security',
  comment: 'Comment', decryption: 'Decryption', assumption: 'Assumption', deprecated: 'Deprecated',
};

export interface TreeOptions {
  /** Show [offset+length] after each item (--offsets). */
  offsets?: boolean;
  /** Optional explanation lines under items (--explain); returns undefined for none. */
  explain?: (node: Node) => string | undefined;
}

/** Indentation by depth, made once. */
const PADS: string[] = Array.from({ length: 64 }, (_, i) => '    '.repeat(i));
const padOf = (depth: number): string => PADS[depth] ?? '    '.repeat(depth);

function expertLine(pad: string, e: Expert): string {
  return `${pad}[Expert Info (${SEVERITY_LABEL[e.severity]}/${GROUP_LABEL[e.group] ?? e.group}): ${sanitise(e.message)}]`;
}

/** Where tree lines go: an array to join, or the output buffer itself. */
export interface LineSink {
  push(line: string): unknown;
}

function walk(lines: LineSink, nodes: Node[], depth: number, pkt: Packet, opts: TreeOptions): void {
  const pad = padOf(depth);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.hidden || n.f?.hidden) continue;
    let line = pad + nodeText(n, pkt.sources);
    if (opts.offsets && n.size > 0) line += `  [${n.ds ? `ds${n.ds}:` : ''}${n.pos}+${n.size}]`;
    lines.push(line);
    if (opts.explain) {
      const ex = opts.explain(n);
      if (ex) lines.push(`${pad}    ‣ ${ex}`);
    }
    if (n.children) walk(lines, n.children, depth + 1, pkt, opts);
    if (n.experts) for (const e of n.experts) lines.push(expertLine(padOf(depth + 1), e));
  }
}

/** The tree's lines, each handed to sink as it is made (no text of the whole tree is built). */
export function writeTree(pkt: Packet, sink: LineSink, opts: TreeOptions = {}): void {
  if (pkt.root.children) walk(sink, pkt.root.children, 0, pkt, opts);
  for (const e of pkt.root.experts ?? []) sink.push(expertLine('', e));
}

export function formatTree(pkt: Packet, opts: TreeOptions = {}): string {
  const lines: string[] = [];
  writeTree(pkt, lines, opts);
  return lines.join('\n');
}
