/**
 * LINKTYPE_* values (the numbers written in pcap and pcapng files, tcpdump.org/linktypes.html), with
 * the names Wireshark uses for the matching encapsulations. The engine dispatches on these numbers.
 */

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  PPP: 9,
  /** DLT_RAW as some BSDs numbered it: a raw IP header, no link layer. */
  DLT_RAW_12: 12,
  /** DLT_RAW on OpenBSD. */
  DLT_RAW_14: 14,
  PPP_HDLC: 50,
  PPP_ETHER: 51,
  RAW: 101,
  C_HDLC: 104,
  IEEE802_11: 105,
  LOOP: 108,
  LINUX_SLL: 113,
  IEEE802_11_RADIOTAP: 127,
  PPP_PPPD: 166,
  PPP_WITH_DIR: 204,
  IPV4: 228,
  IPV6: 229,
  NETLINK: 253,
  LINUX_SLL2: 276,
} as const;

export type LinkType = (typeof LINKTYPE)[keyof typeof LINKTYPE];

const DESCRIPTIONS: Record<number, string> = {
  [LINKTYPE.NULL]: 'NULL/Loopback',
  [LINKTYPE.ETHERNET]: 'Ethernet',
  [LINKTYPE.PPP]: 'PPP',
  [LINKTYPE.DLT_RAW_12]: 'Raw IP',
  [LINKTYPE.DLT_RAW_14]: 'Raw IP',
  [LINKTYPE.PPP_HDLC]: 'PPP in HDLC-like framing',
  [LINKTYPE.PPP_ETHER]: 'PPPoE',
  [LINKTYPE.RAW]: 'Raw IP',
  [LINKTYPE.C_HDLC]: 'Cisco HDLC',
  [LINKTYPE.IEEE802_11]: 'IEEE 802.11 Wireless LAN',
  [LINKTYPE.LOOP]: 'OpenBSD loopback',
  [LINKTYPE.LINUX_SLL]: 'Linux cooked-mode capture v1',
  [LINKTYPE.IEEE802_11_RADIOTAP]: 'IEEE 802.11 plus radiotap radio header',
  [LINKTYPE.PPP_PPPD]: 'PPP with Directional Info',
  [LINKTYPE.PPP_WITH_DIR]: 'PPP with Directional Info',
  [LINKTYPE.IPV4]: 'Raw IPv4',
  [LINKTYPE.IPV6]: 'Raw IPv6',
  [LINKTYPE.NETLINK]: 'Linux Netlink',
  [LINKTYPE.LINUX_SLL2]: 'Linux cooked-mode capture v2',
};

const NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(LINKTYPE).map(([k, v]) => [v, k.startsWith('DLT_') ? 'RAW' : k]),
);

/** "LINKTYPE_ETHERNET", or "LINKTYPE 147" for a number this table does not know. */
export function linkTypeName(lt: number): string {
  const n = NAMES[lt];
  return n ? `LINKTYPE_${n}` : `LINKTYPE ${lt}`;
}

/** Wireshark's words for the encapsulation, e.g. "Ethernet" or "Raw IPv4"; "Unknown" otherwise. */
export function linkTypeDescription(lt: number): string {
  return DESCRIPTIONS[lt] ?? 'Unknown';
}
