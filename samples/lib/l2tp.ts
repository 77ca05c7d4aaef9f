/**
 * L2TPv2 (RFC 2661): control messages with AVPs (§4.1), hidden AVPs (§4.3), tunnel
 * authentication (§4.2 Challenge / Challenge Response) and data messages carrying PPP.
 */
import { createHash } from 'node:crypto';
import { ascii, concat, u16, u32, u8 } from './bytes.js';

export const L2TP_MSG = {
  SCCRQ: 1,
  SCCRP: 2,
  SCCCN: 3,
  STOPCCN: 4,
  HELLO: 6,
  OCRQ: 7,
  OCRP: 8,
  OCCN: 9,
  ICRQ: 10,
  ICRP: 11,
  ICCN: 12,
  CDN: 14,
  WEN: 15,
  SLI: 16,
} as const;

export const AVP = {
  MESSAGE_TYPE: 0,
  RESULT_CODE: 1,
  PROTOCOL_VERSION: 2,
  FRAMING_CAPABILITIES: 3,
  BEARER_CAPABILITIES: 4,
  TIE_BREAKER: 5,
  FIRMWARE_REVISION: 6,
  HOST_NAME: 7,
  VENDOR_NAME: 8,
  ASSIGNED_TUNNEL_ID: 9,
  RECEIVE_WINDOW_SIZE: 10,
  CHALLENGE: 11,
  CHALLENGE_RESPONSE: 13,
  ASSIGNED_SESSION_ID: 14,
  CALL_SERIAL_NUMBER: 15,
  BEARER_TYPE: 18,
  FRAMING_TYPE: 19,
  CALLED_NUMBER: 21,
  CALLING_NUMBER: 22,
  TX_CONNECT_SPEED: 24,
  PROXY_AUTHEN_TYPE: 29,
  PROXY_AUTHEN_NAME: 30,
  RANDOM_VECTOR: 36,
  RX_CONNECT_SPEED: 38,
} as const;

/** An AVP (RFC 2661 §4.1): M bit, H bit, 10-bit length, vendor 0 (IETF), attribute type, value. */
export function avp(type: number, value: Uint8Array, opts: { mandatory?: boolean; hidden?: boolean } = {}): Uint8Array {
  const len = 6 + value.length;
  if (len > 1023) throw new Error('AVP too long');
  const flags = (opts.mandatory === false ? 0 : 0x8000) | (opts.hidden ? 0x4000 : 0);
  return concat(u16(flags | len), u16(0), u16(type), value);
}

export const avps = {
  messageType: (t: number) => avp(AVP.MESSAGE_TYPE, u16(t)),
  protocolVersion: () => avp(AVP.PROTOCOL_VERSION, Uint8Array.of(1, 0)),
  framingCapabilities: (v: number) => avp(AVP.FRAMING_CAPABILITIES, u32(v)),
  bearerCapabilities: (v: number) => avp(AVP.BEARER_CAPABILITIES, u32(v)),
  firmwareRevision: (v: number) => avp(AVP.FIRMWARE_REVISION, u16(v), { mandatory: false }),
  hostName: (s: string) => avp(AVP.HOST_NAME, ascii(s)),
  vendorName: (s: string) => avp(AVP.VENDOR_NAME, ascii(s), { mandatory: false }),
  assignedTunnelId: (v: number) => avp(AVP.ASSIGNED_TUNNEL_ID, u16(v)),
  receiveWindowSize: (v: number) => avp(AVP.RECEIVE_WINDOW_SIZE, u16(v)),
  challenge: (c: Uint8Array) => avp(AVP.CHALLENGE, c),
  challengeResponse: (r: Uint8Array) => avp(AVP.CHALLENGE_RESPONSE, r),
  assignedSessionId: (v: number) => avp(AVP.ASSIGNED_SESSION_ID, u16(v)),
  callSerialNumber: (v: number) => avp(AVP.CALL_SERIAL_NUMBER, u32(v)),
  bearerType: (v: number) => avp(AVP.BEARER_TYPE, u32(v)),
  framingType: (v: number) => avp(AVP.FRAMING_TYPE, u32(v)),
  calledNumber: (s: string) => avp(AVP.CALLED_NUMBER, ascii(s)),
  callingNumber: (s: string) => avp(AVP.CALLING_NUMBER, ascii(s)),
  txConnectSpeed: (v: number) => avp(AVP.TX_CONNECT_SPEED, u32(v)),
  rxConnectSpeed: (v: number) => avp(AVP.RX_CONNECT_SPEED, u32(v), { mandatory: false }),
  proxyAuthenType: (v: number) => avp(AVP.PROXY_AUTHEN_TYPE, u16(v), { mandatory: false }),
  proxyAuthenName: (s: string) => avp(AVP.PROXY_AUTHEN_NAME, ascii(s), { mandatory: false }),
  randomVector: (v: Uint8Array) => avp(AVP.RANDOM_VECTOR, v),
  /** Result Code (§4.4.2): result, optional error code and message. */
  resultCode: (result: number, error?: number, message?: string) =>
    avp(AVP.RESULT_CODE, concat(u16(result), error !== undefined ? u16(error) : new Uint8Array(0), message !== undefined ? ascii(message) : new Uint8Array(0))),
};

/**
 * A hidden AVP (RFC 2661 §4.3): the value is prefixed with its 2-byte original length, optionally
 * padded, then XORed with MD5(attribute type | secret | random vector) for the first 16 bytes and
 * MD5(secret | previous ciphertext block) for each next 16. The Random Vector AVP that precedes it
 * in the message supplies `randomVector`.
 */
export function hiddenAvp(type: number, value: Uint8Array, secret: string, randomVector: Uint8Array, pad: Uint8Array, mandatory = true): Uint8Array {
  const plain = concat(u16(value.length), value, pad);
  const cipher = hideValue(type, plain, secret, randomVector);
  return avp(type, cipher, { mandatory, hidden: true });
}

export function hideValue(type: number, plain: Uint8Array, secret: string, randomVector: Uint8Array): Uint8Array {
  const out = new Uint8Array(plain.length);
  let b = createHash('md5').update(u16(type)).update(secret, 'latin1').update(randomVector).digest();
  for (let off = 0; off < plain.length; off += 16) {
    for (let i = 0; i < 16 && off + i < plain.length; i++) out[off + i] = plain[off + i] ^ b[i];
    b = createHash('md5').update(secret, 'latin1').update(out.subarray(off, off + 16)).digest();
  }
  return out;
}

/** The inverse of `hideValue`, returning the original value (length prefix and padding removed). */
export function unhideValue(type: number, cipher: Uint8Array, secret: string, randomVector: Uint8Array): Uint8Array {
  const plain = new Uint8Array(cipher.length);
  let b = createHash('md5').update(u16(type)).update(secret, 'latin1').update(randomVector).digest();
  for (let off = 0; off < cipher.length; off += 16) {
    for (let i = 0; i < 16 && off + i < cipher.length; i++) plain[off + i] = cipher[off + i] ^ b[i];
    b = createHash('md5').update(secret, 'latin1').update(cipher.subarray(off, off + 16)).digest();
  }
  const len = (plain[0] << 8) | plain[1];
  return plain.subarray(2, 2 + len);
}

/** §4.4.3 tunnel authentication: MD5(message type of the reply | secret | challenge). */
export function challengeResponse(messageType: number, secret: string, challenge: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('md5').update(u8(messageType)).update(secret, 'latin1').update(challenge).digest());
}

/** A control message (T, L and S bits set, version 2). An empty AVP list makes a ZLB acknowledgement. */
export function controlMessage(tunnelId: number, sessionId: number, ns: number, nr: number, avpList: Uint8Array[]): Uint8Array {
  const body = concat(...avpList);
  return concat(u16(0xc802), u16(12 + body.length), u16(tunnelId), u16(sessionId), u16(ns), u16(nr), body);
}

/** A data message without the optional fields: flags 0x0002, tunnel ID, session ID, then the PPP frame. */
export function dataMessage(tunnelId: number, sessionId: number, ppp: Uint8Array): Uint8Array {
  return concat(u16(0x0002), u16(tunnelId), u16(sessionId), ppp);
}

/**
 * One control connection's reliable-delivery state (§5.8): each side counts Ns from 0 and sends
 * Nr = the next Ns it expects from the peer. ZLB messages do not consume an Ns.
 */
export class L2tpControl {
  private ns: [number, number] = [0, 0];
  private nr: [number, number] = [0, 0];

  constructor(readonly tunnelIds: [number, number]) {}

  /** A message from side `from` to the peer's tunnel (`peerTunnelId` is 0 before it is known). */
  send(from: 0 | 1, peerTunnelId: number, sessionId: number, avpList: Uint8Array[]): { bytes: Uint8Array; ns: number; nr: number } {
    const to = from === 0 ? 1 : 0;
    const ns = this.ns[from];
    const nr = this.nr[from];
    const bytes = controlMessage(peerTunnelId, sessionId, ns, nr, avpList);
    if (avpList.length > 0) {
      this.ns[from] = (ns + 1) & 0xffff;
      this.nr[to] = this.ns[from];
    }
    return { bytes, ns, nr };
  }
}
