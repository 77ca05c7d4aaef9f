/**
 * Per PPP link: the MS-CHAPv2 exchange as it goes by, its verification against the user's
 * credentials, the MPPE options CCP agreed, and one MPPE receiver per direction. The PPP dissectors
 * feed it (Challenge, Response, Success, CCP Configure-Ack) and ask it to decrypt each MPPE frame.
 * A link is whatever the caller keys it by (a PPTP call, an L2TP session); memory is bounded.
 */
import { MppeDirection, MPPE_BIT_A, MPPE_BIT_D, type MppeStrength } from '../crypto/mppe.js';
import { mppeKeysFor, verifyMsChapV2, type MsChapV2Exchange, type MsChapV2Verification } from './mschapv2-verify.js';
import type { PppCredential } from './ppp-credentials.js';
import { AgedMap } from '../core/aged-map.js';

export const MAX_LINKS = 10_000;

/** RFC 3078 §2.1 Supported Bits of the CCP MPPE option (type 18), as a 32-bit big-endian value. */
export const MPPE_OPT_STATELESS = 0x01000000;
export const MPPE_OPT_56 = 0x00000080;
export const MPPE_OPT_128 = 0x00000040;
export const MPPE_OPT_40 = 0x00000020;

export interface MppeOptions {
  bits: MppeStrength;
  stateless: boolean;
}

/** The strongest key length offered in the option, and the H (stateless) bit; null when no MPPE strength is set. */
export function parseMppeOptions(supported: number): MppeOptions | null {
  const stateless = (supported & MPPE_OPT_STATELESS) !== 0;
  if (supported & MPPE_OPT_128) return { bits: 128, stateless };
  if (supported & MPPE_OPT_56) return { bits: 56, stateless };
  if (supported & MPPE_OPT_40) return { bits: 40, stateless };
  return null;
}

export interface Link {
  authChallenge?: Uint8Array;
  /** Who sent the MS-CHAPv2 Response: the peer (client). */
  peer?: string;
  exchange?: MsChapV2Exchange;
  verification?: MsChapV2Verification;
  options?: MppeOptions;
  /** Keyed by sender. */
  dirs: Map<string, MppeDirection>;
}

export type MppeOutcome =
  | { status: 'decrypted'; plain: Uint8Array; ccount: number; flushed: boolean; bits: MppeStrength; stateless: boolean }
  /** No verified MS-CHAPv2 login on this link (no credentials given, or none seen). */
  | { status: 'no-key'; reason: string }
  /** The credentials given do not match this link's login: nothing is decrypted. */
  | { status: 'mismatch' }
  /** Not encrypted (D bit clear), or a stateful stream lost sync and waits for a flushed packet. */
  | { status: 'skipped'; reason: string };

/** First bytes of a decrypted PPP payload that look like a real protocol (to pick the options when CCP was not seen). */
function plausiblePpp(p: Uint8Array): boolean {
  if (p.length < 2) return false;
  if (p[0] & 1) return p[0] === 0x21 || p[0] === 0x57;
  const proto = (p[0] << 8) | p[1];
  return [0x0021, 0x0057, 0x0029, 0x002b, 0x0031, 0x003d, 0x8021, 0xc021].includes(proto);
}

export class MppeLinks {
  private readonly links = new AgedMap<string, Link>();
  /** Links dropped to stay under the cap (for a once-per-run note). */
  evicted = 0;

  constructor(
    readonly credentials: readonly PppCredential[],
    readonly max = MAX_LINKS,
  ) {}

  get size(): number {
    return this.links.size;
  }

  link(id: string): Link {
    let l = this.links.get(id);
    if (!l) {
      if (this.links.size >= this.max) {
        this.links.dropOldest();
        this.evicted++;
      }
      l = { dirs: new Map() };
      this.links.set(id, l);
    }
    return l;
  }

  peek(id: string): Link | undefined {
    return this.links.get(id);
  }

  /** An MS-CHAPv2 Challenge (from the authenticator). */
  noteChallenge(id: string, authChallenge: Uint8Array): void {
    const l = this.link(id);
    l.authChallenge = Uint8Array.from(authChallenge);
  }

  /**
   * An MS-CHAPv2 Response (from the peer). Returns the verification, or null when the Challenge was
   * not seen (the authenticator challenge is needed).
   */
  noteResponse(id: string, from: string, peerChallenge: Uint8Array, ntResponse: Uint8Array, userName: Uint8Array): MsChapV2Verification | null {
    const l = this.link(id);
    if (!l.authChallenge) return null;
    l.peer = from;
    l.exchange = {
      authChallenge: l.authChallenge,
      peerChallenge: Uint8Array.from(peerChallenge),
      ntResponse: Uint8Array.from(ntResponse),
      userName: Uint8Array.from(userName),
    };
    l.verification = verifyMsChapV2(l.exchange, this.credentials);
    // A new login starts new key streams.
    l.dirs.clear();
    return l.verification;
  }

  /**
   * A whole MS-CHAPv2 exchange at once (as the PPP session table keeps it), `from` being the peer
   * that sent the Response. Verifies it unless it is the exchange already verified.
   */
  noteExchange(id: string, from: string, ex: MsChapV2Exchange): MsChapV2Verification {
    const l = this.link(id);
    const same = l.exchange && l.verification && l.peer === from && l.exchange.ntResponse.length === ex.ntResponse.length &&
      l.exchange.ntResponse.every((b, i) => b === ex.ntResponse[i]) && l.exchange.successMessage === ex.successMessage;
    if (same) return l.verification!;
    const newLogin = !l.exchange || !l.exchange.ntResponse.every((b, i) => b === ex.ntResponse[i]);
    l.peer = from;
    l.exchange = { ...ex };
    l.verification = verifyMsChapV2(l.exchange, this.credentials);
    if (newLogin) l.dirs.clear();
    return l.verification;
  }

  /** An MS-CHAPv2 Success (from the authenticator): checks its "S=" with the matched password. */
  noteSuccess(id: string, message: string): MsChapV2Verification | null {
    const l = this.links.get(id);
    if (!l?.exchange) return null;
    l.exchange.successMessage = message;
    l.verification = verifyMsChapV2(l.exchange, this.credentials);
    return l.verification;
  }

  /** The MPPE option of an acknowledged CCP Configure-Request (the options in force). */
  noteCcpMppe(id: string, supported: number): MppeOptions | null {
    const o = parseMppeOptions(supported);
    if (!o) return null;
    const l = this.link(id);
    const changed = !l.options || l.options.bits !== o.bits || l.options.stateless !== o.stateless;
    l.options = o;
    if (changed) l.dirs.clear();
    return o;
  }

  /** Decrypts one MPPE packet (the 2-byte header and what follows) sent by `from`. */
  decrypt(id: string, from: string, packet: Uint8Array): MppeOutcome {
    const l = this.links.get(id);
    const v = l?.verification;
    if (!l || !v || !l.exchange) return { status: 'no-key', reason: 'no MS-CHAPv2 login seen on this link' };
    if (v.status === 'no-credentials') return { status: 'no-key', reason: 'no --ppp-password or --ppp-nthash given' };
    if (v.status === 'mismatch') return { status: 'mismatch' };
    if (packet.length < 2 || !(packet[0] & MPPE_BIT_D)) return { status: 'skipped', reason: 'not encrypted (D bit clear)' };
    const ccount = ((packet[0] & 0x0f) << 8) | packet[1];
    const flushed = (packet[0] & MPPE_BIT_A) !== 0;
    let dir = l.dirs.get(from);
    if (!dir) {
      const toServer = from === l.peer;
      const candidates: MppeOptions[] = l.options
        ? [l.options]
        : ([128, 56, 40] as MppeStrength[]).flatMap((bits) => [{ bits, stateless: true }, { bits, stateless: false }]);
      for (const o of candidates) {
        const keys = mppeKeysFor(v, l.exchange.ntResponse, o.bits)!;
        const d = new MppeDirection(toServer ? keys.clientToServer : keys.serverToClient, o.bits, o.stateless);
        const plain = d.decrypt(packet);
        if (plain && (l.options || plausiblePpp(plain))) {
          l.dirs.set(from, d);
          return { status: 'decrypted', plain, ccount, flushed, bits: o.bits, stateless: o.stateless };
        }
      }
      return { status: 'skipped', reason: l.options ? 'cannot decrypt this packet in sequence' : 'no MPPE option seen in CCP and no key length fits' };
    }
    const plain = dir.decrypt(packet);
    if (!plain) return { status: 'skipped', reason: dir.stateless ? 'coherency count went backwards' : 'stateful MPPE lost sync; waiting for a flushed packet' };
    return { status: 'decrypted', plain, ccount, flushed, bits: dir.bits, stateless: dir.stateless };
  }
}
