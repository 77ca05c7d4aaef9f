/**
 * MS-CHAPv2 verification, MPPE decryption per link and the cracking-tool exports on the scapy PPTP
 * capture (user hxuser; keys.txt beside it has the expected intermediate values).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ipv4Datagrams } from './capture-frames.js';
import { pppCredentials, PppCredentialError } from '../../src/decrypt/ppp-credentials.js';
import { MppeLinks, parseMppeOptions } from '../../src/decrypt/mppe-links.js';
import { verifyMsChapV2 } from '../../src/decrypt/mschapv2-verify.js';
import { exportMsChapV2 } from '../../src/decrypt/mschapv2-export.js';
import { ntPasswordHash } from '../../src/crypto/mschapv2.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/captures');
const capture = resolve(shared, 'pptp-gre-ppp-mschapv2-mppe-crafted-scapy.pcap');
const keysTxt = resolve(shared, 'keys/pptp-gre-ppp-mschapv2-mppe-crafted-scapy/keys.txt');

interface Ppp {
  num: number;
  src: string;
  proto: number;
  data: Uint8Array;
}

/** PPP inside enhanced GRE (RFC 2637 §4.1), address/control and protocol compression handled. */
async function pppFrames(): Promise<Ppp[]> {
  const out: Ppp[] = [];
  for (const d of await ipv4Datagrams(capture)) {
    if (d.proto !== 47) continue;
    const g = d.payload;
    const flags = (g[0] << 8) | g[1];
    if (((g[4] << 8) | g[5]) === 0) continue;
    let o = 8 + (flags & 0x1000 ? 4 : 0) + (flags & 0x0080 ? 4 : 0);
    if (g[o] === 0xff && g[o + 1] === 0x03) o += 2;
    const proto = g[o] & 1 ? g[o] : (g[o] << 8) | g[o + 1];
    o += g[o] & 1 ? 1 : 2;
    out.push({ num: d.num, src: d.src, proto, data: g.subarray(o) });
  }
  return out;
}

async function exchange() {
  const ppp = await pppFrames();
  const chap = ppp.filter((p) => p.proto === 0xc223);
  const ch = chap.find((p) => p.data[0] === 1)!;
  const rs = chap.find((p) => p.data[0] === 2)!;
  const ok = chap.find((p) => p.data[0] === 3)!;
  return {
    ppp,
    chFrom: ch.src,
    rsFrom: rs.src,
    authChallenge: ch.data.subarray(5, 21),
    peerChallenge: rs.data.subarray(5, 21),
    ntResponse: rs.data.subarray(29, 53),
    userName: rs.data.subarray(54, (rs.data[2] << 8) | rs.data[3]),
    success: Buffer.from(ok.data.subarray(4, (ok.data[2] << 8) | ok.data[3])).toString('latin1'),
  };
}

describe('PPP credentials from settings', () => {
  it('PASSWORD, USER:PASSWORD (also tried whole), and NT hashes', () => {
    const c = pppCredentials({ 'ppp.password': ['secret', 'bob:pa:ss'], 'ppp.nthash': 'alice:' + 'ab'.repeat(16) });
    expect(c.map((x) => [x.user, x.label])).toEqual([
      [null, '--ppp-password #1'],
      ['bob', '--ppp-password #2 (user bob)'],
      [null, '--ppp-password #2'],
      ['alice', '--ppp-nthash #1 (user alice)'],
    ]);
    expect(Buffer.from(c[1].ntHash).toString('hex')).toBe(Buffer.from(ntPasswordHash('pa:ss')).toString('hex'));
    expect(() => pppCredentials({ 'ppp.nthash': 'abc' })).toThrow(PppCredentialError);
    expect(pppCredentials({})).toEqual([]);
  });

  it('parses the CCP MPPE option bits (RFC 3078 §2.1)', () => {
    expect(parseMppeOptions(0x01000040)).toEqual({ bits: 128, stateless: true });
    expect(parseMppeOptions(0x00000020)).toEqual({ bits: 40, stateless: false });
    expect(parseMppeOptions(0x000000e0)).toEqual({ bits: 128, stateless: false });
    expect(parseMppeOptions(0x00000001)).toBeNull();
  });
});

describe.skipIf(!existsSync(capture) || !existsSync(keysTxt))('MS-CHAPv2 and MPPE on the scapy PPTP capture', () => {
  const keys = existsSync(keysTxt) ? readFileSync(keysTxt, 'utf8') : '';
  const password = keys.match(/password=(\S+)/)?.[1] ?? '';

  it('the right password verifies the NT-Response and the S= response; a wrong one does not match', async () => {
    const x = await exchange();
    expect(Buffer.from(x.userName).toString()).toBe('hxuser');
    const good = verifyMsChapV2({ ...x, successMessage: x.success }, pppCredentials({ 'ppp.password': password }));
    expect(good.status).toBe('verified');
    expect(good.authenticatorOk).toBe(true);
    expect(good.matched).toBe('--ppp-password #1');
    const byUser = verifyMsChapV2(x, pppCredentials({ 'ppp.password': `HXUSER:${password}` }));
    expect([byUser.status, byUser.matched]).toEqual(['verified', '--ppp-password #1 (user HXUSER)']);
    const byHash = verifyMsChapV2(x, pppCredentials({ 'ppp.nthash': Buffer.from(ntPasswordHash(password)).toString('hex') }));
    expect(byHash.status).toBe('verified');
    expect(verifyMsChapV2(x, pppCredentials({ 'ppp.password': 'wrong-password' })).status).toBe('mismatch');
    // Another user's entry is not tried for hxuser, and as a whole string it is a different password.
    expect(verifyMsChapV2(x, pppCredentials({ 'ppp.password': `someoneelse:${password}` })).status).toBe('mismatch');
    expect(verifyMsChapV2(x, []).status).toBe('no-credentials');
  });

  it('decrypts all six MPPE frames to IPv4, per direction, after CCP; nothing with a wrong password', async () => {
    const x = await exchange();
    for (const [pw, expectOk] of [[password, true], ['wrong-password', false]] as const) {
      const links = new MppeLinks(pppCredentials({ 'ppp.password': pw }));
      const out: string[] = [];
      for (const p of x.ppp) {
        if (p.proto === 0xc223 && p.data[0] === 1) links.noteChallenge('call', p.data.subarray(5, 21));
        if (p.proto === 0xc223 && p.data[0] === 2) {
          const v = links.noteResponse('call', p.src, p.data.subarray(5, 21), p.data.subarray(29, 53), p.data.subarray(54, (p.data[2] << 8) | p.data[3]));
          expect(v?.status).toBe(expectOk ? 'verified' : 'mismatch');
        }
        if (p.proto === 0xc223 && p.data[0] === 3) links.noteSuccess('call', Buffer.from(p.data.subarray(4)).toString('latin1'));
        // CCP Configure-Ack (code 2) with the MPPE option (type 18, length 6).
        if (p.proto === 0x80fd && p.data[0] === 2 && p.data[4] === 18) {
          const v = ((p.data[6] << 24) | (p.data[7] << 16) | (p.data[8] << 8) | p.data[9]) >>> 0;
          expect(links.noteCcpMppe('call', v)).toEqual({ bits: 128, stateless: true });
        }
        if (p.proto === 0x00fd) {
          const r = links.decrypt('call', p.src, p.data);
          if (r.status === 'decrypted') out.push(`${p.num}:${r.ccount}:${Buffer.from(r.plain.subarray(0, 3)).toString('hex')}`);
          else out.push(`${p.num}:${r.status}`);
        }
      }
      if (expectOk) expect(out).toEqual(['28:0:002145', '29:0:002145', '30:1:002145', '31:1:002145', '32:2:002145', '33:2:002145']);
      else expect(out).toEqual(['28:mismatch', '29:mismatch', '30:mismatch', '31:mismatch', '32:mismatch', '33:mismatch']);
    }
  });

  it('with a lost packet, a stateless direction skips the missing key steps', async () => {
    const x = await exchange();
    const links = new MppeLinks(pppCredentials({ 'ppp.password': password }));
    links.noteChallenge('c', x.authChallenge);
    links.noteResponse('c', x.rsFrom, x.peerChallenge, x.ntResponse, x.userName);
    const fromClient = x.ppp.filter((p) => p.proto === 0x00fd && p.src === x.rsFrom);
    // No CCP seen: the key length and mode are found by trying them.
    const third = links.decrypt('c', x.rsFrom, fromClient[2].data);
    expect(third.status).toBe('decrypted');
    if (third.status === 'decrypted') expect([third.ccount, third.bits, third.stateless, third.plain[2]]).toEqual([2, 128, true, 0x45]);
    expect(links.decrypt('c', x.rsFrom, fromClient[0].data).status).toBe('skipped');
  });

  it('keeps at most MAX links, dropping the oldest', () => {
    const links = new MppeLinks([], 3);
    for (const id of ['a', 'b', 'c', 'd']) links.noteChallenge(id, new Uint8Array(16));
    expect(links.size).toBe(3);
    expect(links.evicted).toBe(1);
    expect(links.peek('a')).toBeUndefined();
    expect(links.decrypt('d', 'x', new Uint8Array([0x90, 0]))).toEqual({ status: 'no-key', reason: 'no MS-CHAPv2 login seen on this link' });
  });

  it('exports for hashcat 5500, John NETNTLM and asleap', async () => {
    const x = await exchange();
    // Challenge hash worked out here from RFC 2759 §8.2: SHA1(peer | authenticator | name)[0..8].
    const ch = createHash('sha1').update(x.peerChallenge).update(x.authChallenge).update('hxuser').digest().subarray(0, 8).toString('hex');
    const nt = keys.match(/NT-Response=([0-9a-f]+)/)![1];
    expect(exportMsChapV2(x, 'hashcat')).toBe(`hxuser::::${nt}:${ch}`);
    expect(exportMsChapV2(x, 'john')).toBe(`hxuser:$NETNTLM$${ch}$${nt}`);
    expect(exportMsChapV2(x, 'asleap')).toBe(`asleap -C ${ch.match(/../g)!.join(':')} -R ${nt.match(/../g)!.join(':')}`);
    // A domain prefix stays in the user field but not in the challenge hash.
    const dom = exportMsChapV2({ ...x, userName: 'CORP\\hxuser' }, 'hashcat');
    expect(dom).toBe(`CORP\\hxuser::::${nt}:${ch}`);
  });
});
