/** Buffered stdout that stops quietly when the reader goes away (`vpnshark … | head`). */
import { writeSync } from 'node:fs';

const LIMIT = 1 << 16;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair, 2 units, takes 4). */
const MAX_BYTES_PER_UNIT = 3;
/** Text longer than this is encoded a slice at a time, so no Buffer as big as a whole report is made. */
const SLICE = LIMIT / MAX_BYTES_PER_UNIT;

export class Out {
  /**
   * Lines are encoded straight into one reused buffer: collecting strings and joining them cost
   * a copy of every line and a Buffer the size of the batch, and was most of the printing time
   * on the one-line-per-packet path.
   */
  private readonly buf = Buffer.allocUnsafe(LIMIT * 2);
  private pos = 0;
  closed = false;

  constructor(private readonly fd = 1) {}

  line(s: string): void {
    if (this.closed) return;
    if (s.length > SLICE) {
      this.long(s);
    } else {
      if (this.pos + s.length * MAX_BYTES_PER_UNIT + 1 > this.buf.length) this.flush();
      this.pos += this.buf.write(s, this.pos, 'utf8');
    }
    this.buf[this.pos++] = 10;
    if (this.pos >= LIMIT) this.flush();
  }

  /** A report or JSON document of many megabytes: encoded slice by slice, never splitting a surrogate pair. */
  private long(s: string): void {
    for (let i = 0; i < s.length && !this.closed; ) {
      let j = Math.min(s.length, i + SLICE);
      const last = s.charCodeAt(j - 1);
      if (j < s.length && last >= 0xd800 && last <= 0xdbff) j--;
      this.flush();
      this.pos = this.buf.write(s.slice(i, j), 0, 'utf8');
      i = j;
    }
    if (this.pos + 1 > this.buf.length) this.flush();
  }

  flush(): void {
    if (this.closed || this.pos === 0) return;
    const b = this.buf;
    const end = this.pos;
    this.pos = 0;
    let off = 0;
    while (off < end) {
      try {
        off += writeSync(this.fd, b, off, end - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        throw e;
      }
    }
  }
}
