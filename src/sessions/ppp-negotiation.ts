/**
 * What was negotiated on each PPP link of a capture run: the authentication protocol LCP agreed,
 * who authenticated and with what outcome, the CHAP material (challenge, peer challenge,
 * NT-Response, user name) needed later to verify a password or derive MPPE keys, the compression
 * and encryption CCP agreed, the addresses IPCP and IPV6CP assigned, and whether IP data was seen
 * in clear on the link.
 *
 * A link is named by what carries it: for PPTP the call GRE matched the packet to (or the two outer
 * addresses of the GRE tunnel when the call set-up was not seen), for
 * PPPoE the session ID and the two MAC addresses, for L2TP whatever key the L2TP dissector hands
 * over (tunnel and session IDs), for a serial capture the interface. The PPP dissectors feed this
 * module plain values; it holds no bytes beyond the few CHAP values it must keep.
 * Memory is bounded: at most MAX_LINKS links, the least recently used forgotten first.
 */
import type { Engine } from '../core/engine.js';
import type { Packet } from '../core/packet.js';
import { idleBefore, type IdleCut } from '../core/forget.js';
import { AgedMap } from '../core/aged-map.js';

export const MAX_LINKS = 100_000;
/** CHAP exchanges remembered per link (re-authentication happens, but not without bound). */
export const MAX_CHAP_PER_LINK = 16;

export type AuthProtocol = 'PAP' | 'CHAP' | 'EAP' | 'other';
export type ChapAlgorithm = 'MD5' | 'MS-CHAP' | 'MS-CHAPv2' | 'SHA-1' | 'unknown';
export type Carrier = 'gre' | 'pppoe' | 'l2tp' | 'serial' | 'other';

/** One CHAP Challenge/Response/Result exchange, matched by its Identifier. */
export interface ChapExchange {
  identifier: number;
  algorithm: ChapAlgorithm;
  /** The authenticator's challenge (16 bytes for MS-CHAPv2, 8 for MS-CHAP). */
  challenge: Uint8Array | null;
  /** Name the authenticator sent with its challenge. */
  authenticatorName: string | null;
  challengeFrame: number | null;
  /** User name the peer sent with its response. */
  user: string | null;
  /** The whole Response value. */
  response: Uint8Array | null;
  /** MS-CHAPv2: the peer's 16-byte challenge (RFC 2759 §4). */
  peerChallenge: Uint8Array | null;
  /** MS-CHAP and MS-CHAPv2: the 24-byte NT-Response. */
  ntResponse: Uint8Array | null;
  /** MS-CHAP (v1): the 24-byte LAN Manager response. */
  lmResponse: Uint8Array | null;
  responseFrame: number | null;
  /** MS-CHAPv2 Success: the 40 hex digits after "S=" (the authenticator response). */
  authenticatorResponse: string | null;
  result: 'success' | 'failure' | null;
  /** MS-CHAP Failure: the E= error code. */
  errorCode: number | null;
  resultFrame: number | null;
}

export interface PppLink {
  key: string;
  carrier: Carrier;
  firstFrame: number;
  lastFrame: number;
  /** Capture time of the last frame, in seconds. */
  lastTime: number;
  /** Authentication protocol LCP agreed (from a Configure-Ack), with the CHAP algorithm when CHAP. */
  auth: AuthProtocol | null;
  chapAlgorithm: number | null;
  /** PAP: the Peer-ID and whether the authenticator accepted it. */
  papUser: string | null;
  papResult: 'success' | 'failure' | null;
  chap: ChapExchange[];
  /** Supported-bits of the MPPE option in the CCP Configure-Acks, one per direction. */
  mppeAcked: number[];
  /** Compression methods other than MPPE/MPPC that CCP agreed (option names). */
  compression: string[];
  /** Addresses IPCP agreed (Configure-Ack), and the DNS servers it gave. */
  ipv4Addresses: string[];
  dnsServers: string[];
  /** Interface identifiers IPV6CP agreed. */
  ipv6InterfaceIds: string[];
  /** PPP frames carrying IPv4/IPv6/VJ datagrams in clear, and compressed/encrypted datagrams. */
  clearFrames: number;
  compressedFrames: number;
  /** Whether the clear-data finding has been raised for this link. */
  clearDataReported: boolean;
  lcpTerminated: boolean;
}

/** MPPE supported bits (RFC 3078 §2.1). */
export const MPPE_BITS = { H: 0x01000000, M: 0x80, S: 0x40, L: 0x20, D: 0x10, C: 0x01 } as const;

/** The weakest key length an MPPE option allows, or null when it allows no encryption. */
export function mppeKeyBits(bits: number): 40 | 56 | 128 | null {
  if (bits & MPPE_BITS.L) return 40;
  if (bits & MPPE_BITS.M) return 56;
  if (bits & MPPE_BITS.S) return 128;
  return null;
}

class LinkTable {
  readonly summarised = true;
  readonly links = new AgedMap<string, PppLink>();
  /** The most recently used link: already last in the map's order, so touching it again moves nothing. */
  mru: PppLink | null = null;
  evicted = 0;

  /** The map is in order of last use, so the idle links are at its front (core/forget.ts). */
  forgetIdle(cut: IdleCut): void {
    for (const l of this.links.values()) {
      if (!idleBefore(l.lastTime, l.lastFrame, cut)) break;
      this.links.delete(l.key);
      if (this.mru === l) this.mru = null;
    }
  }
}

function table(engine: Engine): LinkTable {
  return engine.state('ppp.links', () => new LinkTable());
}

/** Every link seen so far in this run, for reports and for the decryption feature. */
export function pppLinks(engine: Engine): ReadonlyMap<string, PppLink> {
  return table(engine).links;
}

/** The MS-CHAPv2 exchanges of a run that carry everything needed to test a password. */
export function mschapv2Handshakes(engine: Engine): Array<{ link: string; exchange: ChapExchange }> {
  const out: Array<{ link: string; exchange: ChapExchange }> = [];
  for (const l of table(engine).links.values()) {
    for (const x of l.chap) {
      if (x.algorithm === 'MS-CHAPv2' && x.challenge && x.peerChallenge && x.ntResponse && x.user !== null) out.push({ link: l.key, exchange: x });
    }
  }
  return out;
}

function carrierOf(pkt: Packet): Carrier {
  const p = pkt.protocols;
  if (p.includes('l2tp')) return 'l2tp';
  if (p.includes('gre')) return 'gre';
  if (p.includes('pppoes') || p.includes('pppoed')) return 'pppoe';
  if (pkt.linkType === 9 || pkt.linkType === 50 || pkt.linkType === 166 || pkt.linkType === 204) return 'serial';
  return 'other';
}

/**
 * The key of the link a PPP frame belongs to: the carrier's own key when it passed one
 * (`data.linkKey`), otherwise one derived from the packet: the PPTP call GRE found, else the outer
 * address pair (both directions of a tunnel are one link), the interface for a serial capture.
 */
export function linkKeyFor(pkt: Packet, data: unknown): string {
  const given = typeof data === 'object' && data !== null ? (data as { linkKey?: unknown }).linkKey : undefined;
  if (typeof given === 'string') return given;
  const c = carrierOf(pkt);
  if (c === 'serial') return `ppp if${pkt.ifIndex}`;
  const [a, b] = pkt.netSrc <= pkt.netDst ? [pkt.netSrc, pkt.netDst] : [pkt.netDst, pkt.netSrc];
  // GRE tells which PPTP call (both directions) the packet belongs to once the control
  // connection set the call up; without it, the tunnel's address pair is the link.
  const call = c === 'gre' ? (pkt.scratch.gre as { call?: number | null } | undefined)?.call : null;
  return typeof call === 'number' ? `pptp ${a} ${b} call ${call}` : `${c} ${a} ${b}`;
}

/** The link for this key, created on first sight; touching it makes it the most recently used. */
export function linkFor(pkt: Packet, key: string): PppLink {
  const t = table(pkt.engine);
  let l = t.mru !== null && t.mru.key === key ? t.mru : t.links.get(key);
  const time = pkt.tsSec + pkt.tsNsec / 1e9;
  if (l === t.mru && l) {
    l.lastFrame = pkt.num;
    l.lastTime = time;
    return l;
  }
  if (l) {
    t.links.delete(key);
  } else {
    if (t.links.size >= MAX_LINKS) {
      t.links.dropOldest();
      t.evicted++;
      pkt.engine.expertOnce(pkt, pkt.tree, 'note', 'undecoded', 'ppp.links_evicted',
        `More than ${MAX_LINKS} PPP links: the least recently used are forgotten (their negotiation state is lost)`);
    }
    l = {
      key, carrier: carrierOf(pkt), firstFrame: pkt.num, lastFrame: pkt.num, lastTime: time, auth: null, chapAlgorithm: null,
      papUser: null, papResult: null, chap: [], mppeAcked: [], compression: [], ipv4Addresses: [], dnsServers: [],
      ipv6InterfaceIds: [], clearFrames: 0, compressedFrames: 0, clearDataReported: false, lcpTerminated: false,
    };
  }
  t.links.set(key, l);
  t.mru = l;
  l.lastFrame = pkt.num;
  l.lastTime = time;
  return l;
}

/** The CHAP algorithm a link's LCP agreed, or what the packet sizes tell when LCP was not seen. */
export function chapAlgorithmOf(l: PppLink, challengeSize: number | null): ChapAlgorithm {
  switch (l.chapAlgorithm) {
    case 5: return 'MD5';
    case 6: return 'SHA-1';
    case 0x80: return 'MS-CHAP';
    case 0x81: return 'MS-CHAPv2';
    default: break;
  }
  // Without the LCP exchange: MS-CHAP challenges are 8 bytes, MS-CHAPv2 ones 16 (RFC 2433 §5, RFC 2759 §4).
  if (challengeSize === 8) return 'MS-CHAP';
  return 'unknown';
}

/** The exchange with this identifier, created (and the oldest dropped past the cap) when new. */
export function chapExchange(l: PppLink, identifier: number): ChapExchange {
  for (let i = l.chap.length - 1; i >= 0; i--) if (l.chap[i].identifier === identifier) return l.chap[i];
  const x: ChapExchange = {
    identifier, algorithm: 'unknown', challenge: null, authenticatorName: null, challengeFrame: null, user: null,
    response: null, peerChallenge: null, ntResponse: null, lmResponse: null, responseFrame: null,
    authenticatorResponse: null, result: null, errorCode: null, resultFrame: null,
  };
  l.chap.push(x);
  if (l.chap.length > MAX_CHAP_PER_LINK) l.chap.shift();
  return x;
}

/** Whether CCP agreed MPPE with encryption on this link (in either direction). */
export function mppeNegotiated(l: PppLink): boolean {
  return l.mppeAcked.some((b) => mppeKeyBits(b) !== null);
}

/** The IP-carrying PPP protocols: IPv4, IPv6, Van Jacobson compressed and uncompressed TCP/IP. */
export const CLEAR_DATA_PROTOCOLS: ReadonlySet<number> = new Set([0x0021, 0x0057, 0x002d, 0x002f]);
