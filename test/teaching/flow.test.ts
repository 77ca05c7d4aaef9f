/** `vpnshark flow`: the ladder model and its text on the PPTP, L2TP and IKEv2 samples (arrow sequences from real runs). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { flowSessions } from '../../src/flow/run.js';
import type { FlowSession } from '../../src/flow/model.js';
import { renderSession } from '../../src/flow/text.js';
import { texts } from '../../src/i18n/index.js';
import { keys, ROOT, sample } from './helpers.js';
import '../../src/protocols/index.js';

/** One line per arrow: direction, label, marks; data runs as ⇄ count carrier frames. */
function arrows(s: FlowSession): string[] {
  return s.items.map((it) => (it.type === 'message'
    ? `${it.fromA ? '→' : '←'} ${it.label}${it.marks.length ? ` [${it.marks.join(',')}]` : ''}`
    : `⇄ ${it.count} ${it.carrier} ${it.firstFrame}-${it.lastFrame}`));
}

describe('flow: PPTP', () => {
  it('names the PNS and the PAC and draws the whole call', async () => {
    const [s, ...rest] = await flowSessions(sample('pptp-mschapv2-mppe.pcap'));
    expect(rest).toEqual([]);
    expect(s.kind).toBe('PPTP');
    expect([s.a, s.b]).toEqual([{ addr: '192.0.2.10', role: 'PNS', assumed: false }, { addr: '203.0.113.1', role: 'PAC', assumed: false }]);
    expect(arrows(s)).toEqual([
      '→ TCP [SYN]', '← TCP [SYN, ACK]', '→ SCCRQ', '← SCCRP', '→ OCRQ', '← OCRP',
      '→ LCP Configure-Request', '← LCP Configure-Request', '→ LCP Configure-Ack', '← LCP Configure-Ack', '→ SLI',
      '← CHAP Challenge', '→ CHAP Response', '← CHAP Success',
      '← CCP Configure-Request', '→ CCP Configure-Request', '→ CCP Configure-Ack', '← CCP Configure-Ack',
      '→ IPCP Configure-Request', '← IPCP Configure-Request', '← IPCP Configure-Nak', '→ IPCP Configure-Ack',
      '→ IPCP Configure-Request', '← IPCP Configure-Ack',
      '⇄ 7 GRE 27-33',
      '← Echo-Request', '→ Echo-Reply', '← LCP Echo-Request', '→ LCP Echo-Reply', '→ LCP Terminate-Request', '← LCP Terminate-Ack',
      '→ CCRQ', '← CDN', '→ StopCCRQ', '← StopCCRP', '→ TCP [FIN, ACK]', '← TCP [FIN, ACK]',
    ]);
    const run = s.items.find((i) => i.type === 'data');
    expect(run).toMatchObject({ aToB: 4, bToA: 3, firstTime: 0.32405 });
  });

  it('renders arrows left to right and back, with long names when they fit', async () => {
    const [s] = await flowSessions(sample('pptp-mschapv2-mppe.pcap'));
    const lines = renderSession(s, texts('en')).split('\n');
    expect(lines[0]).toBe('Session 1: PPTP');
    expect(lines[1]).toBe('time (s)   PNS 192.0.2.10                                   PAC 203.0.113.1  frames');
    expect(lines[4]).toBe(' 0.000940  │ SCCRQ (Start-Control-Connection-Request) ───────────────────▶│  4');
    expect(lines[5]).toBe(' 0.002790  │◀───────────────────── SCCRP (Start-Control-Connection-Reply) │  5');
    expect(lines[26]).toBe(' 0.324050  │               ⇄ 7 GRE data packets (→ 4, ← 3)                │  27-33');
  });
});

describe('flow: L2TP', () => {
  it('LAC and LNS, ZLB acknowledgements, and the retransmitted ICRQ', async () => {
    const [s] = await flowSessions(sample('l2tp-chap-session.pcap'));
    expect(s.kind).toBe('L2TP');
    expect([s.a.role, s.a.addr, s.b.role, s.b.addr]).toEqual(['LAC', '192.0.2.20', 'LNS', '198.51.100.1']);
    expect(arrows(s)).toEqual([
      '→ SCCRQ', '← SCCRP', '→ SCCCN', '← ZLB [zlb]', '→ ICRQ', '→ ICRQ [retransmission]', '← ICRP', '→ ICCN', '← ZLB [zlb]',
      '→ LCP Configure-Request', '← LCP Configure-Request', '→ LCP Configure-Ack', '← LCP Configure-Ack',
      '← CHAP Challenge', '→ CHAP Response', '← CHAP Success',
      '→ IPCP Configure-Request', '← IPCP Configure-Request', '← IPCP Configure-Nak', '→ IPCP Configure-Ack',
      '→ IPCP Configure-Request', '← IPCP Configure-Ack',
      '⇄ 4 L2TP 23-26',
      '← Hello', '→ ZLB [zlb]', '→ CDN', '← ZLB [zlb]', '→ StopCCN', '← ZLB [zlb]',
    ]);
    expect(s.messages).toBe(28);
    expect(s.dataPackets).toBe(4);
  });

  it('L2TP/IPsec: decrypted with the keys, the L2TP ladder inside ESP', async () => {
    const [s] = await flowSessions(sample('l2tp-over-ipsec.pcap'), { keys: keys('l2tp-over-ipsec') });
    expect(s.kind).toBe('L2TP/IPsec');
    expect([s.a.role, s.a.addr, s.b.role, s.b.addr]).toEqual(['LAC', '10.0.0.7', 'LNS', '203.0.113.50']);
    expect(arrows(s).slice(0, 8)).toEqual(['→ SCCRQ', '← SCCRP', '→ SCCCN', '→ ICRQ', '← ZLB [zlb]', '← ICRP', '→ ICCN', '← ZLB [zlb]']);
    expect(arrows(s).slice(-2)).toEqual(['⇄ 2 L2TP 22-23', '→ NAT-T [keepalive]']);
  });

  it('without the keys the same capture is only ESP', async () => {
    const [s] = await flowSessions(sample('l2tp-over-ipsec.pcap'));
    expect(s.kind).toBe('ESP');
    expect(arrows(s)).toEqual(['⇄ 23 ESP 1-23', '→ NAT-T [keepalive]']);
  });
});

describe('flow: IKEv2', () => {
  it('initiator and responder, requests and responses, and the payloads once decrypted', async () => {
    const [s] = await flowSessions(sample('ipsec-ikev2-esp.pcap'), { keys: keys('ipsec-ikev2-esp') });
    expect(s.kind).toBe('IKEv2 + ESP');
    expect([s.a.role, s.a.addr, s.b.role, s.b.addr]).toEqual(['initiator', '10.0.0.5', 'responder', '198.51.100.10']);
    expect(arrows(s)).toEqual([
      '→ IKE_SA_INIT [request]', '← IKE_SA_INIT [response]', '→ IKE_AUTH [request]', '← IKE_AUTH [response]',
      '⇄ 6 ESP 5-10', '→ NAT-T [keepalive]',
      '→ INFORMATIONAL [request]', '← INFORMATIONAL [response]', '→ INFORMATIONAL [request]', '← INFORMATIONAL [response]',
    ]);
    const details = s.items.flatMap((i) => (i.type === 'message' && i.detail ? [i.detail] : []));
    expect(details.slice(0, 4)).toEqual(['SA, KE, Ni, N, N, V', 'SA, KE, Nr, N, N', 'SK {IDi, N, IDr, AUTH, SA, TSi, TSr}', 'SK {IDr, AUTH, SA, TSi, TSr}']);
  });
});

describe('vpnshark flow (command line)', () => {
  const BIN = resolve(ROOT, 'bin/vpnshark.js');
  const run = (...a: string[]) => spawnSync(process.execPath, [BIN, ...a], { encoding: 'utf8', cwd: ROOT });

  it('--session picks one, in Japanese with --lang ja', () => {
    const r = run('flow', 'samples/l2tp-chap-session.pcap', '--session', '1', '--lang', 'ja');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe('セッション 1: L2TP');
    expect(lines).toContain(' 1.009300  │ ICRQ (Incoming-Call-Request) [再送] ────────────────────────▶│  6');
    expect(lines).toContain(' 1.231330  │            ⇄ L2TP データパケット 4 個 (→ 2, ← 2)             │  23-26');
  });

  it('a session that is not there is a usage error', () => {
    const r = run('flow', 'samples/l2tp-chap-session.pcap', '--session', '7', '--lang', 'en');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('vpnshark: there is no session 7: this capture has 1 (numbered 1 to 1)');
  });
});
