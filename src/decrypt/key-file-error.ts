/**
 * A key file that cannot be read as written. One error, naming the file and the 1-based line, so
 * the CLI can print it as `vpnshark: FILE:LINE: what is wrong` and stop: decrypting with half a key
 * table would silently show less than the user asked for.
 */
export class KeyFileError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line number; 0 when the problem is the file as a whole (missing, unreadable). */
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'KeyFileError';
  }
}
