/** `vpnshark report FILE -o report.html`: one self-contained HTML report of a capture. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { settingsFrom } from './settings.js';
import { UsageError } from './errors.js';
import { DEFAULT_MAX_PACKETS } from '../report/limits.js';
import { texts } from '../i18n/index.js';
import { langFromEnv, type Lang } from '../i18n/lang.js';

export interface ReportArgs {
  file: string;
  output: string;
  lang: Lang;
  maxPackets: number;
  settings: Record<string, unknown>;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export async function runReport(a: ReportArgs): Promise<number> {
  const t = texts(a.lang);
  // Loaded when the command runs, so that other commands start without them.
  const { collectReport } = await import('../report/collect.js');
  const { reportHtml } = await import('../report/html.js');
  const data = await collectReport(a.file, { settings: a.settings, maxPackets: a.maxPackets, texts: t });
  const html = reportHtml(data, t, version());
  if (a.output === '-') process.stdout.write(html);
  else writeFileSync(a.output, html);
  return 0;
}

export const reportCommand: CommandModule = {
  command: 'report <file>',
  describe: 'write one self-contained HTML report: sessions, ladder diagrams, findings and a packet browser',
  builder: (y) => y
    .positional('file', { type: 'string', describe: 'capture file (pcap, pcapng, optionally gzip-compressed); - for standard input' })
    // In this command -o names the output, as in most report writers; protocol settings use --set.
    .option('o', { alias: 'output', type: 'string', demandOption: true, describe: 'HTML file to write (- for standard output)' })
    .option('set', { type: 'string', array: true, describe: 'protocol setting NAME:VALUE (what -o is for the other commands)' })
    .option('keys', { type: 'string', describe: 'IPsec keys: a Wireshark configuration folder, one such file, or `ip xfrm state` output' })
    .option('l2tp-secret', { type: 'string', describe: 'L2TP tunnel secret, to decrypt hidden AVPs (RFC 2661 §4.3)' })
    .option('ppp-password', { type: 'string', array: true, describe: 'PPP password, or USER:PASSWORD, to verify MS-CHAPv2 and decrypt MPPE (repeatable)' })
    .option('ppp-nthash', { type: 'string', array: true, describe: 'NT hash of the PPP password (32 hex digits), instead of the password' })
    .option('lang', { choices: ['en', 'ja'] as const, describe: 'language of headings and explanations (default from LC_ALL/LC_MESSAGES/LANG)' })
    .option('max-packets', { type: 'number', default: DEFAULT_MAX_PACKETS, describe: 'packets kept for the packet browser (all are counted in sessions and findings)' }),
  handler: async (args) => {
    const max = args['max-packets'] as number;
    if (!Number.isInteger(max) || max < 0) throw new UsageError('--max-packets needs a whole number');
    const a = args as Record<string, unknown>;
    process.exitCode = await runReport({
      file: String(args.file),
      output: String(args.o),
      lang: (args.lang as Lang | undefined) ?? langFromEnv(),
      maxPackets: max,
      settings: settingsFrom({ ...a, o: a.set }),
    });
  },
};
