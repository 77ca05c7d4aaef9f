/** -V: the packet tree as indented text, one line per item, as tshark prints it. */
import type { Packet } from '../core/packet.js';
import type { Node } from '../core/tree.js';
import { SEVERITY_LABEL } from '../core/expert.js';
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

export function formatTree(pkt: Packet, opts: TreeOptions = {}): string {
  const lines: string[] = [];
  const walk = (nodes: Node[] | null, depth: number) => {
    if (!nodes) return;
    const pad = '    '.repeat(depth);
    for (const n of nodes) {
      if (n.f?.hidden || n.hidden) continue;
      let line = pad + nodeText(n, pkt.sources);
      if (opts.offsets && n.size > 0) line += `  [${n.ds ? `ds${n.ds}:` : ''}${n.pos}+${n.size}]`;
      lines.push(line);
      const ex = opts.explain?.(n);
      if (ex) lines.push(`${pad}    ‣ ${ex}`);
      walk(n.children, depth + 1);
      for (const e of n.experts ?? []) {
        lines.push(`${pad}    [Expert Info (${SEVERITY_LABEL[e.severity]}/${GROUP_LABEL[e.group] ?? e.group}): ${sanitise(e.message)}]`);
      }
    }
  };
  walk(pkt.root.children, 0);
  for (const e of pkt.root.experts ?? []) {
    lines.push(`[Expert Info (${SEVERITY_LABEL[e.severity]}/${GROUP_LABEL[e.group] ?? e.group}): ${sanitise(e.message)}]`);
  }
  return lines.join('\n');
}
