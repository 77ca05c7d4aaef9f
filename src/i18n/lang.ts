/** The languages vpnshark explains itself in, and how the default is picked from the locale. */

export type Lang = 'en' | 'ja';

export const LANGS: readonly Lang[] = ['en', 'ja'];

/**
 * The language the POSIX locale asks for: LC_ALL wins over LC_MESSAGES, which wins over LANG
 * (the order setlocale() uses). "ja_JP.UTF-8", "ja" and "ja_JP" all mean Japanese; anything else,
 * or nothing, means English.
 */
export function langFromEnv(env: Record<string, string | undefined> = process.env): Lang {
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[k];
    if (v) return /^ja([_.@-]|$)/i.test(v) ? 'ja' : 'en';
  }
  return 'en';
}

export function isLang(s: unknown): s is Lang {
  return s === 'en' || s === 'ja';
}
