/** One clear line on stderr and a non-zero status, never a stack trace. */
import { CaptureError } from '../capture/types.js';
import { decryptionSetupMessage } from '../decrypt/setup.js';

export class UsageError extends Error {}

export function fail(file: string | null, e: unknown): never {
  const msg = e instanceof Error ? e.message : String(e);
  const keyProblem = decryptionSetupMessage(e);
  if (keyProblem) {
    // The message names the key file and line itself.
    process.stderr.write(`vpnshark: ${keyProblem}\n`);
    process.exit(2);
  }
  if (e instanceof CaptureError || e instanceof UsageError) {
    process.stderr.write(`vpnshark: ${file ? `${file}: ` : ''}${msg}\n`);
    process.exit(2);
  }
  process.stderr.write(`vpnshark: ${file ? `${file}: ` : ''}internal error: ${msg}\n`);
  if (process.env.VPNSHARK_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(70);
}
