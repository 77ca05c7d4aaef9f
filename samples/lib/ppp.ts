/**
 * PPP framing and the control protocols the samples negotiate: LCP (RFC 1661), CHAP (RFC 1994),
 * MS-CHAPv2 (RFC 2759), IPCP (RFC 1332, DNS option RFC 1877) and CCP (RFC 1962) with the MPPE
 * option (RFC 3078 §2).
 */
import { ascii, concat, u16, u32, u8 } from './bytes.js';

export const PPP_IP = 0x0021;
export const PPP_COMP = 0x00fd;
export const PPP_IPCP = 0x8021;
export const PPP_CCP = 0x80fd;
export const PPP_LCP = 0xc021;
export const PPP_PAP = 0xc023;
export const PPP_CHAP = 0xc223;

export const CP = {
  CONF_REQ: 1,
  CONF_ACK: 2,
  CONF_NAK: 3,
  CONF_REJ: 4,
  TERM_REQ: 5,
  TERM_ACK: 6,
  CODE_REJ: 7,
  PROTO_REJ: 8,
  ECHO_REQ: 9,
  ECHO_REPLY: 10,
  DISCARD_REQ: 11,
} as const;

/**
 * A PPP frame as carried in GRE or L2TP (no HDLC flags or FCS). `compressed` drops the
 * Address/Control fields and uses a one-byte protocol when it fits (ACFC and PFC, RFC 1661 §6.5-6.6);
 * LCP frames always keep both (RFC 1661 §6.5).
 */
export function pppFrame(protocol: number, payload: Uint8Array, compressed = false): Uint8Array {
  if (!compressed || protocol === PPP_LCP) return concat(Uint8Array.of(0xff, 0x03), u16(protocol), payload);
  return concat(protocol < 0x100 ? u8(protocol) : u16(protocol), payload);
}

export function option(type: number, value: Uint8Array): Uint8Array {
  return concat(u8(type), u8(2 + value.length), value);
}

/** A Configure-*, Terminate-* or Code-Reject packet: code, identifier, length, data. */
export function cpPacket(code: number, id: number, data: Uint8Array): Uint8Array {
  return concat(u8(code), u8(id), u16(4 + data.length), data);
}

export const LCP_OPT = {
  MRU: 1,
  ACCM: 2,
  AUTH: 3,
  MAGIC: 5,
  PFC: 7,
  ACFC: 8,
} as const;

export const lcpOpt = {
  mru: (v: number) => option(LCP_OPT.MRU, u16(v)),
  accm: (v: number) => option(LCP_OPT.ACCM, u32(v)),
  /** Authentication-Protocol; CHAP takes an algorithm byte (5 = MD5, 0x81 = MS-CHAPv2). */
  authChap: (algorithm: number) => option(LCP_OPT.AUTH, concat(u16(PPP_CHAP), u8(algorithm))),
  magic: (v: number) => option(LCP_OPT.MAGIC, u32(v)),
  pfc: () => option(LCP_OPT.PFC, new Uint8Array(0)),
  acfc: () => option(LCP_OPT.ACFC, new Uint8Array(0)),
};

/** LCP Echo-Request/Reply and Discard-Request carry the sender's magic number first (RFC 1661 §5.8). */
export function lcpEcho(code: number, id: number, magic: number, data = new Uint8Array(0)): Uint8Array {
  return cpPacket(code, id, concat(u32(magic), data));
}

export const ipcpOpt = {
  address: (ip: Uint8Array) => option(3, ip),
  primaryDns: (ip: Uint8Array) => option(129, ip),
  secondaryDns: (ip: Uint8Array) => option(131, ip),
};

/** CCP option 18 (MPPE): 32 supported bits; H = 0x01000000 stateless, S = 0x40 128-bit, L = 0x20 40-bit, M = 0x80 56-bit. */
export const MPPE_H = 0x01000000;
export const MPPE_S = 0x00000040;
export const MPPE_L = 0x00000020;
export const MPPE_M = 0x00000080;
export function ccpMppe(bits: number): Uint8Array {
  return option(18, u32(bits));
}

export const CHAP = { CHALLENGE: 1, RESPONSE: 2, SUCCESS: 3, FAILURE: 4 } as const;

/** CHAP Challenge or Response (RFC 1994 §4.1): Value-Size, Value, Name. */
export function chapValue(code: 1 | 2, id: number, value: Uint8Array, name: string): Uint8Array {
  return cpPacket(code, id, concat(u8(value.length), value, ascii(name)));
}

/** CHAP Success or Failure: a message with no length prefix. */
export function chapMessage(code: 3 | 4, id: number, message: string): Uint8Array {
  return cpPacket(code, id, ascii(message));
}

/** MS-CHAPv2 Response value (RFC 2759 §4): Peer-Challenge, 8 reserved zeros, NT-Response, Flags. */
export function msChapV2ResponseValue(peerChallenge: Uint8Array, ntResponse: Uint8Array): Uint8Array {
  return concat(peerChallenge, new Uint8Array(8), ntResponse, u8(0));
}
