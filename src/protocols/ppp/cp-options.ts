/**
 * The packet format every PPP control protocol shares (RFC 1661 §5): Code, Identifier, Length,
 * then for Configure-Request/Ack/Nak/Reject a list of Type-Length-Value options. LCP, IPCP,
 * IPV6CP and CCP differ only in their code names and option tables, so the walk over the packet
 * and over the option list lives here, once.
 *
 * Option lengths come from the wire: a length below 2 or one that runs past the list ends the
 * list with an expert item (it cannot be walked further without guessing), so no loop can spin.
 */
import { fieldsOf, type FieldDef, type ProtocolDef } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { PPP_PROTOCOL_NAMES } from './ppp-protocols.js';
import { asciiString } from './text.js';

const f = fieldsOf('ppp');
const REF = 'RFC 1661 §5';
/** Fields of the control-protocol header; Wireshark files them under "ppp." for every CP. */
export const hfCp = {
  code: f('code', 'Code', 'uint8', { blurb: 'Kind of control packet (Configure-Request, Terminate-Ack, Echo-Request, …)', ref: REF }),
  identifier: f('identifier', 'Identifier', 'uint8', { base: 'dec_hex', blurb: 'Matches a reply to its request', ref: REF }),
  length: f('length', 'Length', 'uint16', { blurb: 'Length of the control packet, code to last option', ref: REF }),
  magic_number: f('magic_number', 'Magic Number', 'uint32', { base: 'hex', blurb: 'Sender\'s magic number in a Vendor-Specific packet', ref: 'RFC 2153 §2' }),
  oui: f('oui', 'OUI', 'uint24', { blurb: 'Vendor\'s organisationally unique identifier', ref: 'RFC 2153 §2' }),
  kind: f('kind', 'Kind', 'uint8', { base: 'dec_hex', blurb: 'Vendor-defined kind of Vendor-Specific packet', ref: 'RFC 2153 §2' }),
  data: f('data', 'Data', 'bytes', { blurb: 'Uninterpreted contents of the control packet', ref: REF }),
  opt_len_invalid: f('opt.len.invalid', 'Invalid length for option', 'none', { hidden: true, blurb: 'An option whose length field is impossible', ref: 'RFC 1661 §6' }),
};

/** LCP packet codes (RFC 1661 §5, RFC 1570 §2, RFC 2153). */
export const CP_CODE = {
  VENDOR: 0, CONFREQ: 1, CONFACK: 2, CONFNAK: 3, CONFREJ: 4, TERMREQ: 5, TERMACK: 6, CODEREJ: 7,
  PROTREJ: 8, ECHOREQ: 9, ECHOREP: 10, DISCREQ: 11, IDENT: 12, TIMEREMAIN: 13, RESETREQ: 14, RESETACK: 15,
} as const;

const CP_BASE: Record<number, string> = {
  0: 'Vendor Specific', 1: 'Configuration Request', 2: 'Configuration Ack', 3: 'Configuration Nak',
  4: 'Configuration Reject', 5: 'Termination Request', 6: 'Termination Ack', 7: 'Code Reject',
};
/** Codes of the network control protocols (IPCP, IPV6CP): RFC 1661's first seven. */
export const CP_CODE_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(CP_BASE).map(([k, v]) => [Number(k), v]));
export const LCP_CODE_NAMES: ReadonlyMap<number, string> = new Map([...CP_CODE_NAMES,
  [8, 'Protocol Reject'], [9, 'Echo Request'], [10, 'Echo Reply'], [11, 'Discard Request'],
  [12, 'Identification'], [13, 'Time Remaining']]);
export const CCP_CODE_NAMES: ReadonlyMap<number, string> = new Map([...CP_CODE_NAMES, [14, 'Reset Request'], [15, 'Reset Ack']]);

/** What an option dissector sees: the option's own bytes (type byte at 0) and where to put it. */
export interface OptionContext {
  tvb: Tvb;
  /** The option's Length byte (type and length bytes included). */
  len: number;
  type: number;
  /** The Options subtree the option item goes under. */
  tree: Tree;
  pkt: Packet;
  cp: OptionTable;
  /** The option's display name, as the Options line lists it. */
  name: string;
  /** The item field when it is not the table's (an option with variants, like Stac LZS). */
  field?: FieldDef;
}

export interface OptionDef {
  /** The name Wireshark gives the option (its option "protocol"), e.g. "Maximum Receive Unit". */
  name: string;
  /** The item covering the whole option, e.g. lcp.opt.mtu_bytes. */
  field: FieldDef;
  /** Dissects the option; what it returns is handed back to the CP for negotiation tracking. */
  dissect: (o: OptionContext) => unknown;
}

/** An option list's table: its options and the fields its Type and Length bytes use. */
export interface OptionTable {
  options: ReadonlyMap<number, OptionDef>;
  /** The option Type and Length fields (lcp.opt.type, …). */
  hfType: FieldDef;
  hfLength: FieldDef;
}

export interface CpDef extends OptionTable {
  proto: ProtocolDef;
  codes: ReadonlyMap<number, string>;
}

export interface ParsedOption {
  type: number;
  /** Offset of the option's type byte in the CP packet. */
  offset: number;
  len: number;
  /** What the option dissector returned (undefined for unknown or malformed options). */
  value: unknown;
}

export interface CpPacket {
  code: number;
  identifier: number;
  /** The Length field. */
  length: number;
  /** The CP's subtree. */
  tree: Tree;
  /** Options of a Configure-Request/Ack/Nak/Reject; empty otherwise. */
  options: ParsedOption[];
}

const plural = (n: number) => (n === 1 ? '' : 's');

/** Wireshark cuts an item's text at 239 characters; the Options line, which grows per option, is cut the same way. */
const LABEL_MAX = 239;
const summaryLen = new WeakMap<Tree, number>();
function appendSummary(t: Tree, s: string): void {
  if (!t.on) return;
  const have = summaryLen.get(t) ?? 0;
  if (have >= LABEL_MAX) return;
  const part = s.slice(0, LABEL_MAX - have);
  summaryLen.set(t, have + part.length);
  t.appendText(part);
}

/** An OUI as Wireshark writes one (its manufacturer names are not carried here). */
export function ouiText(oui: number): string {
  return [oui >> 16, (oui >> 8) & 255, oui & 255].map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** "0111 .... " style picture of the bits of mask within a container of `bits` bits. */
export function bitPicture(value: number, mask: number, bits: number): string {
  let out = '';
  for (let i = bits - 1; i >= 0; i--) {
    const bit = 2 ** i;
    const inMask = Math.floor(mask / bit) % 2 === 1;
    out += inMask ? (Math.floor(value / bit) % 2 === 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i) out += ' ';
  }
  return out;
}

/** An expert line in the tree for an option that cannot be dissected (Wireshark's ppp.opt.len.invalid). */
export function badOption(o: { tvb: Tvb; pkt: Packet; tree: Tree }, off: number, len: number, message: string): void {
  const t = o.tree.on ? o.tree.text(message, o.tvb, off, len) : o.tree;
  t.add(hfCp.opt_len_invalid, o.tvb, off, 0, null, message);
  o.pkt.engine.expert(o.pkt, t, 'warn', 'malformed', 'ppp.opt.len.invalid', message);
}

function optionItem(o: OptionContext, len: number): Tree {
  const f = o.tvb;
  const field = o.field ?? o.cp.options.get(o.type)!.field;
  const v = o.tree.wants(field) ? f.copy(0, Math.min(len, f.length)) : null;
  const t = o.tree.add(field, f, 0, len, v, o.tree.on ? o.name : undefined);
  t.add(o.cp.hfType, f, 0, 1, o.type, t.on ? `Type: ${o.name} (${o.type})` : undefined);
  t.add(o.cp.hfLength, f, 1, 1, f.u8(1));
  return t;
}

/** An option whose length is fixed by its definition; null (with an expert item) when it is not. */
export function fixedOption(o: OptionContext, expected: number): Tree | null {
  if (o.len !== expected) {
    badOption(o, 0, o.len, `${o.name} (with option length = ${o.len} byte${plural(o.len)}; should be ${expected})`);
    return null;
  }
  return optionItem(o, expected);
}

/** An option with a minimum length and an open end. */
export function variableOption(o: OptionContext, min: number): Tree | null {
  if (o.len < min) {
    badOption(o, 0, o.len, `${o.name} (with option length = ${o.len} byte${plural(o.len)}; should be at least ${min})`);
    return null;
  }
  return optionItem(o, o.len);
}

/** An option taken as it comes (its own dissector checks what follows the header). */
export function anyOption(o: OptionContext): Tree {
  return optionItem(o, o.len);
}

/**
 * Walk an option list of `length` bytes starting at `off`. Known options go to their dissector;
 * unknown ones become a line naming their type and size. Stops at an impossible length.
 */
export function dissectOptions(tvb: Tvb, off: number, length: number, cp: OptionTable, pkt: Packet, tree: Tree,
  onOption?: (o: ParsedOption) => void, summary?: Tree): ParsedOption[] {
  const out: ParsedOption[] = [];
  let remaining = length;
  while (remaining > 0) {
    const type = tvb.u8(off);
    remaining--;
    const def = cp.options.get(type);
    const name = def ? def.name : `Unknown (0x${type.toString(16).padStart(2, '0')})`;
    if (remaining === 0) {
      badOption({ tvb, pkt, tree }, off, 1, `${name} (length byte past end of options)`);
      break;
    }
    const optlen = tvb.u8(off + 1);
    remaining--;
    if (optlen < 2) {
      badOption({ tvb, pkt, tree }, off, 2, `${name} (with too-short option length = ${optlen} byte${plural(optlen)})`);
      break;
    }
    if (optlen - 2 > remaining) {
      badOption({ tvb, pkt, tree }, off, remaining, `${name} (option length = ${optlen} byte${plural(optlen)} says option goes past end of options)`);
      break;
    }
    let value: unknown;
    if (!def) {
      if (tree.on) tree.text(`${name} (${optlen} byte${plural(optlen)})`, tvb, off, optlen);
    } else {
      const sub = tvb.sub(off, optlen, optlen);
      value = def.dissect({ tvb: sub, len: optlen, type, tree, pkt, cp, name });
      if (summary) appendSummary(summary, `, ${name}`);
    }
    const p: ParsedOption = { type, offset: off, len: optlen, value };
    out.push(p);
    onOption?.(p);
    off += optlen;
    remaining -= optlen - 2;
  }
  return out;
}

/**
 * A control packet (LCP, IPCP, IPV6CP, CCP). Returns what the caller needs to follow the
 * negotiation. `inError` is set when the packet is the copy carried inside a Protocol-Reject.
 */
export function dissectCp(tvb: Tvb, pkt: Packet, tree: Tree, cp: CpDef, data?: unknown): CpPacket {
  const code = tvb.u8(0);
  const identifier = tvb.u8(1);
  const length = tvb.u16(2);
  const codeName = cp.codes.get(code) ?? 'Unknown';
  if (pkt.engine.columns) pkt.setInfo(codeName);
  const t = tree.proto(cp.proto, tvb, 0, length);
  t.add(hfCp.code, tvb, 0, 1, code, t.on ? `Code: ${codeName} (${code})` : undefined);
  t.add(hfCp.identifier, tvb, 1, 1, identifier);
  t.add(hfCp.length, tvb, 2, 2, length);
  const result: CpPacket = { code, identifier, length, tree: t, options: [] };
  const off = 4;
  const rest = length - 4;
  switch (code) {
    case CP_CODE.VENDOR: {
      t.add(hfCp.magic_number, tvb, off, 4);
      const oui = tvb.u24(off + 4);
      t.add(hfCp.oui, tvb, off + 4, 3, oui, t.on ? `OUI: ${ouiText(oui)}` : undefined);
      t.add(hfCp.kind, tvb, off + 7, 1);
      if (rest > 8) t.add(hfCp.data, tvb, off + 8, rest - 8);
      break;
    }
    case CP_CODE.CONFREQ:
    case CP_CODE.CONFACK:
    case CP_CODE.CONFNAK:
    case CP_CODE.CONFREJ:
      if (rest > 0) {
        const label = `Options: (${rest} byte${plural(rest)})`;
        const ot = t.on ? t.text(label, tvb, off, rest) : t;
        if (ot.on) summaryLen.set(ot, label.length);
        result.options = dissectOptions(tvb, off, rest, cp, pkt, ot, undefined, ot);
      }
      break;
    case CP_CODE.CODEREJ:
      if (rest > 0) {
        const b = tvb.bytes(off, rest);
        t.add(hfCp.data, tvb, off, rest, t.wants(hfCp.data) ? Uint8Array.from(b) : null,
          t.on ? `Rejected Packet (${rest} byte${plural(rest)}): ${Buffer.from(b).toString('hex')}` : undefined);
      }
      break;
    case CP_CODE.PROTREJ:
      protocolReject(tvb, pkt, t, off, rest, data);
      break;
    case CP_CODE.ECHOREQ:
    case CP_CODE.ECHOREP:
    case CP_CODE.DISCREQ:
      t.add(hfLcpBody.magic_number, tvb, off, 4);
      if (rest > 4) t.add(hfLcpBody.data, tvb, off + 4, rest - 4);
      break;
    case CP_CODE.IDENT:
      t.add(hfLcpBody.magic_number, tvb, off, 4);
      if (rest > 4) t.add(hfLcpBody.message, tvb, off + 4, rest - 4, asciiString(tvb.bytes(off + 4, rest - 4)));
      break;
    case CP_CODE.TIMEREMAIN: {
      t.add(hfLcpBody.magic_number, tvb, off, 4);
      const secs = tvb.u32(off + 4);
      t.add(hfLcpBody.secs_remaining, tvb, off + 4, 4, secs,
        t.on ? `Seconds Remaining: ${secs} ${secs === 0xffffffff ? '(forever)' : 'seconds'}` : undefined);
      if (rest > 8) t.add(hfLcpBody.message, tvb, off + 8, rest - 8, asciiString(tvb.bytes(off + 8, rest - 8)));
      break;
    }
    default:
      if (rest > 0) t.add(hfCp.data, tvb, off, rest);
      break;
  }
  return result;
}

const fl = fieldsOf('lcp');
/** Fields of LCP packets other than Configure-*: Wireshark files them under "lcp." whichever CP uses the code. */
export const hfLcpBody = {
  magic_number: fl('magic_number', 'Magic Number', 'uint32', { base: 'hex', blurb: 'Sender\'s magic number, to detect looped-back links', ref: 'RFC 1661 §5.8' }),
  data: fl('data', 'Data', 'bytes', { blurb: 'Data carried in an Echo or Discard packet', ref: 'RFC 1661 §5.8' }),
  message: fl('message', 'Message', 'string', { blurb: 'Text of an Identification or Time-Remaining packet', ref: 'RFC 1570 §2' }),
  secs_remaining: fl('secs_remaining', 'Seconds Remaining', 'uint32', { blurb: 'Seconds left in the session (0xffffffff: no limit)', ref: 'RFC 1570 §2.2' }),
  rej_proto: fl('rej_proto', 'Rejected Protocol', 'uint16', { base: 'hex', vals: PPP_PROTOCOL_NAMES, blurb: 'PPP protocol the peer does not support', ref: 'RFC 1661 §5.7' }),
};

/** Protocol-Reject: the protocol number, then the rejected packet, dissected as what it was. */
function protocolReject(tvb: Tvb, pkt: Packet, t: Tree, off: number, rest: number, data: unknown): void {
  const protocol = tvb.u16(off);
  t.add(hfLcpBody.rej_proto, tvb, off, 2, protocol);
  if (rest <= 2) return;
  const inner = tvb.sub(off + 2, rest - 2);
  // The copy inside describes a packet the peer already saw; it must not move the columns nor
  // the negotiation state, so it goes down flagged as being inside an error packet.
  const saved = { protocol: pkt.protocol, info: pkt.info };
  const innerData = { ...(typeof data === 'object' && data ? data : {}), inError: true };
  if (!pkt.engine.call('ppp.protocol', protocol, inner, pkt, t, innerData)) pkt.engine.data(inner, pkt, t);
  pkt.protocol = saved.protocol;
  pkt.info = saved.info;
}

/** Whether a dissector was handed the copy of a packet inside a Protocol-Reject. */
export function inErrorPacket(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { inError?: boolean }).inError === true;
}
