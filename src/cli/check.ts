/** `vpnshark check FILE…`: a CI gate. Exit 0 when every rule passes, 1 when one breaks, 2 when a file cannot be read or the options are wrong. */
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { settingsFrom, settingsOptions } from './settings.js';
import type { Severity } from '../core/expert.js';
import type { FileReport } from '../check/run.js';
import { compileDisplayFilter } from './read.js';
import { UsageError } from './errors.js';
import { Out } from './output.js';
import { texts } from '../i18n/index.js';
import { langFromEnv, type Lang } from '../i18n/lang.js';

export interface CheckArgs {
  files: string[];
  failOn: Severity;
  forbid: string[];
  require: string[];
  expect: string[];
  junit?: string;
  json: boolean;
  lang?: Lang;
  github: boolean;
  settings: Record<string, unknown>;
}

export function checkOptions(y: Argv): Argv {
  return y
    .positional('files', { type: 'string', array: true, describe: 'capture files' })
    .option('fail-on', { choices: ['error', 'warn', 'note'] as const, default: 'error' as const, describe: 'lowest severity of a finding that fails the check' })
    .option('forbid', { type: 'string', describe: 'comma list: pptp, l2tp-without-ipsec, ikev1, aggressive-mode, weak-crypto, cleartext-auth' })
    .option('require', { type: 'string', describe: 'comma list of what must appear: esp, ah, ike, pptp, gre, l2tp, ppp, nat-t' })
    .option('expect', { type: 'string', array: true, describe: 'display filter that at least one packet must match (repeatable)' })
    .option('junit', { type: 'string', describe: 'write a JUnit XML report to this file' })
    .option('T', { choices: ['text', 'json'] as const, describe: 'report format on stdout' })
    .option('lang', { choices: ['en', 'ja'] as const, describe: 'language of the text report (default from LC_ALL/LC_MESSAGES/LANG)' })
    .option('github', { type: 'boolean', describe: 'print GitHub Actions ::error/::warning annotation lines' });
}

const splitList = (v: unknown): string[] => (v === undefined ? [] : String(v).split(',').map((s) => s.trim()).filter(Boolean));

export function checkArgs(args: Record<string, unknown>, settings: Record<string, unknown>): CheckArgs {
  const files = (args.files as string[] | undefined) ?? [];
  if (!files.length) throw new UsageError('check needs at least one capture file');
  return {
    files,
    failOn: args['fail-on'] as Severity,
    forbid: splitList(args.forbid),
    require: splitList(args.require),
    expect: ((args.expect as string[] | undefined) ?? []).map(String),
    junit: args.junit as string | undefined,
    json: args.T === 'json',
    lang: args.lang as Lang | undefined,
    github: !!args.github,
    settings,
  };
}

export async function runCheck(a: CheckArgs): Promise<number> {
  // Loaded when the command runs, so that other commands start without them.
  const { checkFile, unknownRules } = await import('../check/run.js');
  const { githubReport, jsonReport, junitReport, textReport } = await import('../check/report.js');
  const expect = a.expect.map((text) => ({ text, filter: compileDisplayFilter(text) }));
  const opts = { failOn: a.failOn, forbid: a.forbid, require: a.require, expect, settings: a.settings };
  const bad = unknownRules(opts);
  if (bad.length) throw new UsageError(`unknown rule: ${bad.join('; ')}`);
  const reports: FileReport[] = [];
  for (const f of a.files) reports.push(await checkFile(f, opts));
  const out = new Out();
  if (a.github) out.line(githubReport(reports));
  out.line(a.json ? jsonReport(reports) : textReport(reports, texts(a.lang ?? langFromEnv())));
  out.flush();
  if (a.junit) writeFileSync(a.junit, junitReport(reports));
  if (reports.some((r) => r.error)) {
    for (const r of reports) if (r.error) process.stderr.write(`vpnshark: ${r.file}: ${r.error}\n`);
    return 2;
  }
  return reports.some((r) => r.rules.some((x) => !x.passed)) ? 1 : 0;
}

export const checkCommand: CommandModule = {
  command: 'check <files..>',
  describe: 'judge captures against a policy for CI: exit 0 pass, 1 fail, 2 unreadable',
  builder: (y) => settingsOptions(checkOptions(y)),
  handler: async (args) => {
    process.exitCode = await runCheck(checkArgs(args as Record<string, unknown>, settingsFrom(args as Record<string, unknown>)));
  },
};
