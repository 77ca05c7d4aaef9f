/**
 * What vpnshark works out beyond Wireshark for each ISAKMP message: which IKE SA it belongs to
 * (and the SA table kept for session summaries), real NAT detection from the NAT-D hashes
 * (RFC 3947 §3.2, RFC 7296 §2.23), and security findings, each its own expert id in group
 * 'security': IKEv1 in use (RFC 9395), Aggressive Mode with a pre-shared key, weak algorithms
 * offered or chosen, and a responder choosing a weak algorithm when a strong one was offered.
 */
import { addressBytes } from '../../core/value.js';
import { createHash } from 'node:crypto';
import type { Tree } from '../../core/tree.js';
import { hexOf } from '../../core/tvb.js';
import { ikeSaTable, type IkeSaRecord, type SuiteSummary } from '../../sessions/ike-sa.js';
import { an } from './fields.js';
import * as V from './values.js';
import { expert, type Algo, type IkeMsg, type Suite } from './ctx.js';
import { isPskMethod } from './weak.js';

const FLAG_I = 0x08;

export function exchangeName(version: number, exchange: number): string {
  const table = version === 1 ? V.EXCHANGE_V1 : V.EXCHANGE_V2;
  return table.get(exchange) ?? `Unknown ${exchange}`;
}

/** Whether this message is quoted inside an ICMP error, where it must not change any state. */
function quotedInIcmp(m: IkeMsg): boolean {
  const p = m.pkt.protocols;
  return p.includes('icmp') || p.includes('icmpv6');
}

/** Find or create the message's IKE SA and count the message; null when no state may be kept. */
export function beginMessage(m: IkeMsg, root: Tree): IkeSaRecord | null {
  if (quotedInIcmp(m) || (m.version !== 1 && m.version !== 2)) return null;
  const pkt = m.pkt;
  const table = ikeSaTable(pkt.engine);
  const { sa, created } = table.lookup(m.version, hexOf(m.ispi));
  if (table.evicted) {
    pkt.engine.expertOnce(pkt, root, 'note', 'protocol', 'isakmp.ike_sa_table_full',
      'The IKE SA table is full: the oldest SAs are forgotten');
  }
  const time = pkt.tsSec + pkt.tsNsec / 1e9;
  const src = { addr: pkt.netSrc, port: pkt.srcPort }, dst = { addr: pkt.netDst, port: pkt.dstPort };
  if (created) {
    // IKEv2 says who sent it; IKEv1 does not, so the sender of the first message seen is taken as initiator.
    const fromResponder = m.version === 2 && (m.flags & FLAG_I) === 0;
    sa.initiator = fromResponder ? dst : src;
    sa.responder = fromResponder ? src : dst;
    sa.firstFrame = pkt.num;
    sa.firstTime = time;
    if (m.version === 1) {
      expert(m, root, 'note', 'security', 'isakmp.ikev1',
        'IKEv1 is in use: it is deprecated (RFC 9395); IKEv2 should replace it');
      sa.findings.add('isakmp.ikev1');
    }
  }
  if (sa.rspi === '0000000000000000' && m.rspi.some((b) => b !== 0)) sa.rspi = hexOf(m.rspi);
  sa.lastFrame = pkt.num;
  sa.lastTime = time;
  // A message reassembled from Cisco fragments was already counted with its fragments.
  if (!pkt.scratch['isakmp.cisco_depth']) sa.countExchange(exchangeName(m.version, m.exchange), m.tvb.length);
  if (pkt.srcPort === 4500 || pkt.dstPort === 4500 || pkt.protocols.includes('udpencap')) sa.natTraversal = true;
  if (m.version === 2 && m.exchange === 36 && m.isRequest) sa.countRekeyExchange(m.messageId, false);
  if (m.version === 1 && m.exchange === 32) sa.countRekeyExchange(m.messageId, sa.rekeyExchanges === 0);
  return sa;
}

/** Whether the sender of this message is the SA's initiator. */
function fromInitiator(m: IkeMsg, sa: IkeSaRecord): boolean {
  if (m.version === 2) return (m.flags & FLAG_I) !== 0;
  return m.pkt.netSrc === sa.initiator.addr;
}

/** The text of one algorithm, with its key length: "ENCR_AES_CBC-128". */
function algoText(a: { name: string; keyLen?: number }): string {
  return a.keyLen !== undefined ? `${a.name}-${a.keyLen}` : a.name;
}

function suiteSummary(s: Suite): SuiteSummary {
  return { protocol: s.protocol, algos: s.algos.map((a) => (a.weak ? { kind: a.kind, name: algoText(a), weak: a.weak } : { kind: a.kind, name: algoText(a) })) };
}

function describeSuite(s: Suite): string {
  return `${s.protocol}: ${s.algos.map(algoText).join(', ')}`;
}

const IKE_PROTOCOLS = new Set(['IKE', 'ISAKMP']);

/** Everything decided once a message's payloads are dissected (runs even after a malformed payload). */
export function finishMessage(m: IkeMsg, root: Tree): void {
  const sa = m.sa;
  if (!sa) return;
  const pkt = m.pkt;
  const obs = m.obs;
  for (const v of obs.vendorIds) if (sa.vendorIds.size < 64) sa.vendorIds.add(v);
  for (const type of obs.notifies) {
    if (type >= 16384) continue;
    const table = m.version === 1 ? V.NOTIFY_V1 : type < 8192 ? V.NOTIFY_V2 : V.NOTIFY_V2_3GPP;
    sa.addError(type, table.get(type) ?? `Unknown (${type})`, pkt.num);
  }
  if (m.version === 2 && obs.authMethod !== undefined && m.exchange === 35) {
    sa.authMethod = V.AUTH_METHOD_V2.get(obs.authMethod) ?? `method ${obs.authMethod}`;
  }
  if (obs.suites.length) proposals(m, sa, obs.suites, obs.saTree ?? root);
  if (obs.natd.length) natDetection(m, sa);
  if (obs.ids || obs.childSpis) identitiesAndChildren(m, sa);
  if (root.on) {
    const st = root.gen(an.ikeSa, null, 0, 0, sa.index);
    st.gen(an.ikeSaInitiator, null, 0, 0, endpoint(sa.initiator));
    st.gen(an.ikeSaResponder, null, 0, 0, endpoint(sa.responder));
    st.gen(an.ikeSaFirst, null, 0, 0, sa.firstFrame);
  } else {
    root.gen(an.ikeSa, null, 0, 0, sa.index);
  }
}

/**
 * Who the peers are and which ESP/AH SAs they set up, from ID and SA payloads in clear or, with
 * --keys, decrypted: IKEv2 IDi/IDr; IKEv1 IDs of phase 1 only (Quick Mode IDs are traffic
 * selectors). Each child SPI is the proposer's inbound SPI, so packets sent to it carry it.
 */
function identitiesAndChildren(m: IkeMsg, sa: IkeSaRecord): void {
  for (const id of m.obs.ids ?? []) {
    if (id.which === 'i') sa.initiatorId ??= id.text;
    // An initiator may name the responder it wants (IDr in its request); the response says who answered.
    else if (id.which === 'r') sa.responderId = !m.isRequest || sa.responderId === null ? id.text : sa.responderId;
    else if (m.exchange === 2 || m.exchange === 4) {
      if (fromInitiator(m, sa)) sa.initiatorId ??= id.text;
      else sa.responderId ??= id.text;
    }
  }
  const table = ikeSaTable(m.pkt.engine);
  for (const c of m.obs.childSpis ?? []) {
    table.linkChild(sa, { protocol: c.protocol, spi: `0x${(c.spi >>> 0).toString(16).padStart(8, '0')}`, to: m.pkt.netSrc, frame: m.pkt.num });
  }
}

function endpoint(e: { addr: string; port: number }): string {
  return e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}

/** Offers and answers: weak algorithms, Aggressive Mode with a PSK, a weak choice over a strong offer. */
function proposals(m: IkeMsg, sa: IkeSaRecord, suites: Suite[], at: Tree): void {
  const initiatorSent = fromInitiator(m, sa);
  const sender = `${m.pkt.netSrc}:${m.pkt.srcPort}`;
  const summaries = suites.map(suiteSummary);
  const ans = sa.offerOrAnswer(m.messageId, sender, summaries);
  // An IKEv2 response always carries the responder's choice; IKEv1 has no flag, so the
  // second SA payload of a negotiation (or one from the responder) is the choice.
  const isChoice = m.version === 2 ? !m.isRequest : ans !== null || !initiatorSent;
  const verb = isChoice ? 'chosen' : 'offered';

  const seen = new Set<string>();
  for (const s of suites) {
    for (const a of s.algos) {
      if (!a.weak || seen.has(a.weak)) continue;
      seen.add(a.weak);
      expert(m, at, 'warn', 'security', 'isakmp.weak_proposal', `Weak transform ${verb}: ${a.weak} (${algoText(a)}, ${s.protocol})`);
      sa.findings.add('isakmp.weak_proposal');
    }
  }

  if (m.version === 1 && m.exchange === 4 && suites.some((s) => s.algos.some((a) => a.kind === 'auth' && isPskMethod(a.id)))) {
    expert(m, at, 'warn', 'security', 'isakmp.aggressive_psk',
      'Aggressive Mode with a pre-shared key: the responder\'s hash is sent in clear and the key can be attacked offline');
    sa.findings.add('isakmp.aggressive_psk');
  }

  if (isChoice && ans) weakChoice(m, sa, suites, ans.offer, at);

  if (isChoice) {
    const ike = suites.find((s) => IKE_PROTOCOLS.has(s.protocol));
    if (ike) {
      sa.chosenProposal = describeSuite(ike);
      const auth = ike.algos.find((a) => a.kind === 'auth');
      if (auth) sa.authMethod = auth.name;
      const hash = ike.algos.find((a) => a.kind === 'hash');
      if (hash) sa.hashAlgorithm = hash.id;
    }
  }
}

/** A responder that picks a weak algorithm of a kind for which the offer had a strong one. */
function weakChoice(m: IkeMsg, sa: IkeSaRecord, chosen: Suite[], offer: SuiteSummary[], at: Tree): void {
  for (const s of chosen) {
    for (const a of s.algos) {
      if (!a.weak) continue;
      const strong = strongAlternative(a, s.protocol, offer);
      if (!strong) continue;
      expert(m, at, 'warn', 'security', 'isakmp.weak_choice',
        `Responder chose ${a.weak} (${algoText(a)}) although ${strong} was offered`);
      sa.findings.add('isakmp.weak_choice');
    }
  }
}

function strongAlternative(a: Algo, protocol: string, offer: SuiteSummary[]): string | undefined {
  for (const s of offer) {
    if (s.protocol !== protocol) continue;
    for (const o of s.algos) if (o.kind === a.kind && !o.weak) return o.name;
  }
  return undefined;
}

/** The digest a NAT-D hash of this length was made with (IKEv1: the negotiated hash; IKEv2: SHA-1). */
function digestFor(len: number): string | undefined {
  return len === 16 ? 'md5' : len === 20 ? 'sha1' : len === 32 ? 'sha256' : len === 48 ? 'sha384' : len === 64 ? 'sha512' : undefined;
}

export function natdHash(digest: string, ispi: Uint8Array, rspi: Uint8Array, addr: Uint8Array, port: number): Uint8Array {
  return createHash(digest).update(ispi).update(rspi).update(addr).update(Uint8Array.of(port >> 8, port & 0xff)).digest();
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Compare each NAT-D hash with one computed from the SPIs and the packet's own address and port.
 * A source hash that matches none means the sender's address was changed on the way (the sender
 * is behind a NAT); a destination hash that does not match means the receiver is.
 */
function natDetection(m: IkeMsg, sa: IkeSaRecord): void {
  const pkt = m.pkt;
  const sides = { src: { addr: addressBytes(pkt.netSrc), port: pkt.srcPort, text: pkt.netSrc },
    dst: { addr: addressBytes(pkt.netDst), port: pkt.dstPort, text: pkt.netDst } };
  const result = { src: null as boolean | null, dst: null as boolean | null };
  for (const n of m.obs.natd) {
    const side = sides[n.side];
    const digest = digestFor(n.hash.length);
    if (!side.addr || side.port < 0 || !digest) continue;
    const computed = natdHash(digest, m.ispi, m.rspi, side.addr, side.port);
    const match = same(computed, n.hash);
    n.tree.gen(an.natdEndpoint, null, 0, 0, endpoint({ addr: side.text, port: side.port }));
    n.tree.gen(an.natdComputed, null, 0, 0, computed);
    n.tree.gen(an.natdMatch, null, 0, 0, match);
    result[n.side] = result[n.side] === true || match;
  }
  const senderIsInitiator = fromInitiator(m, sa);
  const apply = (behind: boolean | null, initiatorSide: boolean): void => {
    if (behind === null) return;
    if (initiatorSide) sa.natBehindInitiator = sa.natBehindInitiator === true || behind;
    else sa.natBehindResponder = sa.natBehindResponder === true || behind;
  };
  apply(result.src === null ? null : !result.src, senderIsInitiator);
  apply(result.dst === null ? null : !result.dst, !senderIsInitiator);
}
