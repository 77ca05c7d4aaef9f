/** IP protocol numbers and names, shared by IPv4, IPv6 and the layers that name a next header. */
import { names } from '../core/fields.js';

export const IPPROTO = {
  HOPOPTS: 0, ICMP: 1, IGMP: 2, IPIP: 4, TCP: 6, UDP: 17, IPV6: 41, ROUTING: 43, FRAGMENT: 44,
  GRE: 47, ESP: 50, AH: 51, ICMPV6: 58, NONE: 59, DSTOPTS: 60, OSPF: 89, L2TP: 115, SCTP: 132,
} as const;

export const IPPROTO_NAMES = names({
  0: 'IPv6 Hop-by-Hop Option', 1: 'ICMP', 2: 'IGMP', 4: 'IPIP', 6: 'TCP', 17: 'UDP', 41: 'IPv6', 43: 'Routing Header for IPv6',
  44: 'Fragment Header for IPv6', 47: 'Generic Routing Encapsulation', 50: 'Encap Security Payload', 51: 'Authentication Header',
  58: 'ICMPv6', 59: 'IPv6 No Next Header', 60: 'Destination Options for IPv6', 89: 'OSPF IGP', 103: 'PIM', 112: 'VRRP',
  115: 'Layer 2 Tunneling Protocol', 132: 'SCTP', 135: 'Mobility Header', 136: 'UDPLite', 137: 'MPLS in IP',
});
