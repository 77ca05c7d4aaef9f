/**
 * `npm run fuzz [-- --mutants N --seed S --budget-ms T]`: mutate every capture in samples/ and
 * ../shared/captures and run every output mode on each mutant, in a worker watched for hangs.
 * A failing mutant is written to fuzz-failures/ with its reason, to become a regression test.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mutate, prng } from './mutate.js';
import { seedFiles } from './seeds.js';

interface Job { seeds: string[]; start: number; count: number; seed: number }
interface Report { i: number; ok: boolean; reason?: string; kind: string; file: string; ms: number; bytes?: Uint8Array }

const here = fileURLToPath(import.meta.url);

async function workerMain(job: Job): Promise<void> {
  const { judge, cleanupFuzzFiles } = await import('./fuzz-core.js');
  const sources = job.seeds.map((f) => ({ f, b: new Uint8Array(readFileSync(f)) }));
  for (let i = job.start; i < job.start + job.count; i++) {
    const rnd = prng(job.seed * 1_000_003 + i);
    const src = sources[Math.floor(rnd() * sources.length)];
    // Large seeds are cut to their first 256 KiB so each mutant runs in milliseconds.
    const base = src.b.length > 262144 ? src.b.subarray(0, 262144) : src.b;
    const m = mutate(base, rnd);
    const t0 = Date.now();
    parentPort!.postMessage({ start: i, file: src.f, kind: m.kind, bytes: m.bytes });
    const v = await judge(m);
    const r: Report = { i, ok: v.ok, reason: v.reason, kind: m.kind, file: src.f, ms: Date.now() - t0 };
    if (!v.ok) r.bytes = m.bytes;
    parentPort!.postMessage(r);
  }
  cleanupFuzzFiles();
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

async function main(): Promise<void> {
  const root = resolve(here, '../../../..');
  const total = arg('mutants', 10000);
  const seed = arg('seed', 1);
  const budget = arg('budget-ms', 10000);
  const seeds = seedFiles(root);
  if (!seeds.length) throw new Error('no seed captures found');
  const outDir = join(root, 'fuzz-failures');
  const failures: Report[] = [];
  let done = 0;
  let next = 0;
  const slice = 500;
  const t0 = Date.now();
  const runBatch = (start: number, count: number) => new Promise<void>((res) => {
    const w = new Worker(here, { workerData: { seeds, start, count, seed } satisfies Job });
    let current: { i: number; file: string; kind: string; bytes: Uint8Array } | null = null;
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (current) failures.push({ i: current.i, ok: false, reason: `hang: no result within ${budget} ms`, kind: current.kind, file: current.file, ms: budget, bytes: current.bytes });
        void w.terminate();
      }, budget);
    };
    arm();
    w.on('message', (m: Report & { start?: number; bytes?: Uint8Array }) => {
      if (m.start !== undefined) {
        current = { i: m.start, file: m.file, kind: m.kind, bytes: m.bytes! };
        arm();
        return;
      }
      done++;
      if (!m.ok) failures.push(m);
      current = null;
      arm();
    });
    w.on('error', (e) => {
      if (current) failures.push({ i: current.i, ok: false, reason: `worker crashed: ${e.message}`, kind: current.kind, file: current.file, ms: 0, bytes: current.bytes });
    });
    w.on('exit', () => {
      if (timer) clearTimeout(timer);
      res();
    });
  });
  while (next < total) {
    const count = Math.min(slice, total - next);
    const start = next;
    next += count;
    const before = done;
    await runBatch(start, count);
    // A batch cut short by a hang resumes after the mutant that hung.
    const ran = done - before;
    if (ran < count) next = start + ran + 1;
    process.stderr.write(`\rfuzz: ${done} mutants, ${failures.length} failures`);
  }
  process.stderr.write('\n');
  if (failures.length) {
    mkdirSync(outDir, { recursive: true });
    for (const f of failures) {
      writeFileSync(join(outDir, `mutant-${seed}-${f.i}.pcap`), f.bytes ?? new Uint8Array());
      process.stdout.write(`FAIL mutant ${f.i} (${f.kind}) of ${f.file}: ${f.reason}\n`);
    }
  }
  const secs = (Date.now() - t0) / 1000;
  process.stdout.write(`fuzz: ${done} mutants of ${seeds.length} seed captures in ${secs.toFixed(1)} s, ${failures.length} failures (seed ${seed})\n`);
  process.exit(failures.length ? 1 : 0);
}

if (isMainThread) {
  main().catch((e: unknown) => {
    process.stderr.write(`fuzz: ${(e as Error).message}\n`);
    process.exit(2);
  });
} else {
  void workerMain(workerData as Job);
}
