/**
 * Two small IPsec samples:
 *  - ah-transport: AH with HMAC-SHA1-96 in transport mode over IPv4, protecting ICMP echo both ways.
 *  - esp-null: ESP with NULL encryption (RFC 2410) and HMAC-SHA-256-128 over IPv6, carrying UDP.
 */
import { LINKTYPE } from '../../src/capture/linktypes.js';
import { ascii, ipv4, ipv6, mac, toHex } from '../lib/bytes.js';
import { Clock, type Stamped } from '../lib/clock.js';
import { type AhSa, ahIpv4Packet } from '../lib/ah.js';
import { type EspSa, espPacket, wiresharkEspSaLine } from '../lib/esp.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, IPPROTO_ESP, IPPROTO_ICMP, IPPROTO_UDP, ethernet, icmpEcho, ipv6Packet, pingPayload, udp } from '../lib/net.js';
import { Prng } from '../lib/prng.js';
import type { Scenario } from './types.js';

export function buildAhTransport(): Scenario {
  const rng = new Prng('ah-transport');
  const clock = new Clock();
  const macA = mac('02:00:00:c0:02:28');
  const macB = mac('02:00:00:c6:33:28');
  const ipA = ipv4('192.0.2.40');
  const ipB = ipv4('198.51.100.40');
  const sas: AhSa[] = [
    { spi: rng.next32(), key: rng.bytes(20), seq: 0 },
    { spi: rng.next32(), key: rng.bytes(20), seq: 0 },
  ];
  const out: Stamped[] = [];
  let idA = 0x1200;
  let idB = 0x6b00;
  for (let seq = 1; seq <= 2; seq++) {
    clock.advance(seq === 1 ? 0 : 1000000);
    const t = clock.now();
    const ping = pingPayload(t.sec, t.usec);
    const req = ahIpv4Packet(sas[0], { src: ipA, dst: ipB, id: idA++, ttl: 64 }, IPPROTO_ICMP, icmpEcho(8, 0x0a0a, seq, ping));
    out.push(clock.stamp(ethernet(macB, macA, ETHERTYPE_IPV4, req)));
    const rep = ahIpv4Packet(sas[1], { src: ipB, dst: ipA, id: idB++, ttl: 64 }, IPPROTO_ICMP, icmpEcho(0, 0x0a0a, seq, ping));
    out.push(clock.advance(870).stamp(ethernet(macA, macB, ETHERTYPE_IPV4, rep)));
  }
  const keys = [
    '# ah-transport: demo secrets (made up for this sample; publish freely)',
    '# AH, transport mode, HMAC-SHA1-96 (RFC 2404); ICV over the IPv4 header with mutable fields zeroed (RFC 4302 §3.3.3.1)',
    `ah spi=0x${sas[0].spi.toString(16).padStart(8, '0')} 192.0.2.40 -> 198.51.100.40 auth=${toHex(sas[0].key, true)}`,
    `ah spi=0x${sas[1].spi.toString(16).padStart(8, '0')} 198.51.100.40 -> 192.0.2.40 auth=${toHex(sas[1].key, true)}`,
    '',
  ].join('\n');
  return { name: 'ah-transport', linkType: LINKTYPE.ETHERNET, packets: out, files: { 'keys/ah-transport/keys.txt': keys } };
}

export function buildEspNull(): Scenario {
  const rng = new Prng('esp-null');
  const clock = new Clock();
  const macA = mac('02:00:00:db:80:01');
  const macB = mac('02:00:00:db:80:02');
  const ipA = ipv6('2001:db8:10::1');
  const ipB = ipv6('2001:db8:20::2');
  const sas: EspSa[] = [
    { spi: rng.next32(), integKey: rng.bytes(32), integ: 'sha256-128', seq: 0 },
    { spi: rng.next32(), integKey: rng.bytes(32), integ: 'sha256-128', seq: 0 },
  ];
  const out: Stamped[] = [];
  // A small request/response over UDP (the echo service, port 7), in clear inside ESP.
  const lines = ['vpnshark esp-null sample: request 1', 'vpnshark esp-null sample: request 2'];
  lines.forEach((line, i) => {
    const msg = ascii(line);
    const req = espPacket(sas[0], IPPROTO_UDP, udp(ipA, ipB, 40007 + i, 7, msg));
    out.push(clock.advance(i === 0 ? 0 : 1000000).stamp(ethernet(macB, macA, ETHERTYPE_IPV6, ipv6Packet({ src: ipA, dst: ipB, nextHeader: IPPROTO_ESP }, req))));
    const rep = espPacket(sas[1], IPPROTO_UDP, udp(ipB, ipA, 7, 40007 + i, msg));
    out.push(clock.advance(640).stamp(ethernet(macA, macB, ETHERTYPE_IPV6, ipv6Packet({ src: ipB, dst: ipA, nextHeader: IPPROTO_ESP }, rep))));
  });
  const espSa = [
    wiresharkEspSaLine('IPv6', '2001:db8:10::1', '2001:db8:20::2', sas[0]),
    wiresharkEspSaLine('IPv6', '2001:db8:20::2', '2001:db8:10::1', sas[1]),
    '',
  ].join('\n');
  const prefs = [
    '# Wireshark preferences for this sample: WIRESHARK_CONFIG_DIR=samples/keys/esp-null',
    'esp.enable_encryption_decode: TRUE',
    'esp.enable_authentication_check: TRUE',
    '',
  ].join('\n');
  return {
    name: 'esp-null',
    linkType: LINKTYPE.ETHERNET,
    packets: out,
    files: { 'keys/esp-null/esp_sa': espSa, 'keys/esp-null/preferences': prefs },
  };
}
