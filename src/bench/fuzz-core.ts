/**
 * One fuzzing round: run a mutant through every output mode in this process and judge it.
 * Failures: an exception other than a clean CaptureError; a structurally intact file that is not
 * read to its end with every record listed.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../protocols/index.js';
import { Engine } from '../core/engine.js';
import { allFields, fieldByName } from '../core/fields.js';
import { readCapture } from '../capture/reader.js';
import { CaptureError } from '../capture/types.js';
import { formatTree } from '../output/tree.js';
import { formatHex } from '../output/hex.js';
import { packetJson } from '../output/json.js';
import { formatListLine } from '../output/list.js';
import { formatFieldsLine, parseFieldsOptions } from '../output/fields.js';
import { compileFilter } from '../filter/filter.js';
import type { Mutant } from './mutate.js';

export interface Verdict {
  ok: boolean;
  reason?: string;
  packets: number;
}

/** A filter over the VPN fields, using the clauses whose fields this build knows. */
function fuzzFilter(): string {
  const clauses = ['pptp', 'gre.key.call_id > 0', 'l2tp.tunnel', 'esp.spi', 'isakmp', 'ppp', 'ip.addr == 10.0.0.0/8', 'udp.port in {500, 1701, 4500}'];
  return clauses.filter((c) => fieldByName(c.split(' ')[0])).join(' || ');
}

let dir: string | null = null;
function tempFile(bytes: Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), 'vpnshark-fuzz-'));
  const p = join(dir, 'mutant.pcap');
  writeFileSync(p, bytes);
  return p;
}

export function cleanupFuzzFiles(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
}

async function runMode(path: string, mode: 'tree' | 'list' | 'fields'): Promise<number> {
  const engine = new Engine({ tree: mode === 'tree', columns: mode === 'list' });
  const fields = mode === 'fields' ? allFields().filter((_, i) => i % 7 === 0) : [];
  for (const f of fields) engine.want(f.id);
  const filter = mode === 'fields' ? compileFilter(fuzzFilter()) : null;
  if (filter) for (const f of filter.fields) engine.want(f.id);
  const fo = parseFieldsOptions([]);
  let n = 0;
  await readCapture(path, (frame) => {
    const pkt = engine.dissect(frame);
    n++;
    if (mode === 'tree') {
      formatTree(pkt, { offsets: true });
      formatHex(pkt);
      JSON.stringify(packetJson(pkt));
    } else if (mode === 'list') {
      formatListLine(pkt);
    } else {
      filter!.matches(pkt);
      formatFieldsLine(pkt, fields, fo);
    }
  }, { onWarning: () => undefined });
  return n;
}

/** Count the records a file holds without dissecting them (the reference for "every packet listed"). */
export async function countRecords(path: string): Promise<number> {
  let n = 0;
  await readCapture(path, () => { n++; }, { onWarning: () => undefined });
  return n;
}

export async function judge(m: Mutant): Promise<Verdict> {
  const path = tempFile(m.bytes);
  let expected = -1;
  try {
    expected = await countRecords(path);
  } catch (e) {
    if (!(e instanceof CaptureError)) return { ok: false, reason: `reader threw ${(e as Error).name}: ${(e as Error).message}`, packets: 0 };
    if (m.structural) return { ok: false, reason: `intact file rejected: ${(e as Error).message}`, packets: 0 };
  }
  let packets = 0;
  for (const mode of ['tree', 'list', 'fields'] as const) {
    try {
      packets = await runMode(path, mode);
      if (expected >= 0 && packets !== expected) return { ok: false, reason: `${mode}: listed ${packets} of ${expected} records`, packets };
    } catch (e) {
      if (e instanceof CaptureError && !m.structural) continue;
      return { ok: false, reason: `${mode}: ${(e as Error).name}: ${(e as Error).message}`, packets };
    }
  }
  return { ok: true, packets };
}
