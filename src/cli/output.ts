/** Buffered stdout that stops quietly when the reader goes away (`vpnshark … | head`). */
import { writeSync } from 'node:fs';

const LIMIT = 1 << 16;

export class Out {
  private buf: string[] = [];
  private size = 0;
  closed = false;

  constructor(private readonly fd = 1) {}

  line(s: string): void {
    if (this.closed) return;
    this.buf.push(s, '\n');
    this.size += s.length + 1;
    if (this.size >= LIMIT) this.flush();
  }

  flush(): void {
    if (this.closed || this.size === 0) return;
    const data = this.buf.join('');
    this.buf = [];
    this.size = 0;
    const b = Buffer.from(data, 'utf8');
    let off = 0;
    while (off < b.length) {
      try {
        off += writeSync(this.fd, b, off, b.length - off);
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
