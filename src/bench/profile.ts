/**
 * Where the time goes: one run under V8's sampling profiler (`node --cpu-prof`), its self time
 * summed by area of the source tree (capture, core, protocols, sessions, output, …), by the garbage
 * collector and by Node itself, and the functions that cost most. BENCHMARKS.md carries the result.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  areas: Array<{ area: string; ms: number }>;
  functions: Array<{ name: string; where: string; ms: number }>;
}

/** The part of the tree a script belongs to: src/<area>/…, a package, or Node's own code. */
function areaOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)' || functionName === '(idle)' || functionName === '(root)') return 'V8 and Node (other)';
  const m = /\/dist\/src\/([^/]+)\//.exec(url);
  if (m) return m[1];
  if (url.includes('/node_modules/')) return 'packages';
  return 'V8 and Node (other)';
}

export function summariseProfile(p: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const areas = new Map<string, number>();
  const fns = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    const area = areaOf(cf.url, cf.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = cf.url.includes('/dist/src/') ? `${cf.url.replace(/^.*\/dist\/src\//, 'src/').replace(/\.js$/, '.ts')}` : area;
    const name = cf.functionName || '(anonymous)';
    const k = `${name} ${where}`;
    const f = fns.get(k) ?? { name, where, us: 0 };
    f.us += us;
    fns.set(k, f);
  }
  return {
    totalMs: total / 1000,
    areas: [...areas].map(([area, us]) => ({ area, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    functions: [...fns.values()].sort((a, b) => b.us - a.us).slice(0, top).map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000 })),
  };
}

/** Run node with args under the profiler (stdout discarded) and summarise the profile it writes. */
export function profileRun(nodeArgs: string[]): ProfileSummary | null {
  const dir = mkdtempSync(join(tmpdir(), 'vpnshark-prof-'));
  try {
    const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...nodeArgs], { stdio: ['ignore', 'ignore', 'ignore'] });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (r.status !== 0 || !file) return null;
    return summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The summary as Markdown tables. */
export function profileMarkdown(s: ProfileSummary, what: string): string[] {
  const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1)}%`;
  const lines = [`### Where the time goes: ${what}`, '',
    `Self time under \`node --cpu-prof\` (${Math.round(s.totalMs).toLocaleString('en')} ms sampled), by part of the code:`, '',
    '| part | ms | share |', '|---|---:|---:|'];
  for (const a of s.areas) lines.push(`| ${a.area} | ${Math.round(a.ms).toLocaleString('en')} | ${pct(a.ms)} |`);
  lines.push('', 'The functions that cost most:', '', '| function | where | ms | share |', '|---|---|---:|---:|');
  for (const f of s.functions) lines.push(`| \`${f.name}\` | ${f.where} | ${Math.round(f.ms).toLocaleString('en')} | ${pct(f.ms)} |`);
  lines.push('');
  return lines;
}
