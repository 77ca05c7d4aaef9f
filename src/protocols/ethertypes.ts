/** EtherType values and their names, shared by every layer that hands off by EtherType. */
import { names } from '../core/fields.js';

export const ETHERTYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  QINQ: 0x88a8,
  QINQ_OLD: 0x9100,
  IPV6: 0x86dd,
  PPPOED: 0x8863,
  PPPOES: 0x8864,
  PPP: 0x880b,
  TEB: 0x6558,
} as const;

export const ETHERTYPE_NAMES = names({
  0x0800: 'IPv4', 0x0806: 'ARP', 0x8100: '802.1Q Virtual LAN', 0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x9100: 'VLAN-tagged frame (Q-in-Q)', 0x86dd: 'IPv6', 0x8863: 'PPPoE Discovery', 0x8864: 'PPPoE Session',
  0x880b: 'PPP', 0x6558: 'Transparent Ethernet bridging', 0x0842: 'Wake on LAN', 0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)',
  0x8847: 'MPLS label switched packet', 0x888e: '802.1X Authentication',
});
