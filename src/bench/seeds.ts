/** The captures fuzzing and benchmarks start from: the project's samples, and the shared corpus when present. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function seedFiles(root: string): string[] {
  const dirs = [join(root, 'samples'), resolve(root, '../shared/captures')];
  const out: string[] = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      if (/\.(pcap|pcapng|cap)$/.test(f)) out.push(join(d, f));
    }
  }
  return out;
}
