/** Test helper: the frames of a capture (copied), and the IPv4 datagrams inside Ethernet frames. */
import { readCapture } from '../../src/capture/reader.js';

export interface Ip4 {
  num: number;
  src: string;
  dst: string;
  proto: number;
  /** IP payload. */
  payload: Uint8Array;
  /** Offset of the IP payload in the frame. */
  off: number;
  frame: Uint8Array;
}

export async function frames(path: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  await readCapture(path, (f) => {
    out.push(Uint8Array.from(f.data));
  });
  return out;
}

export async function ipv4Datagrams(path: string): Promise<Ip4[]> {
  const out: Ip4[] = [];
  const all = await frames(path);
  all.forEach((f, i) => {
    if (f.length < 34 || f[12] !== 0x08 || f[13] !== 0x00) return;
    const ihl = (f[14] & 15) * 4;
    const total = (f[16] << 8) | f[17];
    const off = 14 + ihl;
    out.push({
      num: i + 1,
      src: Array.from(f.subarray(26, 30)).join('.'),
      dst: Array.from(f.subarray(30, 34)).join('.'),
      proto: f[23],
      payload: f.subarray(off, 14 + total),
      off,
      frame: f,
    });
  });
  return out;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/[\s:]/g, ''), 'hex'));
