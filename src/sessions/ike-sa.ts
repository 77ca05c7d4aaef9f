/**
 * The IKE SA table: one record per IKE SA (keyed by version and initiator SPI/cookie), fed by the
 * ISAKMP dissector as it sees each message, and summarised at the end of a run for `sessions`
 * output. Besides what the messages say (exchanges, the responder's chosen proposal, the auth
 * method, notified errors) it keeps what the analysis worked out: whether a NAT was detected from
 * the NAT-D hashes, and which security findings were raised. Memory is bounded: at most
 * MAX_SAS records, and per SA at most MAX_OFFERS open negotiations, MAX_ERRORS errors,
 * MAX_CHILD_SAS child SAs and MAX_EXCHANGE_IDS exchanges.
 */
import type { Engine } from '../core/engine.js';
import { forgetEntries, idleBefore, type IdleCut } from '../core/forget.js';
import { AgedMap } from '../core/aged-map.js';

export const IKE_SA_STATE = 'isakmp.ike_sa';
const MAX_SAS = 100_000;
const MAX_OFFERS = 64;
const MAX_ERRORS = 256;
/** Child SAs remembered per IKE SA (each CREATE_CHILD_SA adds two SPIs). */
const MAX_CHILD_SAS = 64;
/** Message IDs of child-SA exchanges remembered per IKE SA (a rekey an hour makes a few dozen a day). */
const MAX_EXCHANGE_IDS = 1024;

/** One negotiable suite as remembered for comparing an offer with the answer. */
export interface SuiteSummary {
  protocol: string;
  algos: { kind: string; name: string; weak?: string }[];
}

export interface Endpoint {
  addr: string;
  port: number;
}

export interface NotifiedError {
  type: number;
  name: string;
  frame: number;
}

/** The stable JSON shape of one IKE SA in session summaries. */
export interface IkeSaSummary {
  index: number;
  version: number;
  initiator: string;
  responder: string;
  /** Initiator SPI (IKEv1: cookie), 16 hex digits. */
  ispi: string;
  /** Responder SPI, 16 hex digits; all zeros when no response was seen. */
  rspi: string;
  messages: number;
  /** ISAKMP bytes (header and payloads) of those messages. */
  bytes: number;
  /** Messages seen per exchange type name. */
  exchanges: Record<string, number>;
  /** The responder's SA payload (the chosen proposal), in words; null when not seen in clear. */
  chosenProposal: string | null;
  /** IKEv1: from the SA attributes; IKEv2: from an AUTH payload in clear. */
  authMethod: string | null;
  /** true/false once NAT-D hashes were compared; null when none could be. */
  natDetected: boolean | null;
  /** Which peers the NAT-D hashes place behind a NAT. */
  behindNat: string[];
  /** Whether the SA moved to UDP 4500 (NAT traversal). */
  natTraversal: boolean;
  /** Error notifications (types below 16384). */
  errors: NotifiedError[];
  /** IKEv2: CREATE_CHILD_SA exchanges; IKEv1: Quick Mode exchanges after the first. */
  rekeys: number;
  vendorIds: string[];
  /** Expert ids of the security findings raised for this SA. */
  findings: string[];
  firstFrame: number;
  lastFrame: number;
  /** Seconds since the epoch, of the first and last message. */
  firstTime: number;
  lastTime: number;
  /** Identities from the ID payloads (IKEv2 IDi/IDr, IKEv1 phase 1), in clear or decrypted with --keys; null when not seen. */
  initiatorId: string | null;
  responderId: string | null;
  /** ESP/AH SPIs proposed under this SA (in clear, or decrypted with --keys): each receives the traffic sent to `to`. */
  childSas: ChildSa[];
}

/** One child SA SPI as negotiated: the peer that chose it receives the ESP/AH packets that carry it. */
export interface ChildSa {
  protocol: string;
  /** 0x%08x, as IPsec SA summaries write it. */
  spi: string;
  /** Address of the peer that proposed it, the destination of packets with this SPI. */
  to: string;
  frame: number;
}

export class IkeSaRecord {
  rspi = '0000000000000000';
  initiator: Endpoint = { addr: '', port: 0 };
  responder: Endpoint = { addr: '', port: 0 };
  messages = 0;
  bytes = 0;
  readonly exchanges = new Map<string, number>();
  chosenProposal: string | null = null;
  authMethod: string | null = null;
  /** IKEv1 Hash-Algorithm of the chosen transform, for NAT-D hashes (RFC 3947 §3.2). */
  hashAlgorithm = 0;
  natBehindInitiator: boolean | null = null;
  natBehindResponder: boolean | null = null;
  natTraversal = false;
  readonly errors: NotifiedError[] = [];
  /** Message IDs of CREATE_CHILD_SA or Quick Mode exchanges already counted. */
  private readonly exchangeIds = new Set<number>();
  rekeys = 0;
  readonly vendorIds = new Set<string>();
  readonly findings = new Set<string>();
  /** Offers by Message ID (the first SA payload of a negotiation), with the sender's address. */
  private readonly offers = new AgedMap<number, { sender: string; suites: SuiteSummary[] }>();
  firstFrame = 0;
  lastFrame = 0;
  firstTime = 0;
  lastTime = 0;
  initiatorId: string | null = null;
  responderId: string | null = null;
  readonly childSas: ChildSa[] = [];

  constructor(
    readonly index: number,
    readonly version: number,
    readonly ispi: string,
  ) {}

  /** Count one message of an exchange, of `bytes` ISAKMP bytes. */
  countExchange(name: string, bytes = 0): void {
    this.messages++;
    this.bytes += bytes;
    this.exchanges.set(name, (this.exchanges.get(name) ?? 0) + 1);
  }

  /** Count an exchange that creates or rekeys child SAs, once per Message ID. */
  countRekeyExchange(messageId: number, first: boolean): void {
    if (this.exchangeIds.has(messageId) || this.exchangeIds.size >= MAX_EXCHANGE_IDS) return;
    this.exchangeIds.add(messageId);
    if (!first) this.rekeys++;
  }

  get rekeyExchanges(): number {
    return this.exchangeIds.size;
  }

  addError(type: number, name: string, frame: number): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ type, name, frame });
  }

  /**
   * Remember the first SA payload of a negotiation as the offer; return it when a later SA
   * payload of the same negotiation comes from the other peer (the answer).
   */
  offerOrAnswer(messageId: number, sender: string, suites: SuiteSummary[]): { offer: SuiteSummary[] } | null {
    const had = this.offers.get(messageId);
    if (!had) {
      if (this.offers.size >= MAX_OFFERS) this.offers.dropOldest();
      this.offers.set(messageId, { sender, suites });
      return null;
    }
    if (had.sender === sender) return null;
    return { offer: had.suites };
  }

  /** Note a child SA SPI (once per protocol, SPI and receiver). Returns whether it is new. */
  addChildSa(c: ChildSa): boolean {
    if (this.childSas.length >= MAX_CHILD_SAS) return false;
    if (this.childSas.some((x) => x.protocol === c.protocol && x.spi === c.spi && x.to === c.to)) return false;
    this.childSas.push(c);
    return true;
  }

  summary(): IkeSaSummary {
    const behind: string[] = [];
    if (this.natBehindInitiator) behind.push('initiator');
    if (this.natBehindResponder) behind.push('responder');
    const compared = this.natBehindInitiator !== null || this.natBehindResponder !== null;
    return {
      index: this.index,
      version: this.version,
      initiator: endpointText(this.initiator),
      responder: endpointText(this.responder),
      ispi: this.ispi,
      rspi: this.rspi,
      messages: this.messages,
      bytes: this.bytes,
      exchanges: Object.fromEntries(this.exchanges),
      chosenProposal: this.chosenProposal,
      authMethod: this.authMethod,
      natDetected: compared ? behind.length > 0 : null,
      behindNat: behind,
      natTraversal: this.natTraversal,
      errors: [...this.errors],
      rekeys: this.rekeys,
      vendorIds: [...this.vendorIds],
      findings: [...this.findings],
      firstFrame: this.firstFrame,
      lastFrame: this.lastFrame,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      initiatorId: this.initiatorId,
      responderId: this.responderId,
      childSas: this.childSas.map((c) => ({ ...c })),
    };
  }
}

export function endpointText(e: Endpoint): string {
  if (!e.addr) return '';
  return e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}

export class IkeSaTable {
  readonly summarised = true;
  private readonly byKey = new AgedMap<string, IkeSaRecord>();
  /** "ESP 0x12345678 10.0.0.1" (protocol, SPI, receiver) → the IKE SA that negotiated it. */
  private readonly byChild = new AgedMap<string, IkeSaRecord>();
  private next = 0;
  /** Set when the table had to forget its oldest SA. */
  evicted = false;

  /** The SA of this version and initiator SPI, created when first seen. */
  lookup(version: number, ispi: string): { sa: IkeSaRecord; created: boolean } {
    const key = `${version}:${ispi}`;
    let sa = this.byKey.get(key);
    if (sa) return { sa, created: false };
    if (this.byKey.size >= MAX_SAS) {
      this.byKey.dropOldest();
      this.evicted = true;
    }
    sa = new IkeSaRecord(this.next++, version, ispi);
    this.byKey.set(key, sa);
    return { sa, created: true };
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Record that sa negotiated this child SA, so that ESP/AH SAs can be linked to it. */
  linkChild(sa: IkeSaRecord, c: ChildSa): void {
    if (!sa.addChildSa(c)) return;
    if (this.byChild.size >= MAX_SAS) this.byChild.dropOldest();
    this.byChild.set(`${c.protocol} ${c.spi} ${c.to}`, sa);
  }

  /** The IKE SA that negotiated the ESP/AH SA with this SPI towards this address. */
  forChild(protocol: string, spi: string, to: string): IkeSaRecord | undefined {
    return this.byChild.get(`${protocol} ${spi} ${to}`);
  }

  /** Drop the IKE SAs that have gone idle, and their children's links (core/forget.ts). */
  forgetIdle(cut: IdleCut): void {
    const idle = (sa: IkeSaRecord) => idleBefore(sa.lastTime, sa.lastFrame, cut);
    forgetEntries(this.byKey, idle);
    forgetEntries(this.byChild, idle);
  }

  records(): IkeSaRecord[] {
    return [...this.byKey.values()].sort((a, b) => a.index - b.index);
  }

  summaries(): IkeSaSummary[] {
    return this.records().map((r) => r.summary());
  }
}

/** The run's IKE SA table (created on first use). */
export function ikeSaTable(engine: Engine): IkeSaTable {
  return engine.state(IKE_SA_STATE, () => new IkeSaTable());
}
