/**
 * `ip xfrm state` output (Linux iproute2) as a key file: one SA per "src A dst B" block, with its
 * "proto esp spi 0x… reqid … mode …" line and its "enc", "auth"/"auth-trunc" or "aead" lines.
 * AH and IPComp states are skipped: only ESP carries encrypted data.
 */
import { KeyFileError } from './key-file-error.js';
import { parseHex } from './hex.js';
import { espAuthById, espCipherById, type EspAuth, type EspAuthId, type EspCipher } from './esp-algorithms.js';
import { parseAddressPattern } from './address-pattern.js';
import { checkEspKeys, type EspSa } from './esp-sa.js';

/** Does this text look like `ip xfrm state` output (rather than a Wireshark table)? */
export function looksLikeXfrmState(text: string): boolean {
  return /^src\s+\S+\s+dst\s+\S+/m.test(text) && /^\s+proto\s+(esp|ah|comp)\s+spi\s/m.test(text);
}

/** Kernel algorithm names (crypto API) to ours; the HMAC's default truncation is the kernel's (xfrm_algo.c). */
const ENC: Record<string, EspCipher['id']> = {
  'cbc(aes)': 'aes-cbc',
  'rfc3686(ctr(aes))': 'aes-ctr',
  'cbc(des3_ede)': '3des-cbc',
  'cbc(des)': 'des-cbc',
  'ecb(cipher_null)': 'null',
  'cipher_null': 'null',
};
const AUTH: Record<string, { id: EspAuthId; defaultBits: number }> = {
  'hmac(md5)': { id: 'hmac-md5-96', defaultBits: 96 },
  'hmac(sha1)': { id: 'hmac-sha1-96', defaultBits: 96 },
  'hmac(sha256)': { id: 'hmac-sha256-96', defaultBits: 96 },
  'hmac(sha384)': { id: 'hmac-sha384-192', defaultBits: 192 },
  'hmac(sha512)': { id: 'hmac-sha512-256', defaultBits: 256 },
  'digest_null': { id: 'null', defaultBits: 0 },
};
/** HMAC hash and truncation in bits to our integrity entry. */
const TRUNC: Record<string, EspAuthId> = {
  'md5/96': 'hmac-md5-96', 'sha1/96': 'hmac-sha1-96', 'sha256/96': 'hmac-sha256-96', 'sha256/128': 'hmac-sha256-128',
  'sha384/192': 'hmac-sha384-192', 'sha512/256': 'hmac-sha512-256',
};

interface Pending {
  line: number;
  src: string;
  dst: string;
  proto?: string;
  spi?: number;
  cipher?: EspCipher;
  encKey?: Uint8Array;
  auth?: EspAuth;
  authKey?: Uint8Array;
  icvLen?: number;
  esn: boolean;
}

/** Reads `ip xfrm state` output. Throws KeyFileError on the first line it cannot use. */
export function parseXfrmState(text: string, file: string): EspSa[] {
  const bad = (line: number, reason: string): never => {
    throw new KeyFileError(file, line, reason);
  };
  const out: EspSa[] = [];
  let cur: Pending | null = null;

  const finish = (p: Pending | null): void => {
    if (!p || p.proto !== 'esp') return;
    if (p.spi === undefined) bad(p.line, 'xfrm state: no SPI for this ESP state');
    if (!p.cipher || !p.encKey) bad(p.line, 'xfrm state: this ESP state has no "enc" or "aead" line');
    const auth = p.auth ?? espAuthById('null');
    const sa: EspSa = {
      family: p.src.includes(':') ? 'ipv6' : 'ipv4',
      src: parseAddressPattern(p.src) ?? bad(p.line, `xfrm state: "${p.src}" is not an address`),
      dst: parseAddressPattern(p.dst) ?? bad(p.line, `xfrm state: "${p.dst}" is not an address`),
      spi: { any: false, value: p.spi! },
      cipher: p.cipher!,
      encKey: p.encKey!,
      auth,
      authKey: p.authKey ?? new Uint8Array(0),
      icvLen: p.cipher!.aead ? p.icvLen ?? 16 : auth.icvLen,
      esn: p.esn,
      origin: `${file}:${p.line}`,
    };
    const problem = checkEspKeys(sa);
    if (problem) bad(p.line, `xfrm state: ${problem}`);
    out.push(sa);
  };

  const key = (line: number, t: string | undefined): Uint8Array => {
    if (t === undefined || t === '') return new Uint8Array(0);
    // iproute2 prints keys as 0x-prefixed hex; a quoted string key is printed as it was given.
    if (/^0x/i.test(t)) return parseHex(t) ?? bad(line, `xfrm state: key "${t.slice(0, 6)}…" is not hex`);
    return bad(line, 'xfrm state: key is not 0x-prefixed hex');
  };

  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const ln = n + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const tok = raw.trim().split(/\s+/);
    if (!/^\s/.test(raw)) {
      if (tok[0] !== 'src') bad(ln, `xfrm state: expected a "src ADDRESS dst ADDRESS" line, found "${tok[0]}"`);
      finish(cur);
      if (tok[2] !== 'dst' || tok.length < 4) bad(ln, 'xfrm state: expected "src ADDRESS dst ADDRESS"');
      cur = { line: ln, src: tok[1], dst: tok[3], esn: false };
      continue;
    }
    if (!cur) bad(ln, 'xfrm state: an indented line before the first "src … dst …" line');
    const c = cur!;
    switch (tok[0]) {
      case 'proto': {
        c.proto = tok[1];
        const i = tok.indexOf('spi');
        if (i < 0 || !/^0x[0-9a-fA-F]{1,8}$/.test(tok[i + 1] ?? '') && !/^\d+$/.test(tok[i + 1] ?? '')) bad(ln, 'xfrm state: "proto" line without a valid "spi"');
        c.spi = Number(tok[i + 1]) >>> 0;
        break;
      }
      case 'enc': {
        const id = ENC[tok[1]] ?? bad(ln, `xfrm state: encryption "${tok[1]}" is not one vpnshark can decrypt`);
        c.cipher = espCipherById(id);
        c.encKey = key(ln, tok[2]);
        break;
      }
      case 'aead': {
        const bits = Number(tok[3] ?? '128');
        if (![64, 96, 128].includes(bits)) bad(ln, `xfrm state: AEAD ICV of ${tok[3]} bits is not 64, 96 or 128`);
        if (tok[1] === 'rfc4106(gcm(aes))') c.cipher = espCipherById('aes-gcm', bits / 8);
        else if (tok[1] === 'rfc7539esp(chacha20,poly1305)') {
          if (bits !== 128) bad(ln, 'xfrm state: ChaCha20-Poly1305 has a 128-bit ICV');
          c.cipher = espCipherById('chacha20-poly1305');
        } else bad(ln, `xfrm state: AEAD "${tok[1]}" is not one vpnshark can decrypt`);
        c.encKey = key(ln, tok[2]);
        c.icvLen = bits / 8;
        break;
      }
      case 'auth':
      case 'auth-trunc': {
        const a = AUTH[tok[1]] ?? bad(ln, `xfrm state: authentication "${tok[1]}" is not one vpnshark can check`);
        const bits = tok[0] === 'auth-trunc' ? Number(tok[3]) : a.defaultBits;
        if (a.id === 'null') c.auth = espAuthById('null');
        else {
          const hash = tok[1].slice(5, -1);
          const id = TRUNC[`${hash}/${bits}`] ?? bad(ln, `xfrm state: ${tok[1]} truncated to ${tok[3]} bits is not supported`);
          c.auth = espAuthById(id);
        }
        c.authKey = key(ln, tok[2]);
        break;
      }
      default: {
        // iproute2 prints the flags after "replay-window N" on one line: "flag af-unspec esn".
        const f = tok.indexOf('flag');
        if (f >= 0 && tok.slice(f + 1).includes('esn')) c.esn = true;
        // encap, sel, lifetime, anti-replay, stats…: nothing decryption needs.
        break;
      }
    }
  }
  finish(cur);
  return out;
}
