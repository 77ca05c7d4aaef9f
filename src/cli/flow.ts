/** `vpnshark flow FILE [--session ID]`: ladder diagrams of the capture's VPN sessions in the terminal. */
import type { CommandModule } from 'yargs';
import { settingsFrom, settingsOptions } from './settings.js';
import { UsageError } from './errors.js';
import { Out } from './output.js';
import { texts } from '../i18n/index.js';
import { langFromEnv, type Lang } from '../i18n/lang.js';

export interface FlowArgs {
  file: string;
  session?: number;
  lang: Lang;
  settings: Record<string, unknown>;
}

export async function runFlow(a: FlowArgs): Promise<number> {
  const t = texts(a.lang);
  // Loaded when the command runs, so that other commands start without them.
  const { flowSessions } = await import('../flow/run.js');
  const { renderFlow } = await import('../flow/text.js');
  const sessions = await flowSessions(a.file, a.settings);
  const out = new Out();
  if (a.session !== undefined) {
    const s = sessions.find((x) => x.id === a.session);
    if (!s) throw new UsageError(t.msg('flow.no_such_session', { id: a.session, count: sessions.length }));
    out.line(renderFlow([s], t));
  } else if (!sessions.length) {
    out.line(t.msg('flow.no_sessions'));
  } else {
    out.line(renderFlow(sessions, t));
    if (sessions.length > 1) out.line(`\n${t.msg('flow.sessions_found', { count: sessions.length })}`);
  }
  out.flush();
  return 0;
}

export const flowCommand: CommandModule = {
  command: 'flow <file>',
  describe: 'draw each VPN session as a ladder diagram: one arrow per control message, data folded into runs',
  builder: (y) => settingsOptions(y
    .positional('file', { type: 'string', describe: 'capture file (pcap, pcapng, optionally gzip-compressed); - for standard input' })
    .option('session', { type: 'number', describe: 'draw only this session (sessions are numbered from 1 in order of appearance)' })
    .option('lang', { choices: ['en', 'ja'] as const, describe: 'language of headings and messages (default from LC_ALL/LC_MESSAGES/LANG)' })),
  handler: async (args) => {
    const session = args.session as number | undefined;
    if (session !== undefined && (!Number.isInteger(session) || session < 1)) throw new UsageError('--session needs a session number (1, 2, …)');
    process.exitCode = await runFlow({
      file: String(args.file),
      session,
      lang: (args.lang as Lang | undefined) ?? langFromEnv(),
      settings: settingsFrom(args as Record<string, unknown>),
    });
  },
};
