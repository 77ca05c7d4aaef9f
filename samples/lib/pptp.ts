/**
 * PPTP control messages (RFC 2637 §2). Every message is a fixed-size structure: the common header
 * (length, message type 1 = control, magic cookie, control message type, reserved) then the body.
 */
import { concat, fixedString, u16, u32, u8 } from './bytes.js';

export const PPTP_MAGIC = 0x1a2b3c4d;

export const PPTP = {
  SCCRQ: 1,
  SCCRP: 2,
  STOP_CCRQ: 3,
  STOP_CCRP: 4,
  ECHO_REQUEST: 5,
  ECHO_REPLY: 6,
  OCRQ: 7,
  OCRP: 8,
  ICRQ: 9,
  ICRP: 10,
  ICCN: 11,
  CALL_CLEAR_REQUEST: 12,
  CALL_DISCONNECT_NOTIFY: 13,
  WAN_ERROR_NOTIFY: 14,
  SET_LINK_INFO: 15,
} as const;

function message(type: number, body: Uint8Array): Uint8Array {
  return concat(u16(12 + body.length), u16(1), u32(PPTP_MAGIC), u16(type), u16(0), body);
}

export interface ControlConnection {
  framing: number;
  bearer: number;
  maxChannels: number;
  firmware: number;
  hostName: string;
  vendorName: string;
}

/** §2.1 Start-Control-Connection-Request (156 bytes). */
export function sccrq(c: ControlConnection): Uint8Array {
  return message(
    PPTP.SCCRQ,
    concat(u16(0x0100), u16(0), u32(c.framing), u32(c.bearer), u16(c.maxChannels), u16(c.firmware), fixedString(c.hostName, 64), fixedString(c.vendorName, 64)),
  );
}

/** §2.2 Start-Control-Connection-Reply (156 bytes). */
export function sccrp(c: ControlConnection, resultCode: number, errorCode = 0): Uint8Array {
  return message(
    PPTP.SCCRP,
    concat(
      u16(0x0100),
      u8(resultCode),
      u8(errorCode),
      u32(c.framing),
      u32(c.bearer),
      u16(c.maxChannels),
      u16(c.firmware),
      fixedString(c.hostName, 64),
      fixedString(c.vendorName, 64),
    ),
  );
}

/** §2.3 Stop-Control-Connection-Request (16 bytes). */
export function stopCcrq(reason: number): Uint8Array {
  return message(PPTP.STOP_CCRQ, concat(u8(reason), u8(0), u16(0)));
}

/** §2.4 Stop-Control-Connection-Reply (16 bytes). */
export function stopCcrp(resultCode: number, errorCode = 0): Uint8Array {
  return message(PPTP.STOP_CCRP, concat(u8(resultCode), u8(errorCode), u16(0)));
}

/** §2.5 Echo-Request (16 bytes). */
export function echoRequest(identifier: number): Uint8Array {
  return message(PPTP.ECHO_REQUEST, u32(identifier));
}

/** §2.6 Echo-Reply (20 bytes). */
export function echoReply(identifier: number, resultCode: number, errorCode = 0): Uint8Array {
  return message(PPTP.ECHO_REPLY, concat(u32(identifier), u8(resultCode), u8(errorCode), u16(0)));
}

export interface OutgoingCall {
  callId: number;
  callSerial: number;
  minBps: number;
  maxBps: number;
  bearerType: number;
  framingType: number;
  recvWindow: number;
  processingDelay: number;
  phoneNumber: string;
  subaddress: string;
}

/** §2.7 Outgoing-Call-Request (168 bytes). */
export function ocrq(c: OutgoingCall): Uint8Array {
  return message(
    PPTP.OCRQ,
    concat(
      u16(c.callId),
      u16(c.callSerial),
      u32(c.minBps),
      u32(c.maxBps),
      u32(c.bearerType),
      u32(c.framingType),
      u16(c.recvWindow),
      u16(c.processingDelay),
      u16(c.phoneNumber.length),
      u16(0),
      fixedString(c.phoneNumber, 64),
      fixedString(c.subaddress, 64),
    ),
  );
}

export interface OutgoingCallReply {
  callId: number;
  peerCallId: number;
  resultCode: number;
  errorCode: number;
  causeCode: number;
  connectSpeed: number;
  recvWindow: number;
  processingDelay: number;
  physicalChannelId: number;
}

/** §2.8 Outgoing-Call-Reply (32 bytes). */
export function ocrp(c: OutgoingCallReply): Uint8Array {
  return message(
    PPTP.OCRP,
    concat(
      u16(c.callId),
      u16(c.peerCallId),
      u8(c.resultCode),
      u8(c.errorCode),
      u16(c.causeCode),
      u32(c.connectSpeed),
      u16(c.recvWindow),
      u16(c.processingDelay),
      u32(c.physicalChannelId),
    ),
  );
}

/** §2.12 Call-Clear-Request (16 bytes), PNS to PAC. */
export function callClearRequest(callId: number): Uint8Array {
  return message(PPTP.CALL_CLEAR_REQUEST, concat(u16(callId), u16(0)));
}

/** §2.13 Call-Disconnect-Notify (148 bytes), PAC to PNS. */
export function callDisconnectNotify(callId: number, resultCode: number, errorCode: number, causeCode: number, statistics: string): Uint8Array {
  return message(PPTP.CALL_DISCONNECT_NOTIFY, concat(u16(callId), u8(resultCode), u8(errorCode), u16(causeCode), u16(0), fixedString(statistics, 128)));
}

/** §2.15 Set-Link-Info (24 bytes), PNS to PAC: the ACCMs PPP negotiated. */
export function setLinkInfo(peerCallId: number, sendAccm: number, recvAccm: number): Uint8Array {
  return message(PPTP.SET_LINK_INFO, concat(u16(peerCallId), u16(0), u32(sendAccm), u32(recvAccm)));
}
