/**
 * Policy rules of `vpnshark check`: what --forbid and --require look for. A rule reads what the
 * dissectors found (protocol layers, field values, expert ids), never raw bytes.
 */
import type { Packet } from '../core/packet.js';
import type { Expert } from '../core/expert.js';
import { fieldByName } from '../core/fields.js';

export interface ForbidRule {
  name: string;
  description: string;
  /** Fields the rule reads, so the engine records them on the fast path. */
  fields: string[];
  /** Why this packet breaks the rule, or null. */
  test(pkt: Packet): string | null;
}

function first(pkt: Packet, name: string): unknown {
  const f = fieldByName(name);
  return f ? pkt.first(f) : undefined;
}

function has(pkt: Packet, proto: string): boolean {
  return pkt.protocols.includes(proto);
}

function expertMatching(pkt: Packet, re: RegExp): Expert | undefined {
  return pkt.experts.find((e) => re.test(e.id));
}

export const FORBID_RULES: Record<string, ForbidRule> = {
  pptp: {
    name: 'pptp', description: 'PPTP in use (control on TCP 1723 or enhanced GRE): MS-CHAPv2 and MPPE are broken',
    fields: ['gre.flags.version'],
    test: (p) => (has(p, 'pptp') ? 'PPTP control message' : has(p, 'gre') && first(p, 'gre.flags.version') === 1 ? 'enhanced GRE (PPTP data)' : null),
  },
  'l2tp-without-ipsec': {
    name: 'l2tp-without-ipsec', description: 'L2TP outside IPsec: the tunnel and the PPP inside it travel in clear',
    fields: [],
    test: (p) => (has(p, 'l2tp') && !has(p, 'esp') && !p.scratch.insideEsp ? 'L2TP not protected by ESP' : null),
  },
  ikev1: {
    name: 'ikev1', description: 'IKEv1 in use (deprecated by RFC 9395)',
    fields: ['isakmp.mjver'],
    test: (p) => (has(p, 'isakmp') && first(p, 'isakmp.mjver') === 1 ? 'IKEv1 message' : null),
  },
  'aggressive-mode': {
    name: 'aggressive-mode', description: 'IKEv1 Aggressive Mode (with a pre-shared key the hash can be attacked offline)',
    fields: ['isakmp.mjver', 'isakmp.exchangetype'],
    test: (p) => (has(p, 'isakmp') && first(p, 'isakmp.mjver') === 1 && first(p, 'isakmp.exchangetype') === 4 ? 'Aggressive Mode exchange' : null),
  },
  'weak-crypto': {
    name: 'weak-crypto', description: 'weak cryptography: DES/3DES/NULL, MD5/SHA-1, small DH groups, MPPE under 128 bits, ESP NULL',
    fields: [],
    test: (p) => expertMatching(p, /weak|null_encryption|mppe_(40|56)|\bdes\b/i)?.message ?? null,
  },
  'cleartext-auth': {
    name: 'cleartext-auth', description: 'PAP, CHAP-MD5 or MS-CHAP authentication that crosses the network unencrypted (not inside IPsec)',
    fields: [],
    // PPTP and bare L2TP carry the PPP authentication in clear; inside ESP it is protected.
    test: (p) => (p.scratch.insideEsp ? null : has(p, 'pap') ? 'PAP authentication (password in clear)' : has(p, 'chap') ? 'CHAP/MS-CHAP handshake outside IPsec (offline-crackable)' : null),
  },
};

/** --require NAME: the protocol layer that must appear at least once. */
export const REQUIRE_PROTOCOLS: Record<string, string> = {
  esp: 'esp', ah: 'ah', ike: 'isakmp', isakmp: 'isakmp', pptp: 'pptp', gre: 'gre', l2tp: 'l2tp', ppp: 'ppp',
  'nat-t': 'udpencap', udpencap: 'udpencap', ipsec: 'esp',
};
