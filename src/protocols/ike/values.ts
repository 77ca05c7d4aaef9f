/**
 * Value names for ISAKMP/IKE fields, as the IANA "Internet Key Exchange (IKE) Attributes",
 * "Magic Numbers for ISAKMP Protocol" and "IKEv2 Parameters" registries name them, spelled the
 * way Wireshark's tree spells them so that labels match `tshark -V` word for word.
 */
import { names, type ValueNames } from '../../core/fields.js';

/**
 * Names for ranges of values: the first range holding the value wins, as in Wireshark's
 * range_string tables (which some registries need, e.g. "Private Use" for 16384-32767).
 */
export class RangeNames extends Map<number, string> implements ValueNames {
  constructor(private readonly spans: readonly (readonly [number, number, string])[]) {
    super();
  }

  override get(v: number): string | undefined {
    for (const [lo, hi, name] of this.spans) if (v >= lo && v <= hi) return name;
    return undefined;
  }

  override has(v: number): boolean {
    return this.get(v) !== undefined;
  }
}

export function ranges(spans: readonly (readonly [number, number, string])[]): RangeNames {
  return new RangeNames(spans);
}

/** A name from a table, or the fallback Wireshark prints for a value it has no name for. */
export function nameOf(table: ValueNames, v: number, fallback = `Unknown (${v})`): string {
  return table.get(v) ?? fallback;
}

/** isakmp.typepayload */
export const PAYLOAD_TYPE = ranges([
  [0, 0, "NONE / No Next Payload "],
  [1, 1, "Security Association"],
  [2, 2, "Proposal"],
  [3, 3, "Transform"],
  [4, 4, "Key Exchange"],
  [5, 5, "Identification"],
  [6, 6, "Certificate"],
  [7, 7, "Certificate Request"],
  [8, 8, "Hash"],
  [9, 9, "Signature"],
  [10, 10, "Nonce"],
  [11, 11, "Notification"],
  [12, 12, "Delete"],
  [13, 13, "Vendor ID"],
  [14, 14, "Attributes"],
  [15, 15, "SA KEK Payload"],
  [16, 16, "SA TEK Payload"],
  [17, 17, "Key Download"],
  [18, 18, "Sequence Number"],
  [19, 19, "Proof of Possession"],
  [20, 20, "NAT-D (RFC 3947)"],
  [21, 21, "NAT-OA (RFC 3947)"],
  [22, 22, "Group Associated Policy"],
  [33, 33, "Security Association"],
  [34, 34, "Key Exchange"],
  [35, 35, "Identification - Initiator"],
  [36, 36, "Identification - Responder"],
  [37, 37, "Certificate"],
  [38, 38, "Certificate Request"],
  [39, 39, "Authentication"],
  [40, 40, "Nonce"],
  [41, 41, "Notify"],
  [42, 42, "Delete"],
  [43, 43, "Vendor ID"],
  [44, 44, "Traffic Selector - Initiator"],
  [45, 45, "Traffic Selector - Responder"],
  [46, 46, "Encrypted and Authenticated"],
  [47, 47, "Configuration"],
  [48, 48, "Extensible Authentication"],
  [49, 49, "Generic Secure Password Method"],
  [50, 50, "Group Identification"],
  [51, 51, "Group Security Association"],
  [52, 52, "Key Download"],
  [53, 53, "Encrypted and Authenticated Fragment"],
  [54, 127, "Unassigned"],
  [128, 129, "Private Use"],
  [130, 130, "NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)"],
  [131, 131, "NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03)"],
  [132, 132, "Cisco-Fragmentation"],
  [133, 256, "Private Use"],
]);

/** isakmp.sa.doi */
export const DOI = names({
  0: "ISAKMP", 1: "IPSEC", 2: "GDOI",
});

/** isakmp.prop.protoid */
export const PROTO_V1 = names({
  0: "RESERVED", 1: "ISAKMP", 2: "IPSEC_AH", 3: "IPSEC_ESP", 4: "IPCOMP", 5: "GIGABEAM_RADIO",
});

/** isakmp.prop.protoid */
export const PROTO_V2 = names({
  0: "RESERVED", 1: "IKE", 2: "AH", 3: "ESP", 4: "FC_ESP_HEADER", 5: "FC_CT_AUTHENTICATION",
});

/** isakmp.id.type */
export const ID_TYPE_V1 = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "IPV4_ADDR"],
  [2, 2, "FQDN"],
  [3, 3, "USER_FQDN"],
  [4, 4, "IPV4_ADDR_SUBNET"],
  [5, 5, "IPV6_ADDR"],
  [6, 6, "IPV6_ADDR_SUBNET"],
  [7, 7, "IPV4_ADDR_RANGE"],
  [8, 8, "IPV6_ADDR_RANGE"],
  [9, 9, "DER_ASN1_DN"],
  [10, 10, "DER_ASN1_GN"],
  [11, 11, "KEY_ID"],
  [12, 12, "KEY_LIST"],
  [13, 248, "Future use"],
  [249, 255, "Private Use"],
]);

/** isakmp.id.type */
export const ID_TYPE_V2 = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "IPV4_ADDR"],
  [2, 2, "FQDN"],
  [3, 3, "ID_RFC822_ADDR"],
  [4, 4, "Unassigned"],
  [5, 5, "IPV6_ADDR"],
  [6, 8, "Unassigned"],
  [9, 9, "DER_ASN1_DN"],
  [10, 10, "DER_ASN1_GN"],
  [11, 11, "KEY_ID"],
  [12, 12, "KEY_LIST"],
  [13, 200, "Future use"],
  [201, 255, "Private Use"],
]);

/** isakmp.id.protoid */
export const IP_PROTOCOL = names({
  0: "IPv6 Hop-by-Hop Option", 1: "ICMP", 2: "IGMP", 3: "GGP", 4: "IPIP", 5: "Stream", 6: "TCP", 7: "CBT", 8: "EGP",
  9: "IGRP", 10: "BBN RCC", 11: "Network Voice", 12: "PUP", 13: "ARGUS", 14: "EMCON", 15: "XNET", 16: "CHAOS",
  17: "UDP", 18: "Multiplex", 19: "DCN Measurement", 20: "Host Monitoring", 21: "Packet radio", 22: "IDP",
  23: "Trunk-1", 24: "Trunk-2", 25: "Leaf-1", 26: "Leaf-2", 27: "Reliable Data", 28: "IRT", 29: "ISO TP4",
  30: "Bulk Data", 31: "MFE NSP", 32: "Merit Internodal", 33: "Datagram Congestion Control Protocol",
  34: "3rd Party Connect", 35: "Inter-Domain Policy Routing Protocol", 36: "XTP", 37: "Datagram delivery",
  38: "Control Message", 39: "TP++", 40: "IL", 41: "IPv6", 42: "Source demand routing",
  43: "Routing Header for IPv6", 44: "Fragment Header for IPv6", 45: "Inter-Domain Routing Protocol",
  46: "Reservation Protocol", 47: "Generic Routing Encapsulation", 48: "Dynamic source routing", 49: "BNA",
  50: "Encap Security Payload", 51: "Authentication Header", 52: "INSLP", 53: "SWIPE", 54: "NBMA ARP",
  55: "IP Mobility", 56: "TLSP Kryptonet", 57: "SKIP", 58: "ICMPv6", 59: "No Next Header for IPv6",
  60: "Destination Options for IPv6", 61: "any host internal protocol", 62: "Mobile IPv6 (old)",
  63: "any local network", 64: "SATNET EXPAK", 65: "Kryptolan", 66: "Remote Virtual Disk", 67: "IPPC",
  68: "any distributed file system", 69: "SATNET Monitoring", 70: "VISA", 71: "IPCV", 72: "CPNX", 73: "CPHB",
  74: "Wang Span", 75: "Packet Video", 76: "Backroom SATNET Mon", 77: "Sun ND Protocol", 78: "Wideband Mon",
  79: "Wideband Expak", 80: "ISO Internet Protocol", 81: "VMTP", 82: "Secure VMTP", 83: "VINES", 84: "TTP",
  85: "NSFNET IGP", 86: "Dissimilar Gateway", 87: "TCF", 88: "EIGRP", 89: "OSPF IGP", 90: "Sprite RPC",
  91: "Locus ARP", 92: "Multicast Transport", 93: "AX.25 Frames", 94: "IP in IP", 95: "MICP", 96: "Semaphore",
  97: "Ether in IP", 98: "ENCAP", 99: "any private encryption scheme", 100: "GMTP", 101: "Ipsilon Flow",
  102: "PNNI over IP", 103: "PIM", 104: "ARIS", 105: "SCPS", 106: "QNX", 107: "Active Networks", 108: "IPComp",
  109: "Sitara Networks", 110: "Compaq Peer", 111: "IPX IN IP", 112: "VRRP", 113: "PGM", 114: "any 0-hop protocol",
  115: "Layer 2 Tunneling", 116: "DDX", 117: "IATP", 118: "STP", 119: "SpectraLink", 120: "UTI", 121: "SMP",
  122: "SM", 123: "PTP", 124: "ISIS over IP", 125: "FIRE", 126: "CRTP", 127: "CRUDP", 128: "SSCOPMCE", 129: "IPLT",
  130: "Secure Packet", 131: "PIPE", 132: "SCTP", 133: "Fibre Channel", 134: "RSVP E2EI", 135: "Mobile IPv6",
  136: "UDPLite", 137: "MPLS in IP", 138: "MANET", 139: "HIP", 140: "Shim6 header", 141: "WESP", 142: "ROHC",
  143: "Ethernet", 144: "Unassigned", 145: "Unassigned", 146: "Unassigned", 147: "Unassigned", 148: "Unassigned",
  149: "Unassigned", 150: "Unassigned", 151: "Unassigned", 152: "Unassigned", 153: "Unassigned", 154: "Unassigned",
  155: "Unassigned", 156: "Unassigned", 157: "Unassigned", 158: "Unassigned", 159: "Unassigned", 160: "Unassigned",
  161: "Unassigned", 162: "Unassigned", 163: "Unassigned", 164: "Unassigned", 165: "Unassigned", 166: "Unassigned",
  167: "Unassigned", 168: "Unassigned", 169: "Unassigned", 170: "Unassigned", 171: "Unassigned", 172: "Unassigned",
  173: "AX/4000 Testframe", 174: "Unassigned", 175: "Unassigned", 176: "Unassigned", 177: "Unassigned",
  178: "Unassigned", 179: "Unassigned", 180: "Unassigned", 181: "Unassigned", 182: "Unassigned", 183: "Unassigned",
  184: "Unassigned", 185: "Unassigned", 186: "Unassigned", 187: "Unassigned", 188: "Unassigned", 189: "Unassigned",
  190: "Unassigned", 191: "Unassigned", 192: "Unassigned", 193: "Unassigned", 194: "Unassigned", 195: "Unassigned",
  196: "Unassigned", 197: "Unassigned", 198: "Unassigned", 199: "Unassigned", 200: "Unassigned", 201: "Unassigned",
  202: "Unassigned", 203: "Unassigned", 204: "Unassigned", 205: "Unassigned", 206: "Unassigned", 207: "Unassigned",
  208: "Unassigned", 209: "Unassigned", 210: "Unassigned", 211: "Unassigned", 212: "Unassigned", 213: "Unassigned",
  214: "Unassigned", 215: "Unassigned", 216: "Unassigned", 217: "Unassigned", 218: "Unassigned", 219: "Unassigned",
  220: "Unassigned", 221: "Unassigned", 222: "Unassigned", 223: "Unassigned", 224: "Novell NCS Heartbeat",
});

/** isakmp.cert.encoding */
export const CERT_V1 = ranges([
  [0, 0, "NONE"],
  [1, 1, "PKCS #7 wrapped X.509 certificate"],
  [2, 2, "PGP Certificate"],
  [3, 3, "DNS Signed Key"],
  [4, 4, "X.509 Certificate - Signature"],
  [5, 5, "X.509 Certificate - Key Exchange"],
  [6, 6, "Kerberos Tokens"],
  [7, 7, "Certificate Revocation List (CRL)"],
  [8, 8, "Authority Revocation List (ARL)"],
  [9, 9, "SPKI Certificate"],
  [10, 10, "X.509 Certificate - Attribute"],
  [11, 255, "RESERVED"],
]);

/** isakmp.cert.encoding */
export const CERT_V2 = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "PKCS #7 wrapped X.509 certificate"],
  [2, 2, "PGP Certificate"],
  [3, 3, "DNS Signed Key"],
  [4, 4, "X.509 Certificate - Signature"],
  [5, 5, "*undefined by any document*"],
  [6, 6, "Kerberos Tokens"],
  [7, 7, "Certificate Revocation List (CRL)"],
  [8, 8, "Authority Revocation List (ARL)"],
  [9, 9, "SPKI Certificate"],
  [10, 10, "X.509 Certificate - Attribute"],
  [11, 11, "Raw RSA Key"],
  [12, 12, "Hash and URL of X.509 certificate"],
  [13, 13, "Hash and URL of X.509 bundle"],
  [14, 14, "OCSP Content"],
  [15, 200, "RESERVED to IANA"],
  [201, 255, "PRIVATE USE"],
]);

/** isakmp.auth.method */
export const AUTH_METHOD_V2 = ranges([
  [0, 0, "RESERVED TO IANA"],
  [1, 1, "RSA Digital Signature"],
  [2, 2, "Shared Key Message Integrity Code"],
  [3, 3, "DSS Digital Signature"],
  [4, 8, "RESERVED TO IANA"],
  [9, 9, "ECDSA with SHA-256 on the P-256 curve"],
  [10, 10, "ECDSA with SHA-384 on the P-384 curve"],
  [11, 11, "ECDSA with SHA-512 on the P-521 curve"],
  [12, 12, "Generic Secure Password Authentication Method"],
  [13, 13, "NULL Authentication"],
  [14, 14, "Digital Signature"],
  [15, 200, "RESERVED TO IANA"],
  [201, 255, "PRIVATE USE"],
]);

/** isakmp.notify.msgtype */
export const NOTIFY_V1 = ranges([
  [0, 0, "<UNKNOWN>"],
  [1, 1, "INVALID-PAYLOAD-TYPE"],
  [2, 2, "DOI-NOT-SUPPORTED"],
  [3, 3, "SITUATION-NOT-SUPPORTED"],
  [4, 4, "INVALID-COOKIE"],
  [5, 5, "INVALID-MAJOR-VERSION"],
  [6, 6, "INVALID-MINOR-VERSION"],
  [7, 7, "INVALID-EXCHANGE-TYPE"],
  [8, 8, "INVALID-FLAGS"],
  [9, 9, "INVALID-MESSAGE-ID"],
  [10, 10, "INVALID-PROTOCOL-ID"],
  [11, 11, "INVALID-SPI"],
  [12, 12, "INVALID-TRANSFORM-ID"],
  [13, 13, "ATTRIBUTES-NOT-SUPPORTED"],
  [14, 14, "NO-PROPOSAL-CHOSEN"],
  [15, 15, "BAD-PROPOSAL-SYNTAX"],
  [16, 16, "PAYLOAD-MALFORMED"],
  [17, 17, "INVALID-KEY-INFORMATION"],
  [18, 18, "INVALID-ID-INFORMATION"],
  [19, 19, "INVALID-CERT-ENCODING"],
  [20, 20, "INVALID-CERTIFICATE"],
  [21, 21, "CERT-TYPE-UNSUPPORTED"],
  [22, 22, "INVALID-CERT-AUTHORITY"],
  [23, 23, "INVALID-HASH-INFORMATION"],
  [24, 24, "AUTHENTICATION-FAILED"],
  [25, 25, "INVALID-SIGNATURE"],
  [26, 26, "ADDRESS-NOTIFICATION"],
  [27, 27, "NOTIFY-SA-LIFETIME"],
  [28, 28, "CERTIFICATE-UNAVAILABLE"],
  [29, 29, "UNSUPPORTED-EXCHANGE-TYPE"],
  [30, 30, "UNEQUAL-PAYLOAD-LENGTHS"],
  [31, 8191, "RESERVED (Future Use)"],
  [8192, 16383, "Private Use"],
  [16384, 16384, "CONNECTED"],
  [16385, 24575, "RESERVED (Future Use)"],
  [24576, 24576, "RESPONDER-LIFETIME"],
  [24577, 24577, "REPLAY-STATUS"],
  [24578, 24578, "INITIAL-CONTACT"],
  [24579, 32767, "DOI-specific codes"],
  [32768, 36135, "Private Use"],
  [36136, 36136, "R-U-THERE"],
  [36137, 36137, "R-U-THERE-ACK"],
  [36138, 40500, "Private Use"],
  [40501, 40501, "UNITY-LOAD-BALANCE"],
  [40502, 40502, "UNITY-UNKNOWN"],
  [40503, 40503, "UNITY-GROUP-HASH"],
  [40503, 40959, "Private Use"],
  [40960, 65535, "RESERVED (Future Use)"],
]);

/** isakmp.notify.msgtype */
export const NOTIFY_V2 = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "UNSUPPORTED_CRITICAL_PAYLOAD"],
  [2, 3, "RESERVED"],
  [4, 4, "INVALID_IKE_SPI"],
  [5, 5, "INVALID_MAJOR_VERSION"],
  [6, 6, "RESERVED"],
  [7, 7, "INVALID_SYNTAX"],
  [8, 8, "RESERVED"],
  [9, 9, "INVALID_MESSAGE_ID"],
  [10, 10, "RESERVED"],
  [11, 11, "INVALID_SPI"],
  [12, 13, "RESERVED"],
  [14, 14, "NO_PROPOSAL_CHOSEN"],
  [15, 16, "RESERVED"],
  [17, 17, "INVALID_KE_PAYLOAD"],
  [24, 24, "AUTHENTICATION_FAILED"],
  [25, 33, "RESERVED"],
  [34, 34, "SINGLE_PAIR_REQUIRED"],
  [35, 35, "NO_ADDITIONAL_SAS"],
  [36, 36, "INTERNAL_ADDRESS_FAILURE"],
  [37, 37, "FAILED_CP_REQUIRED"],
  [38, 38, "TS_UNACCEPTABLE"],
  [39, 39, "INVALID_SELECTORS"],
  [40, 40, "UNACCEPTABLE_ADDRESSES"],
  [41, 41, "UNEXPECTED_NAT_DETECTED"],
  [42, 42, "USE_ASSIGNED_HoA"],
  [43, 43, "TEMPORARY_FAILURE"],
  [44, 44, "CHILD_SA_NOT_FOUND"],
  [45, 45, "INVALID_GROUP_ID"],
  [46, 46, "CHILD_SA_NOT_FOUND"],
  [47, 8191, "RESERVED TO IANA - Error types"],
  [8192, 16383, "Private Use - Errors"],
  [16384, 16384, "INITIAL_CONTACT"],
  [16385, 16385, "SET_WINDOW_SIZE"],
  [16386, 16386, "ADDITIONAL_TS_POSSIBLE"],
  [16387, 16387, "IPCOMP_SUPPORTED"],
  [16388, 16388, "NAT_DETECTION_SOURCE_IP"],
  [16389, 16389, "NAT_DETECTION_DESTINATION_IP"],
  [16390, 16390, "COOKIE"],
  [16391, 16391, "USE_TRANSPORT_MODE"],
  [16392, 16392, "HTTP_CERT_LOOKUP_SUPPORTED"],
  [16393, 16393, "REKEY_SA"],
  [16394, 16394, "ESP_TFC_PADDING_NOT_SUPPORTED"],
  [16395, 16395, "NON_FIRST_FRAGMENTS_ALSO"],
  [16396, 16396, "MOBIKE_SUPPORTED"],
  [16397, 16397, "ADDITIONAL_IP4_ADDRESS"],
  [16398, 16398, "ADDITIONAL_IP6_ADDRESS"],
  [16399, 16399, "NO_ADDITIONAL_ADDRESSES"],
  [16400, 16400, "UPDATE_SA_ADDRESSES"],
  [16401, 16401, "COOKIE2"],
  [16402, 16402, "NO_NATS_ALLOWED"],
  [16403, 16403, "AUTH_LIFETIME"],
  [16404, 16404, "MULTIPLE_AUTH_SUPPORTED"],
  [16405, 16405, "ANOTHER_AUTH_FOLLOWS"],
  [16406, 16406, "REDIRECT_SUPPORTED"],
  [16407, 16407, "REDIRECT"],
  [16408, 16408, "REDIRECTED_FROM"],
  [16409, 16409, "TICKET_LT_OPAQUE"],
  [16410, 16410, "TICKET_REQUEST"],
  [16411, 16411, "TICKET_ACK"],
  [16412, 16412, "TICKET_NACK"],
  [16413, 16413, "TICKET_OPAQUE"],
  [16414, 16414, "LINK_ID"],
  [16415, 16415, "USE_WESP_MODE"],
  [16416, 16416, "ROHC_SUPPORTED"],
  [16417, 16417, "EAP_ONLY_AUTHENTICATION"],
  [16418, 16418, "CHILDLESS_IKEV2_SUPPORTED"],
  [16419, 16419, "QUICK_CRASH_DETECTION"],
  [16420, 16420, "IKEV2_MESSAGE_ID_SYNC_SUPPORTED"],
  [16421, 16421, "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED"],
  [16422, 16422, "IKEV2_MESSAGE_ID_SYNC"],
  [16423, 16423, "IPSEC_REPLAY_COUNTER_SYNC"],
  [16424, 16424, "SECURE_PASSWORD_METHODS"],
  [16425, 16425, "PSK_PERSIST"],
  [16426, 16426, "PSK_CONFIRM"],
  [16427, 16427, "ERX_SUPPORTED"],
  [16428, 16428, "IFOM_CAPABILITY"],
  [16429, 16429, "SENDER_REQUEST_ID"],
  [16430, 16430, "IKEV2_FRAGMENTATION_SUPPORTED"],
  [16431, 16431, "SIGNATURE_HASH_ALGORITHMS"],
  [16432, 40959, "RESERVED TO IANA - STATUS TYPES"],
  [40960, 65535, "Private Use - STATUS TYPES"],
]);

/** isakmp.notify.data.ipcomp.transform_id */
export const IPCOMP_TRANSFORM = names({
  0: "RESERVED", 1: "OUI", 2: "DEFLATE", 3: "LZS", 4: "LZJH",
});

/** isakmp.notify.data.redirect.gw_ident.type */
export const REDIRECT_GW_TYPE = names({
  1: "IPv4 address", 2: "IPv6 address", 3: "FQDN",
});

/** isakmp.notify.data.rohc.attr.type */
export const ROHC_ATTR = ranges([
  [1, 1, "Maximum Context Identifier (MAX_CID)"],
  [2, 2, "ROHC Profile (ROHC_PROFILE)"],
  [3, 3, "ROHC Integrity Algorithm (ROHC_INTEG)"],
  [4, 4, "ROHC ICV Length in bytes (ROHC_ICV_LEN)"],
  [5, 5, "Maximum Reconstructed Reception Unit (MRRU)"],
  [6, 16383, "Unassigned (Future use)"],
  [16384, 32767, "Private use"],
]);

/** isakmp.notify.data.rohc.attr.integ */
export const ROHC_INTEG = names({
  0: "NONE", 1: "AUTH_HMAC_MD5_96", 2: "AUTH_HMAC_SHA1_96", 3: "AUTH_DES_MAC", 4: "AUTH_KPDK_MD5",
  5: "AUTH_AES_XCBC_96", 6: "AUTH_HMAC_MD5_128", 7: "AUTH_HMAC_SHA1_160", 8: "AUTH_AES_CMAC_96",
  9: "AUTH_AES_128_GMAC", 10: "AUTH_AES_192_GMAC", 11: "AUTH_AES_256_GMAC", 12: "AUTH_HMAC_SHA2_256_128",
  13: "AUTH_HMAC_SHA2_384_192", 14: "AUTH_HMAC_SHA2_512_256",
});

/** isakmp.notify.data.signature_hash_algorithms */
export const SIGNATURE_HASH = ranges([
  [0, 0, "Reserved"],
  [1, 1, "SHA1"],
  [2, 2, "SHA2-256"],
  [3, 3, "SHA2-384"],
  [4, 4, "SHA2-512"],
  [5, 5, "Identity"],
  [6, 1023, "Unassigned"],
  [1024, 65535, "Reserved for Private Use"],
]);

/** isakmp.vid.cp.product */
export const CP_PRODUCT = names({
  1: "Firewall-1", 2: "SecuRemote/SecureClient",
});

/** isakmp.vid.cp.version */
export const CP_VERSION = names({
  2: "4.1", 3: "4.1 SP-1", 4002: "4.1 (SP-2 or above)", 5000: "NG", 5001: "NG Feature Pack 1",
  5002: "NG Feature Pack 2", 5003: "NG Feature Pack 3", 5004: "NG with Application Intelligence",
  5005: "NG with Application Intelligence R55", 5006: "NG with Application Intelligence R56",
});

/** isakmp.vid.ms_nt5_isakmpoakley */
export const MS_NT5 = names({
  2: "Windows 2000", 3: "Windows XP SP1", 4: "Windows 2003 and Windows XP SP2", 5: "Windows Vista",
});

/** isakmp.ts.type */
export const TS_TYPE = ranges([
  [0, 6, "Reserved"],
  [7, 7, "TS_IPV4_ADDR_RANGE"],
  [8, 8, "TS_IPV6_ADDR_RANGE"],
  [9, 9, "TS_FC_ADDR_RANGE"],
  [10, 240, "Future use"],
  [241, 255, "Private use"],
]);

/** isakmp.frag.last */
export const FRAG_LAST = names({
  0: "More fragments", 1: "Last fragment",
});

/** isakmp.ipsec.attr.type */
export const IPSEC_ATTR = ranges([
  [1, 1, "SA-Life-Type"],
  [2, 2, "SA-Life-Duration"],
  [3, 3, "Group-Description"],
  [4, 4, "Encapsulation-Mode"],
  [5, 5, "Authentication-Algorithm"],
  [6, 6, "Key-Length"],
  [7, 7, "Key-Rounds"],
  [8, 8, "Compress-Dictionary-Size"],
  [9, 9, "Compress-Private-Algorithm"],
  [10, 10, "ECN Tunnel"],
  [11, 11, "Extended (64-bit) Sequence Number"],
  [12, 12, "Authentication Key Length"],
  [13, 13, "Signature Encoding Algorithm"],
  [14, 14, "Address Preservation"],
  [15, 15, "SA Direction"],
  [16, 32000, "Unassigned (Future use)"],
  [32001, 32767, "Private use"],
]);

/** isakmp.ipsec.attr.life_type */
export const LIFE_TYPE = names({
  0: "RESERVED", 1: "Seconds", 2: "Kilobytes",
});

/** isakmp.ipsec.attr.group_description */
export const DH_GROUP = names({
  0: "UNDEFINED - 0", 1: "Default 768-bit MODP group", 2: "Alternate 1024-bit MODP group",
  3: "EC2N group on GP[2^155] group", 4: "EC2N group on GP[2^185] group", 5: "1536 bit MODP group",
  6: "EC2N group over GF[2^163]", 7: "EC2N group over GF[2^163]", 8: "EC2N group over GF[2^283]",
  9: "EC2N group over GF[2^283]", 10: "EC2N group over GF[2^409]", 11: "EC2N group over GF[2^409]",
  12: "EC2N group over GF[2^571]", 13: "EC2N group over GF[2^571]", 14: "2048 bit MODP group",
  15: "3072 bit MODP group", 16: "4096 bit MODP group", 17: "6144 bit MODP group", 18: "8192 bit MODP group",
  19: "256-bit random ECP group", 20: "384-bit random ECP group", 21: "521-bit random ECP group",
  22: "1024-bit MODP Group with 160-bit Prime Order Subgroup",
  23: "2048-bit MODP Group with 224-bit Prime Order Subgroup",
  24: "2048-bit MODP Group with 256-bit Prime Order Subgroup", 25: "192-bit Random ECP Group",
  26: "224-bit Random ECP Group", 27: "224-bit Brainpool ECP group", 28: "256-bit Brainpool ECP group",
  29: "384-bit Brainpool ECP group", 30: "512-bit Brainpool ECP group", 31: "Curve25519", 32: "Curve448",
  33: "GOST3410_2012_256", 34: "GOST3410_2012_512",
});

/** isakmp.ipsec.attr.encap_mode */
export const ENCAP_MODE = names({
  0: "RESERVED", 1: "Tunnel", 2: "Transport", 3: "UDP-Encapsulated-Tunnel", 4: "UDP-Encapsulated-Transport",
  61440: "Check Point IPSec UDP Encapsulation", 61443: "UDP-Encapsulated-Tunnel (draft)",
  61444: "UDP-Encapsulated-Transport (draft)",
});

/** isakmp.ipsec.attr.auth_algorithm */
export const IPSEC_AUTH_ALG = names({
  0: "RESERVED", 1: "HMAC-MD5", 2: "HMAC-SHA", 3: "DES-MAC", 4: "KPDK", 5: "HMAC-SHA2-256", 6: "HMAC-SHA2-384",
  7: "HMAC-SHA2-512", 8: "HMAC-RIPEMD", 9: "AES-XCBC-MAC", 10: "SIG-RSA", 11: "AES-128-GMAC", 12: "AES-192-GMAC",
  13: "AES-256-GMAC",
});

/** isakmp.ipsec.attr.ecn_tunnel */
export const ECN_TUNNEL = names({
  0: "RESERVED", 1: "Allowed", 2: "Forbidden",
});

/** isakmp.ipsec.attr.ext_seq_nbr */
export const EXT_SEQ = names({
  0: "RESERVED", 1: "64-bit Sequence Number",
});

/** isakmp.ipsec.attr.addr_preservation */
export const ADDR_PRESERVATION = names({
  0: "Reserved", 1: "None", 2: "Source-Only", 3: "Destination-Only", 4: "Source-and-Destination",
});

/** isakmp.ipsec.attr.sa_direction */
export const SA_DIRECTION = names({
  0: "Reserved", 1: "Sender-Only", 2: "Receiver-Only", 3: "Symmetric",
});

/** isakmp.ike.attr.type */
export const IKE_ATTR = ranges([
  [1, 1, "Encryption-Algorithm"],
  [2, 2, "Hash-Algorithm"],
  [3, 3, "Authentication-Method"],
  [4, 4, "Group-Description"],
  [5, 5, "Group-Type"],
  [6, 6, "Group-Prime"],
  [7, 7, "Group-Generator-One"],
  [8, 8, "Group-Generator-Two"],
  [9, 9, "Group-Curve-A"],
  [10, 10, "Group-Curve-B"],
  [11, 11, "Life-Type"],
  [12, 12, "Life-Duration"],
  [13, 13, "PRF"],
  [14, 14, "Key-Length"],
  [15, 15, "Field-Size"],
  [16, 16, "Group-Order"],
  [17, 17, "Block-Size"],
  [18, 19, "Unassigned (Future use)"],
  [20, 20, "Asymmetric-Cryptographic-Algorithm-Type"],
  [21, 16383, "Unassigned (Future use)"],
  [16384, 32767, "Private use"],
]);

/** isakmp.ike.attr.encryption_algorithm */
export const IKE_ENC_ALG = names({
  0: "RESERVED", 1: "DES-CBC", 2: "IDEA-CBC", 3: "BLOWFISH-CBC", 4: "RC5-R16-B64-CBC", 5: "3DES-CBC", 6: "CAST-CBC",
  7: "AES-CBC", 8: "CAMELLIA-CBC", 127: "SM4-CBC (DEPRECATED)", 128: "SM1-CBC", 129: "SM4-CBC",
});

/** isakmp.ike.attr.hash_algorithm */
export const IKE_HASH_ALG = names({
  0: "RESERVED", 1: "MD5", 2: "SHA", 3: "TIGER", 4: "SHA2-256", 5: "SHA2-384", 6: "SHA2-512", 20: "SM3",
});

/** isakmp.ike.attr.authentication_method */
export const IKE_AUTH_METHOD = names({
  0: "RESERVED", 1: "Pre-shared key", 2: "DSS signatures", 3: "RSA signatures", 4: "Encryption with RSA",
  5: "Revised encryption with RSA", 6: "Reserved (was Encryption with El-Gamal)",
  7: "Reserved (was Revised encryption with El-Gamal)", 8: "Reserved (was ECDSA signatures)",
  9: "ECDSA with SHA-256 on the P-256 curve", 10: "ECDSA with SHA-384 on the P-384 curve",
  11: "ECDSA with SHA-512 on the P-521 curve", 64221: "HybridInitRSA", 64222: "HybridRespRSA",
  64223: "HybridInitDSS", 64224: "HybridRespDSS", 65001: "XAUTHInitPreShared", 65002: "XAUTHRespPreShared",
  65003: "XAUTHInitDSS", 65004: "XAUTHRespDSS", 65005: "XAUTHInitRSA", 65006: "XAUTHRespRSA",
  65007: "XAUTHInitRSAEncryption", 65008: "XAUTHRespRSAEncryption", 65009: "XAUTHInitRSARevisedEncryption",
  65010: "XAUTHRespRSARevisedEncryption",
});

/** isakmp.ike.attr.group_type */
export const GROUP_TYPE = names({
  0: "UNDEFINED - 0", 1: "MODP", 2: "ECP", 3: "EC2N",
});

/** isakmp.ike.attr.asymmetric_cryptographic_algorithm_type */
export const ASYM_ALG = names({
  1: "RSA", 2: "SM2",
});

/** isakmp.tf.type */
export const TF_TYPE = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "Encryption Algorithm (ENCR)"],
  [2, 2, "Pseudo-random Function (PRF)"],
  [3, 3, "Integrity Algorithm (INTEG)"],
  [4, 4, "Diffie-Hellman Group (D-H)"],
  [5, 5, "Extended Sequence Numbers (ESN)"],
  [6, 240, "Reserved to IANA"],
  [241, 255, "Private Use"],
]);

/** isakmp.tf.id.encr */
export const TF_ENCR = names({
  0: "RESERVED", 1: "ENCR_DES_IV64", 2: "ENCR_DES", 3: "ENCR_3DES", 4: "ENCR_RC5", 5: "ENCR_IDEA", 6: "ENCR_CAST",
  7: "ENCR_BLOWFISH", 8: "ENCR_3IDEA", 9: "ENCR_DES_IV32", 10: "RESERVED", 11: "ENCR_NULL", 12: "ENCR_AES_CBC",
  13: "ENCR_AES_CTR", 14: "ENCR_AES-CCM_8", 15: "ENCR-AES-CCM_12", 16: "ENCR-AES-CCM_16", 17: "UNASSIGNED",
  18: "AES-GCM with a 8 octet ICV", 19: "AES-GCM with a 12 octet ICV", 20: "AES-GCM with a 16 octet ICV",
  21: "ENCR_NULL_AUTH_AES_GMAC", 22: "Reserved for IEEE P1619 XTS-AES", 23: "ENCR_CAMELLIA_CBC",
  24: "ENCR_CAMELLIA_CTR", 25: "ENCR_CAMELLIA_CCM with an 8-octet ICV", 26: "ENCR_CAMELLIA_CCM with a 12-octet ICV",
  27: "ENCR_CAMELLIA_CCM with a 16-octet ICV", 28: "ENCR_CHACHA20_POLY1305",
});

/** isakmp.tf.id.prf */
export const TF_PRF = names({
  0: "RESERVED", 1: "PRF_HMAC_MD5", 2: "PRF_HMAC_SHA1", 3: "PRF_HMAC_TIGER", 4: "PRF_AES128_CBC",
  5: "PRF_HMAC_SHA2_256", 6: "PRF_HMAC_SHA2_384", 7: "PRF_HMAC_SHA2_512", 8: "PRF_AES128_CMAC6",
});

/** isakmp.tf.id.integ */
export const TF_INTEG = names({
  0: "NONE", 1: "AUTH_HMAC_MD5_96", 2: "AUTH_HMAC_SHA1_96", 3: "AUTH_DES_MAC", 4: "AUTH_KPDK_MD5",
  5: "AUTH_AES_XCBC_96", 6: "AUTH_HMAC_MD5_128", 7: "AUTH_HMAC_SHA1_160", 8: "AUTH_AES_CMAC_96",
  9: "AUTH_AES_128_GMAC", 10: "AUTH_AES_192_GMAC", 11: "AUTH_AES_256_GMAC", 12: "AUTH_HMAC_SHA2_256_128",
  13: "AUTH_HMAC_SHA2_384_192", 14: "AUTH_HMAC_SHA2_512_256",
});

/** isakmp.tf.id.esn */
export const TF_ESN = names({
  0: "No Extended Sequence Numbers", 1: "Extended Sequence Numbers",
});

/** isakmp.ike2.attr.type */
export const IKE2_ATTR = ranges([
  [0, 13, "Reserved"],
  [14, 14, "Key Length"],
  [15, 17, "Reserved"],
  [18, 16383, "Unassigned (Future use)"],
  [16384, 32767, "Private use"],
]);

/** isakmp.cfg.type */
export const CFG_TYPE_V1 = ranges([
  [0, 0, "Reserved"],
  [1, 1, "ISAKMP_CFG_REQUEST"],
  [2, 2, "ISAKMP_CFG_REPLY"],
  [3, 3, "ISAKMP_CFG_SET"],
  [4, 4, "ISAKMP_CFG_ACK"],
  [5, 127, "Future use"],
  [128, 256, "Private Use"],
]);

/** isakmp.cfg.type */
export const CFG_TYPE_V2 = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "CFG_REQUEST"],
  [2, 2, "CFG_REPLY"],
  [3, 3, "CFG_SET"],
  [4, 4, "CFG_ACK"],
  [5, 127, "Future use"],
  [128, 256, "Private Use"],
]);

/** isakmp.cfg.attr.type */
export const CFG_ATTR_V1 = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "INTERNAL_IP4_ADDRESS"],
  [2, 2, "INTERNAL_IP4_NETMASK"],
  [3, 3, "INTERNAL_IP4_DNS"],
  [4, 4, "INTERNAL_IP4_NBNS"],
  [5, 5, "INTERNAL_ADDRESS_EXPIRY"],
  [6, 6, "INTERNAL_IP4_DHCP"],
  [7, 7, "APPLICATION_VERSION"],
  [8, 8, "INTERNAL_IP6_ADDRESS"],
  [9, 9, "INTERNAL_IP6_NETMASK"],
  [10, 10, "INTERNAL_IP6_DNS"],
  [11, 11, "INTERNAL_IP6_NBNS"],
  [12, 12, "INTERNAL_IP6_DHCP"],
  [13, 13, "INTERNAL_IP4_SUBNET"],
  [14, 14, "SUPPORTED_ATTRIBUTES"],
  [15, 15, "INTERNAL_IP6_SUBNET"],
  [16, 16383, "FUTURE USE"],
  [16384, 16386, "PRIVATE USE"],
  [16387, 16387, "CHKPT_DEF_DOMAIN"],
  [16388, 16388, "CHKPT_MAC_ADDRESS"],
  [16389, 16389, "CHKPT_MARCIPAN_REASON_CODE"],
  [16400, 16400, "CHKPT_UNKNOWN1"],
  [16401, 16401, "CHKPT_UNKNOWN2"],
  [16402, 16402, "CHKPT_UNKNOWN3"],
  [16403, 16519, "PRIVATE USE"],
  [16520, 16520, "XAUTH_TYPE"],
  [16521, 16521, "XAUTH_USER_NAME"],
  [16522, 16522, "XAUTH_USER_PASSWORD"],
  [16523, 16523, "XAUTH_PASSCODE"],
  [16524, 16524, "XAUTH_MESSAGE"],
  [16525, 16525, "XAUTH_CHALLANGE"],
  [16526, 16526, "XAUTH_DOMAIN"],
  [16527, 16527, "XAUTH_STATUS"],
  [16528, 16528, "XAUTH_NEXT_PIN"],
  [16529, 16529, "XAUTH_ANSWER"],
  [16530, 28671, "PRIVATE USE"],
  [28672, 28672, "UNITY_BANNER"],
  [28673, 28673, "UNITY_SAVE_PASSWD"],
  [28674, 28674, "UNITY_DEF_DOMAIN"],
  [28675, 28675, "UNITY_SPLIT_DOMAIN"],
  [28676, 28676, "UNITY_SPLIT_INCLUDE"],
  [28677, 28677, "UNITY_NATT_PORT"],
  [28678, 28678, "UNITY_SPLIT_EXCLUDE"],
  [28679, 28679, "UNITY_PFS"],
  [28680, 28680, "UNITY_FW_TYPE"],
  [28681, 28681, "UNITY_BACKUP_SERVERS"],
  [28682, 28682, "UNITY_DDNS_HOSTNAME"],
  [28683, 32767, "PRIVATE USE"],
]);

/** isakmp.cfg.attr.type */
export const CFG_ATTR_V2 = ranges([
  [0, 0, "RESERVED"],
  [1, 1, "INTERNAL_IP4_ADDRESS"],
  [2, 2, "INTERNAL_IP4_NETMASK"],
  [3, 3, "INTERNAL_IP4_DNS"],
  [4, 4, "INTERNAL_IP4_NBNS"],
  [5, 5, "INTERNAL_ADDRESS_EXPIRY"],
  [6, 6, "INTERNAL_IP4_DHCP"],
  [7, 7, "APPLICATION_VERSION"],
  [8, 8, "INTERNAL_IP6_ADDRESS"],
  [9, 9, "RESERVED"],
  [10, 10, "INTERNAL_IP6_DNS"],
  [11, 11, "INTERNAL_IP6_NBNS"],
  [12, 12, "INTERNAL_IP6_DHCP"],
  [13, 13, "INTERNAL_IP4_SUBNET"],
  [14, 14, "SUPPORTED_ATTRIBUTES"],
  [15, 15, "INTERNAL_IP6_SUBNET"],
  [16, 16, "MIP6_HOME_PREFIX"],
  [17, 17, "INTERNAL_IP6_LINK"],
  [18, 18, "INTERNAL_IP6_PREFIX"],
  [19, 19, "HOME_AGENT_ADDRESS"],
  [20, 20, "P_CSCF_IP4_ADDRESS"],
  [21, 21, "P_CSCF_IP6_ADDRESS"],
  [22, 22, "FTT_KAT"],
  [23, 16383, "RESERVED TO IANA"],
  [16384, 32767, "PRIVATE USE"],
]);

/** isakmp.cfg.attr.xauth.type */
export const XAUTH_TYPE = ranges([
  [0, 0, "Generic"],
  [1, 1, "RADIUS-CHAP"],
  [2, 2, "OTP"],
  [3, 3, "S/KEY"],
  [4, 32767, "Future use"],
  [32768, 65535, "Private use"],
]);

/** isakmp.cfg.attr.xauth.status */
export const XAUTH_STATUS = names({
  0: "Fail", 1: "Success",
});

/** isakmp.sat.protocol_id */
export const SAT_PROTOCOL = ranges([
  [0, 0, "Reserved"],
  [1, 1, "GDOI_PROTO_IPSEC_ESP"],
  [2, 2, "GDOI_PROTO_IPSEC_AH"],
  [3, 127, "Unassigned"],
  [128, 255, "Private Use"],
]);

/** isakmp.kd.payload.type */
export const KEY_DOWNLOAD_TYPE = ranges([
  [0, 0, "Reserved"],
  [1, 1, "TEK"],
  [2, 2, "KEK"],
  [3, 3, "LKH"],
  [4, 4, "SID"],
  [5, 127, "Unassigned"],
  [128, 255, "Private Use"],
]);

/** isakmp.notify.priv.3gpp.device_identity_type */
export const DEVICE_IDENTITY = names({
  1: "IMEI", 2: "IMEISV",
});

/** IKEv1 Transform IDs for the ISAKMP protocol (RFC 2407 §4.4.1). */
export const TRANS_V1_ISAKMP = names({ 0: 'RESERVED', 1: 'KEY_IKE' });

/** IKEv1 AH Transform IDs (RFC 2407 §4.4.3, RFC 4868). */
export const TRANS_V1_AH = names({
  0: 'RESERVED', 1: 'RESERVED', 2: 'MD5', 3: 'SHA', 4: 'DES', 5: 'SHA2-256', 6: 'SHA2-384', 7: 'SHA2-512',
});

/** IKEv1 ESP Transform IDs (RFC 2407 §4.4.4). */
export const TRANS_V1_ESP = names({
  0: 'RESERVED', 1: 'DES-IV64', 2: 'DES', 3: '3DES', 4: 'RC5', 5: 'IDEA', 6: 'CAST', 7: 'BLOWFISH', 8: '3IDEA',
  9: 'DES-IV32', 10: 'RC4', 11: 'NULL', 12: 'AES',
});

/** IKEv1 IPCOMP Transform IDs (RFC 2407 §4.4.5). */
export const TRANS_V1_IPCOMP = names({ 0: 'RESERVED', 1: 'OUI', 2: 'DEFLATE', 3: 'LZS', 4: 'LZJH' });

/** Private IKEv2 notify types used by 3GPP (TS 24.302, TS 24.502), for types 8192-16383 and 40960-65535. */
export const NOTIFY_V2_3GPP = ranges([
  [8192, 8192, 'PDN_CONNECTION_REJECTION'], [8193, 8193, 'MAX_CONNECTION_REACHED'],
  [8194, 8240, 'Private Use - Errors'], [8241, 8241, 'SEMANTIC_ERROR_IN_THE_TFT_OPERATION'],
  [8242, 8242, 'SYNTACTICAL_ERROR_IN_THE_TFT_OPERATION'], [8243, 8243, 'Private Use - Errors'],
  [8244, 8244, 'SEMANTIC_ERRORS_IN_PACKET_FILTERS'], [8245, 8245, 'SYNTACTICAL_ERRORS_IN_PACKET_FILTERS'],
  [8246, 8999, 'Private Use - Errors'], [9000, 9000, 'NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED'],
  [9001, 9001, 'USER_UNKNOWN'], [9002, 9002, 'NO_APN_SUBSCRIPTION'], [9003, 9003, 'AUTHORIZATION_REJECTED'],
  [9004, 9005, 'Private Use - Errors'], [9006, 9006, 'ILLEGAL_ME'], [9007, 10499, 'Private Use - Errors'],
  [10500, 10500, 'NETWORK_FAILURE'], [10501, 11000, 'Private Use - Errors'], [11001, 11001, 'RAT_TYPE_NOT_ALLOWED'],
  [11002, 11004, 'Private Use - Errors'], [11005, 11005, 'IMEI_NOT_ACCEPTED'], [11006, 11010, 'Private Use - Errors'],
  [11011, 11011, 'PLMN_NOT_ALLOWED'], [11012, 11054, 'Private Use - Errors'],
  [11055, 11055, 'UNAUTHENTICATED_EMERGENCY_NOT_SUPPORTED'], [11056, 15499, 'Private Use - Errors'],
  [15500, 15500, 'CONGESTION'], [15501, 16383, 'Private Use - Errors'],
  [40960, 40960, 'Private Use - STATUS TYPES'], [40961, 40961, 'REACTIVATION_REQUESTED_CAUSE'],
  [40962, 41040, 'Private Use - STATUS TYPES'], [41041, 41041, 'BACKOFF_TIMER'],
  [41042, 41049, 'Private Use - STATUS TYPES'], [41050, 41050, 'PDN_TYPE_IPv4_ONLY_ALLOWED'],
  [41051, 41051, 'PDN_TYPE_IPv6_ONLY_ALLOWED'], [41052, 41100, 'Private Use - STATUS TYPES'],
  [41101, 41101, 'DEVICE_IDENTITY'], [41102, 41111, 'Private Use - STATUS TYPES'], [41112, 41112, 'EMERGENCY_SUPPORT'],
  [41113, 41133, 'Private Use - STATUS TYPES'], [41134, 41134, 'EMERGENCY_CALL_NUMBERS'],
  [41135, 41287, 'Private Use - STATUS TYPES'], [41288, 41288, 'NBIFOM_GENERIC_CONTAINER'],
  [41289, 41303, 'Private Use - STATUS TYPES'], [41304, 41304, 'P-CSCF_RESELECTION_SUPPORT'],
  [41305, 41500, 'Private Use - STATUS TYPES'], [41501, 41501, 'PTI'], [41502, 42010, 'Private Use - STATUS TYPES'],
  [42011, 42011, 'P-IKEV2_MULTIPLE_BEARER_PDN_CONNECTIVITY'], [42012, 42013, 'Private Use - STATUS TYPES'],
  [42014, 42014, 'P-EPS_QOS'], [42015, 42015, 'P-EXTENDED_EPS_QOS'], [42016, 42016, 'Private Use - STATUS TYPES'],
  [42017, 42017, 'P-TFT'], [42018, 42019, 'Private Use - STATUS TYPES'], [42020, 42020, 'P-MODIFIED_BEARER'],
  [42021, 42093, 'Private Use - STATUS TYPES'], [42094, 42094, 'P-APN_AMBR'], [42095, 42095, 'P-EXTENDED_APN_AMBR'],
  [42096, 51014, 'Private Use - STATUS TYPES'], [51015, 51015, 'P-N1_MODE_CAPABILITY'],
  [51016, 51114, 'Private Use - STATUS TYPES'], [51115, 51115, 'P-N1_MODE_INFORMATION'],
  [51116, 55500, 'Private Use - STATUS TYPES'], [55501, 55501, '5G_QOS_INFO'], [55502, 55502, 'NAS_IP4_ADDRESS'],
  [55503, 55503, 'NAS_IP6_ADDRESS'], [55504, 55504, 'UP_IP4_ADDRESS'], [55505, 55505, 'UP_IP6_ADDRESS'],
  [55506, 55506, 'NAS_TCP_PORT'], [55507, 55507, 'N3GPP_BACKOFF_TIMER'], [55508, 65535, 'Private Use - STATUS TYPES'],
]);

/** IKEv1 exchange types (RFC 2408 §3.1, RFC 2409). */
export const EXCHANGE_V1 = names({
  0: 'NONE', 1: 'Base', 2: 'Identity Protection (Main Mode)', 3: 'Authentication Only', 4: 'Aggressive',
  5: 'Informational', 6: 'Transaction (Config Mode)', 32: 'Quick Mode', 33: 'New Group Mode',
});

/** IKEv2 exchange types (RFC 7296 §3.1, RFC 5723). */
export const EXCHANGE_V2 = names({
  34: 'IKE_SA_INIT', 35: 'IKE_AUTH', 36: 'CREATE_CHILD_SA', 37: 'INFORMATIONAL', 38: 'IKE_SESSION_RESUME',
});

/** Flag names (Wireshark's true/false strings). */
export const TF_FLAG_E: [string, string] = ['Encrypted', 'Not encrypted'];
export const TF_FLAG_C: [string, string] = ['Commit', 'No commit'];
export const TF_FLAG_A: [string, string] = ['Authentication', 'No authentication'];
export const TF_FLAG_I: [string, string] = ['Initiator', 'Responder'];
export const TF_FLAG_V: [string, string] = ['A higher version enabled', 'No higher version'];
export const TF_FLAG_R: [string, string] = ['Response', 'Request'];
export const TF_CRITICAL: [string, string] = ['Critical', 'Not critical'];
export const TF_ATTR_FORMAT: [string, string] = ['Type/Value (TV)', 'Type/Length/Value (TLV)'];

/** GDOI key download TEK attribute types (RFC 6407 §5.6.1). */
export const TEK_KEY_ATTR = ranges([
  [1, 1, 'TEK_ALGORITHM_KEY'], [2, 2, 'TEK_INTEGRITY_KEY'], [3, 3, 'TEK_SOURCE_AUTH_KEY'],
  [4, 137, 'Unassigned (Future use)'], [128, 255, 'Private use'], [256, 32767, 'Unassigned (Future use)'],
]);
