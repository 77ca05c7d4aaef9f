/** --explain: the lines under protocols and fields, in English and Japanese, from real sample packets. */
import { describe, expect, it } from 'vitest';
import { formatTree } from '../../src/output/tree.js';
import { explainer } from '../../src/output/explain.js';
import { texts } from '../../src/i18n/index.js';
import type { Packet } from '../../src/core/packet.js';
import { dissectSample, keys } from './helpers.js';

function explained(pkt: Packet, lang: 'en' | 'ja'): string[] {
  return formatTree(pkt, { explain: explainer(texts(lang), pkt) }).split('\n');
}

/** The explanation printed under the first line that starts (after indentation) with `item`. */
function under(lines: string[], item: string): string {
  const i = lines.findIndex((l) => l.trimStart().startsWith(item));
  expect(i, item).toBeGreaterThanOrEqual(0);
  return lines[i + 1].trim();
}

describe('--explain', () => {
  it('PPTP: who sends OCRQ, what the Call ID is for, where each is defined', async () => {
    const pkts = await dissectSample('pptp-mschapv2-mppe.pcap');
    const lines = explained(pkts[5], 'en');
    expect(under(lines, 'Control Message Type: Outgoing-Call-Request (7)')).toBe(
      '‣ Which of the 15 control messages this is. OCRQ: the PNS asks the PAC to place a call. Its Call ID is the value the PAC will put in the GRE Key of every data packet it sends. — RFC 2637 §1.4');
    expect(under(lines, 'Call ID: 16384')).toBe('‣ A unique identifier, unique to a particular PAC-PNS pair assigned by the PNS. — RFC 2637 §2.7');
    expect(under(lines, 'Point-to-Point Tunnelling Protocol')).toMatch(/^‣ The PPTP control connection on TCP 1723, between the PNS .* — RFC 2637$/);
    // The capture record's own fields are left alone.
    expect(under(lines, 'Interface id: 0')).toBe('Encapsulation type: 1');
  });

  it('L2TP in clear: the SCCRQ, the roles, and why it needs IPsec; a field is explained once per packet', async () => {
    const pkts = await dissectSample('l2tp-chap-session.pcap');
    const lines = explained(pkts[0], 'en');
    expect(under(lines, 'Message Type: Start_Control_Request (1)')).toBe(
      '‣ Which control message this is; always the first AVP. SCCRQ opens the tunnel; either the LAC or the LNS may send it, with its Assigned Tunnel ID and, when a secret is set, a Challenge. — RFC 2661 §4.4.1');
    expect(under(lines, 'Layer 2 Tunneling Protocol')).toMatch(/L2TP encrypts nothing, which is why it is run inside IPsec \(RFC 3193\)\. Here L2TP is not inside IPsec: anyone on the path can read the tunnel and the PPP inside it\. — RFC 2661, RFC 3931$/);
    const avpTypes = lines.filter((l) => l.trimStart().startsWith('AVP Type:')).length;
    const avpTypeLines = lines.filter((l) => l.includes('Attribute type within the vendor\'s space')).length;
    expect(avpTypes).toBeGreaterThan(5);
    expect(avpTypeLines).toBe(1);
  });

  it('L2TP/IPsec: ESP in UDP 4500, transport mode, L2TP protected on the wire', async () => {
    const pkts = await dissectSample('l2tp-over-ipsec.pcap', { keys: keys('l2tp-over-ipsec') });
    const lines = explained(pkts[0], 'en');
    expect(under(lines, 'Encapsulating Security Payload')).toMatch(/Here ESP travels inside UDP 4500 because a NAT was detected \(RFC 3948\)\. — RFC 4303$/);
    expect(under(lines, 'ESP SPI: 0x3ffc1041')).toBe(
      '‣ Security Parameters Index: with the destination address, names the security association (keys, algorithms, replay window) the receiver must use. Each direction has its own SA; the receiver chose its SPI in IKE. — RFC 4303 §2.1');
    expect(under(lines, 'Next header: UDP (0x11)')).toMatch(/UDP inside: transport mode — only the payload of the original packet is protected; its IP header is the outer one\. — RFC 4303 §2\.6$/);
    expect(under(lines, 'Layer 2 Tunneling Protocol')).toMatch(/Here L2TP arrived inside ESP \(L2TP\/IPsec, RFC 3193\), so it was encrypted on the wire\. — RFC 2661, RFC 3931$/);
  });

  it('in Japanese: tunnel mode, AH and NAT, IKE_SA_INIT', async () => {
    const esp = await dissectSample('ipsec-ikev2-esp.pcap', { keys: keys('ipsec-ikev2-esp') });
    const ja = explained(esp[4], 'ja');
    expect(under(ja, 'Next header: IPIP (0x04)')).toBe(
      '‣ 次ヘッダ: 復号したペイロードが何か（トンネルモードなら IPv4/IPv6、トランスポートモードなら UDP/TCP など）を示します。中身は IPv4: トンネルモードです。内側のアドレスを含む IP パケット全体が暗号化されています。 — RFC 4303 §2.6');
    const init = explained(esp[0], 'ja');
    expect(under(init, 'Exchange type: IKE_SA_INIT (34)')).toMatch(/IKE_SA_INIT は最初の交換で、平文です。/);
    const ah = explained((await dissectSample('ah-transport.pcap'))[0], 'ja');
    expect(under(ah, 'Authentication Header')).toMatch(/そのため AH は NAT を越えられず、NAT トラバーサル（UDP 4500）は ESP にしかありません。 — RFC 4302$/);
  });

  it('ESP without keys says why the payload is not shown', async () => {
    const pkts = await dissectSample('esp-null.pcap');
    expect(under(explained(pkts[0], 'en'), 'Encapsulating Security Payload')).toMatch(/No key was given for this SPI, so the payload is not dissected \(pass --keys\)\. — RFC 4303$/);
  });
});
