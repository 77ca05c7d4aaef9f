/**
 * IKEv2 (RFC 7296) message building: header, payloads, the encrypted SK payload (§3.14) with
 * AES-CBC and HMAC-SHA2-256-128, and the key derivation of §2.13-2.17 so that the keys written
 * next to the sample are the ones a real peer would have computed.
 */
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { concat, u16, u32, u8 } from './bytes.js';

export const IKE_PAYLOAD = {
  NONE: 0,
  SA: 33,
  KE: 34,
  IDI: 35,
  IDR: 36,
  AUTH: 39,
  NONCE: 40,
  NOTIFY: 41,
  DELETE: 42,
  VENDOR_ID: 43,
  TSI: 44,
  TSR: 45,
  SK: 46,
} as const;

export const IKE_EXCHANGE = { IKE_SA_INIT: 34, IKE_AUTH: 35, CREATE_CHILD_SA: 36, INFORMATIONAL: 37 } as const;
export const IKE_FLAG_INITIATOR = 0x08;
export const IKE_FLAG_RESPONSE = 0x20;

export const TRANSFORM = { ENCR: 1, PRF: 2, INTEG: 3, DH: 4, ESN: 5 } as const;
export const ENCR_3DES = 3;
export const ENCR_AES_CBC = 12;
export const PRF_HMAC_SHA1 = 2;
export const PRF_HMAC_SHA2_256 = 5;
export const AUTH_HMAC_SHA1_96 = 2;
export const AUTH_HMAC_SHA2_256_128 = 12;
export const DH_MODP1024 = 2;
export const DH_MODP2048 = 14;

export const NOTIFY = {
  INITIAL_CONTACT: 16384,
  NAT_DETECTION_SOURCE_IP: 16388,
  NAT_DETECTION_DESTINATION_IP: 16389,
} as const;

export const PROTO_IKE = 1;
export const PROTO_ESP = 3;

/** A payload body plus its type; the generic header (with Next Payload) is added when chaining. */
export interface Payload {
  type: number;
  body: Uint8Array;
}

/** Chains payloads: each generic header names the type of the payload after it (§3.2). */
export function chainPayloads(payloads: Payload[]): Uint8Array {
  return concat(
    ...payloads.map((p, i) => concat(u8(payloads[i + 1]?.type ?? 0), u8(0), u16(4 + p.body.length), p.body)),
  );
}

export function ikeHeader(spiI: Uint8Array, spiR: Uint8Array, firstPayload: number, exchange: number, flags: number, messageId: number, length: number): Uint8Array {
  return concat(spiI, spiR, u8(firstPayload), u8(0x20), u8(exchange), u8(flags), u32(messageId), u32(length));
}

/** A complete unencrypted message. */
export function ikeMessage(spiI: Uint8Array, spiR: Uint8Array, exchange: number, flags: number, messageId: number, payloads: Payload[]): Uint8Array {
  const body = chainPayloads(payloads);
  return concat(ikeHeader(spiI, spiR, payloads[0]?.type ?? 0, exchange, flags, messageId, 28 + body.length), body);
}

export interface TransformSpec {
  type: number;
  id: number;
  keyLength?: number;
}

function transform(t: TransformSpec, last: boolean): Uint8Array {
  // Key Length is a TV attribute (AF bit set), type 14 (§3.3.5).
  const attrs = t.keyLength !== undefined ? concat(u16(0x8000 | 14), u16(t.keyLength)) : new Uint8Array(0);
  return concat(u8(last ? 0 : 3), u8(0), u16(8 + attrs.length), u8(t.type), u8(0), u16(t.id), attrs);
}

export interface ProposalSpec {
  number: number;
  protocol: number;
  spi?: Uint8Array;
  transforms: TransformSpec[];
}

export function saPayload(proposals: ProposalSpec[]): Payload {
  const body = concat(
    ...proposals.map((p, i) => {
      const spi = p.spi ?? new Uint8Array(0);
      const ts = concat(...p.transforms.map((t, j) => transform(t, j === p.transforms.length - 1)));
      return concat(u8(i === proposals.length - 1 ? 0 : 2), u8(0), u16(8 + spi.length + ts.length), u8(p.number), u8(p.protocol), u8(spi.length), u8(p.transforms.length), spi, ts);
    }),
  );
  return { type: IKE_PAYLOAD.SA, body };
}

export function kePayload(group: number, data: Uint8Array): Payload {
  return { type: IKE_PAYLOAD.KE, body: concat(u16(group), u16(0), data) };
}

export function noncePayload(nonce: Uint8Array): Payload {
  return { type: IKE_PAYLOAD.NONCE, body: nonce };
}

export function notifyPayload(type: number, data: Uint8Array = new Uint8Array(0), protocol = 0, spi: Uint8Array = new Uint8Array(0)): Payload {
  return { type: IKE_PAYLOAD.NOTIFY, body: concat(u8(protocol), u8(spi.length), u16(type), spi, data) };
}

export function vendorIdPayload(id: Uint8Array): Payload {
  return { type: IKE_PAYLOAD.VENDOR_ID, body: id };
}

export const ID_IPV4_ADDR = 1;
export const ID_FQDN = 2;

/** The ID payload body from ID Type on: what §2.15 calls RestOfInitIDPayload / RestOfRespIDPayload. */
export function idBody(idType: number, data: Uint8Array): Uint8Array {
  return concat(u8(idType), new Uint8Array(3), data);
}

export const AUTH_SHARED_KEY_MIC = 2;

export function authPayload(method: number, data: Uint8Array): Payload {
  return { type: IKE_PAYLOAD.AUTH, body: concat(u8(method), new Uint8Array(3), data) };
}

/** One IPv4 address-range selector (TS_IPV4_ADDR_RANGE, §3.13.1), all protocols and ports. */
export function tsPayload(type: 44 | 45, start: Uint8Array, end: Uint8Array): Payload {
  const ts = concat(u8(7), u8(0), u16(16), u16(0), u16(0xffff), start, end);
  return { type, body: concat(u8(1), new Uint8Array(3), ts) };
}

export function deletePayload(protocol: number, spis: Uint8Array[]): Payload {
  const size = spis[0]?.length ?? 0;
  return { type: IKE_PAYLOAD.DELETE, body: concat(u8(protocol), u8(size), u16(spis.length), ...spis) };
}

/** §2.23 NAT detection hash: SHA-1(SPIi | SPIr | IP address | port). */
export function natDetectionHash(spiI: Uint8Array, spiR: Uint8Array, ip: Uint8Array, port: number): Uint8Array {
  return new Uint8Array(createHash('sha1').update(spiI).update(spiR).update(ip).update(u16(port)).digest());
}

export function prf(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(data).digest());
}

/** §2.13 prf+: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n). */
export function prfPlus(key: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out: Uint8Array[] = [];
  let t: Uint8Array = new Uint8Array(0);
  let n = 0;
  for (let got = 0; got < length; got += t.length) {
    n++;
    if (n > 255) throw new Error('prf+ output too long');
    t = prf(key, concat(t, seed, u8(n)));
    out.push(t);
  }
  return concat(...out).subarray(0, length);
}

export interface IkeSaKeys {
  skeyseed: Uint8Array;
  skD: Uint8Array;
  skAi: Uint8Array;
  skAr: Uint8Array;
  skEi: Uint8Array;
  skEr: Uint8Array;
  skPi: Uint8Array;
  skPr: Uint8Array;
}

/** §2.14 with PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128 (32-byte keys) and AES-CBC-128. */
export function deriveIkeSaKeys(ni: Uint8Array, nr: Uint8Array, gir: Uint8Array, spiI: Uint8Array, spiR: Uint8Array): IkeSaKeys {
  const skeyseed = prf(concat(ni, nr), gir);
  const k = prfPlus(skeyseed, concat(ni, nr, spiI, spiR), 32 + 32 + 32 + 16 + 16 + 32 + 32);
  let o = 0;
  const take = (n: number) => k.slice(o, (o += n));
  return { skeyseed, skD: take(32), skAi: take(32), skAr: take(32), skEi: take(16), skEr: take(16), skPi: take(32), skPr: take(32) };
}

/** §2.15 AUTH for a pre-shared key: prf(prf(secret, "Key Pad for IKEv2"), signed octets). */
export function pskAuth(psk: string, realMessage: Uint8Array, peerNonce: Uint8Array, skP: Uint8Array, idBodyBytes: Uint8Array): Uint8Array {
  const signed = concat(realMessage, peerNonce, prf(skP, idBodyBytes));
  return prf(prf(new Uint8Array(Buffer.from(psk, 'utf8')), new Uint8Array(Buffer.from('Key Pad for IKEv2', 'ascii'))), signed);
}

/**
 * An IKE message whose payloads travel in an SK payload (§3.14): AES-CBC-128 with a random IV,
 * padding to the block size, then an HMAC-SHA2-256-128 checksum over the whole message.
 */
export function encryptedIkeMessage(
  spiI: Uint8Array,
  spiR: Uint8Array,
  exchange: number,
  flags: number,
  messageId: number,
  payloads: Payload[],
  encKey: Uint8Array,
  integKey: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  const inner = chainPayloads(payloads);
  const padLen = (16 - ((inner.length + 1) % 16)) % 16;
  const plain = concat(inner, new Uint8Array(padLen), u8(padLen));
  const c = createCipheriv('aes-128-cbc', encKey, iv).setAutoPadding(false);
  const cipher = concat(new Uint8Array(c.update(plain)), new Uint8Array(c.final()));
  const skLen = 4 + iv.length + cipher.length + 16;
  const total = 28 + skLen;
  const withoutIcv = concat(
    ikeHeader(spiI, spiR, IKE_PAYLOAD.SK, exchange, flags, messageId, total),
    u8(payloads[0]?.type ?? 0),
    u8(0),
    u16(skLen),
    iv,
    cipher,
  );
  const icv = new Uint8Array(createHmac('sha256', integKey).update(withoutIcv).digest().subarray(0, 16));
  return concat(withoutIcv, icv);
}
