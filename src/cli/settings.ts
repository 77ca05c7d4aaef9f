/**
 * Protocol settings from the command line: the generic -o NAME:VALUE (as tshark -o), and the
 * named options that are friendlier spellings of the same settings.
 */
import type { Argv } from 'yargs';
import { UsageError } from './errors.js';

export function asList(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** The options every command that dissects takes. */
export function settingsOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('o', { type: 'string', array: true, describe: 'protocol setting NAME:VALUE (as tshark -o), e.g. l2tp.secret:SECRET' })
    .option('keys', { type: 'string', describe: 'IPsec keys: a Wireshark configuration folder (esp_sa, ikev2_decryption_table, ikev1_decryption_table), one such file, or `ip xfrm state` output' })
    .option('l2tp-secret', { type: 'string', describe: 'L2TP tunnel secret, to decrypt hidden AVPs (RFC 2661 §4.3)' })
    .option('ppp-password', { type: 'string', array: true, describe: 'PPP password, or USER:PASSWORD, to verify MS-CHAPv2 and decrypt MPPE (repeatable)' })
    .option('ppp-nthash', { type: 'string', array: true, describe: 'NT hash of the PPP password (32 hex digits), instead of the password' }) as Argv<T>;
}

/** The settings some dissector reads; -o with another name is warned about (it would do nothing). */
export const KNOWN_SETTINGS: readonly string[] = [
  'keys', 'l2tp.secret', 'l2tp.cookie_size', 'l2tp.l2_specific', 'ppp.password', 'ppp.nthash', 'ppp.fcs_type',
  'pppoed.show_tags_and_lengths', 'esp.enable_null_encryption_decode_heuristic', 'session.idle_timeout',
];

/** -o pairs plus the named options, as one settings object for the engine. */
export function settingsFrom(args: Record<string, unknown>): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  const put = (k: string, v: string) => {
    const had = s[k];
    s[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  };
  for (const item of asList(args.o)) {
    const i = item.indexOf(':');
    if (i <= 0) throw new UsageError(`-o needs NAME:VALUE, got "${item}"`);
    const name = item.slice(0, i);
    if (name === 'session.idle_timeout' && !/^\d+$/.test(item.slice(i + 1))) {
      throw new UsageError(`-o session.idle_timeout needs whole seconds (0 keeps every session), got "${item.slice(i + 1)}"`);
    }
    if (!KNOWN_SETTINGS.includes(name)) process.stderr.write(`vpnshark: warning: -o ${name}: no dissector reads this setting (known: ${KNOWN_SETTINGS.join(', ')})\n`);
    put(name, item.slice(i + 1));
  }
  if (args.keys !== undefined) put('keys', String(args.keys));
  if (args['l2tp-secret'] !== undefined) put('l2tp.secret', String(args['l2tp-secret']));
  for (const p of asList(args['ppp-password'])) put('ppp.password', p);
  for (const h of asList(args['ppp-nthash'])) put('ppp.nthash', h);
  return s;
}
