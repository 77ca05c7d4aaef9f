import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { summariseFile } from '../../src/sessions/run.js';

// What tshark 4.0.17 shows of each capture: packets per gre.key.call_id, esp.spi and ah.spi and
// direction, and the L2TP Assigned Tunnel IDs (made by counting `tshark -Y` rows; stored so the
// test needs no tshark). Every stream and SA must be in the summary, none invented, same counts.
const SHARED = resolve(__dirname, '../../../shared/captures');
const expected = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/sessions-tshark.json'), 'utf8')) as Record<string, {
  gre: Array<{ gre_call_id: number; src: string; dst: string; packets: number }>;
  esp: Array<{ spi: string; src: string; dst: string; packets: number }>;
  ah: Array<{ spi: string; src: string; dst: string; packets: number }>;
  l2tp_assigned_tunnel_ids: number[];
}>;

const byKey = <T extends object>(xs: T[], key: (x: T) => string) => Object.fromEntries(xs.map((x) => [key(x), x]));

describe.skipIf(!existsSync(SHARED))('sessions agree with tshark', () => {
  for (const [cap, want] of Object.entries(expected)) {
    it(cap, async () => {
      const doc = await summariseFile(resolve(SHARED, cap));
      const gre = doc.pptp.gre_streams.map((g) => ({ gre_call_id: g.gre_call_id, src: g.src, dst: g.dst, packets: g.packets }));
      expect(byKey(gre, (g) => `${g.gre_call_id} ${g.src}>${g.dst}`)).toEqual(byKey(want.gre, (g) => `${g.gre_call_id} ${g.src}>${g.dst}`));
      for (const proto of ['esp', 'ah'] as const) {
        const sas = (doc.ipsec.sas as Array<{ protocol: string; spi: string; src: string; dst: string; packets: number }>)
          .filter((s) => s.protocol === proto).map((s) => ({ spi: s.spi, src: s.src, dst: s.dst, packets: s.packets }));
        expect(byKey(sas, (s) => `${s.spi} ${s.src}>${s.dst}`)).toEqual(byKey(want[proto], (s) => `${s.spi} ${s.src}>${s.dst}`));
      }
      const ids = (doc.l2tp.tunnels as Array<{ tunnel_ids: Array<number | null> }>).flatMap((t) => t.tunnel_ids).filter((x): x is number => x !== null && x !== 0);
      expect([...new Set(ids)].sort((a, b) => a - b)).toEqual(want.l2tp_assigned_tunnel_ids);
    });
  }
});

describe('sessions of the samples', () => {
  const sample = (f: string) => resolve(__dirname, '../../samples', f);
  it('PPTP: one call linked to both GRE directions, with the PPP outcome', async () => {
    const doc = await summariseFile(sample('pptp-mschapv2-mppe.pcap'));
    expect(doc.pptp.calls).toHaveLength(1);
    const c = doc.pptp.calls[0] as Record<string, any>;
    expect(c.pns).toMatchObject({ address: '192.0.2.10', call_id: 16384, host_name: 'vpn-client-01' });
    expect(c.pac).toMatchObject({ address: '203.0.113.1', call_id: 80, host_name: 'vpn-gw' });
    expect(c.ppp).toMatchObject({ auth: 'MS-CHAPv2', user: 'student', auth_result: 'success', mppe_bits: 128, mppe_stateless: true, dns_servers: ['10.99.0.1'] });
    expect(c.gre.map((g: any) => [g.gre_call_id, g.src, g.packets, g.ack_only])).toEqual([[80, '192.0.2.10', 14, 1], [16384, '203.0.113.1', 14, 0]]);
    expect(doc.findings.map((f) => f.id)).toContain('chap.mschapv2');
  });
  it('L2TP: the tunnel IDs (LAC first), the session and its retransmission', async () => {
    const doc = await summariseFile(sample('l2tp-chap-session.pcap'));
    const t = doc.l2tp.tunnels[0] as Record<string, any>;
    expect(t.tunnel_ids).toEqual([42, 2929]);
    expect(t.retransmissions).toBe(1);
    expect(t.inside_ipsec).toBe(false);
    expect(t.sessions[0].session_ids).toEqual([12033, 3101]);
    expect(t.sessions[0].ppp).toMatchObject({ auth: 'MD5', auth_result: 'success' });
  });
  it('-Y narrows what feeds the summaries', async () => {
    const doc = await summariseFile(sample('ipsec-ikev2-esp.pcap'), { filter: 'esp.spi == 0xdbdf599c' });
    expect(doc.files[0].packets).toBe(3);
    expect((doc.ipsec.sas as any[]).map((s) => s.spi)).toEqual(['0xdbdf599c']);
    expect(doc.ipsec.ike_sas).toHaveLength(0);
  });
  it('every SPI is 0x and 8 lowercase hex digits, addresses are strings', async () => {
    const doc = await summariseFile(sample('ipsec-ikev2-esp.pcap'));
    for (const s of doc.ipsec.sas as any[]) {
      expect(s.spi).toMatch(/^0x[0-9a-f]{8}$/);
      expect(typeof s.src).toBe('string');
      for (const k of ['first_frame', 'last_frame', 'start', 'end', 'packets', 'bytes']) expect(s).toHaveProperty(k);
    }
  });
});

describe('sessions --export-mschapv2', () => {
  it('writes the sample handshake in hashcat 5500, John NETNTLM and asleap form', async () => {
    const file = resolve(__dirname, '../../samples/pptp-mschapv2-mppe.pcap');
    // NT-Response and ChallengeHash (RFC 2759 §8.2) of user student with password vpnshark-demo.
    const nt = 'ab3a20d8502b0b7340afd802f17271f0b8693d00c3a20fb6', ch = 'c096ab45299a64fb';
    expect((await summariseFile(file, { exportMschapv2: 'hashcat' })).mschapv2_export).toEqual([`student::::${nt}:${ch}`]);
    expect((await summariseFile(file, { exportMschapv2: 'john' })).mschapv2_export).toEqual([`student:$NETNTLM$${ch}$${nt}`]);
    const asleap = (await summariseFile(file, { exportMschapv2: 'asleap' })).mschapv2_export![0];
    expect(asleap).toBe(`asleap -C ${ch.match(/../g)!.join(':')} -R ${nt.match(/../g)!.join(':')}`);
  });
});

describe('every session in the JSON has its frames, times and counts', () => {
  it('for each family in the samples', async () => {
    const files = ['pptp-mschapv2-mppe.pcap', 'l2tp-chap-session.pcap', 'ipsec-ikev2-esp.pcap', 'ah-transport.pcap'];
    for (const f of files) {
      const doc = await summariseFile(resolve(__dirname, '../../samples', f));
      const all = [
        ...doc.pptp.calls, ...doc.pptp.gre_streams, ...doc.l2tp.tunnels,
        ...(doc.l2tp.tunnels as Array<{ sessions: unknown[] }>).flatMap((t) => t.sessions),
        ...doc.ipsec.ike_sas, ...doc.ipsec.sas,
      ] as Array<Record<string, unknown>>;
      expect(all.length).toBeGreaterThan(0);
      for (const s of all) {
        for (const k of ['first_frame', 'last_frame', 'start', 'end', 'packets', 'bytes']) {
          expect(s, `${f}: ${k}`).toHaveProperty(k);
          expect(typeof s[k], `${f}: ${k}`).toBe('number');
        }
      }
    }
  });
});
