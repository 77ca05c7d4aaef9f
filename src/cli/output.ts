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
    this.text(s);
    if (this.closed) return;
    this.buf[this.pos++] = 10;
    if (this.pos >= LIMIT) this.flush();
  }

  /** Text without a line end, for output written in pieces (a JSON document streamed value by value). */
  text(s: string): void {
    if (this.closed) return;
    if (s.length > SLICE) {
      this.long(s);
    } else {
      if (this.pos + s.length * MAX_BYTES_PER_UNIT + 1 > this.buf.length) this.flush();
      this.pos += this.buf.write(s, this.pos, 'utf8');
    }
  }

  /**
   * A value as JSON.stringify(value, null, 2) writes it, byte for byte, but streamed: arrays and
   * objects near the top are written member by member, so a sessions document of many megabytes
   * never exists as one string (that string, and JSON.stringify's copies of it, set the peak memory).
   */
  json(value: unknown, indent = '', depth = 3): void {
    if (depth > 0 && Array.isArray(value)) {
      if (value.length === 0) return this.text('[]');
      const inner = indent + '  ';
      this.text('[');
      for (let i = 0; i < value.length; i++) {
        this.text((i ? ',\n' : '\n') + inner);
        // As in JSON.stringify, array holes and values JSON cannot show are written as null.
        const v = value[i];
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') this.text('null');
        else this.json(v, inner, depth - 1);
      }
      this.text('\n' + indent + ']');
      return;
    }
    if (depth > 0 && isPlainObject(value)) {
      const keys = Object.keys(value).filter((k) => {
        const v = value[k];
        return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
      });
      if (keys.length === 0) return this.text('{}');
      const inner = indent + '  ';
      this.text('{');
      keys.forEach((k, i) => {
        this.text(`${i ? ',\n' : '\n'}${inner}${JSON.stringify(k)}: `);
        this.json(value[k], inner, depth - 1);
      });
      this.text('\n' + indent + '}');
      return;
    }
    // Deeper down, JSON.stringify itself; its line breaks are only ever between items (a newline
    // inside a string is escaped), so indenting every line break places the value at this depth.
    const s = JSON.stringify(value, null, 2);
    this.text(indent && s.includes('\n') ? s.replace(/\n/g, '\n' + indent) : s);
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

/** An object JSON.stringify writes member by member (not one with toJSON, a Date, a Map, …). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}
