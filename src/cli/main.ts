/** The composition root: loads every protocol once, then parses the command line. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readFileSync } from 'node:fs';
import '../protocols/index.js';
import { runRead } from './read.js';
import { COMMANDS } from './commands.js';
import { fail, UsageError } from './errors.js';
import { asList, settingsFrom, settingsOptions } from './settings.js';
import type { ColorMode } from '../output/colour.js';
import { langFromEnv, type Lang } from '../i18n/lang.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<void> {
  let file: string | null = null;
  try {
    await yargs(hideBin(['node', 'vpnshark', ...argv]))
      .scriptName('vpnshark')
      .usage('$0 [options] [-r] FILE\n\nA Wireshark-style dissector for VPN traffic: PPTP, GRE/PPP, L2TP, IPsec (ESP, AH, IKE, NAT-T).')
      .command(COMMANDS)
      .command('$0 [file]', 'read a capture and print its packets', (y) => settingsOptions(y
        .positional('file', { type: 'string', describe: 'capture file (pcap, pcapng, optionally gzip-compressed); - for standard input' })
        .option('r', { alias: 'read-file', type: 'string', describe: 'capture file to read (as tshark -r)' })
        .option('V', { type: 'boolean', describe: 'print the packet tree' })
        .option('x', { type: 'boolean', describe: 'print a hex and ASCII dump of the packet bytes' })
        .option('c', { type: 'number', describe: 'stop after this many packets' })
        .option('T', { choices: ['text', 'fields', 'json', 'ndjson'] as const, describe: 'output format' })
        .option('e', { type: 'string', array: true, describe: 'field to print with -T fields (repeatable)' })
        .option('E', { type: 'string', array: true, describe: 'fields option: header=y|n, separator=C, occurrence=f|l|a, aggregator=C, quote=d|s|n' })
        .option('q', { type: 'boolean', describe: 'print no packets' })
        .option('Y', { alias: 'display-filter', type: 'string', describe: 'display filter in Wireshark\'s syntax, e.g. "l2tp.tunnel == 4 && !l2tp.avp.hidden"' })
        .option('color', { choices: ['auto', 'always', 'never'] as const, default: 'auto' as const, describe: 'colour the one-line output' })
        .option('offsets', { type: 'boolean', describe: 'with -V: show [offset+length] of each item' })
        .option('explain', { type: 'boolean', describe: 'with -V: under each protocol and field, what it is for and where it is defined' })
        .option('lang', { choices: ['en', 'ja'] as const, describe: 'language of explanations and messages (default from LC_ALL/LC_MESSAGES/LANG)' })
        .option('layers', { type: 'boolean', describe: 'print each packet\'s encapsulation as a one-line diagram with byte ranges' })
        .option('annotate', { type: 'boolean', describe: 'with -x: colour and label the bytes of each field' })),
      async (args) => {
        file = (args.r as string | undefined) ?? (args.file as string | undefined) ?? null;
        if (!file) throw new UsageError('no capture file given (use -r FILE, or - for standard input)');
        if (args.c !== undefined && (!Number.isInteger(args.c) || (args.c as number) < 1)) throw new UsageError('-c needs a positive whole number');
        await runRead({
          file,
          verbose: !!args.V,
          hex: !!args.x,
          count: args.c as number | undefined,
          format: args.T as 'fields' | 'json' | 'ndjson' | 'text' | undefined,
          fields: asList(args.e),
          fieldOpts: asList(args.E),
          quiet: !!args.q,
          color: args.color as ColorMode,
          offsets: !!args.offsets,
          settings: settingsFrom(args as Record<string, unknown>),
          filter: args.Y as string | undefined,
          explain: !!args.explain,
          lang: (args.lang as Lang | undefined) ?? langFromEnv(),
          layers: !!args.layers,
          annotate: !!args.annotate,
        });
      })
      .version(version())
      .help()
      .alias('h', 'help')
      .strict()
      .fail((msg, err) => {
        if (err) throw err;
        throw new UsageError(msg);
      })
      .parseAsync();
  } catch (e) {
    fail(file, e);
  }
}
