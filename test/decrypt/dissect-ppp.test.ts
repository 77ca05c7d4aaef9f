/**
 * MS-CHAPv2 verification and MPPE decryption inside the dissection (src/decrypt/ppp-plugin.ts,
 * hooked from the CHAP and Compressed Datagram dissectors) on the scapy PPTP capture.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, CAPTURES, dissectAll, loadFrames, one } from '../protocols/ipsec-helpers.js';

const CAP = 'pptp-gre-ppp-mschapv2-mppe-crafted-scapy.pcap';
const KEYS_TXT = resolve(CAPTURES, 'keys/pptp-gre-ppp-mschapv2-mppe-crafted-scapy/keys.txt');
const have = existsSync(resolve(CAPTURES, CAP)) && existsSync(KEYS_TXT);
const password = have ? readFileSync(KEYS_TXT, 'utf8').match(/password=(\S+)/)![1] : '';
const MPPE_FRAMES = [28, 29, 30, 31, 32, 33];

describe.skipIf(!have)('PPTP capture with --ppp-password', () => {
  it('the right password: verified, S= verified, all six MPPE frames are IPv4 ICMP without errors', async () => {
    const { packets } = dissectAll(await loadFrames(CAP), { settings: { 'ppp.password': password } });
    expect(packets[15].experts.find((e) => e.id === 'chap.mschapv2.verified')?.message)
      .toBe("MS-CHAPv2 NT-Response of user 'hxuser' verified with --ppp-password #1: MPPE keys derived for this link");
    expect(packets[16].experts.map((e) => e.id)).toContain('chap.mschapv2.authenticator_verified');
    for (const n of MPPE_FRAMES) {
      const p = packets[n - 1];
      expect(p.protocols.join(':'), `frame ${n}`).toBe('eth:ethertype:ip:gre:ppp:comp_data:ppp:ip:icmp:data');
      expect(p.malformed).toBe(false);
      expect(p.experts.filter((e) => e.severity === 'error' || e.id === 'ppp.cleartext_data')).toEqual([]);
      const ds = one(p, 'icmp.type').ds;
      expect(p.sources[ds].name).toBe('Decrypted MPPE');
      expect(one(p, 'ppp.protocol').v).toBe(0x00fd);
      expect(one(p, 'icmp.type').v).toBe(n % 2 === 0 ? 8 : 0);
      expect(one(p, 'icmp.checksum.status').v).toBe(1);
    }
    // The inner IPv4 (the second ip.src) is 10.200.55.10.
    expect(all(packets[27], 'ip.src').map((n) => n.v)).toEqual([0x0ac80501, 0x0ac8370a]);
  });

  it('a wrong password: does not match, nothing decrypted', async () => {
    const { packets } = dissectAll(await loadFrames(CAP), { settings: { 'ppp.password': 'not-the-password' } });
    expect(packets[15].experts.map((e) => e.id)).toContain('chap.mschapv2.password_mismatch');
    expect(packets[16].experts.map((e) => e.id)).not.toContain('chap.mschapv2.authenticator_verified');
    for (const n of MPPE_FRAMES) expect(packets[n - 1].protocols).not.toContain('icmp');
    expect(packets[27].experts.find((e) => e.id === 'comp_data.mppe.not_decrypted')?.message)
      .toBe("MPPE not decrypted: the password given does not match this link's MS-CHAPv2 login");
    // Said once per link, not on every frame.
    expect(packets[28].experts.map((e) => e.id)).not.toContain('comp_data.mppe.not_decrypted');
  });

  it('the NT hash instead of the password works the same; without either nothing changes', async () => {
    const { ntPasswordHash } = await import('../../src/crypto/mschapv2.js');
    const nthash = Buffer.from(ntPasswordHash(password)).toString('hex');
    const withHash = dissectAll(await loadFrames(CAP), { settings: { 'ppp.nthash': nthash } });
    expect(withHash.packets[27].protocols).toContain('icmp');
    const plain = dissectAll(await loadFrames(CAP));
    expect(plain.packets[27].protocols.join(':')).toBe('eth:ethertype:ip:gre:ppp:comp_data');
    expect(plain.packets[15].experts.map((e) => e.id)).not.toContain('chap.mschapv2.verified');
  });
});

describe.skipIf(!have)('sessions --export-mschapv2 from a run', () => {
  it('one hashcat line for the capture\'s one handshake, as the pure formatter gives it', async () => {
    const { exportRunHandshakes } = await import('../../src/decrypt/mschapv2-export.js');
    const { engine } = dissectAll(await loadFrames(CAP), { tree: false });
    const lines = exportRunHandshakes(engine, 'hashcat');
    const nt = readFileSync(KEYS_TXT, 'utf8').match(/NT-Response=([0-9a-f]+)/)![1];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^hxuser::::${nt}:[0-9a-f]{16}$`));
    expect(exportRunHandshakes(engine, 'john')[0]).toMatch(/^hxuser:\$NETNTLM\$[0-9a-f]{16}\$[0-9a-f]{48}$/);
  });
});
