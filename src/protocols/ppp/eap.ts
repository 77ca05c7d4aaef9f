/**
 * EAP, the Extensible Authentication Protocol (RFC 3748), as PPP carries it (protocol 0xC227,
 * RFC 3748 §3). The header, the Identity, Notification and Nak types and EAP-MD5 are dissected;
 * the data of other methods (TLS, PEAP, MS-CHAPv2, …) is shown as bytes.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { inErrorPacket } from './cp-options.js';
import { PPP } from './ppp-protocols.js';
import { asciiString } from './text.js';

export const eapProto = defineProtocol({
  abbrev: 'eap', name: 'Extensible Authentication Protocol', short: 'EAP',
  blurb: 'Carries one of many authentication methods between peer and authenticator', ref: 'RFC 3748',
});

const EAP_TYPES = {
  1: 'Identity',
  2: 'Notification',
  3: 'Legacy Nak (Response Only)',
  4: 'MD5-Challenge EAP (EAP-MD5-CHALLENGE)',
  5: 'One-Time Password EAP (EAP-OTP)',
  6: 'Generic Token Card EAP (EAP-GTC)',
  7: 'Allocated',
  8: 'Allocated',
  9: 'RSA Public Key Authentication EAP (EAP-RSA-PKA)',
  10: 'DSS Unilateral EAP (EAP-DSS)',
  11: 'KEA EAP (EAP-KEA)',
  12: 'KEA Validate EAP (EAP-KEA-VALIDATE)',
  13: 'TLS EAP (EAP-TLS)',
  14: 'Defender Token EAP (EAP-AXENT)',
  15: 'RSA Security SecurID EAP (EAP-RSA-SECURID)',
  16: 'Arcot Systems EAP (EAP-ARCOT-SYSTEMS)',
  17: 'Cisco Wireless EAP / Lightweight EAP (EAP-LEAP)',
  18: 'GSM Subscriber Identity Modules EAP (EAP-SIM)',
  19: 'Secure Remote Password SHA1 Part 1 EAP (EAP-SRP-SHA1-PART1)',
  20: 'Secure Remote Password SHA1 Part 2 EAP (EAP-SRP-SHA1-PART2)',
  21: 'Tunneled TLS EAP (EAP-TTLS)',
  22: 'Remote Access Service EAP (EAP-RAS)',
  23: 'UMTS Authentication and Key Agreement EAP (EAP-AKA)',
  24: '3Com Wireless EAP (EAP-3COM-WIRELESS)',
  25: 'Protected EAP (EAP-PEAP)',
  26: 'MS-Authentication EAP (EAP-MS-AUTH)',
  27: 'Mutual Authentication w/Key Exchange EAP (EAP-MAKE)',
  28: 'CRYPTOCard EAP (EAP-CRYPTOCARD)',
  29: 'MS-CHAP-v2 EAP (EAP-MS-CHAP-V2)',
  30: 'DynamID EAP (EAP-DYNAMID)',
  31: 'Rob EAP (EAP-ROB)',
  32: 'Protected One-Time Password EAP (EAP-POTP)',
  33: 'MS-Authentication TLV EAP (EAP-MS-AUTH-TLV)',
  34: 'SentriNET (EAP-SENTRINET)',
  35: 'Actiontec Wireless EAP (EAP-ACTIONTEC-WIRELESS)',
  36: 'Cogent Systems Biometrics Authentication EAP (EAP-COGENT-BIOMETRIC)',
  37: 'AirFortress EAP (EAP-AIRFORTRESS)',
  38: 'HTTP Digest EAP (EAP-HTTP-DIGEST)',
  39: 'SecureSuite EAP (EAP-SECURESUITE)',
  40: 'DeviceConnect EAP (EAP-DEVICECONNECT)',
  41: 'Simple Password Exponential Key Exchange EAP (EAP-SPEKE)',
  42: 'MOBAC EAP (EAP-MOBAC)',
  43: 'Flexible Authentication via Secure Tunneling EAP (EAP-FAST)',
  44: 'ZoneLabs EAP (EAP-ZLXEAP)',
  45: 'Link EAP (EAP-LINK)',
  46: 'Password Authenticated eXchange EAP (EAP-PAX)',
  47: 'Pre-Shared Key EAP (EAP-PSK)',
  48: 'Shared-secret Authentication and Key Establishment EAP (EAP-SAKE)',
  49: 'Internet Key Exchange v2 EAP (EAP-IKEv2)',
  50: "UMTS Authentication and Key Agreement' EAP (EAP-AKA')",
  51: 'Generalized Pre-Shared Key EAP (EAP-GPSK)',
  52: 'Password EAP (EAP-pwd)',
  53: 'Encrypted Key Exchange v1 EAP (EAP-EKEv1)',
  55: 'Tunneled EAP protocol',
  254: 'Expanded Type',
  255: 'Experimental',
};

const f = fieldsOf('eap');
export const hfEap = {
  code: f('code', 'Code', 'uint8', { vals: { 1: 'Request', 2: 'Response', 3: 'Success', 4: 'Failure', 5: 'Initiate', 6: 'Finish' }, blurb: 'Kind of EAP packet', ref: 'RFC 3748 §4' }),
  id: f('id', 'Id', 'uint8', { blurb: 'Matches a Response to its Request', ref: 'RFC 3748 §4' }),
  len: f('len', 'Length', 'uint16', { blurb: 'Length of the EAP packet, header included', ref: 'RFC 3748 §4' }),
  type: f('type', 'Type', 'uint8', { vals: EAP_TYPES, blurb: 'Authentication method (or Identity, Notification, Nak)', ref: 'RFC 3748 §5' }),
  identity: f('identity', 'Identity', 'string', { blurb: 'Identity the peer claims, sent in clear', ref: 'RFC 3748 §5.1' }),
  notification: f('notification', 'Notification', 'string', { blurb: 'Text for the user', ref: 'RFC 3748 §5.2' }),
  desired_type: f('desired_type', 'Desired Auth Type', 'uint8', { vals: EAP_TYPES, blurb: 'Method the peer would rather use (Nak)', ref: 'RFC 3748 §5.3' }),
  md5_value_size: f('md5.value_size', 'EAP-MD5 Value-Size', 'uint8', { blurb: 'Size of the EAP-MD5 challenge or response', ref: 'RFC 3748 §5.4' }),
  md5_value: f('md5.value', 'EAP-MD5 Value', 'bytes', { blurb: 'EAP-MD5 challenge, or MD5 over identifier, secret and challenge', ref: 'RFC 3748 §5.4' }),
  md5_extra_data: f('md5.extra_data', 'EAP-MD5 Extra Data', 'bytes', { blurb: 'Name that follows the EAP-MD5 value', ref: 'RFC 3748 §5.4' }),
  data: f('data', 'EAP Data', 'bytes', { blurb: 'Method data not dissected further', ref: 'RFC 3748 §4' }),
};

const EAP_MD5 = 4;

export function dissectEap(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const code = tvb.u8(0);
  const len = tvb.u16(2);
  const t = tree.proto(eapProto, tvb, 0, len);
  t.add(hfEap.code, tvb, 0, 1, code);
  t.add(hfEap.id, tvb, 1, 1);
  t.add(hfEap.len, tvb, 2, 2, len);
  let info = hfEap.code.vals?.get(code) ?? 'Unknown code';
  if ((code === 1 || code === 2) && len > 4) {
    const type = tvb.u8(4);
    t.add(hfEap.type, tvb, 4, 1, type);
    info += `, ${hfEap.type.vals?.get(type) ?? `Unknown type (0x${type.toString(16).padStart(2, '0')})`}`;
    typeData(t, tvb, pkt, type, 5, len - 5, data);
  }
  if (pkt.engine.columns) pkt.setInfo(info);
  return tvb.length;
}

function typeData(t: Tree, tvb: Tvb, pkt: Packet, type: number, off: number, n: number, data: unknown): void {
  if (n <= 0) return;
  switch (type) {
    case 1:
      t.add(hfEap.identity, tvb, off, n, asciiString(tvb.bytes(off, n)));
      break;
    case 2:
      t.add(hfEap.notification, tvb, off, n, asciiString(tvb.bytes(off, n)));
      break;
    case 3:
      for (let k = 0; k < n; k++) t.add(hfEap.desired_type, tvb, off + k, 1);
      break;
    case EAP_MD5: {
      const size = tvb.u8(off);
      t.add(hfEap.md5_value_size, tvb, off, 1, size);
      const v = Math.min(size, n - 1);
      if (v > 0) t.add(hfEap.md5_value, tvb, off + 1, v);
      if (n - 1 - v > 0) t.add(hfEap.md5_extra_data, tvb, off + 1 + v, n - 1 - v);
      if (!inErrorPacket(data)) {
        pkt.engine.expert(pkt, t, 'warn', 'security', 'eap.md5',
          'EAP-MD5 authenticates only the peer and its response can be attacked offline with a dictionary');
      }
      break;
    }
    default:
      t.add(hfEap.data, tvb, off, n);
      break;
  }
}

register('ppp.protocol', PPP.EAP, 'eap', dissectEap);
