/**
 * `--keys PATH` (settings key 'keys', a string or an array of them): a folder laid out as a
 * Wireshark configuration folder (esp_sa, ikev2_decryption_table, ikev1_decryption_table, and any
 * file holding `ip xfrm state` output), or one such file. Read once per run; a file that cannot be
 * read as written is a KeyFileError naming the file and line. Keys are never printed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { KeyFileError } from './key-file-error.js';
import { findEspSa, parseEspSaFile, type EspSa } from './esp-sa.js';
import { looksLikeXfrmState, parseXfrmState } from './xfrm-state.js';
import { ikev2SaKey, parseIkev1Table, parseIkev2Table, type Ikev1Key, type Ikev2Keys } from './ike-tables.js';
import { splitUatLine } from './uat.js';
import { toHex } from './hex.js';

export const KEYS_SETTING = 'keys';
const STATE_KEY = 'decrypt.keys';

export interface KeyStore {
  esp: EspSa[];
  ikev2: Map<string, Ikev2Keys>;
  /** By initiator cookie, 16 hex digits. */
  ikev1: Map<string, Ikev1Key>;
  /** The files read, for messages. */
  files: string[];
}

export function emptyKeyStore(): KeyStore {
  return { esp: [], ikev2: new Map(), ikev1: new Map(), files: [] };
}

type Kind = 'esp_sa' | 'ikev2' | 'ikev1' | 'xfrm';

const NAMED: Record<string, Kind> = {
  esp_sa: 'esp_sa',
  ikev2_decryption_table: 'ikev2',
  ikev1_decryption_table: 'ikev1',
};

/** What a single file given on its own holds: by name first, else by its first record. */
function sniff(file: string, text: string): Kind | null {
  const named = NAMED[basename(file)];
  if (named) return named;
  if (looksLikeXfrmState(text)) return 'xfrm';
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    let f: string[];
    try {
      f = splitUatLine(t);
    } catch {
      return null;
    }
    if ((f.length === 8 || f.length === 10) && /^(ipv4|ipv6|any)$/i.test(f[0])) return 'esp_sa';
    if (f.length === 8 && /^[0-9a-fA-F]{16}$/.test(f[0])) return 'ikev2';
    if (f.length === 2 && /^[0-9a-fA-F]{16}$/.test(f[0])) return 'ikev1';
    return null;
  }
  return null;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KeyFileError(file, 0, code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? String(e)})`);
  }
}

function add(store: KeyStore, kind: Kind, file: string, text: string): void {
  store.files.push(file);
  switch (kind) {
    case 'esp_sa':
      store.esp.push(...parseEspSaFile(text, file));
      break;
    case 'xfrm':
      store.esp.push(...parseXfrmState(text, file));
      break;
    case 'ikev2':
      for (const k of parseIkev2Table(text, file)) store.ikev2.set(ikev2SaKey(k.ispi, k.rspi), k);
      break;
    case 'ikev1':
      for (const k of parseIkev1Table(text, file)) store.ikev1.set(toHex(k.icookie), k);
      break;
  }
}

/** Reads one --keys argument into store. */
export function loadKeyPath(store: KeyStore, path: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new KeyFileError(path, 0, 'no such file or directory');
  }
  if (!isDir) {
    const text = readText(path);
    const kind = sniff(path, text);
    if (!kind) throw new KeyFileError(path, 0, 'not an esp_sa, ikev2_decryption_table or ikev1_decryption_table file, nor `ip xfrm state` output');
    add(store, kind, path, text);
    return;
  }
  let found = 0;
  for (const name of readdirSync(path).sort()) {
    const file = join(path, name);
    const named = NAMED[name];
    if (named) {
      add(store, named, file, readText(file));
      found++;
      continue;
    }
    // Other files in the folder (Wireshark's preferences, notes) count only when they are xfrm output.
    let st;
    try {
      st = statSync(file);
    } catch {
      continue;
    }
    if (!st.isFile() || st.size > 16 * 1024 * 1024) continue;
    const text = readText(file);
    if (looksLikeXfrmState(text)) {
      add(store, 'xfrm', file, text);
      found++;
    }
  }
  if (!found) throw new KeyFileError(path, 0, 'holds no esp_sa, ikev2_decryption_table, ikev1_decryption_table or `ip xfrm state` file');
}

export function loadKeys(paths: string | readonly string[]): KeyStore {
  const store = emptyKeyStore();
  for (const p of typeof paths === 'string' ? [paths] : paths) loadKeyPath(store, p);
  return store;
}

function settingPaths(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.flatMap(settingPaths);
  return [String(v)];
}

/**
 * The run's key store, read on first use from settings['keys']; null when no keys were given.
 * The CLI should call this once before reading packets so a bad key file stops the run up front.
 */
export function keyStoreOf(engine: { settings: Record<string, unknown>; state<T>(key: string, init: () => T): T }): KeyStore | null {
  const paths = settingPaths(engine.settings[KEYS_SETTING]);
  if (paths.length === 0) return null;
  return engine.state(STATE_KEY, () => loadKeys(paths));
}

export function findIkev2Keys(store: KeyStore, ispi: Uint8Array, rspi: Uint8Array): Ikev2Keys | undefined {
  return store.ikev2.get(ikev2SaKey(ispi, rspi));
}

export function findIkev1Key(store: KeyStore, icookie: Uint8Array): Ikev1Key | undefined {
  return store.ikev1.get(toHex(icookie));
}

export { findEspSa };
