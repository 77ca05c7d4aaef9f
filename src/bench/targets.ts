/**
 * The targets next to what the benchmark measured, and, where they are missed, why, in
 * figures from the same run's profile: BENCHMARKS.md must say plainly which targets are not met.
 */
import type { ProfileSummary } from './profile.js';

export const RSS_TARGET_MIB = 100;

export interface ModeResult {
  mode: string;
  /** Target packets/s. */
  target: number;
  /** Measured packets/s, null when the run failed. */
  pps: number | null;
  rssMiB: number;
  /** The command keeps every session until the end (a summary): its memory follows the sessions. */
  summarises?: boolean;
}

const n = (x: number) => Math.round(x).toLocaleString('en');

export function targetsMarkdown(results: ModeResult[], profile: ProfileSummary | null, profiled: string): string[] {
  const lines = ['## Against the targets', '',
    `| mode | target packets/s | vpnshark packets/s | met | peak RSS | at most ${RSS_TARGET_MIB} MiB |`, '|---|---:|---:|---|---:|---|'];
  for (const r of results) {
    const speed = r.pps === null ? 'failed' : r.pps >= r.target ? 'yes' : `no: ${(r.target / r.pps).toFixed(1)}× short`;
    lines.push(`| ${r.mode} | ${n(r.target)} | ${r.pps === null ? '–' : n(r.pps)} | ${speed} | ${n(r.rssMiB)} MiB | ${r.rssMiB <= RSS_TARGET_MIB ? 'yes' : 'no'} |`);
  }
  lines.push('');
  const slow = results.filter((r) => r.pps !== null && r.pps < r.target);
  if (slow.length && profile) {
    const pct = (ms: number) => `${((100 * ms) / profile.totalMs).toFixed(0)}%`;
    // The collector and V8's own ticks are parts, not functions.
    const top = profile.functions.find((f) => f.where !== 'garbage collector' && f.name !== '(program)' && f.name !== '(idle)');
    const parts = profile.areas.slice(0, 4).map((a) => `${a.area} ${pct(a.ms)}`).join(', ');
    const costliest = top ? `; the costliest single function, \`${top.name}\` in ${top.where}, takes ${pct(top.ms)}` : '';
    lines.push(`Why the speed targets are missed: the time is spread out, not spent in one place. Under the profiler (${profiled}, below) it goes to ${parts}${costliest}. Each packet gets a full dissection through one generic engine: every field Wireshark shows for it, sequence analysis, session state and expert items, not a count of headers.`, '');
  }
  const big = results.filter((r) => r.rssMiB > RSS_TARGET_MIB);
  for (const r of big) {
    lines.push(r.summarises
      ? `Why \`${r.mode}\` is over ${RSS_TARGET_MIB} MiB: it summarises every session at the end of the run, so it keeps them all until then and its memory grows with the number of sessions in the file.`
      : `\`${r.mode}\` is over ${RSS_TARGET_MIB} MiB.`, '');
  }
  return lines;
}
