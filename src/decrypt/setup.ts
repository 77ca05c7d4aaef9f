/**
 * What the CLI calls once, after making the Engine and before the first packet, so that a bad key
 * file or NT hash stops the run with one clear line instead of silently decrypting nothing
 * (the dissectors themselves treat unreadable keys as no keys).
 */
import type { Engine } from '../core/engine.js';
import { keyStoreOf } from './keys.js';
import { KeyFileError } from './key-file-error.js';
import { pppCredentialsOf } from './ppp-plugin.js';
import { PppCredentialError } from './ppp-credentials.js';

/** Reads --keys and the PPP credentials now. Throws KeyFileError or PppCredentialError. */
export function prepareDecryption(engine: Engine): void {
  keyStoreOf(engine);
  pppCredentialsOf(engine);
}

/**
 * The one line to print for a setup error (`vpnshark: ` goes before it), or null when `e` is not
 * one. A KeyFileError's message already starts with FILE:LINE.
 */
export function decryptionSetupMessage(e: unknown): string | null {
  if (e instanceof KeyFileError || e instanceof PppCredentialError) return e.message;
  return null;
}
