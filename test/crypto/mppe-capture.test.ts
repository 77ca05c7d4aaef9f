/**
 * The MS-CHAPv2 and MPPE code against a capture made by someone else (scapy-crafted PPTP with a
 * published password): the NT-Response we compute must be the one on the wire, the start keys the
 * ones in its keys.txt, and every encrypted frame must decrypt to an IPv4 packet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MppeDirection, mppeStartKeys } from '../../src/crypto/mppe.js';
import { generateAuthenticatorResponse, generateNtResponse } from '../../src/crypto/mschapv2.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/captures');
const capture = resolve(shared, 'pptp-gre-ppp-mschapv2-mppe-crafted-scapy.pcap');
const keysFile = resolve(shared, 'keys/pptp-gre-ppp-mschapv2-mppe-crafted-scapy/keys.txt');

/** GRE v1 PPP payloads of an Ethernet/IPv4 classic pcap: source address, PPP protocol, PPP data. */
function pppFrames(buf: Buffer): { src: string; proto: number; data: Buffer }[] {
  const out: { src: string; proto: number; data: Buffer }[] = [];
  for (let p = 24; p + 16 <= buf.length; ) {
    const cap = buf.readUInt32LE(p + 8);
    const f = buf.subarray(p + 16, p + 16 + cap);
    p += 16 + cap;
    if (f.readUInt16BE(12) !== 0x0800 || f[14 + 9] !== 47) continue;
    const g = f.subarray(14 + (f[14] & 15) * 4);
    const flags = g.readUInt16BE(0);
    const len = g.readUInt16BE(4);
    if (len === 0) continue;
    let o = 8 + (flags & 0x1000 ? 4 : 0) + (flags & 0x0080 ? 4 : 0);
    if (g[o] === 0xff && g[o + 1] === 0x03) o += 2;
    const proto = g[o] & 1 ? g[o] : g.readUInt16BE(o);
    o += g[o] & 1 ? 1 : 2;
    out.push({ src: [...f.subarray(26, 30)].join('.'), proto, data: g.subarray(o) });
  }
  return out;
}

describe.skipIf(!existsSync(capture) || !existsSync(keysFile))('MS-CHAPv2 and MPPE on the scapy PPTP capture', () => {
  it('recomputes the NT-Response, the S= response and the start keys, and decrypts every MPPE frame', () => {
    const keys = readFileSync(keysFile, 'utf8');
    const password = keys.match(/password=(\S+)/)![1];
    const frames = pppFrames(readFileSync(capture));
    const chap = frames.filter((f) => f.proto === 0xc223).map((f) => f.data);
    const challenge = chap.find((c) => c[0] === 1)!;
    const response = chap.find((c) => c[0] === 2)!;
    const success = chap.find((c) => c[0] === 3)!;
    const authChallenge = challenge.subarray(5, 21);
    const peerChallenge = response.subarray(5, 21);
    const ntResponse = response.subarray(29, 53);
    const user = response.subarray(54, response.readUInt16BE(2)).toString('latin1');
    expect(Buffer.from(generateNtResponse(authChallenge, peerChallenge, user, password)).equals(ntResponse)).toBe(true);
    const s = generateAuthenticatorResponse(password, ntResponse, peerChallenge, authChallenge, user);
    expect(success.subarray(4, 46).toString('latin1')).toBe(s);

    const k = mppeStartKeys(password, ntResponse, 128);
    expect(Buffer.from(k.masterKey).toString('hex')).toBe(keys.match(/master key=([0-9a-f]+)/)![1]);
    expect(Buffer.from(k.clientToServer).toString('hex')).toBe(keys.match(/client->server start key=([0-9a-f]+)/)![1]);
    expect(Buffer.from(k.serverToClient).toString('hex')).toBe(keys.match(/server->client start key=([0-9a-f]+)/)![1]);

    // The client is the side that sent the CHAP Response.
    const clientIp = frames.find((f) => f.proto === 0xc223 && f.data[0] === 2)!.src;
    const dirs = new Map<string, MppeDirection>();
    const comp = frames.filter((f) => f.proto === 0x00fd);
    expect(comp.length).toBeGreaterThan(0);
    for (const f of comp) {
      if (!dirs.has(f.src)) dirs.set(f.src, new MppeDirection(f.src === clientIp ? k.clientToServer : k.serverToClient, 128, true));
      const plain = dirs.get(f.src)!.decrypt(f.data)!;
      expect(plain).not.toBeNull();
      expect(Buffer.from(plain.subarray(0, 3)).toString('hex')).toBe('002145');
    }
  });
});
