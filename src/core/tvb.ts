/**
 * A bounds-checked view over packet bytes, after Wireshark's tvbuff.
 * Every read checks against the captured end; a read past it throws BoundsError,
 * which the engine turns into an expert item on the layer that was reading.
 */

export type BoundsKind = 'short' | 'malformed';

export class BoundsError extends Error {
  constructor(
    readonly kind: BoundsKind,
    message: string,
  ) {
    super(message);
    this.name = 'BoundsError';
  }
}

/** Raised by a dissector that finds a value it cannot go on from (a length smaller than its header, say). */
export function malformed(message: string): never {
  throw new BoundsError('malformed', message);
}

const td = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');

export class Tvb {
  /**
   * @param buf the backing bytes (a frame, or a reassembled or decrypted buffer)
   * @param base index in buf of this view's offset 0
   * @param length bytes available (captured)
   * @param reported bytes the packet says it has; reads between length and reported are "short", past it "malformed"
   * @param ds data source: 0 for the frame, otherwise the index of a reassembled or decrypted buffer
   * @param dsOff offset of this view's byte 0 within its data source
   */
  constructor(
    readonly buf: Uint8Array,
    readonly base: number,
    readonly length: number,
    readonly reported: number,
    readonly ds = 0,
    readonly dsOff = 0,
  ) {}

  static of(bytes: Uint8Array, ds = 0, reported = bytes.length): Tvb {
    return new Tvb(bytes, 0, bytes.length, Math.max(reported, bytes.length), ds, 0);
  }

  fail(off: number, len: number): never {
    const end = off + len;
    const kind: BoundsKind = off < 0 || len < 0 || end > this.reported ? 'malformed' : 'short';
    throw new BoundsError(
      kind,
      kind === 'short'
        ? `packet size limited during capture (needs ${end} bytes, ${this.length} captured)`
        : `needs ${end} bytes at offset ${off}, only ${this.reported} present`,
    );
  }

  /** Throws unless [off, off+len) lies within the captured bytes. */
  ensure(off: number, len: number): void {
    if (off < 0 || len < 0 || off + len > this.length) this.fail(off, len);
  }

  has(off: number, len: number): boolean {
    return off >= 0 && len >= 0 && off + len <= this.length;
  }

  remaining(off: number): number {
    return off >= this.length ? 0 : this.length - off;
  }

  reportedRemaining(off: number): number {
    return off >= this.reported ? 0 : this.reported - off;
  }

  u8(off: number): number {
    if (off < 0 || off >= this.length) this.fail(off, 1);
    return this.buf[this.base + off];
  }

  u16(off: number): number {
    if (off < 0 || off + 2 > this.length) this.fail(off, 2);
    const i = this.base + off;
    return (this.buf[i] << 8) | this.buf[i + 1];
  }

  u16le(off: number): number {
    if (off < 0 || off + 2 > this.length) this.fail(off, 2);
    const i = this.base + off;
    return this.buf[i] | (this.buf[i + 1] << 8);
  }

  u24(off: number): number {
    if (off < 0 || off + 3 > this.length) this.fail(off, 3);
    const i = this.base + off;
    return (this.buf[i] << 16) | (this.buf[i + 1] << 8) | this.buf[i + 2];
  }

  u32(off: number): number {
    if (off < 0 || off + 4 > this.length) this.fail(off, 4);
    const i = this.base + off;
    return ((this.buf[i] << 24) >>> 0) + ((this.buf[i + 1] << 16) | (this.buf[i + 2] << 8) | this.buf[i + 3]);
  }

  u32le(off: number): number {
    if (off < 0 || off + 4 > this.length) this.fail(off, 4);
    const i = this.base + off;
    return ((this.buf[i + 3] << 24) >>> 0) + ((this.buf[i + 2] << 16) | (this.buf[i + 1] << 8) | this.buf[i]);
  }

  u64(off: number): bigint {
    return (BigInt(this.u32(off)) << 32n) | BigInt(this.u32(off + 4));
  }

  /** Big-endian unsigned integer of 1..4 bytes. */
  uint(off: number, len: number): number {
    switch (len) {
      case 1: return this.u8(off);
      case 2: return this.u16(off);
      case 3: return this.u24(off);
      case 4: return this.u32(off);
      default: {
        this.ensure(off, len);
        let v = 0;
        for (let k = 0; k < len; k++) v = v * 256 + this.buf[this.base + off + k];
        return v;
      }
    }
  }

  /** A view (no copy) of len bytes; valid only as long as the frame buffer is. */
  bytes(off: number, len: number): Uint8Array {
    this.ensure(off, len);
    return this.buf.subarray(this.base + off, this.base + off + len);
  }

  /** A stable copy, for state kept beyond the current packet. */
  copy(off: number, len: number): Uint8Array {
    return Uint8Array.from(this.bytes(off, len));
  }

  hex(off: number, len: number): string {
    const b = this.bytes(off, len);
    let s = '';
    for (let k = 0; k < b.length; k++) s += HEX[b[k]];
    return s;
  }

  /** UTF-8 text (invalid sequences become U+FFFD); escaping for terminals happens at output. */
  utf8(off: number, len: number): string {
    return td.decode(this.bytes(off, len));
  }

  latin1(off: number, len: number): string {
    return latin1.decode(this.bytes(off, len));
  }

  /** A fixed-size string field padded with NULs: text up to the first NUL. */
  stringz(off: number, len: number): string {
    const b = this.bytes(off, len);
    let end = b.indexOf(0);
    if (end < 0) end = b.length;
    return td.decode(b.subarray(0, end));
  }

  ipv4(off: number): number {
    return this.u32(off);
  }

  /** A sub-view. len defaults to the rest; reportedLen defaults to len, capped by what this view reports. */
  sub(off: number, len = -1, reportedLen = -1): Tvb {
    if (off < 0 || off > this.length) this.fail(off, 0);
    const avail = this.length - off;
    const l = len < 0 ? avail : Math.min(len, avail);
    const rep = reportedLen >= 0 ? reportedLen : len >= 0 ? len : Math.max(this.reported - off, l);
    return new Tvb(this.buf, this.base + off, l, Math.max(rep, l), this.ds, this.dsOff + off);
  }

  /** Like sub(), but the claimed length must be captured in full or the read fails now. */
  subExact(off: number, len: number): Tvb {
    this.ensure(off, len);
    return new Tvb(this.buf, this.base + off, len, len, this.ds, this.dsOff + off);
  }
}

export const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexOf(b: Uint8Array, sep = ''): string {
  let s = '';
  for (let k = 0; k < b.length; k++) s += (k && sep ? sep : '') + HEX[b[k]];
  return s;
}
