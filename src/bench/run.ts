/**
 * `npm run bench [-- --packets N --runs R --flood F]`: write the benchmark capture, time each vpnshark mode
 * (fastest of R runs taking turns with tshark, whole-process wall time, peak RSS from the OS) and, when tshark is installed,
 * the matching tshark command on the same file in the same run; write BENCHMARKS.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTemplates, writeBenchCapture } from './generate.js';
import { writeFloods } from './floods.js';
import { profileMarkdown, profileRun, type ProfileSummary } from './profile.js';
import { targetsMarkdown, type ModeResult } from './targets.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const bin = join(root, 'bin/vpnshark.js');
/** The V8 flags bin/vpnshark.js's first line gives Node, so that timed runs are the command as users run it. */
const nodeFlags = (readFileSync(bin, 'utf8').split('\n')[0].match(/--[\w-]+=\S+/g) ?? []);

/** A flood run longer than this is stopped (tshark takes many minutes on some). */
const FLOOD_LIMIT_MS = 300_000;

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

interface Measure { seconds: number; rssKiB: number; ok: boolean; stopped?: boolean; medianSeconds?: number }

/** Wall time and peak RSS of one command, its stdout thrown away. GNU time when present, else /proc polling. */
function measure(cmd: string, args: string[], limitMs = 0): Promise<Measure> {
  const gnuTime = existsSync('/usr/bin/time');
  return new Promise((res) => {
    const t0 = process.hrtime.bigint();
    const child = gnuTime
      ? spawn('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let peak = 0;
    const poll = gnuTime ? null : setInterval(() => {
      try {
        const st = spawnSync('cat', [`/proc/${child.pid}/status`], { encoding: 'utf8' }).stdout;
        const m = /VmHWM:\s+(\d+)/.exec(st);
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch { /* the process is gone */ }
    }, 20);
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    let stopped = false;
    // Under GNU time the command is time's child: kill it first, then time.
    const limit = limitMs ? setTimeout(() => {
      stopped = true;
      spawnSync('pkill', ['-KILL', '-P', String(child.pid)]);
      child.kill('SIGKILL');
    }, limitMs) : null;
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      if (limit) clearTimeout(limit);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (gnuTime) {
        const lines = err.trim().split('\n');
        peak = Number(lines[lines.length - 1]) || 0;
      }
      res({ seconds, rssKiB: peak, ok: code === 0 && !stopped, stopped });
    });
  });
}

/** The fastest of a command's runs (wall time) and their median, with the highest peak RSS any of them had. */
function fastest(ms: Measure[]): Measure {
  const sorted = ms.map((x) => x.seconds).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianSeconds = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { seconds: sorted[0], rssKiB: Math.max(...ms.map((x) => x.rssKiB)), ok: ms.every((x) => x.ok), medianSeconds };
}

/**
 * Each command `runs` times, vpnshark and tshark taking turns, so that a slow spell of a shared
 * machine falls on both; the fastest run of each is the one the machine disturbed least.
 */
async function interleaved(runs: number, ours: [string, string[]], theirs: [string, string[]] | null): Promise<[Measure, Measure | null]> {
  const a: Measure[] = [], b: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await measure(...ours));
    if (theirs) b.push(await measure(...theirs));
  }
  return [fastest(a), theirs ? fastest(b) : null];
}

function tsharkVersion(): string | null {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : null;
}

async function main(): Promise<void> {
  const packets = arg('packets', 1_000_000);
  const small = Math.min(packets, arg('small', 100_000));
  const runs = arg('runs', 5);
  const sampleDir = join(root, 'samples');
  const templates = await loadTemplates(readdirSync(sampleDir).filter((f) => f.endsWith('.pcap')).sort().map((f) => join(sampleDir, f)));
  if (!templates.length) throw new Error('no Ethernet pcap samples to build the benchmark capture from (run npm run samples)');
  const dir = mkdtempSync(join(tmpdir(), 'vpnshark-bench-'));
  const big = join(dir, 'bench.pcap');
  const cut = join(dir, 'bench-small.pcap');
  const n = writeBenchCapture(big, templates, packets);
  writeBenchCapture(cut, templates, small);
  const size = statSync(big).size;
  process.stderr.write(`bench: ${n} packets, ${(size / 1e6).toFixed(0)} MB, average frame ${Math.round(size / n - 16)} bytes\n`);
  const ts = tsharkVersion();
  const fields = ['frame.number', 'ip.src', 'ip.dst', 'esp.spi', 'gre.key.call_id'];
  // Targets in packets/s, from the performance issue.
  const rows: Array<{ mode: string; file: string; count: number; vs: [string, string[]] | null; ours: string[]; target: number; summarises?: boolean }> = [
    { mode: 'one line per packet', file: big, count: n, ours: ['-r', big], vs: ['tshark', ['-n', '-r', big]], target: 1_000_000 },
    { mode: '-T fields, 5 fields', file: big, count: n, ours: ['-r', big, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], vs: ['tshark', ['-n', '-r', big, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])]], target: 1_000_000 },
    { mode: 'sessions', file: big, count: n, ours: ['sessions', big, '-T', 'json'], vs: ['tshark', ['-n', '-q', '-z', 'conv,ip', '-r', big]], target: 2_000_000, summarises: true },
    { mode: 'check', file: big, count: n, ours: ['check', big], vs: ['tshark', ['-n', '-q', '-z', 'expert', '-r', big]], target: 2_000_000 },
    { mode: '-V (tree)', file: cut, count: small, ours: ['-r', cut, '-V'], vs: ['tshark', ['-n', '-r', cut, '-V']], target: 200_000 },
    { mode: '-T json', file: cut, count: small, ours: ['-r', cut, '-T', 'json'], vs: ['tshark', ['-n', '-r', cut, '-T', 'json']], target: 100_000 },
  ];
  const results: ModeResult[] = [];
  const medians: string[] = [];
  const lines: string[] = [];
  const when = new Date().toISOString().slice(0, 10);
  lines.push('# vpnshark benchmarks', '');
  lines.push(`Written by \`npm run bench\` on ${when}: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}${ts ? `, ${ts.replace(/\.$/, '')}` : ', tshark not installed'}.`);
  lines.push(`Capture: ${n.toLocaleString('en')} packets (${(size / 1e6).toFixed(0)} MB, average frame ${Math.round(size / n - 16)} bytes) made by replaying the project's samples with a new client address each time; -V and -T json use the first ${small.toLocaleString('en')} packets. Page cache warm; whole-process wall time, the fastest of ${runs} runs, vpnshark and tshark taking turns (on a shared machine the fastest run is the least disturbed); peak RSS as the OS reports it, the highest of the runs.`, '');
  lines.push('| mode | vpnshark packets/s | vpnshark peak RSS | tshark command | tshark packets/s | tshark peak RSS | ratio |');
  lines.push('|---|---:|---:|---|---:|---:|---:|');
  for (const r of rows) {
    process.stderr.write(`bench: ${r.mode} …\n`);
    const [ours, theirs] = await interleaved(runs, [process.execPath, [...nodeFlags, bin, ...r.ours]], ts && r.vs ? r.vs : null);
    const pps = (m: Measure) => (m.ok ? `${Math.round(r.count / m.seconds).toLocaleString('en')}` : 'failed');
    const mib = (m: Measure) => `${(m.rssKiB / 1024).toFixed(0)} MiB`;
    const ratio = theirs && ours.ok && theirs.ok ? `${(theirs.seconds / ours.seconds).toFixed(1)}×` : '–';
    const med = (m: Measure) => (m.ok && m.medianSeconds ? Math.round(r.count / m.medianSeconds).toLocaleString('en') : '–');
    const medRatio = theirs?.medianSeconds && ours.medianSeconds && ours.ok && theirs.ok ? `${(theirs.medianSeconds / ours.medianSeconds).toFixed(1)}×` : '–';
    medians.push(`| ${r.mode} | ${med(ours)} | ${theirs ? med(theirs) : '–'} | ${medRatio} |`);
    results.push({ mode: r.mode, target: r.target, pps: ours.ok ? r.count / ours.seconds : null, rssMiB: ours.rssKiB / 1024, summarises: r.summarises });
    lines.push(`| ${r.mode} | ${pps(ours)} | ${mib(ours)} | ${theirs ? `\`tshark ${r.vs![1].filter((x) => x !== r.file).join(' ')}\`` : '–'} | ${theirs ? pps(theirs) : '–'} | ${theirs ? mib(theirs) : '–'} | ${ratio} |`);
  }
  lines.push('', `The median of the same ${runs} runs (the issue asks for it; the fastest, above, is the one a shared machine disturbed least):`, '',
    '| mode | vpnshark packets/s (median) | tshark packets/s (median) | ratio |', '|---|---:|---:|---:|', ...medians, '');
  // Two modes once more under the profiler (the figures above are without it); written at the end.
  const profiles: Array<[string, ProfileSummary | null]> = [];
  for (const [what, args] of [['one line per packet', ['-r', big]], ['check', ['check', big]]] as const) {
    process.stderr.write(`bench: profiling ${what} …\n`);
    profiles.push([`${what}, ${n.toLocaleString('en')} packets`, profileRun([...nodeFlags, bin, ...args])]);
  }
  lines.push(...targetsMarkdown(results, profiles[0][1], profiles[0][0]));
  const floodPackets = arg('flood', 1_000_000);
  if (floodPackets > 0) {
    const floods = await writeFloods(dir, sampleDir, floodPackets);
    lines.push('## Hostile state', '');
    lines.push(`Each capture opens a new session with every one of its ${floodPackets.toLocaleString('en')} packets (one frame of the samples repeated with a new IPv4 source address), all within one minute of capture time so that none goes idle (src/bench/floods.ts). One run each of the one-line list, vpnshark${ts ? ' then tshark' : ''}; wall time and peak RSS.`, '');
    lines.push(`| capture | vpnshark packets/s | vpnshark peak RSS |${ts ? ' tshark packets/s | tshark peak RSS |' : ''}`);
    lines.push(`|---|---:|---:|${ts ? '---:|---:|' : ''}`);
    for (const f of floods) {
      process.stderr.write(`bench: hostile state, ${f.name} …\n`);
      const ours = await measure(process.execPath, [...nodeFlags, bin, '-r', f.file], FLOOD_LIMIT_MS);
      const theirs = ts ? await measure('tshark', ['-n', '-r', f.file], FLOOD_LIMIT_MS) : null;
      const cell = (m: Measure) => (m.stopped ? `stopped after ${FLOOD_LIMIT_MS / 1000} s | –`
        : `${m.ok ? Math.round(f.packets / m.seconds).toLocaleString('en') : 'failed'} | ${(m.rssKiB / 1024).toFixed(0)} MiB`);
      lines.push(`| ${f.name} | ${cell(ours)} |${theirs ? ` ${cell(theirs)} |` : ''}`);
    }
    lines.push('');
  }
  for (const [what, s] of profiles) if (s) lines.push(...profileMarkdown(s, what));
  writeFileSync(join(root, 'BENCHMARKS.md'), lines.join('\n'));
  process.stdout.write(lines.join('\n') + '\n');
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(2);
});
