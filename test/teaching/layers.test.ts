/**
 * --layers on packets of every family in the samples: the one-line encapsulation diagrams, with
 * the byte ranges of each header in the frame, taken from real runs.
 */
import { describe, expect, it } from 'vitest';
import { layersLine } from '../../src/output/layers.js';
import { texts } from '../../src/i18n/index.js';
import { dissectSample, keys } from './helpers.js';

const en = texts('en');

async function lines(name: string, frames: number[], settings: Record<string, unknown> = {}): Promise<string[]> {
  const pkts = await dissectSample(name, settings);
  return frames.map((n) => layersLine(pkts[n - 1], en));
}

describe('--layers', () => {
  it('PPTP: the TCP control connection, enhanced GRE with PPP, and MPPE decrypted with the password', async () => {
    expect(await lines('pptp-mschapv2-mppe.pcap', [4, 8, 14, 27, 33], { 'ppp.password': 'vpnshark-demo' })).toEqual([
      '[Ethernet 0-13][IPv4 14-33][TCP 1723 34-53][PPTP 54-209]',
      '[Ethernet 0-13][IPv4 14-33][GRE 34-45][PPP 46-49][LCP 50-73]',
      '[Ethernet 0-13][IPv4 14-33][GRE 34-45][PPP 46-47][CHAP 48-74]',
      '[Ethernet 0-13][IPv4 14-33][GRE 34-49][PPP 50-50][PPP Comp 51-52 … decrypted: [PPP][IPv4][ICMP][Data]]',
      '[Ethernet 0-13][IPv4 14-33][GRE 34-45]',
    ]);
  });

  it('L2TP: a control message, a ZLB, CHAP and the user\'s ICMP in clear', async () => {
    expect(await lines('l2tp-chap-session.pcap', [1, 4, 15, 23])).toEqual([
      '[Ethernet 0-13][IPv4 14-33][UDP 1701 34-41][L2TP 42-207]',
      '[Ethernet 0-13][IPv4 14-33][UDP 1701 34-41][L2TP 42-53]',
      '[Ethernet 0-13][IPv4 14-33][UDP 1701 34-41][L2TP 42-47][PPP 48-51][CHAP 52-79]',
      '[Ethernet 0-13][IPv4 14-33][UDP 1701 34-41][L2TP 42-47][PPP 48-51][IPv4 52-71][ICMP 72-87][Data 88-135]',
    ]);
  });

  it('IKEv2 on 500 and 4500 (non-ESP marker), ESP tunnel mode decrypted, and a NAT keep-alive', async () => {
    expect(await lines('ipsec-ikev2-esp.pcap', [1, 3, 5, 11], { keys: keys('ipsec-ikev2-esp') })).toEqual([
      '[Ethernet 0-13][IPv4 14-33][UDP 500 34-41][ISAKMP 42-545]',
      '[Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][NAT-T 42-45][ISAKMP 46-301]',
      '[Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][ESP 42-49 … decrypted: [IPv4][ICMP][Data]][ESP trailer][ICV 162-177]',
      '[Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][NAT-T 42-42]',
    ]);
  });

  it('ESP without keys: the header and the payload it cannot open', async () => {
    expect(await lines('ipsec-ikev2-esp.pcap', [5])).toEqual([
      '[Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][ESP 42-49][payload, not decrypted 50-177]',
    ]);
  });

  it('L2TP/IPsec: ESP transport mode in UDP 4500, decrypted down to PPP and ICMP', async () => {
    expect(await lines('l2tp-over-ipsec.pcap', [1, 14, 22], { keys: keys('l2tp-over-ipsec') })).toEqual([
      '[Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][ESP 42-49 … decrypted: [UDP 1701][L2TP]][ESP trailer][ICV 194-205]',
      '[Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][ESP 42-49 … decrypted: [UDP 1701][L2TP][PPP][CHAP]][ESP trailer][ICV 162-173]',
      '[Ethernet 0-13][IPv4 14-33][UDP 4500 34-41][ESP 42-49 … decrypted: [UDP 1701][L2TP][PPP][IPv4][ICMP][Data]][ESP trailer][ICV 178-189]',
    ]);
  });

  it('AH transport mode, ESP-NULL over IPv6, Linux SLL2 and raw IP link types', async () => {
    expect(await lines('ah-transport.pcap', [1])).toEqual(['[Ethernet 0-13][IPv4 14-33][AH 34-57][ICMP 58-73][Data 74-121]']);
    expect(await lines('esp-null.pcap', [1], { keys: keys('esp-null') })).toEqual([
      '[Ethernet 0-13][IPv6 14-53][ESP 54-61 … decrypted: [UDP 7][Data]][ESP trailer][ICV 110-125]',
    ]);
    expect(await lines('linux-sll2-gre.pcap', [1])).toEqual(['[SLL 0-19][IPv4 20-39][GRE 40-51][PPP 52-55][LCP 56-79]']);
    const multi = await lines('multi-interface.pcapng', [1, 2]);
    expect(multi).toEqual([
      '[Ethernet 0-13][IPv4 14-33][UDP 1701 34-41][L2TP 42-47][PPP 48-51][IPv4 52-71][ICMP 72-87][Data 88-135]',
      '[IPv4 0-19][ICMP 20-35][Data 36-83]',
    ]);
  });

  it('speaks Japanese when asked', async () => {
    const pkts = await dissectSample('esp-null.pcap', { keys: keys('esp-null') });
    expect(layersLine(pkts[0], texts('ja'))).toBe('[Ethernet 0-13][IPv6 14-53][ESP 54-61 … 復号後: [UDP 7][Data]][ESP トレーラ][ICV 110-125]');
  });
});
