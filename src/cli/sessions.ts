/** `vpnshark sessions FILE…`: per-session summaries (tables, or -T json with a stable schema). */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CommandModule } from 'yargs';
import type { SummariseOptions } from '../sessions/run.js';
import { mergeDocs, type SessionsDoc } from '../sessions/summary.js';
import { settingsFrom, settingsOptions } from './settings.js';
import { compileDisplayFilter } from './read.js';
import { Out } from './output.js';
import { UsageError } from './errors.js';
import { texts } from '../i18n/index.js';
import { langFromEnv, type Lang } from '../i18n/lang.js';
import type { MsChapV2ExportFormat } from '../decrypt/mschapv2-export.js';

function progress(): SummariseOptions['progress'] {
  if (!process.stderr.isTTY) return undefined;
  const t0 = Date.now();
  return (n, bytes) => {
    const s = (Date.now() - t0) / 1000 || 1e-3;
    process.stderr.write(`\r${n.toLocaleString('en')} packets, ${(bytes / 1e6).toFixed(0)} MB, ${Math.round(n / s).toLocaleString('en')} packets/s `);
  };
}

function inWorker(path: string, opts: Omit<SummariseOptions, 'progress'>): Promise<SessionsDoc> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('../sessions/worker.js', import.meta.url), { workerData: { path, opts } });
    w.once('message', (m: { ok: boolean; doc?: SessionsDoc; error?: string }) => (m.ok ? resolve(m.doc!) : reject(new Error(m.error))));
    w.once('error', reject);
  });
}

/** Summaries of several files, spread over up to `jobs` worker threads, in the order given. */
export async function summariseAll(files: string[], opts: Omit<SummariseOptions, 'progress'>, jobs: number): Promise<SessionsDoc> {
  if (files.length === 1 || jobs <= 1) {
    // Loaded when the command runs, so that other commands start without it.
    const { summariseFile } = await import('../sessions/run.js');
    const docs: SessionsDoc[] = [];
    for (const f of files) docs.push(await summariseFile(f, { ...opts, progress: progress() }));
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    return mergeDocs(docs);
  }
  const docs: SessionsDoc[] = new Array(files.length);
  let next = 0;
  const run = async () => {
    while (next < files.length) {
      const i = next++;
      docs[i] = await inWorker(files[i], opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, run));
  return mergeDocs(docs);
}

export const sessionsCommand: CommandModule = {
  command: 'sessions <files..>',
  describe: 'summarise every PPTP call, L2TP tunnel and session, IKE SA and ESP/AH SA, with findings',
  builder: (y) => settingsOptions(y
    .positional('files', { type: 'string', array: true, describe: 'capture files' })
    .option('T', { choices: ['text', 'json'] as const, describe: 'tables (text) or one JSON document' })
    .option('lang', { choices: ['en', 'ja'] as const, describe: 'language of the table titles (default from LC_ALL/LC_MESSAGES/LANG)' })
    .option('Y', { alias: 'display-filter', type: 'string', describe: 'only packets matching this display filter feed the summaries' })
    .option('j', { type: 'number', describe: 'worker threads for several files (default: the number of cores)' })
    .option('export-mschapv2', { choices: ['hashcat', 'john', 'asleap'] as const, describe: 'print each captured MS-CHAPv2 handshake as input for a password cracker (hashcat -m 5500, John NETNTLM, asleap) instead of the summary' })),
  handler: async (args) => {
    const files = (args.files as string[] | undefined) ?? [];
    if (!files.length) throw new UsageError('sessions needs at least one capture file');
    const filter = args.Y as string | undefined;
    if (filter) compileDisplayFilter(filter);
    const jobs = args.j === undefined ? cpus().length : Number(args.j);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('-j needs a positive whole number');
    const exportMschapv2 = args['export-mschapv2'] as MsChapV2ExportFormat | undefined;
    const doc = await summariseAll(files, { settings: settingsFrom(args as Record<string, unknown>), filter, exportMschapv2 }, jobs);
    const out = new Out();
    if (exportMschapv2) {
      const lines = doc.mschapv2_export ?? [];
      process.stderr.write(`vpnshark: warning: ${lines.length} MS-CHAPv2 handshake(s) exported. This is what an attacker who recorded this traffic can do: `
        + 'each line lets a password cracker test guesses offline, and one DES search of 2^56 keys recovers the NT hash whatever the password.\n');
      for (const l of lines) out.line(l);
    } else {
      if (args.T === 'json') {
        // Written piece by piece: the same bytes as JSON.stringify(doc, null, 2), without one huge string.
        out.json(doc);
        out.line('');
      } else {
        const { sessionTables } = await import('../output/session-tables.js');
        out.line(sessionTables(doc, texts((args.lang as Lang | undefined) ?? langFromEnv())));
      }
    }
    out.flush();
    const bad = doc.files.filter((f) => f.error);
    for (const f of bad) process.stderr.write(`vpnshark: ${f.file}: ${f.error}\n`);
    if (bad.length) process.exitCode = 2;
  },
};
