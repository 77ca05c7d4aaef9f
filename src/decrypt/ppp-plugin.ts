/**
 * PPP decryption in the dissection: with --ppp-password / --ppp-nthash, the CHAP dissector hands
 * each MS-CHAPv2 Response and Success here (the password is verified against the NT-Response and
 * the server's S= response, RFC 2759), and the Compressed Datagram dissector hands each MPPE frame
 * (RFC 3078), which is decrypted with the RFC 3079 keys of its link and direction and dissected as
 * the PPP datagram it carries. Links are the PPP session table's (sessions/ppp-negotiation.ts).
 */
import type { Engine } from '../core/engine.js';
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import { Tvb } from '../core/tvb.js';
import type { ChapExchange, PppLink } from '../sessions/ppp-negotiation.js';
import { MppeLinks } from './mppe-links.js';
import { pppCredentials, type PppCredential } from './ppp-credentials.js';
import type { MsChapV2Verification } from './mschapv2-verify.js';

export const PPP_PASSWORD_SETTING = 'ppp.password';
export const PPP_NTHASH_SETTING = 'ppp.nthash';

/**
 * The run's PPP credentials, read once from settings (throws PppCredentialError on a bad NT hash:
 * the CLI should call this before reading packets so the error stops the run up front).
 */
export function pppCredentialsOf(engine: Engine): readonly PppCredential[] {
  return engine.state('ppp.decrypt.credentials', () => pppCredentials(engine.settings));
}

function links(pkt: Packet): MppeLinks | null {
  let creds: readonly PppCredential[];
  try {
    creds = pppCredentialsOf(pkt.engine);
  } catch {
    return null;
  }
  if (creds.length === 0) return null;
  return pkt.engine.state('ppp.decrypt.links', () => new MppeLinks(creds));
}

function sender(pkt: Packet): string {
  return pkt.netSrc || pkt.src;
}

function verify(pkt: Packet, link: PppLink, x: ChapExchange, from: string | null): MsChapV2Verification | null {
  const l = links(pkt);
  if (!l || !x.challenge || !x.peerChallenge || !x.ntResponse || x.user === null) return null;
  const peer = from ?? l.peek(link.key)?.peer ?? '';
  return l.noteExchange(link.key, peer, {
    authChallenge: x.challenge,
    peerChallenge: x.peerChallenge,
    ntResponse: x.ntResponse,
    userName: new Uint8Array(Buffer.from(x.user, 'latin1')),
    successMessage: x.authenticatorResponse ? `S=${x.authenticatorResponse}` : undefined,
  });
}

/** After an MS-CHAPv2 Response: is it the password given? */
export function mschapv2Response(pkt: Packet, t: Tree, link: PppLink, x: ChapExchange): void {
  const v = verify(pkt, link, x, sender(pkt));
  if (!v) return;
  const who = `user '${x.user}'`;
  if (v.status === 'verified') {
    pkt.engine.expert(pkt, t, 'note', 'decryption', 'chap.mschapv2.verified',
      `MS-CHAPv2 NT-Response of ${who} verified with ${v.matched}: MPPE keys derived for this link`);
  } else if (v.status === 'mismatch') {
    pkt.engine.expert(pkt, t, 'warn', 'decryption', 'chap.mschapv2.password_mismatch',
      `MS-CHAPv2 NT-Response of ${who} does not match the password (or NT hash) given: this link's MPPE will not be decrypted`);
  }
}

/** After an MS-CHAPv2 Success: is the server's S= the one the password gives? */
export function mschapv2Success(pkt: Packet, t: Tree, link: PppLink, x: ChapExchange): void {
  const v = verify(pkt, link, x, null);
  if (!v || v.status !== 'verified' || v.authenticatorOk === null) return;
  if (v.authenticatorOk) {
    pkt.engine.expert(pkt, t, 'chat', 'decryption', 'chap.mschapv2.authenticator_verified',
      'MS-CHAPv2 authenticator response (S=) verified: the server knows the password');
  } else {
    pkt.engine.expert(pkt, t, 'warn', 'security', 'chap.mschapv2.authenticator_bad',
      'MS-CHAPv2 authenticator response (S=) does not match the password: the server that answered does not know it');
  }
}

/** Links for which "not decrypted" was already said (once per link and reason). */
function said(pkt: Packet): Set<string> {
  return pkt.engine.state('ppp.decrypt.said', () => new Set<string>());
}

/**
 * An MPPE frame (`tvb` from the 2-byte MPPE header on): decrypted and its PPP datagram dissected,
 * when the link's login was verified. `t` is the Compressed Datagram item. Returns whether it was.
 */
export function mppeDecrypt(tvb: Tvb, pkt: Packet, tree: Tree, t: Tree, link: PppLink): boolean {
  const l = links(pkt);
  if (!l) return false;
  const acked = link.mppeAcked[link.mppeAcked.length - 1];
  if (acked !== undefined && l.peek(link.key)) l.noteCcpMppe(link.key, acked);
  const r = l.decrypt(link.key, sender(pkt), tvb.bytes(0, tvb.length));
  if (r.status !== 'decrypted') {
    const reason = r.status === 'mismatch' ? 'the password given does not match this link\'s MS-CHAPv2 login' : r.reason;
    const once = `${link.key}\0${reason}`;
    const s = said(pkt);
    if (!s.has(once) && s.size < 10_000) {
      s.add(once);
      pkt.engine.expert(pkt, t, 'note', 'decryption', 'comp_data.mppe.not_decrypted', `MPPE not decrypted: ${reason}`);
    }
    return false;
  }
  if (l.evicted) pkt.engine.expertOnce(pkt, t, 'note', 'decryption', 'ppp.decrypt.links_full', 'Too many PPP links with MPPE state: the oldest are forgotten');
  const plain = r.plain;
  if (plain.length === 0) return true;
  const ds = pkt.addSource('Decrypted MPPE', plain);
  // Keeps the PPP layer's clear-data check from counting this datagram as sent in clear.
  pkt.scratch.mppeDecrypted = true;
  pkt.engine.callNamed('ppp_raw', Tvb.of(plain, ds), pkt, tree, { linkKey: link.key });
  return true;
}
