/**
 * IPV6CP, the IPv6 Control Protocol (RFC 5072, formerly RFC 2472): the 64-bit interface
 * identifier each end uses for its link-local address, and IPv6 header compression.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { hexOf } from '../../core/tvb.js';
import { linkFor, linkKeyFor } from '../../sessions/ppp-negotiation.js';
import { CP_CODE, CP_CODE_NAMES, dissectCp, fixedOption, inErrorPacket, type CpDef, type OptionContext, type OptionDef } from './cp-options.js';
import { compressOption } from './ipcp.js';
import { PPP } from './ppp-protocols.js';

export const ipv6cpProto = defineProtocol({
  abbrev: 'ipv6cp', name: 'PPP IPv6 Control Protocol', short: 'PPP IPV6CP',
  blurb: 'Configures IPv6 over a PPP link: interface identifiers and header compression', ref: 'RFC 5072',
});
const f = fieldsOf('ipv6cp');
export const hfIpv6cp = {
  opt_type: f('opt.type', 'Type', 'uint8', { blurb: 'Configuration Option type', ref: 'RFC 5072 §4' }),
  opt_length: f('opt.length', 'Length', 'uint8', { blurb: 'Length of the option, type and length bytes included', ref: 'RFC 5072 §4' }),
  interface_identifier: f('interface_identifier', 'Interface Identifier', 'bytes', { blurb: 'Low 64 bits of the sender\'s link-local address', ref: 'RFC 5072 §4.1' }),
};

function interfaceIdentifier(x: OptionContext): string | undefined {
  const t = fixedOption(x, 10);
  if (!t) return undefined;
  const id = hexOf(x.tvb.bytes(2, 8), ':');
  t.add(hfIpv6cp.interface_identifier, x.tvb, 2, 8, x.tvb.copy(2, 8), t.on ? `Interface Identifier: ${id}` : undefined);
  return id;
}

const o = (suffix: string, name: string, ref: string) => f(`opt.${suffix}`, name, 'bytes', { blurb: `${name} option`, ref });
const IPV6CP_OPTIONS = new Map<number, OptionDef>([
  [1, { name: 'Interface Identifier', field: o('interface_identifier', 'Interface Identifier', 'RFC 5072 §4.1'), dissect: interfaceIdentifier }],
  [2, { name: 'IPv6 compression', field: o('compress', 'IPv6 compression', 'RFC 5072 §4.2'), dissect: compressOption }],
]);

export const IPV6CP: CpDef = { proto: ipv6cpProto, codes: CP_CODE_NAMES, options: IPV6CP_OPTIONS, hfType: hfIpv6cp.opt_type, hfLength: hfIpv6cp.opt_length };

export function dissectIpv6cp(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const r = dissectCp(tvb, pkt, tree, IPV6CP, data);
  if (r.code === CP_CODE.CONFACK && !inErrorPacket(data)) {
    const link = linkFor(pkt, linkKeyFor(pkt, data));
    for (const p of r.options) {
      if (p.type === 1 && typeof p.value === 'string' && !link.ipv6InterfaceIds.includes(p.value) && link.ipv6InterfaceIds.length < 8) link.ipv6InterfaceIds.push(p.value);
    }
  }
  return tvb.length;
}

register('ppp.protocol', PPP.IPV6CP, 'ipv6cp', dissectIpv6cp);
