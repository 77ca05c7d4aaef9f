/** Small helpers for building packets byte by byte (the sample generator writes network byte order). */

export function u8(v: number): Uint8Array {
  return Uint8Array.of(v & 0xff);
}

export function u16(v: number): Uint8Array {
  return Uint8Array.of((v >>> 8) & 0xff, v & 0xff);
}

export function u24(v: number): Uint8Array {
  return Uint8Array.of((v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

export function u32(v: number): Uint8Array {
  return Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

export function u64(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function ascii(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

/** A NUL-padded fixed-size text field (PPTP host and vendor names, phone numbers). */
export function fixedString(s: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(ascii(s).subarray(0, size));
  return out;
}

export function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/[\s:]/g, ''), 'hex'));
}

export function toHex(b: Uint8Array, upper = false): string {
  const s = Buffer.from(b).toString('hex');
  return upper ? s.toUpperCase() : s;
}

export function ipv4(s: string): Uint8Array {
  const parts = s.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`bad IPv4 address ${s}`);
  return Uint8Array.from(parts);
}

export function ipv6(s: string): Uint8Array {
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8) throw new Error(`bad IPv6 address ${s}`);
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  return out;
}

export function mac(s: string): Uint8Array {
  const b = hex(s);
  if (b.length !== 6) throw new Error(`bad MAC address ${s}`);
  return b;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
