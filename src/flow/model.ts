/**
 * The ladder diagram's model: VPN sessions, each between two endpoints named by their role
 * (PAC/PNS, LAC/LNS, initiator/responder), holding one event per control message in capture
 * order and one run per stretch of data packets. It reads dissected fields only (message types,
 * codes, flags, the trackers' generated fields), never raw bytes, so it follows the dissectors.
 *
 * A session is the traffic between one pair of outer addresses: the PPTP control connection and
 * its GRE, an L2TP tunnel (in clear or inside ESP), an IKE SA and the ESP or AH it keys.
 */
import type { Engine } from '../core/engine.js';
import { fieldByName, type FieldDef, type Value } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { ipv4ToString, ipv6ToString } from '../core/value.js';
import { MESSAGE_NAMES as PPTP_NAMES } from '../protocols/pptp-messages.js';
import { MESSAGE_TYPE_SHORT as L2TP_SHORT } from '../protocols/l2tp-values.js';
import { EXCHANGE_V1, EXCHANGE_V2 } from '../protocols/ike/values.js';

export type Role = 'PNS' | 'PAC' | 'LAC' | 'LNS' | 'initiator' | 'responder' | 'peer';
/** Words a renderer translates; everything else in a label is a protocol's own name. */
export type Mark = 'retransmission' | 'zlb' | 'request' | 'response' | 'keepalive';

export interface FlowMessage {
  type: 'message';
  frame: number;
  time: number;
  /** Sent by endpoint A (the left column). */
  fromA: boolean;
  /** The message's short name: "SCCRQ", "LCP Configure-Request", "IKE_AUTH". */
  label: string;
  /** Its long name when the short one is an abbreviation ("Start-Control-Connection-Request"). */
  detail?: string;
  marks: Mark[];
}

export interface DataRun {
  type: 'data';
  /** What carries the data: GRE, L2TP, ESP, AH. */
  carrier: string;
  count: number;
  aToB: number;
  bToA: number;
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
}

export type FlowItem = FlowMessage | DataRun;

export interface Endpoint {
  addr: string;
  role: Role;
  /** True when the role is inferred rather than shown by a message only that role sends. */
  assumed: boolean;
}

export interface FlowSession {
  id: number;
  /** "PPTP", "L2TP", "L2TP/IPsec", "IKEv2", "IKEv2 + ESP", "ESP", "AH". */
  kind: string;
  a: Endpoint;
  b: Endpoint;
  items: FlowItem[];
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
  messages: number;
  dataPackets: number;
}

/** Every field the model reads; the engine must record them on every packet. */
const FIELD_NAMES = [
  'ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.flags.syn', 'tcp.flags.ack',
  'tcp.flags.fin', 'tcp.flags.reset', 'pptp.control_message_type', 'gre.flags.version', 'gre.analysis.direction', 'ppp.protocol', 'ppp.code',
  'chap.code', 'pap.code', 'eap.code', 'l2tp.type', 'l2tp.avp.message_type', 'l2tp.sender',
  'l2tp.analysis.retransmission', 'isakmp.exchangetype', 'isakmp.flag_i', 'isakmp.flag_r', 'isakmp.mjver',
  'isakmp.rspi', 'isakmp.typepayload', 'esp.spi', 'ah.spi', 'udpencap.nat_keepalive',
] as const;
type FieldName = (typeof FIELD_NAMES)[number];

const PPTP_SHORT: Record<number, string> = {
  1: 'SCCRQ', 2: 'SCCRP', 3: 'StopCCRQ', 4: 'StopCCRP', 5: 'Echo-Request', 6: 'Echo-Reply', 7: 'OCRQ', 8: 'OCRP',
  9: 'ICRQ', 10: 'ICRP', 11: 'ICCN', 12: 'CCRQ', 13: 'CDN', 14: 'WEN', 15: 'SLI',
};
/** PPTP messages only one role sends (RFC 2637 §2.7–2.15): they settle who is the PNS. */
const PPTP_SENT_BY_PNS = new Set([7, 10, 12, 15]);
const PPTP_SENT_BY_PAC = new Set([8, 9, 11, 13, 14]);

const TCP_FLAG_NAMES: Partial<Record<FieldName, string>> = {
  'tcp.flags.syn': 'SYN', 'tcp.flags.fin': 'FIN', 'tcp.flags.reset': 'RST', 'tcp.flags.ack': 'ACK',
};

/** RFC 2661 §6 names of the L2TP control messages, for the long form of an arrow's label. */
const L2TP_LONG: Record<number, string> = {
  1: 'Start-Control-Connection-Request', 2: 'Start-Control-Connection-Reply', 3: 'Start-Control-Connection-Connected',
  4: 'Stop-Control-Connection-Notification', 6: 'Hello', 7: 'Outgoing-Call-Request', 8: 'Outgoing-Call-Reply',
  9: 'Outgoing-Call-Connected', 10: 'Incoming-Call-Request', 11: 'Incoming-Call-Reply', 12: 'Incoming-Call-Connected',
  14: 'Call-Disconnect-Notify', 15: 'WAN-Error-Notify', 16: 'Set-Link-Info', 20: 'Explicit-Acknowledgement',
};

/** RFC 7296 §3.2 notation of IKEv2 payloads (proposals and transforms nest inside SA and are left out). */
const IKEV2_PAYLOADS: Record<number, string> = {
  33: 'SA', 34: 'KE', 35: 'IDi', 36: 'IDr', 37: 'CERT', 38: 'CERTREQ', 39: 'AUTH', 40: 'N', 41: 'N', 42: 'D', 43: 'V',
  44: 'TSi', 45: 'TSr', 46: 'SK', 47: 'CP', 48: 'EAP', 53: 'SKF',
};
/** RFC 2408 §3 / RFC 3947 names of IKEv1 payloads. */
const IKEV1_PAYLOADS: Record<number, string> = {
  1: 'SA', 4: 'KE', 5: 'ID', 6: 'CERT', 7: 'CR', 8: 'HASH', 9: 'SIG', 10: 'NONCE', 11: 'N', 12: 'D', 13: 'VID',
  14: 'ATTR', 20: 'NAT-D', 21: 'NAT-OA', 130: 'NAT-D', 131: 'NAT-OA', 132: 'FRAG',
};

/** PPP control protocols, by PPP protocol number. */
const PPP_CONTROL: Record<number, string> = {
  0xc021: 'LCP', 0xc023: 'PAP', 0xc223: 'CHAP', 0xc227: 'EAP', 0x8021: 'IPCP', 0x8057: 'IPV6CP', 0x80fd: 'CCP', 0x80fb: 'CCP',
};
/** RFC 1661 §5 code names, shared by LCP and the network control protocols. */
const CP_CODES: Record<number, string> = {
  1: 'Configure-Request', 2: 'Configure-Ack', 3: 'Configure-Nak', 4: 'Configure-Reject', 5: 'Terminate-Request',
  6: 'Terminate-Ack', 7: 'Code-Reject', 8: 'Protocol-Reject', 9: 'Echo-Request', 10: 'Echo-Reply',
  11: 'Discard-Request', 12: 'Identification', 13: 'Time-Remaining', 14: 'Reset-Request', 15: 'Reset-Ack',
};

interface Building {
  key: string;
  addrs: [string, string];
  /** The address that sent the session's first packet. */
  first: string;
  items: Array<FlowMessage & { from: string } | DataRun & { fromFirst: number; fromOther: number }>;
  roles: Map<string, { role: Role; assumed: boolean }>;
  families: Set<string>;
  ikeVersion: number;
  firstFrame: number;
  lastFrame: number;
  firstTime: number;
  lastTime: number;
}

/** Hard limits: a capture with millions of packets must not grow the model without end. */
const MAX_SESSIONS = 10_000;
const MAX_ITEMS_PER_SESSION = 50_000;

export class FlowBuilder {
  private readonly f: Record<FieldName, FieldDef | undefined>;
  private readonly sessions = new Map<string, Building>();
  private dropped = 0;

  constructor(engine: Engine) {
    const f = {} as Record<FieldName, FieldDef | undefined>;
    for (const n of FIELD_NAMES) {
      f[n] = fieldByName(n);
      if (f[n]) engine.want(f[n]!.id);
    }
    this.f = f;
  }

  /** Sessions dropped because the limit was reached. */
  get droppedSessions(): number {
    return this.dropped;
  }

  private first(pkt: Packet, n: FieldName): Value | undefined {
    const f = this.f[n];
    return f ? pkt.first(f) : undefined;
  }

  private all(pkt: Packet, n: FieldName): Value[] {
    const f = this.f[n];
    return f ? pkt.values(f) : [];
  }

  private has(pkt: Packet, n: FieldName): boolean {
    const f = this.f[n];
    return !!f && pkt.hits.some((h) => h.f === f);
  }

  /** The outermost IP addresses: the first source and destination recorded. */
  private outer(pkt: Packet): [string, string] | null {
    for (const h of pkt.hits) {
      if (h.f === this.f['ip.src']) {
        const d = this.first(pkt, 'ip.dst');
        return typeof h.v === 'number' && typeof d === 'number' ? [ipv4ToString(h.v), ipv4ToString(d)] : null;
      }
      if (h.f === this.f['ipv6.src']) {
        const d = this.first(pkt, 'ipv6.dst');
        return h.v instanceof Uint8Array && d instanceof Uint8Array ? [ipv6ToString(h.v), ipv6ToString(d)] : null;
      }
    }
    return null;
  }

  private session(src: string, dst: string, pkt: Packet): Building | null {
    const key = src < dst ? `${src}|${dst}` : `${dst}|${src}`;
    let s = this.sessions.get(key);
    if (!s) {
      if (this.sessions.size >= MAX_SESSIONS) {
        this.dropped++;
        return null;
      }
      s = {
        key, addrs: [src, dst], first: src, items: [], roles: new Map(), families: new Set(), ikeVersion: 0,
        firstFrame: pkt.num, lastFrame: pkt.num, firstTime: pkt.relSec, lastTime: pkt.relSec,
      };
      this.sessions.set(key, s);
    }
    s.lastFrame = pkt.num;
    s.lastTime = pkt.relSec;
    return s;
  }

  private setRole(s: Building, addr: string, role: Role, assumed: boolean): void {
    const had = s.roles.get(addr);
    if (had && !had.assumed) return;
    if (had && assumed) return;
    s.roles.set(addr, { role, assumed });
  }

  private message(s: Building, pkt: Packet, from: string, label: string, marks: Mark[] = [], detail?: string): void {
    if (s.items.length >= MAX_ITEMS_PER_SESSION) return;
    s.items.push({ type: 'message', frame: pkt.num, time: pkt.relSec, fromA: false, from, label, detail, marks });
  }

  private data(s: Building, pkt: Packet, from: string, carrier: string): void {
    const last = s.items[s.items.length - 1];
    const fromFirst = from === s.first ? 1 : 0;
    if (last && last.type === 'data' && last.carrier === carrier) {
      last.count++;
      last.fromFirst += fromFirst;
      last.fromOther += 1 - fromFirst;
      last.lastFrame = pkt.num;
      last.lastTime = pkt.relSec;
      return;
    }
    if (s.items.length >= MAX_ITEMS_PER_SESSION) return;
    s.items.push({
      type: 'data', carrier, count: 1, aToB: 0, bToA: 0, fromFirst, fromOther: 1 - fromFirst,
      firstFrame: pkt.num, lastFrame: pkt.num, firstTime: pkt.relSec, lastTime: pkt.relSec,
    });
  }

  /**
   * The payloads of an IKE message in RFC notation, "SA, KE, Ni, N, N, V"; what an SK payload was
   * seen to hold (once decrypted) goes in braces after it.
   */
  private ikePayloads(pkt: Packet, version: number): string | undefined {
    const names = version === 2 ? IKEV2_PAYLOADS : IKEV1_PAYLOADS;
    const fromInitiator = this.first(pkt, 'isakmp.flag_i') === true;
    const outer: string[] = [];
    const inner: string[] = [];
    let inSk = false;
    for (const v of this.all(pkt, 'isakmp.typepayload')) {
      if (typeof v !== 'number' || !names[v]) continue;
      let name = names[v];
      if (version === 2 && v === 40) name = fromInitiator ? 'Ni' : 'Nr';
      (inSk ? inner : outer).push(name);
      if (version === 2 && (v === 46 || v === 53)) inSk = true;
    }
    if (!outer.length) return undefined;
    return inner.length ? `${outer.join(', ')} {${inner.join(', ')}}` : outer.join(', ');
  }

  /** A PPP control packet (LCP, authentication, IPCP, CCP) as a message, or undefined for user data. */
  private pppControl(pkt: Packet): string | undefined {
    const proto = this.first(pkt, 'ppp.protocol');
    if (typeof proto !== 'number') return undefined;
    const name = PPP_CONTROL[proto];
    if (!name) return undefined;
    const codeField: FieldName = name === 'CHAP' ? 'chap.code' : name === 'PAP' ? 'pap.code' : name === 'EAP' ? 'eap.code' : 'ppp.code';
    const code = this.first(pkt, codeField);
    const f = this.f[codeField];
    const codeName = typeof code !== 'number' ? ''
      : codeField === 'ppp.code' ? CP_CODES[code] ?? `Code ${code}` : f?.vals?.get(code) ?? `Code ${code}`;
    return codeName ? `${name} ${codeName}` : name;
  }

  add(pkt: Packet): void {
    const protos = pkt.protocols;
    const addrs = this.outer(pkt);
    if (!addrs) return;
    const [src, dst] = addrs;
    const vpn = protos.includes('pptp') || protos.includes('gre') || protos.includes('l2tp') || protos.includes('isakmp')
      || protos.includes('esp') || protos.includes('ah') || protos.includes('udpencap')
      || this.first(pkt, 'tcp.srcport') === 1723 || this.first(pkt, 'tcp.dstport') === 1723;
    if (!vpn) return;
    const s = this.session(src, dst, pkt);
    if (!s) return;

    if (protos.includes('l2tp')) {
      s.families.add(protos.includes('esp') ? 'l2tp-ipsec' : 'l2tp');
      const sender = this.first(pkt, 'l2tp.sender');
      if (typeof sender === 'string') {
        const role = sender.startsWith('LAC') ? 'LAC' : sender.startsWith('LNS') ? 'LNS' : null;
        if (role) {
          const assumed = /assumed/i.test(sender);
          this.setRole(s, src, role, assumed);
          this.setRole(s, dst, role === 'LAC' ? 'LNS' : 'LAC', assumed);
        }
      }
      if (this.first(pkt, 'l2tp.type') === 1) {
        const types = this.all(pkt, 'l2tp.avp.message_type').filter((v): v is number => typeof v === 'number');
        const marks: Mark[] = this.has(pkt, 'l2tp.analysis.retransmission') ? ['retransmission'] : [];
        if (!types.length) this.message(s, pkt, src, 'ZLB', ['zlb', ...marks]);
        for (const t of types) this.message(s, pkt, src, L2TP_SHORT.get(t) ?? `Message ${t}`, marks, L2TP_LONG[t]);
        return;
      }
      const ctl = this.pppControl(pkt);
      if (ctl) this.message(s, pkt, src, ctl);
      else this.data(s, pkt, src, 'L2TP');
      return;
    }

    if (protos.includes('pptp') || this.first(pkt, 'tcp.srcport') === 1723 || this.first(pkt, 'tcp.dstport') === 1723) {
      s.families.add('pptp');
      const types = this.all(pkt, 'pptp.control_message_type').filter((v): v is number => typeof v === 'number');
      for (const t of types) {
        if (PPTP_SENT_BY_PNS.has(t)) {
          this.setRole(s, src, 'PNS', false);
          this.setRole(s, dst, 'PAC', false);
        } else if (PPTP_SENT_BY_PAC.has(t)) {
          this.setRole(s, src, 'PAC', false);
          this.setRole(s, dst, 'PNS', false);
        }
        this.message(s, pkt, src, PPTP_SHORT[t] ?? `Message ${t}`, [], PPTP_NAMES.get(t));
      }
      if (!types.length) {
        const flags: FieldName[] = (['tcp.flags.syn', 'tcp.flags.fin', 'tcp.flags.reset'] as const).filter((n) => this.first(pkt, n) === true);
        if (flags.length) {
          if (this.first(pkt, 'tcp.flags.ack') === true) flags.push('tcp.flags.ack');
          const names = flags.map((n) => TCP_FLAG_NAMES[n]);
          this.message(s, pkt, src, `TCP [${names.join(', ')}]`);
          // The side that opens TCP 1723 is, in practice, the client placing the call.
          if (flags.length === 1 && flags[0] === 'tcp.flags.syn') {
            this.setRole(s, src, 'PNS', true);
            this.setRole(s, dst, 'PAC', true);
          }
        }
      }
      return;
    }

    if (protos.includes('gre')) {
      // Version 0 is plain GRE (RFC 2784), not PPTP's enhanced GRE.
      s.families.add(this.first(pkt, 'gre.flags.version') === 0 ? 'gre' : 'pptp');
      const dir = this.first(pkt, 'gre.analysis.direction');
      if (dir === 1 || dir === 2) {
        this.setRole(s, src, dir === 1 ? 'PNS' : 'PAC', false);
        this.setRole(s, dst, dir === 1 ? 'PAC' : 'PNS', false);
      }
      const ctl = this.pppControl(pkt);
      if (ctl) this.message(s, pkt, src, ctl);
      else this.data(s, pkt, src, 'GRE');
      return;
    }

    if (protos.includes('isakmp')) {
      const v = this.first(pkt, 'isakmp.mjver');
      const version = typeof v === 'number' ? v : 2;
      s.ikeVersion = s.ikeVersion || version;
      s.families.add('ike');
      const ex = this.first(pkt, 'isakmp.exchangetype');
      const exName = typeof ex !== 'number' ? 'ISAKMP'
        : (version === 2 ? EXCHANGE_V2.get(ex) : EXCHANGE_V1.get(ex)) ?? `Exchange ${ex}`;
      const marks: Mark[] = [];
      if (version === 2) {
        const resp = this.first(pkt, 'isakmp.flag_r');
        marks.push(resp === true ? 'response' : 'request');
        const init = this.first(pkt, 'isakmp.flag_i');
        if (typeof init === 'boolean') {
          this.setRole(s, src, init ? 'initiator' : 'responder', false);
          this.setRole(s, dst, init ? 'responder' : 'initiator', false);
        }
      } else {
        // IKEv1 has no initiator flag: the sender of a message with no responder cookie yet starts the SA.
        const r = this.first(pkt, 'isakmp.rspi');
        if (r instanceof Uint8Array && r.every((b) => b === 0)) {
          this.setRole(s, src, 'initiator', false);
          this.setRole(s, dst, 'responder', false);
        }
      }
      this.message(s, pkt, src, exName, marks, this.ikePayloads(pkt, version));
      return;
    }

    if (this.has(pkt, 'udpencap.nat_keepalive')) {
      this.message(s, pkt, src, 'NAT-T', ['keepalive']);
      return;
    }
    if (protos.includes('esp')) {
      s.families.add('esp');
      this.data(s, pkt, src, 'ESP');
      return;
    }
    if (protos.includes('ah')) {
      s.families.add('ah');
      this.data(s, pkt, src, 'AH');
    }
  }

  /** The sessions, numbered by their first frame, with A the initiating side. */
  finish(): FlowSession[] {
    const list = [...this.sessions.values()].filter((s) => s.items.length > 0).sort((x, y) => x.firstFrame - y.firstFrame);
    return list.map((s, i) => finishOne(s, i + 1));
  }
}

const LEADING_ROLES: ReadonlySet<Role> = new Set(['PNS', 'LAC', 'initiator']);
const COUNTERPART: Record<Role, Role> = {
  PNS: 'PAC', PAC: 'PNS', LAC: 'LNS', LNS: 'LAC', initiator: 'responder', responder: 'initiator', peer: 'peer',
};

function kindOf(s: Building): string {
  const f = s.families;
  const ike = s.ikeVersion ? `IKEv${s.ikeVersion}` : '';
  if (f.has('l2tp-ipsec')) return 'L2TP/IPsec';
  if (f.has('l2tp')) return f.has('esp') ? 'L2TP/IPsec' : 'L2TP';
  if (f.has('pptp')) return 'PPTP';
  if (f.has('gre')) return 'GRE';
  if (ike) return f.has('esp') ? `${ike} + ESP` : f.has('ah') ? `${ike} + AH` : ike;
  if (f.has('esp')) return 'ESP';
  if (f.has('ah')) return 'AH';
  return 'IPsec';
}

function finishOne(s: Building, id: number): FlowSession {
  const [x, y] = s.addrs;
  // The left column is the side that starts things: PNS, LAC or initiator; else whoever spoke first.
  const rx = s.roles.get(x);
  const ry = s.roles.get(y);
  let aAddr = s.first;
  if (rx && LEADING_ROLES.has(rx.role)) aAddr = x;
  else if (ry && LEADING_ROLES.has(ry.role)) aAddr = y;
  const bAddr = aAddr === x ? y : x;
  const ra = s.roles.get(aAddr);
  const rb = s.roles.get(bAddr);
  const a: Endpoint = ra ? { addr: aAddr, role: ra.role, assumed: ra.assumed }
    : rb ? { addr: aAddr, role: COUNTERPART[rb.role], assumed: rb.assumed } : { addr: aAddr, role: 'peer', assumed: false };
  const b: Endpoint = rb ? { addr: bAddr, role: rb.role, assumed: rb.assumed }
    : { addr: bAddr, role: COUNTERPART[a.role], assumed: a.assumed };
  const aIsFirst = aAddr === s.first;
  let messages = 0;
  let dataPackets = 0;
  const items: FlowItem[] = s.items.map((it) => {
    if (it.type === 'message') {
      messages++;
      const { from, ...m } = it;
      return { ...m, fromA: from === aAddr };
    }
    dataPackets += it.count;
    const { fromFirst, fromOther, ...d } = it;
    return { ...d, aToB: aIsFirst ? fromFirst : fromOther, bToA: aIsFirst ? fromOther : fromFirst };
  });
  return {
    id, kind: kindOf(s), a, b, items, firstFrame: s.firstFrame, lastFrame: s.lastFrame,
    firstTime: s.firstTime, lastTime: s.lastTime, messages, dataPackets,
  };
}
