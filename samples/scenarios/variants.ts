/**
 * Samples that exercise the capture reader and the link layers rather than a VPN protocol: they
 * reuse the traffic of the other scenarios in other containers and encapsulations.
 */
import { LINKTYPE } from '../../src/capture/linktypes.js';
import { concat, u16, u32, u8 } from '../lib/bytes.js';
import type { Stamped } from '../lib/clock.js';
import type { L2tpBuild } from './l2tp.js';
import type { PptpBuild } from './pptp.js';
import type { Scenario } from './types.js';

/**
 * multi-interface.pcapng: as captured on the LNS of l2tp-chap-session, interface 0 (Ethernet) sees
 * the L2TP data messages and interface 1 (LINKTYPE_RAW, the ppp0 device) the inner IPv4 packets
 * after decapsulation, or before encapsulation for the replies. Two packets carry comments.
 */
export function buildMultiInterface(l2tp: L2tpBuild): Scenario {
  const packets: Stamped[] = [];
  const shift = (s: Stamped, usec: number): { tsSec: number; tsNsec: number } => {
    let ns = s.tsNsec + usec * 1000;
    let sec = s.tsSec;
    while (ns < 0) { ns += 1e9; sec -= 1; }
    while (ns >= 1e9) { ns -= 1e9; sec += 1; }
    return { tsSec: sec, tsNsec: ns };
  };
  l2tp.tunneled.forEach((t, i) => {
    const outer = l2tp.scenario.packets[t.frameIndex];
    // Requests arrive on eth0 and appear on ppp0 afterwards; replies leave ppp0 first.
    const inner: Stamped = { data: t.inner, ...shift(outer, t.fromLac ? 35 : -35), ifIndex: 1 };
    const eth: Stamped = { data: outer.data, tsSec: outer.tsSec, tsNsec: outer.tsNsec, ifIndex: 0 };
    if (i === 0) {
      eth.comment = 'eth0: L2TP data message from the LAC carrying an ICMP echo request';
      inner.comment = 'ppp0: the same ICMP echo request after L2TP/PPP decapsulation';
    }
    if (t.fromLac) packets.push(eth, inner);
    else packets.push(inner, eth);
  });
  return {
    name: 'multi-interface',
    linkType: LINKTYPE.ETHERNET,
    extraInterfaces: [{ linkType: LINKTYPE.RAW }],
    packets,
    formats: ['pcapng'],
  };
}

/** ah-transport-nsec-be.pcap: the AH sample in a big-endian classic pcap with nanosecond timestamps. */
export function buildNanosecondBigEndian(ah: Scenario): Scenario {
  // Sub-microsecond digits that a microsecond reader would lose.
  const extraNs = [123, 456, 789, 999];
  return {
    name: 'ah-transport-nsec-be',
    linkType: ah.linkType,
    packets: ah.packets.map((p, i) => ({ ...p, tsNsec: p.tsNsec + extraNs[i % extraNs.length] })),
    formats: ['pcap'],
    pcapOptions: { nanosecond: true, bigEndian: true },
  };
}

/**
 * linux-sll2-gre.pcap: the GRE packets of pptp-mschapv2-mppe as `tcpdump -i any` on the server
 * (203.0.113.1, interface index 2) records them on LINKTYPE_LINUX_SLL2: a 20-byte header with the
 * protocol, interface index, ARPHRD type, packet type (0 = to us, 4 = sent by us) and the MAC.
 */
export function buildSll2Gre(pptp: PptpBuild, clientMac: Uint8Array, serverMac: Uint8Array): Scenario {
  const serverIp = [203, 0, 113, 1];
  const packets = pptp.greIp.map((p) => {
    const fromServer = serverIp.every((b, i) => p.data[12 + i] === b);
    const addr = new Uint8Array(8);
    addr.set(fromServer ? serverMac : clientMac);
    const sll2 = concat(u16(0x0800), u16(0), u32(2), u16(1), u8(fromServer ? 4 : 0), u8(6), addr);
    return { data: concat(sll2, p.data), tsSec: p.tsSec, tsNsec: p.tsNsec };
  });
  return { name: 'linux-sll2-gre', linkType: LINKTYPE.LINUX_SLL2, packets, formats: ['pcap'] };
}
