import { describe, expect, it } from 'vitest';
import { targetsMarkdown } from '../../src/bench/targets.js';

const profile = {
  totalMs: 4000,
  areas: [{ area: 'protocols', ms: 1000 }, { area: 'core', ms: 800 }, { area: 'garbage collector', ms: 400 }, { area: 'output', ms: 300 }, { area: 'cli', ms: 100 }],
  functions: [{ name: '(garbage collector)', where: 'garbage collector', ms: 400 }, { name: 'formatListLine', where: 'src/output/list.ts', ms: 240 }],
};

describe('the targets section of BENCHMARKS.md', () => {
  it('says which targets are met, by how much the others fall short, and why, from the run\'s own figures', () => {
    const md = targetsMarkdown([
      { mode: 'one line per packet', target: 1_000_000, pps: 250_000, rssMiB: 93.4 },
      { mode: 'sessions', target: 2_000_000, pps: 260_000, rssMiB: 134.2, summarises: true },
      { mode: 'fast one', target: 100_000, pps: 120_000, rssMiB: 90 },
    ], profile, 'one line per packet, 1,000,000 packets').join('\n');
    expect(md).toContain('| one line per packet | 1,000,000 | 250,000 | no: 4.0× short | 93 MiB | yes |');
    expect(md).toContain('| sessions | 2,000,000 | 260,000 | no: 7.7× short | 134 MiB | no |');
    expect(md).toContain('| fast one | 100,000 | 120,000 | yes | 90 MiB | yes |');
    expect(md).toContain('it goes to protocols 25%, core 20%, garbage collector 10%, output 8%; the costliest single function, `formatListLine` in src/output/list.ts, takes 6%.');
    expect(md).toContain('Why `sessions` is over 100 MiB: it summarises every session');
  });

  it('gives no reasons when every target is met', () => {
    const md = targetsMarkdown([{ mode: 'x', target: 10, pps: 20, rssMiB: 50 }], profile, 'x').join('\n');
    expect(md).not.toContain('Why');
    expect(md).toContain('| x | 10 | 20 | yes | 50 MiB | yes |');
  });
});
