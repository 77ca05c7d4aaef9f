/**
 * Entry point: opens the capture, then reads a regular file with a readSync loop straight into the
 * feeder's buffer, or anything else (gzip, standard input, pipes) as a stream copied into that buffer.
 * Both paths share every record rule through Feeder and the parsers.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CaptureError, type Frame, type ReadCapture } from './types.js';
import { Feeder, type FeedOptions } from './feeder.js';

export const readCapture: ReadCapture = async (path, onFrame, opts = {}) => {
  if (path === '-') return readCaptureStream(process.stdin, onFrame, opts);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fsError(e);
  }
  let owned = true;
  try {
    const st = fsCall(() => fstatSync(fd));
    if (st.isDirectory()) throw new CaptureError('is a directory');
    if (!st.isFile() || isGzip(fd)) {
      // The stream closes the descriptor itself.
      owned = false;
      return await readCaptureStream(createReadStream('', { fd, start: st.isFile() ? 0 : undefined, highWaterMark: 1024 * 1024 }), onFrame, opts);
    }
    readRegularFile(fd, st.size, onFrame, opts);
  } finally {
    if (owned) closeSync(fd);
  }
};

function isGzip(fd: number): boolean {
  const head = new Uint8Array(2);
  return fsCall(() => readSync(fd, head, 0, 2, 0)) === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Runs a file-system call, turning its failure into a CaptureError (errors from onFrame pass untouched). */
function fsCall<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw fsError(e);
  }
}

/** Regular files: no stream machinery, one buffer refilled in place. */
function readRegularFile(fd: number, size: number, onFrame: (f: Frame) => boolean | void, opts: FeedOptions): void {
  const f = new Feeder(onFrame, opts, false);
  let filePos = 0;
  for (;;) {
    if (!f.drain()) return;
    if (!f.makeRoom(Math.max(0, size - filePos))) {
      // The file is too short to hold what the length field claims: don't allocate for it.
      f.finish(size - filePos);
      return;
    }
    const n = fsCall(() => readSync(fd, f.buf, f.end, f.buf.length - f.end, filePos));
    if (n === 0) break;
    filePos += n;
    f.end += n;
    f.seen += n;
  }
  f.finish();
}

/**
 * Reads a capture from a stream (standard input, a pipe, a gzip file), decompressing it when it starts
 * with the gzip magic. Exported so that tests can feed it any Readable.
 */
export async function readCaptureStream(
  input: Readable,
  onFrame: (f: Frame) => boolean | void,
  opts: FeedOptions = {},
): Promise<void> {
  const src = input[Symbol.asyncIterator]() as AsyncIterator<Uint8Array | string>;
  const head: Uint8Array[] = [];
  let headLen = 0;
  let ended = false;
  try {
    while (headLen < 2) {
      const r = await src.next();
      if (r.done) {
        ended = true;
        break;
      }
      const c = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      head.push(c);
      headLen += c.length;
    }
  } catch (e) {
    throw isErrno(e) ? fsError(e) : e;
  }
  const first = head.length > 0 ? Buffer.concat(head) : Buffer.alloc(0);
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  async function* raw(): AsyncGenerator<Uint8Array> {
    try {
      if (first.length > 0) yield first;
      while (!ended) {
        const r = await src.next();
        if (r.done) return;
        yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      }
    } finally {
      if (!ended) await src.return?.();
    }
  }
  const body: AsyncIterable<Uint8Array> = gzip ? pipeline(Readable.from(raw()), createGunzip({ chunkSize: 256 * 1024 }), () => {}) : raw();
  const it = body[Symbol.asyncIterator]();
  const f = new Feeder(onFrame, opts, gzip);
  for (;;) {
    let r: IteratorResult<Uint8Array>;
    try {
      r = await it.next();
    } catch (e) {
      if (gzip && (e as { code?: string }).code === 'Z_BUF_ERROR') {
        // Everything before the cut has been decompressed and parsed; what follows is lost.
        f.warn('the compressed data is cut short: the capture appears to have been cut off');
        f.finish(0, true);
        return;
      }
      if (gzip && typeof (e as { code?: string }).code === 'string' && (e as { code: string }).code.startsWith('Z_')) {
        throw new CaptureError(`gzip data is corrupt (${(e as Error).message})`);
      }
      throw isErrno(e) ? fsError(e) : e;
    }
    if (r.done) break;
    let more: boolean;
    try {
      more = f.push(r.value);
    } catch (e) {
      await it.return?.();
      throw e;
    }
    if (!more) {
      await it.return?.();
      return;
    }
  }
  f.finish();
}

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall !== undefined;
}

/** A one-line message for a failed open or read, never the errno dump Node builds. */
function fsError(e: unknown): Error {
  if (!isErrno(e)) return e instanceof Error ? e : new Error(String(e));
  switch (e.code) {
    case 'ENOENT':
      return new CaptureError('no such file');
    case 'EISDIR':
      return new CaptureError('is a directory');
    case 'EACCES':
    case 'EPERM':
      return new CaptureError('permission denied');
    default:
      return new CaptureError(`cannot read (${e.code})`);
  }
}
