/**
 * TCP options (RFC 9293 §3.2): EOL, NOP, MSS, window scale (RFC 7323 §2), SACK-permitted and SACK
 * (RFC 2018, D-SACK RFC 2883), timestamps (RFC 7323 §3); any other kind is shown by kind and length
 * with its bytes. Items, texts and Info additions follow Wireshark's.
 */
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { hfTcp } from './tcp-fields.js';
import { TH, seqGe, seqLe, seqLt, u32, type Flow } from './tcp-analysis.js';

export interface OptionContext {
  flags: number;
  /** The sending and receiving directions of the connection (window scale and SACK blocks are kept there). */
  fwd: Flow;
  rev: Flow;
  /** The acknowledgment number as shown (relative when ACK is set), for the D-SACK check. */
  ack: number;
}

const MAX_SACK_KEPT = 3;

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function info(pkt: Packet, s: string): void {
  if (pkt.engine.columns) pkt.appendInfo(s);
}

/** Kind and length items; returns false (after an expert item) when the length is not the one the kind has. */
function kindLen(t: Tree, tvb: Tvb, off: number, pkt: Packet, len: number, want: number): boolean {
  t.add(hfTcp.option_kind, tvb, off, 1);
  const li = t.add(hfTcp.option_len, tvb, off + 1, 1);
  if (want >= 0 && len !== want) {
    pkt.engine.expert(pkt, li, 'note', 'sequence', 'tcp.option.len.invalid', `option length should be ${want}`);
    return false;
  }
  return true;
}

function mss(t: Tree, tvb: Tvb, off: number, len: number, pkt: Packet, ctx: OptionContext): void {
  const item = t.add(hfTcp.opt_mss, tvb, off, len, undefined, t.on ? 'TCP Option - Maximum segment size' : undefined);
  if (!(ctx.flags & TH.SYN)) {
    pkt.engine.expert(pkt, item, 'warn', 'protocol', 'tcp.options.mss.present', 'The non-SYN packet does contain a MSS option');
  }
  if (!kindLen(item, tvb, off, pkt, len, 4)) return;
  const v = tvb.u16(off + 2);
  item.add(hfTcp.mss_val, tvb, off + 2, 2, v);
  item.appendText(`: ${v} bytes`);
  info(pkt, ` MSS=${v}`);
}

function wscale(t: Tree, tvb: Tvb, off: number, len: number, pkt: Packet, ctx: OptionContext): void {
  const item = t.add(hfTcp.opt_wscale, tvb, off, len, undefined, t.on ? 'TCP Option - Window scale' : undefined);
  if (!kindLen(item, tvb, off, pkt, len, 3)) return;
  const raw = tvb.u8(off + 2);
  const si = item.add(hfTcp.wscale_shift, tvb, off + 2, 1, raw);
  // RFC 7323 §2.3: a shift above 14 is taken as 14.
  const shift = Math.min(raw, 14);
  if (raw > 14) pkt.engine.expert(pkt, si, 'warn', 'protocol', 'tcp.options.wscale.shift.invalid', 'Window scale shift exceeds 14');
  item.gen(hfTcp.wscale_multiplier, tvb, off + 2, 1, 2 ** shift);
  item.appendText(`: ${raw} (multiply by ${2 ** shift})`);
  info(pkt, ` WS=${2 ** shift}`);
  ctx.fwd.winScale = shift;
}

function sackPerm(t: Tree, tvb: Tvb, off: number, len: number, pkt: Packet): void {
  const item = t.add(hfTcp.opt_sack_perm, tvb, off, len, undefined, t.on ? 'TCP Option - SACK permitted' : undefined);
  info(pkt, ' SACK_PERM');
  kindLen(item, tvb, off, pkt, len, 2);
}

function sack(t: Tree, tvb: Tvb, off: number, len: number, pkt: Packet, ctx: OptionContext): void {
  const item = t.add(hfTcp.opt_sack, tvb, off, len, undefined, t.on ? 'TCP Option - SACK' : undefined);
  kindLen(item, tvb, off, pkt, len, -1);
  // Edges are shown relative to the first sequence number of the data they acknowledge.
  const base = ctx.rev.baseSeq;
  const edges: number[] = [];
  ctx.fwd.sack = [];
  let o = off + 2, left = len - 2;
  while (left > 0) {
    if (left < 4) {
      item.text('suboption would go past end of option', tvb, o, left);
      pkt.engine.expert(pkt, item, 'error', 'malformed', 'tcp.suboption_malformed', 'suboption would go past end of option');
      break;
    }
    const le = u32(tvb.u32(o) - base);
    item.add(hfTcp.sack_le, tvb, o, 4, le, item.on ? `left edge = ${le} (relative)` : undefined);
    left -= 4;
    if (left < 4) {
      item.text('suboption would go past end of option', tvb, o, left);
      pkt.engine.expert(pkt, item, 'error', 'malformed', 'tcp.suboption_malformed', 'suboption would go past end of option');
      break;
    }
    const re = u32(tvb.u32(o + 4) - base);
    left -= 4;
    item.add(hfTcp.sack_re, tvb, o + 4, 4, re, item.on ? `right edge = ${re} (relative)` : undefined);
    info(pkt, ` SLE=${le} SRE=${re}`);
    edges.push(le, re);
    if (edges.length / 2 <= MAX_SACK_KEPT) ctx.fwd.sack.push(le, re);
    item.appendText(` ${le}-${re}`);
    o += 8;
  }
  item.gen(hfTcp.sack_count, tvb, off, 0, edges.length / 2);
  if (edges.length === 0 && seqLe(0, ctx.ack)) {
    // With no whole block Wireshark still tries a D-SACK block, reading past the option: malformed.
    const ot = tvb.sub(off, len, len);
    const le = u32(ot.u32(2) - base);
    item.gen(hfTcp.dsack_le, tvb, off + 2, 4, le, item.on ? `D-SACK Left Edge = ${le} (relative)` : undefined);
    ot.u32(6);
  }
  // RFC 2883 §4: the first block reports duplicate data when it lies below the ACK or inside the second block.
  if (edges.length >= 2 && (seqLe(edges[1], ctx.ack)
    || (edges.length >= 4 && seqLt(edges[2], edges[1]) && seqGe(edges[3], edges[1])))) {
    item.gen(hfTcp.dsack_le, tvb, off + 2, 4, edges[0], item.on ? `D-SACK Left Edge = ${edges[0]} (relative)` : undefined);
    item.gen(hfTcp.dsack_re, tvb, off + 6, 4, edges[1], item.on ? `D-SACK Right Edge = ${edges[1]} (relative)` : undefined);
    const ds = item.text('D-SACK Sequence', tvb, off + 2, 8);
    pkt.engine.expert(pkt, ds, 'warn', 'sequence', 'tcp.options.sack.dsack', 'D-SACK Sequence');
  }
}

function timestamp(t: Tree, tvb: Tvb, off: number, len: number, pkt: Packet): void {
  const item = t.add(hfTcp.opt_timestamp, tvb, off, len, undefined, t.on ? 'TCP Option - Timestamps' : undefined);
  if (!kindLen(item, tvb, off, pkt, len, 10)) return;
  const tsval = tvb.u32(off + 2), tsecr = tvb.u32(off + 6);
  item.add(hfTcp.tsval, tvb, off + 2, 4, tsval);
  item.add(hfTcp.tsecr, tvb, off + 6, 4, tsecr);
  item.appendText(`: TSval ${tsval}, TSecr ${tsecr}`);
  info(pkt, ` TSval=${tsval} TSecr=${tsecr}`);
}

/** Echo and Echo Reply (RFC 1072 §4, obsoleted by timestamps): both shown as an Echo item, as Wireshark does. */
function echo(t: Tree, tvb: Tvb, off: number, len: number, pkt: Packet): void {
  const item = t.add(hfTcp.opt_echo, tvb, off, len, undefined, t.on ? 'TCP Option - Echo' : undefined);
  if (!kindLen(item, tvb, off, pkt, len, 6)) return;
  const v = tvb.u32(off + 2);
  item.add(hfTcp.echo_value, tvb, off + 2, 4, v);
  item.appendText(`: ${v}`);
  info(pkt, ` ECHO=${v}`);
}

function unknown(t: Tree, tvb: Tvb, off: number, len: number): void {
  const item = t.add(hfTcp.opt_unknown, tvb, off, len, undefined, t.on ? 'TCP Option - Unknown' : undefined);
  item.add(hfTcp.option_kind, tvb, off, 1);
  item.add(hfTcp.option_len, tvb, off + 1, 1);
  if (len > 2) item.add(hfTcp.unknown_payload, tvb, off + 2, len - 2);
}

const NAMES: Record<number, string> = {
  2: 'Maximum segment size', 3: 'Window scale', 4: 'SACK permitted', 5: 'SACK', 6: 'Echo', 7: 'Echo reply', 8: 'Timestamps',
};

/**
 * Dissect the options in tvb[off, off+len) under optTree; optItem is the "Options" item whose text
 * gets each option's name appended.
 */
export function dissectTcpOptions(tvb: Tvb, off: number, len: number, pkt: Packet, optTree: Tree, ctx: OptionContext): void {
  let o = off, left = len, nops = 0, eol = false, mssSeen = false;
  while (left > 0) {
    const kind = tvb.u8(o);
    if (eol && kind !== 0) {
      const it = optTree.text('Non-zero header padding', tvb, o, left);
      pkt.engine.expert(pkt, it, 'error', 'protocol', 'tcp.non_zero_bytes_after_eol', 'Non-zero header padding');
      return;
    }
    left--;
    if (kind === 0 || kind === 1) {
      if (kind === 1) {
        // Four NOPs in a row within one 32-bit word suggest a middlebox removed an option.
        if (nops === 0 || o % 4) {
          if (++nops === 4) pkt.engine.expert(pkt, optTree, 'warn', 'protocol', 'tcp.nop', '4 NOP in a row - a router may have removed some options');
        } else {
          nops = 0;
        }
      }
      const name = kind === 0 ? 'End of Option List (EOL)' : 'No-Operation (NOP)';
      const it = optTree.add(kind === 0 ? hfTcp.opt_eol : hfTcp.opt_nop, tvb, o, 1, undefined, optTree.on ? `TCP Option - ${name}` : undefined);
      it.add(hfTcp.option_kind, tvb, o, 1, kind);
      optTree.appendText(`, ${name}`);
      o += 1;
      if (kind === 0) eol = true;
      continue;
    }
    const name = NAMES[kind] ?? `Unknown (0x${kind.toString(16).padStart(2, '0')})`;
    if (left === 0) {
      const it = optTree.text(`${name} (length byte past end of options)`, tvb, o, 1);
      pkt.engine.expert(pkt, it, 'note', 'sequence', 'tcp.option.len.invalid', `${name} (length byte past end of options)`);
      return;
    }
    const olen = tvb.u8(o + 1);
    left--;
    if (olen < 2) {
      const msg = `${name} (with too-short option length = ${olen} byte${plural(olen)})`;
      pkt.engine.expert(pkt, optTree.text(msg, tvb, o, 2), 'note', 'sequence', 'tcp.option.len.invalid', msg);
      return;
    }
    if (olen - 2 > left) {
      const msg = `${name} (option length = ${olen} byte${plural(olen)} says option goes past end of options)`;
      pkt.engine.expert(pkt, optTree.text(msg, tvb, o, left), 'note', 'sequence', 'tcp.option.len.invalid', msg);
      return;
    }
    switch (kind) {
      case 2: mssSeen = true; mss(optTree, tvb, o, olen, pkt, ctx); break;
      case 3: wscale(optTree, tvb, o, olen, pkt, ctx); break;
      case 4: sackPerm(optTree, tvb, o, olen, pkt); break;
      case 5: sack(optTree, tvb, o, olen, pkt, ctx); break;
      case 6: case 7: echo(optTree, tvb, o, olen, pkt); break;
      case 8: timestamp(optTree, tvb, o, olen, pkt); break;
      default: unknown(optTree, tvb, o, olen); break;
    }
    optTree.appendText(`, ${name}`);
    o += olen;
    left -= olen - 2;
  }
  if ((ctx.flags & TH.SYN) && !mssSeen) {
    pkt.engine.expert(pkt, optTree, 'note', 'protocol', 'tcp.options.mss.absent', 'The SYN packet does not contain a MSS option');
  }
}
