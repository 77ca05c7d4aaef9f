/**
 * Payloads and payload parts that exist only in ISAKMP/IKEv1 (RFC 2408, RFC 2407, RFC 2409):
 * the SA payload's DOI and situation, IKEv1 transforms with their attributes, the IKEv1 notify
 * data, HASH and SIG, NAT-D and NAT-OA (RFC 3947), the GDOI payloads (RFC 6407), and Cisco's
 * IKEv1 fragmentation, which is reassembled and dissected as one message.
 */
import type { Tree } from '../../core/tree.js';
import { Tvb } from '../../core/tvb.js';
import { an, hf } from './fields.js';
import * as V from './values.js';
import { addBytes, addFmt, expert, type Algo, type IkeMsg, type Suite } from './ctx.js';
import { P, registerPayload, walkPayloads } from './chain.js';
import { fragmentsTree } from './decrypt.js';
import { ikeAttribute, ipsecAttribute, respLifetimeAttribute, tekAttribute, type IkeAttrs, type IpsecAttrs } from './attributes.js';
import {
  weakAhTransform, weakDhGroup, weakEspTransform, weakIkev1Cipher, weakIkev1Hash, weakIpsecAuth, weakPrivateModp,
} from './weak.js';
import { AgedMap } from '../../core/aged-map.js';

/** The IKEv1 SA payload body after the generic header (RFC 2408 §3.4, RFC 2407 §4.6.1, RFC 6407 §5.1). */
export function saBodyV1(m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree): void {
  const doi = tvb.u32(off);
  t.add(hf.sa_doi, tvb, off, 4, doi);
  off += 4;
  len -= 4;
  if (doi === 1) {
    if (len < 4) {
      t.add(hf.sa_situation, tvb, off, len, undefined, t.on ? `Situation: ${tvb.hex(off, len)} (length is ${len}, should be >= 4)` : undefined);
      return;
    }
    const s = addBytes(t, hf.sa_situation, tvb, off, 4);
    s.add(hf.sa_identity_only, tvb, off, 4);
    s.add(hf.sa_secrecy, tvb, off, 4);
    s.add(hf.sa_integrity, tvb, off, 4);
    walkPayloads(m, tvb, t, P.P, off + 4, len - 4);
  } else if (doi === 2) {
    if (len < 8) {
      t.add(hf.sa_situation, tvb, off, len, undefined, t.on ? `Situation: ${tvb.hex(off, len)} (length is ${len}, should be >= 8)` : undefined);
      return;
    }
    addBytes(t, hf.sa_situation, tvb, off, 4);
    const saAttr = tvb.u16(off + 4);
    t.add(hf.sa_next_attribute_payload, tvb, off + 4, 2);
    t.add(hf.reserved2, tvb, off + 6, 2);
    if (saAttr === P.SAK) saKek(m, tvb, off + 8, len - 8, t);
    else if (saAttr === P.SAT) saTek(m, tvb, off + 8, len - 8, t);
  } else {
    addBytes(t, hf.sa_situation, tvb, off, len);
  }
}

function protocolName(protocolId: number): string {
  return V.PROTO_V1.get(protocolId) ?? `protocol ${protocolId}`;
}

function algo(kind: Algo['kind'], id: number, name: string, weak: string | undefined, keyLen?: number): Algo {
  return keyLen === undefined ? { kind, id, name, weak } : { kind, id, name, weak, keyLen };
}

/** An IKEv1 Transform payload body (RFC 2408 §3.6): each IKEv1 transform is one complete suite. */
export function transformV1(m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree, protocolId: number): void {
  const end = off + len;
  const num = tvb.u8(off);
  if (t.on) t.appendText(` # ${num}`);
  t.add(hf.trans_number, tvb, off, 1, num);
  const id = tvb.u8(off + 1);
  const idTable = protocolId === 1 ? V.TRANS_V1_ISAKMP : protocolId === 2 ? V.TRANS_V1_AH
    : protocolId === 3 ? V.TRANS_V1_ESP : protocolId === 4 ? V.TRANS_V1_IPCOMP : null;
  if (idTable) {
    const unknown = ['UNKNOWN-TRANS-TYPE', 'UNKNOWN-AH-TRANS-TYPE', 'UNKNOWN-ESP-TRANS-TYPE', 'UNKNOWN-IPCOMP-TRANS-TYPE'][protocolId - 1];
    addFmt(t, hf.trans_id, tvb, off + 1, 1, id, () => `${idTable.get(id) ?? unknown} (${id})`);
  } else {
    t.add(hf.trans_id, tvb, off + 1, 1, id);
  }
  t.add(hf.reserved, tvb, off + 2, 2);
  off += 4;
  const suite: Suite = { protocol: protocolName(protocolId), algos: [], tree: t };
  if (protocolId === 1 && id === 1) {
    const a: IkeAttrs = {};
    while (off < end) off += ikeAttribute(m, tvb, t, off, a);
    if (a.encr !== undefined) suite.algos.push(algo('encr', a.encr, V.IKE_ENC_ALG.get(a.encr) ?? `cipher ${a.encr}`, weakIkev1Cipher(a.encr), a.keyLen));
    if (a.hash !== undefined) suite.algos.push(algo('hash', a.hash, V.IKE_HASH_ALG.get(a.hash) ?? `hash ${a.hash}`, weakIkev1Hash(a.hash)));
    if (a.group !== undefined) suite.algos.push(algo('dh', a.group, V.DH_GROUP.get(a.group) ?? `group ${a.group}`, weakDhGroup(a.group)));
    else if (a.groupType === 1 && a.groupPrime) suite.algos.push(algo('dh', 0, 'private MODP group', weakPrivateModp(a.groupPrime)));
    if (a.auth !== undefined) suite.algos.push(algo('auth', a.auth, V.IKE_AUTH_METHOD.get(a.auth) ?? `method ${a.auth}`, undefined));
  } else {
    const a: IpsecAttrs = {};
    while (off < end) off += ipsecAttribute(m, tvb, t, off, a);
    if (protocolId === 3) suite.algos.push(algo('encr', id, V.TRANS_V1_ESP.get(id) ?? `ESP transform ${id}`, weakEspTransform(id), a.keyLen));
    if (protocolId === 2) suite.algos.push(algo('integ', id, V.TRANS_V1_AH.get(id) ?? `AH transform ${id}`, weakAhTransform(id)));
    if (a.authAlg !== undefined) suite.algos.push(algo('integ', a.authAlg, V.IPSEC_AUTH_ALG.get(a.authAlg) ?? `auth ${a.authAlg}`, weakIpsecAuth(a.authAlg)));
    if (a.group !== undefined) suite.algos.push(algo('dh', a.group, V.DH_GROUP.get(a.group) ?? `group ${a.group}`, weakDhGroup(a.group)));
  }
  for (const al of suite.algos) if (al.weak) t.gen(an.weak, null, 0, 0, al.weak);
  m.obs.suites.push(suite);
}

/** IKEv1 notification data by type (RFC 2407 §4.6.3, RFC 3706, Cisco Unity). */
export function notifyDataV1(m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree, data: Tree, msgType: number, protocolId: number, doi: number, end: number): void {
  switch (msgType) {
    case 24576: // RESPONDER-LIFETIME
      if (protocolId === 1) {
        while (off < end) off += respLifetimeAttribute(m, tvb, data, off, true);
      } else if (protocolId > 1 && doi === 1) {
        while (off < end) off += respLifetimeAttribute(m, tvb, data, off, false);
      }
      break;
    case 36136: t.add(hf.notify_dpd_ayt, tvb, off, len, tvb.uint(off, len)); break;
    case 36137: t.add(hf.notify_dpd_ayt_ack, tvb, off, len, tvb.uint(off, len)); break;
    case 40501: t.add(hf.notify_unity_load_balance, tvb, off, len, tvb.uint(off, len)); break;
    default: break;
  }
}

registerPayload([P.HASH], (m, tvb, off, len, t) => { addBytes(t, hf.hash, tvb, off, len); });
registerPayload([P.SIG], (m, tvb, off, len, t) => { addBytes(t, hf.sig, tvb, off, len); });

/** NAT-D (RFC 3947 §3.2): the first payload hashes the receiver's address, the others the sender's. */
registerPayload([P.NAT_D, P.NAT_D13], (m, tvb, off, len, t) => {
  addBytes(t, hf.nat_hash, tvb, off, len);
  m.obs.natd.push({ side: m.obs.natd.length === 0 ? 'dst' : 'src', hash: tvb.copy(off, len), tree: t });
});

/** NAT-OA (RFC 3947 §5.2): the original address, before NAT. */
registerPayload([P.NAT_OA, P.NAT_OA14], (m, tvb, off, len, t) => {
  const idType = tvb.u8(off);
  if (m.version === 2) {
    t.add(hf.id_type, tvb, off, 1, idType, t.on ? `ID type: ${V.ID_TYPE_V2.get(idType) ?? 'Unknown'} (${idType})` : undefined);
  } else {
    t.add(hf.id_type, tvb, off, 1, idType);
  }
  if (idType === 1) t.add(hf.nat_original_ipv4, tvb, off + 4, 4);
  else if (idType === 5) t.add(hf.nat_original_ipv6, tvb, off + 4, 16);
});

/** GDOI SA KEK payload (RFC 6407 §5.3), nested in the SA payload. */
function saKek(m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree): void {
  const next = tvb.u8(off);
  const plen = tvb.u16(off + 2);
  const end = off + plen;
  t.add(hf.sak_nextpayload, tvb, off, 1, next);
  t.add(hf.sak_reserved, tvb, off + 1, 1);
  t.add(hf.sak_payload_len, tvb, off + 2, 2, plen);
  off += 4;
  t.add(hf.sak_protoid, tvb, off, 1);
  t.add(hf.sak_src_id_type, tvb, off + 1, 1);
  t.add(hf.sak_src_id_port, tvb, off + 2, 2);
  const srcLen = tvb.u8(off + 4);
  t.add(hf.sak_src_id_length, tvb, off + 4, 1, srcLen);
  off += 5;
  if (srcLen > 0) {
    t.add(hf.sak_src_id_data, tvb, off, srcLen);
    off += srcLen;
  }
  t.add(hf.sak_dst_id_type, tvb, off, 1);
  t.add(hf.sak_dst_id_port, tvb, off + 1, 2);
  const dstLen = tvb.u8(off + 3);
  t.add(hf.sak_dst_id_length, tvb, off + 3, 1, dstLen);
  off += 4;
  if (dstLen > 0) {
    t.add(hf.sak_dst_id_data, tvb, off, dstLen);
    off += dstLen;
  }
  t.add(hf.sak_spi, tvb, off, 16);
  t.add(hf.reserved, tvb, off + 16, 4);
  off += 20;
  const ignore: IpsecAttrs = {};
  while (off < end) off += ipsecAttribute(m, tvb, t, off, ignore);
  if (next === P.SAT) saTek(m, tvb, off, len, t);
}

/** GDOI SA TEK payload (RFC 6407 §5.4); TEKs may follow each other. */
function saTek(m: IkeMsg, tvb: Tvb, off: number, len: number, t: Tree): void {
  // A chain of TEKs is followed iteratively; each one advances past its own header.
  for (;;) {
    const start = off;
    const end = off + len;
    const next = tvb.u8(off);
    const plen = tvb.u16(off + 2);
    const pend = off + plen;
    const pt = t.add(hf.typepayload, tvb, off, plen, P.SAT, t.on ? `Payload: ${V.PAYLOAD_TYPE.get(P.SAT)} (${P.SAT})` : undefined);
    pt.add(hf.sat_nextpayload, tvb, off, 1, next);
    pt.add(hf.sat_reserved, tvb, off + 1, 1);
    pt.add(hf.sat_payload_len, tvb, off + 2, 2, plen);
    off += 4;
    const proto = tvb.u8(off);
    pt.add(hf.sat_protocol_id, tvb, off, 1, proto);
    off += 1;
    if (proto !== 1 && proto !== 2) {
      pt.add(hf.sat_payload, tvb, off, end - off);
      return;
    }
    pt.add(hf.sat_protocol, tvb, off, 1);
    off += 1;
    pt.add(hf.sat_src_id_type, tvb, off, 1);
    pt.add(hf.sat_src_id_port, tvb, off + 1, 2);
    const srcLen = tvb.u16(off + 3);
    pt.add(hf.sat_src_id_length, tvb, off + 3, 2, srcLen);
    off += 5;
    if (srcLen > 0) {
      pt.add(hf.sat_src_id_data, tvb, off, srcLen);
      off += srcLen;
    }
    pt.add(hf.sat_dst_id_type, tvb, off, 1);
    pt.add(hf.sat_dst_id_port, tvb, off + 1, 2);
    const dstLen = tvb.u16(off + 3);
    pt.add(hf.sat_dst_id_length, tvb, off + 3, 2, dstLen);
    off += 5;
    if (dstLen > 0) {
      pt.add(hf.sat_dst_id_data, tvb, off, dstLen);
      off += dstLen;
    }
    pt.add(hf.sat_transform_id, tvb, off, 1);
    pt.add(hf.sat_spi, tvb, off + 1, 4);
    off += 5;
    const ignore: IpsecAttrs = {};
    while (off < pend) off += ipsecAttribute(m, tvb, pt, off, ignore);
    if (next !== P.SAT || off <= start) return;
  }
}

registerPayload([P.SAK], (m, tvb, off, len, t) => saKek(m, tvb, off, len, t));
registerPayload([P.SAT], (m, tvb, off, len, t) => saTek(m, tvb, off, len, t));

/** GDOI Key Download payload (RFC 6407 §5.6). */
registerPayload([P.KD], (m, tvb, off, len, t) => {
  if (m.version !== 1) return;
  const end = off + len;
  let n = tvb.u16(off);
  t.add(hf.kd_num_pkt, tvb, off, 2, n);
  t.add(hf.reserved, tvb, off + 2, 2);
  off += 4;
  while (n > 0 && end > off) {
    const kl = tvb.u16(off + 2);
    tvb.ensure(off, kl);
    const kt = t.add(hf.kd_payload, tvb, off, kl, null);
    kt.add(hf.kdp_type, tvb, off, 1);
    kt.add(hf.reserved, tvb, off + 1, 1);
    kt.add(hf.kdp_length, tvb, off + 2, 2, kl);
    const pend = off + 2 + kl - 2;
    const spiSize = tvb.u8(off + 4);
    kt.add(hf.kdp_spi_size, tvb, off + 4, 1, spiSize);
    off += 5;
    if (spiSize > 0) {
      kt.add(hf.kdp_spi, tvb, off, spiSize);
      off += spiSize;
    }
    while (off < pend) off += tekAttribute(m, tvb, kt, off);
    n--;
  }
});

/** GDOI Sequence Number payload (RFC 6407 §5.7). */
registerPayload([P.SEQ], (m, tvb, off, len, t) => {
  if (len !== 4) {
    const msg = `Payload (bogus, length is ${len}, should be 4`;
    expert(m, t.on ? t.text(msg, null, 0, 0) : t, 'error', 'malformed', 'isakmp.payloadlength.invalid', msg);
    return;
  }
  t.add(hf.seq_seq, tvb, off, 4, tvb.u32(off));
});

/** A Cisco IKEv1 fragmentation train in progress, keyed by addresses and fragment ID. */
interface CiscoTrain {
  parts: Map<number, { frame: number; bytes: Uint8Array }>;
  last: number;
  firstFrame: number;
}

const MAX_TRAINS = 1024;
const MAX_FRAGMENTS = 64;

/**
 * Cisco's IKEv1 fragmentation (payload 132): an IKE message cut into numbered pieces, each sent as
 * the only payload of a message; the last one completes it and the whole is dissected as ISAKMP.
 */
registerPayload([P.CISCO_FRAG], (m, tvb, off, len, t) => {
  if (len < 4) return;
  const id = tvb.u16(off);
  t.add(hf.frag_packetid, tvb, off, 2, id);
  const seq = tvb.u8(off + 2);
  t.add(hf.frag_seq, tvb, off + 2, 1, seq);
  const last = tvb.u8(off + 3);
  t.add(hf.frag_last, tvb, off + 3, 1, last);
  const pkt = m.pkt;
  const dataOff = off + 4;
  const data = tvb.copy(dataOff, tvb.length - dataOff);
  const trains = pkt.engine.state('isakmp.cisco_frag', () => new AgedMap<string, CiscoTrain>());
  const key = `${pkt.netSrc}>${pkt.netDst}#${id}`;
  let tr = trains.get(key);
  if (!tr) {
    if (trains.size >= MAX_TRAINS) trains.dropOldest();
    tr = { parts: new Map(), last: 0, firstFrame: pkt.num };
    trains.set(key, tr);
  }
  if (seq >= 1 && tr.parts.size < MAX_FRAGMENTS) tr.parts.set(seq, { frame: pkt.num, bytes: data });
  if (last) tr.last = seq;
  let whole: Uint8Array | null = null;
  if (tr.last > 0 && tr.parts.size >= tr.last) {
    const pieces: Uint8Array[] = [];
    for (let s = 1; s <= tr.last; s++) {
      const p = tr.parts.get(s);
      if (!p) break;
      pieces.push(p.bytes);
    }
    if (pieces.length === tr.last) {
      let total = 0;
      for (const p of pieces) total += p.length;
      whole = new Uint8Array(total);
      let at = 0;
      for (const p of pieces) { whole.set(p, at); at += p.length; }
    }
  }
  // The reassembled message sets the Info column; the fragment note comes after it, as in Wireshark.
  const note = () => {
    if (pkt.engine.columns) pkt.appendInfo(` (${last && whole ? 'Reassembled + ' : ''}Message fragment ${seq}${last ? ' - last' : ''})`);
  };
  if (!whole || !tr) {
    note();
    return;
  }
  trains.delete(key);
  const frags = [...tr.parts.entries()].sort((a, b) => a[0] - b[0]);
  const ds = pkt.addSource('Reassembled ISAKMP', whole);
  const rt = Tvb.of(whole, ds);
  fragmentsTree(t, rt, frags.map(([, p]) => ({ frame: p.frame, len: p.bytes.length })));
  // A reassembled message may hold fragments again; each level is shorter, but keep the nesting small.
  const depth = (pkt.scratch['isakmp.cisco_depth'] as number | undefined) ?? 0;
  if (depth < 4) {
    pkt.scratch['isakmp.cisco_depth'] = depth + 1;
    try {
      if (!pkt.engine.callNamed('isakmp', rt, pkt, t)) pkt.engine.data(rt, pkt, t);
    } finally {
      pkt.scratch['isakmp.cisco_depth'] = depth;
    }
  }
  note();
});
