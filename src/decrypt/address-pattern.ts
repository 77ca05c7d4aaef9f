/**
 * Address and SPI patterns of Wireshark's esp_sa table: "*" for anything, "*" in place of an IPv4
 * octet or an IPv6 group, an optional "/prefix", and SPIs either as a number or as "0x" followed by
 * eight hex digits some of which may be "*".
 */

export interface AddressPattern {
  /** 4 or 16 bytes; null for "*" (any address of either family). */
  value: Uint8Array | null;
  mask: Uint8Array | null;
}

/** IPv4 dotted quad or IPv6 text to bytes; null when it is neither. */
export function parseAddress(text: string): Uint8Array | null {
  return text.includes(':') ? parseIpv6(text, false)?.value ?? null : parseIpv4(text, false)?.value ?? null;
}

function parseIpv4(text: string, wild: boolean): { value: Uint8Array; mask: Uint8Array } | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const value = new Uint8Array(4);
  const mask = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (wild && p === '*') continue;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    value[i] = Number(p);
    mask[i] = 0xff;
  }
  return { value, mask };
}

function parseIpv6(text: string, wild: boolean): { value: Uint8Array; mask: Uint8Array } | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string): string[] | null => {
    if (s === '') return [];
    const g = s.split(':');
    // An embedded IPv4 address at the end counts as two groups.
    const last = g[g.length - 1];
    if (last.includes('.')) {
      const v4 = parseIpv4(last, wild);
      if (!v4) return null;
      g.pop();
      g.push(((v4.value[0] << 8) | v4.value[1]).toString(16), ((v4.value[2] << 8) | v4.value[3]).toString(16));
    }
    return g;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const value = new Uint8Array(16);
  const mask = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = groups[i];
    if (wild && g === '*') continue;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const v = parseInt(g, 16);
    value[i * 2] = v >> 8;
    value[i * 2 + 1] = v & 0xff;
    mask[i * 2] = mask[i * 2 + 1] = 0xff;
  }
  return { value, mask };
}

/** Parses an address pattern; returns null when it is not one. */
export function parseAddressPattern(text: string): AddressPattern | null {
  const t = text.trim();
  if (t === '*') return { value: null, mask: null };
  const slash = t.indexOf('/');
  const addr = slash < 0 ? t : t.slice(0, slash);
  const p = addr.includes(':') ? parseIpv6(addr, true) : parseIpv4(addr, true);
  if (!p) return null;
  if (slash >= 0) {
    const bitsText = t.slice(slash + 1);
    const bits = Number(bitsText);
    if (!/^\d+$/.test(bitsText) || bits > p.value.length * 8) return null;
    for (let i = 0; i < p.mask.length; i++) {
      const keep = Math.max(0, Math.min(8, bits - i * 8));
      p.mask[i] &= (0xff << (8 - keep)) & 0xff;
    }
  }
  for (let i = 0; i < p.value.length; i++) p.value[i] &= p.mask[i];
  return p;
}

export function addressMatches(p: AddressPattern, addr: Uint8Array): boolean {
  if (!p.value || !p.mask) return true;
  if (addr.length !== p.value.length) return false;
  for (let i = 0; i < addr.length; i++) if ((addr[i] & p.mask[i]) !== p.value[i]) return false;
  return true;
}

export type SpiPattern = { any: true } | { any: false; value: number } | { any: false; digits: string };

/** "*", a number (0x hex, leading-0 octal or decimal, as C's strtoul base 0), or "0x" + 8 digits with '*'. */
export function parseSpiPattern(text: string): SpiPattern | null {
  const t = text.trim();
  if (t === '*') return { any: true };
  if (t.includes('*')) {
    if (!/^0[xX][0-9a-fA-F*]{8}$/.test(t)) return null;
    return { any: false, digits: t.slice(2).toLowerCase() };
  }
  let v: number;
  if (/^0[xX][0-9a-fA-F]{1,8}$/.test(t)) v = parseInt(t.slice(2), 16);
  else if (/^0[0-7]+$/.test(t)) v = parseInt(t, 8);
  else if (/^\d+$/.test(t)) v = Number(t);
  else return null;
  if (!(v >= 0 && v <= 0xffffffff)) return null;
  return { any: false, value: v };
}

export function spiMatches(p: SpiPattern, spi: number): boolean {
  if (p.any) return true;
  if ('value' in p) return p.value === spi >>> 0;
  const s = (spi >>> 0).toString(16).padStart(8, '0');
  for (let i = 0; i < 8; i++) if (p.digits[i] !== '*' && p.digits[i] !== s[i]) return false;
  return true;
}
