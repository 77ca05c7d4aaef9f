import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mutate, prng } from '../../src/bench/mutate.js';
import { judge, cleanupFuzzFiles } from '../../src/bench/fuzz-core.js';
import { seedFiles } from '../../src/bench/seeds.js';

// The short mode of `npm run fuzz` for CI: a few hundred mutants of the samples and, when present,
// the shared captures, through every output mode. The long run is `npm run fuzz`.
const MUTANTS = 300;

describe('fuzzing (short mode)', () => {
  it(`survives ${MUTANTS} mutants with no failure`, async () => {
    const seeds = seedFiles(resolve(__dirname, '../..'));
    expect(seeds.length).toBeGreaterThan(0);
    const sources = seeds.map((f) => new Uint8Array(readFileSync(f)).subarray(0, 262144));
    const failures: string[] = [];
    for (let i = 0; i < MUTANTS; i++) {
      const rnd = prng(20261127 + i);
      const src = sources[Math.floor(rnd() * sources.length)];
      const m = mutate(src, rnd);
      const v = await judge(m);
      if (!v.ok) failures.push(`#${i} ${m.kind}: ${v.reason}`);
    }
    cleanupFuzzFiles();
    expect(failures).toEqual([]);
  }, 120_000);
});
