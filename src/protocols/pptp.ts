/**
 * PPTP control connection (RFC 2637 §1.4, §2) on TCP 1723: the 12-octet header, every field of
 * the 15 control messages, the magic-cookie and length checks, and the link from each message to
 * the PPTP call it belongs to (see sessions/pptp-calls.ts), which the GRE dissector uses.
 */
import type { FieldDef } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { register } from '../core/tables.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { tcpDissectPdus, type PduSpec } from './tcp.js';
import { pptpTracker, CONTROL, type ControlMessage, type ControlFindings } from '../sessions/pptp-calls.js';
import {
  HEADER_LEN, LAYOUTS, MAGIC_COOKIE, MESSAGE_NAMES, RESULT_FIELDS, ERROR_CODES, hfPptp, pptpProto,
} from './pptp-messages.js';

export { hfPptp, pptpProto } from './pptp-messages.js';

export const PPTP_TCP_PORT = 1723;

const hf = hfPptp;

function messageName(type: number): string {
  return MESSAGE_NAMES.get(type) ?? `Unknown control type (${type})`;
}

/** The values the call tracker wants, read from the fields as they are added. */
function collect(msg: ControlMessage, f: FieldDef, v: number | string): void {
  switch (f) {
    case hf.call_id: msg.callId = v as number; break;
    case hf.peer_call_id: msg.peerCallId = v as number; break;
    case hf.call_serial_number: msg.callSerialNumber = v as number; break;
    case hf.control_result: case hf.stop_result: case hf.echo_result: case hf.out_result:
    case hf.in_result: case hf.disc_result: msg.result = v as number; break;
    case hf.error: msg.error = v as number; break;
    case hf.cause: msg.cause = v as number; break;
    case hf.packet_receive_window_size: msg.window = v as number; break;
    case hf.connect_speed: msg.connectSpeed = v as number; break;
    case hf.identifier: msg.identifier = v as number; break;
    case hf.host_name: msg.hostName = v as string; break;
    case hf.vendor_name: msg.vendorName = v as string; break;
    case hf.firmware_revision: msg.firmwareRevision = v as number; break;
    case hf.protocol_version: msg.protocolVersion = v as number; break;
    case hf.call_statistics: msg.statistics = v as string; break;
    default: break;
  }
}

/** One PPTP control message; tvb holds exactly that message (TCP reassembled it if it was split). */
export function dissectPptpMessage(tvb: Tvb, pkt: Packet, tree: Tree): void {
  const len = tvb.u16(0);
  const t = tree.proto(pptpProto, tvb, 0, Math.min(Math.max(len, 2), tvb.length));
  const lenItem = t.add(hf.length, tvb, 0, 2, len);
  t.add(hf.type, tvb, 2, 2);
  const cookie = tvb.u32(4);
  const good = cookie === MAGIC_COOKIE;
  const ci = t.add(hf.magic_cookie, tvb, 4, 4, cookie, t.on
    ? `Magic Cookie: 0x${cookie.toString(16).padStart(8, '0')} (${good ? 'correct' : 'incorrect'})` : undefined);
  if (!good) {
    pkt.engine.expert(pkt, ci, 'error', 'malformed', 'pptp.magic_cookie.incorrect',
      `Incorrect Magic Cookie 0x${cookie.toString(16).padStart(8, '0')} (must be 0x1a2b3c4d)`);
  }
  const ctype = tvb.u16(8);
  const name = messageName(ctype);
  if (pkt.engine.columns) {
    // Several messages in one segment are listed one after the other.
    if (pkt.scratch.pptpMessages) pkt.appendInfo(`, ${name}`);
    else pkt.setInfo(name);
  }
  pkt.scratch.pptpMessages = ((pkt.scratch.pptpMessages as number | undefined) ?? 0) + 1;
  t.add(hf.control_message_type, tvb, 8, 2, ctype);
  t.add(hf.reserved, tvb, 10, 2);

  const layout = LAYOUTS.get(ctype);
  if (!layout) {
    pkt.engine.expert(pkt, t, 'warn', 'malformed', 'pptp.control_message_type.unknown',
      `Unknown control message type ${ctype}`);
    if (tvb.length > HEADER_LEN) pkt.engine.data(tvb.sub(HEADER_LEN), pkt, t);
    return;
  }
  if (len !== layout.length) {
    pkt.engine.expert(pkt, lenItem, len < HEADER_LEN ? 'error' : 'warn', 'malformed', 'pptp.length.bad',
      `Length ${len} does not match the ${layout.length} octets of a ${name}`);
  }

  const msg: ControlMessage = {
    type: ctype, frame: pkt.num, sec: pkt.tsSec, nsec: pkt.tsNsec,
    src: pkt.netSrc, dst: pkt.netDst, srcPort: pkt.srcPort, dstPort: pkt.dstPort,
  };
  let off = HEADER_LEN;
  for (const [field, size] of layout.items) {
    if (field.type === 'string') {
      const s = tvb.stringz(off, size);
      t.add(field, tvb, off, size, s);
      collect(msg, field, s);
    } else if (field.type === 'bytes') {
      t.add(field, tvb, off, size);
    } else {
      const v = tvb.uint(off, size);
      const item = t.add(field, tvb, off, size, v, field === hf.protocol_version && t.on
        ? `Protocol version: ${v >> 8}.${v & 0xff}` : undefined);
      collect(msg, field, v);
      const ok = RESULT_FIELDS.get(field);
      if (ok !== undefined && v !== ok) {
        pkt.engine.expert(pkt, item, 'note', 'response', 'pptp.result.failure',
          `${name}: ${field.vals?.get(v) ?? `result ${v}`}`);
      }
      if (field === hf.error && v !== 0) {
        pkt.engine.expert(pkt, item, 'note', 'response', 'pptp.error',
          `${name}: error ${ERROR_CODES.get(v) ?? v}`);
      }
    }
    off += size;
  }

  const tracker = pptpTracker(pkt.engine);
  analysis(tvb, pkt, t, ctype, tracker.control(msg));
  if (tracker.evicted) {
    pkt.engine.expertOnce(pkt, t, 'note', 'debug', 'pptp.analysis.evicted',
      'PPTP call tracking reached its memory limit: the oldest calls and GRE flows were forgotten');
  }
}

function analysis(tvb: Tvb, pkt: Packet, t: Tree, ctype: number, found: ControlFindings): void {
  if (found.call) {
    const c = found.call;
    t.gen(hf.analysis_call, tvb, 0, 0, c.index, t.on
      ? `PPTP call: ${c.index} (PNS ${c.pns.addr} call ID ${c.pns.callId ?? '?'}, PAC ${c.pac.addr} call ID ${c.pac.callId ?? '?'})`
      : undefined);
  }
  if (found.requestFrame !== null) {
    t.gen(hf.analysis_request_frame, tvb, 0, 0, found.requestFrame);
    t.gen(hf.analysis_response_time, tvb, 0, 0, found.responseTime ?? 0);
  }
  if (found.unknownCall !== null) {
    const item = t.gen(hf.analysis_unknown_call, tvb, 0, 0, null);
    pkt.engine.expert(pkt, item, 'warn', 'protocol', 'pptp.analysis.unknown_call',
      `${messageName(ctype)} names call ID ${found.unknownCall}, which no call on this control connection set up`);
  }
  if (ctype === CONTROL.CDN && found.call && found.call.disconnect && (found.call.disconnect.result === 1 || found.call.disconnect.result === 2)) {
    pkt.engine.expert(pkt, t, 'note', 'response', 'pptp.call.disconnected',
      `Call ${found.call.index} disconnected: ${found.call.disconnect.result === 1 ? 'Lost Carrier' : 'General Error'}`);
  }
}

/**
 * How long the message starting at off is. A length shorter than the header cannot frame anything:
 * the rest of the segment is taken as one malformed message so that reading can go on.
 */
function pduLen(tvb: Tvb, off: number): number {
  const len = tvb.u16(off);
  return len >= HEADER_LEN ? len : Math.max(tvb.reportedRemaining(off), 2);
}

export const pptpPdu: PduSpec = { name: 'pptp', fixedLen: 2, pduLen, dissect: dissectPptpMessage };

register('tcp.port', PPTP_TCP_PORT, 'pptp', (tvb, pkt, tree, data) => tcpDissectPdus(tvb, pkt, tree, data, pptpPdu));
