/**
 * Cracking-tool inputs for a captured MS-CHAPv2 exchange (`vpnshark sessions --export-mschapv2`).
 * MS-CHAPv2's NT-Response is the NetNTLMv1 DES construction over an 8-byte challenge hash
 * (RFC 2759 §8.2, §8.5), so the tools take the challenge hash and the NT-Response:
 *  - hashcat mode 5500 (NetNTLMv1): user::::NTResponse:ChallengeHash
 *  - John the Ripper NETNTLM:       user:$NETNTLM$ChallengeHash$NTResponse
 *  - asleap:                         asleap -C cc:cc:… -R rr:rr:…  (colon-separated hex)
 */
import { challengeHash } from '../crypto/mschapv2.js';
import { nameCandidates } from './mschapv2-verify.js';
import { toHex } from './hex.js';
import type { Engine } from '../core/engine.js';
import { mschapv2Handshakes } from '../sessions/ppp-negotiation.js';

export type MsChapV2ExportFormat = 'hashcat' | 'john' | 'asleap';
export const MSCHAPV2_EXPORT_FORMATS: readonly MsChapV2ExportFormat[] = ['hashcat', 'john', 'asleap'];

export interface MsChapV2Handshake {
  userName: Uint8Array | string;
  authChallenge: Uint8Array;
  peerChallenge: Uint8Array;
  ntResponse: Uint8Array;
}

function colonHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

/** A user name safe on one line of a colon-separated format (control bytes and ':' escaped as \xNN). */
function printableName(name: string): string {
  return name.replace(/[\x00-\x1f\x7f:]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The one line the chosen tool takes for this exchange. Throws RangeError on wrong field sizes. */
export function exportMsChapV2(h: MsChapV2Handshake, format: MsChapV2ExportFormat): string {
  if (h.authChallenge.length !== 16 || h.peerChallenge.length !== 16) throw new RangeError('MS-CHAPv2 challenges are 16 bytes');
  if (h.ntResponse.length !== 24) throw new RangeError('the MS-CHAPv2 NT-Response is 24 bytes');
  const raw = typeof h.userName === 'string' ? new Uint8Array(Buffer.from(h.userName, 'utf8')) : h.userName;
  // The challenge hash covers the name without a domain prefix (RFC 2759 §8.2); the user field shows it whole.
  const hashed = nameCandidates(raw)[0];
  const ch = challengeHash(h.peerChallenge, h.authChallenge, hashed);
  const user = printableName(Buffer.from(raw).toString('utf8'));
  switch (format) {
    case 'hashcat':
      return `${user}::::${toHex(h.ntResponse)}:${toHex(ch)}`;
    case 'john':
      return `${user}:$NETNTLM$${toHex(ch)}$${toHex(h.ntResponse)}`;
    case 'asleap':
      return `asleap -C ${colonHex(ch)} -R ${colonHex(h.ntResponse)}`;
  }
}

/**
 * One line per distinct MS-CHAPv2 handshake the PPP session table saw in a run (the CHAP
 * dissector records them), in capture order: what `sessions --export-mschapv2 FORMAT` prints.
 */
export function exportRunHandshakes(engine: Engine, format: MsChapV2ExportFormat): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const { exchange: x } of mschapv2Handshakes(engine)) {
    if (!x.challenge || !x.peerChallenge || !x.ntResponse || x.user === null) continue;
    if (x.challenge.length !== 16 || x.peerChallenge.length !== 16 || x.ntResponse.length !== 24) continue;
    const line = exportMsChapV2({
      userName: new Uint8Array(Buffer.from(x.user, 'latin1')),
      authChallenge: x.challenge,
      peerChallenge: x.peerChallenge,
      ntResponse: x.ntResponse,
    }, format);
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(line);
  }
  return out;
}
