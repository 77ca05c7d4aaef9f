/**
 * The payload chain (RFC 2408 §3.2, RFC 7296 §3.2): each payload starts with a generic header
 * giving the type of the next payload and its own length. The walk follows the lengths, stops at
 * the end of the message, and never loops: a length under 4 is reported and taken as 4, a length
 * past the end is reported and ends the chain. Payload bodies are dissected by handlers that the
 * IKEv1/IKEv2 payload modules register by payload type.
 */
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { hf } from './fields.js';
import * as V from './values.js';
import { addBytes, badLength, expert, type IkeMsg } from './ctx.js';

/** Payload types (RFC 2408 §3.1, RFC 3547, RFC 3947, RFC 7296 §3.2, RFC 7383). */
export const P = {
  NONE: 0, SA: 1, P: 2, T: 3, KE: 4, ID: 5, CERT: 6, CR: 7, HASH: 8, SIG: 9, NONCE: 10, N: 11, D: 12, VID: 13,
  A: 14, SAK: 15, SAT: 16, KD: 17, SEQ: 18, POP: 19, NAT_D: 20, NAT_OA: 21, GAP: 22,
  V2_SA: 33, V2_KE: 34, V2_IDI: 35, V2_IDR: 36, V2_CERT: 37, V2_CERTREQ: 38, V2_AUTH: 39, V2_NONCE: 40, V2_N: 41,
  V2_D: 42, V2_V: 43, V2_TSI: 44, V2_TSR: 45, V2_SK: 46, V2_CP: 47, V2_EAP: 48, V2_GSPM: 49, V2_IDG: 50,
  V2_GSA: 51, V2_KD: 52, V2_SKF: 53, NAT_D13: 130, NAT_OA14: 131, CISCO_FRAG: 132,
} as const;

/** A payload body dissector: the body is len bytes at off (after the 4-byte generic header). */
export type PayloadHandler = (m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree, next: number) => void;

const handlers = new Map<number, PayloadHandler>();

export function registerPayload(types: number[], fn: PayloadHandler): void {
  for (const ty of types) handlers.set(ty, fn);
}

export interface PayloadHeader {
  next: number;
  len: number;
  /** The payload's subtree, or null when there was no room for a header. */
  tree: Tree | null;
}

function payloadName(type: number): string {
  return V.PAYLOAD_TYPE.get(type) ?? 'Unknown';
}

/**
 * The generic payload header: "Payload: Nonce (40)" spanning the payload's stated length (even
 * when that is more than there is), with Next payload, Reserved (IKEv1, proposals and transforms)
 * or the critical bit (IKEv2) and Payload length.
 */
export function payloadHeader(m: IkeMsg, tvb: Tvb, off: number, length: number, type: number, t: Tree): PayloadHeader {
  if (length < 4) {
    const at = t.on ? t.text('Not enough room in payload for all transforms', tvb, off, length) : t;
    expert(m, at, 'error', 'malformed', 'isakmp.payloadlength.invalid', 'Not enough room in payload for all transforms');
    return { next: 0, len: 0, tree: null };
  }
  const next = tvb.u8(off);
  const len = tvb.u16(off + 2);
  const item = t.add(hf.typepayload, tvb, off, len, type, t.on ? `Payload: ${payloadName(type)} (${type})` : undefined);
  item.add(hf.nextpayload, tvb, off, 1, next);
  if (m.version === 1 || type === P.P || type === P.T) {
    item.add(hf.reserved, tvb, off + 1, 1);
  } else if (m.version === 2) {
    const b = tvb.u8(off + 1);
    item.add(hf.criticalpayload, tvb, off + 1, 1, (b & 0x80) !== 0);
    item.add(hf.reserved7, tvb, off + 1, 1, b & 0x7f);
  }
  item.add(hf.payloadlength, tvb, off + 2, 2, len);
  return { next, len, tree: item };
}

/** Walk a chain of payloads starting with type first, over length bytes at off. */
export function walkPayloads(m: IkeMsg, tvb: Tvb, t: Tree, first: number, off: number, length: number): void {
  let type = first;
  while (length > 0) {
    if (type === P.NONE) {
      // More bytes, but the last payload said nothing follows.
      t.add(hf.extradata, tvb, off, length);
      break;
    }
    const h = payloadHeader(m, tvb, off, length, type, t);
    let plen = h.len;
    const pt = h.tree ?? t;
    if (plen >= 4) {
      tvb.ensure(off + 4, plen - 4);
      dispatch(m, tvb, type, off + 4, plen - 4, pt, h.next);
    } else if (plen > length) {
      badLength(m, pt, `Payload (bogus, length is ${plen}, greater than remaining length ${length}`);
      return;
    } else {
      badLength(m, pt, `Payload (bogus, length is ${plen}, must be at least 4)`);
      plen = 4;
    }
    off += plen;
    length -= plen;
    type = h.next;
  }
}

function dispatch(m: IkeMsg, tvb: Tvb, type: number, off: number, len: number, t: Tree, next: number): void {
  const fn = handlers.get(type);
  if ((type === P.V2_SK || type === P.V2_SKF) && m.version !== 2) return;
  if (fn) fn(m, tvb, off, len, t, next);
  else addBytes(t, hf.datapayload, tvb, off, len);
}
