/**
 * ipsec-ikev2-esp: an IKEv2 initiator behind a NAT (captured on its own side, 10.0.0.5) sets up a
 * tunnel to a responder at 198.51.100.10. IKE_SA_INIT on UDP 500 offers a strong and a weak
 * proposal and detects the NAT (the responder's NAT_DETECTION_DESTINATION_IP hashes the NAT's
 * public address 192.0.2.30, not 10.0.0.5), so IKE_AUTH and ESP move to UDP 4500.
 *
 * Nothing is faked: the Diffie-Hellman exchange (MODP-2048) is real with private values from the
 * seeded generator, SK_* keys come from RFC 7296 §2.14, AUTH is the pre-shared-key MAC of §2.15
 * (PSK "vpnshark-demo-psk"), and the ESP keys are the KEYMAT of §2.17. The keys are written in
 * Wireshark's UAT formats under samples/keys/ipsec-ikev2-esp/.
 */
import { createDiffieHellman, getDiffieHellman } from 'node:crypto';
import { LINKTYPE } from '../../src/capture/linktypes.js';
import { ascii, concat, ipv4, mac, toHex } from '../lib/bytes.js';
import { Clock, type Stamped } from '../lib/clock.js';
import { type EspSa, espPacket, wiresharkEspSaLine } from '../lib/esp.js';
import { Host } from '../lib/host.js';
import {
  AUTH_HMAC_SHA1_96,
  AUTH_HMAC_SHA2_256_128,
  AUTH_SHARED_KEY_MIC,
  DH_MODP1024,
  DH_MODP2048,
  ENCR_3DES,
  ENCR_AES_CBC,
  ID_FQDN,
  IKE_EXCHANGE,
  IKE_FLAG_INITIATOR,
  IKE_FLAG_RESPONSE,
  IKE_PAYLOAD,
  NOTIFY,
  PRF_HMAC_SHA1,
  PRF_HMAC_SHA2_256,
  PROTO_ESP,
  PROTO_IKE,
  TRANSFORM,
  type Payload,
  authPayload,
  deletePayload,
  deriveIkeSaKeys,
  encryptedIkeMessage,
  idBody,
  ikeMessage,
  kePayload,
  natDetectionHash,
  noncePayload,
  notifyPayload,
  prfPlus,
  pskAuth,
  saPayload,
  tsPayload,
  vendorIdPayload,
} from '../lib/ikev2.js';
import { IPPROTO_ICMP, IPPROTO_UDP, icmpEcho, pingPayload, udp } from '../lib/net.js';
import { Prng } from '../lib/prng.js';
import type { Scenario } from './types.js';

export const IKE_PSK = 'vpnshark-demo-psk';

function modp2048(rng: Prng) {
  const group = getDiffieHellman('modp14');
  const dh = createDiffieHellman(group.getPrime(), group.getGenerator());
  dh.setPrivateKey(Buffer.from(rng.bytes(32)));
  dh.generateKeys();
  return dh;
}

function pad256(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(256);
  out.set(b, 256 - b.length);
  return out;
}

export function buildIkev2(): Scenario {
  const rng = new Prng('ipsec-ikev2-esp');
  const clock = new Clock();
  const ini = new Host(mac('02:00:00:0a:00:05'), ipv4('10.0.0.5'), 0x6a00, 64);
  const res = new Host(mac('02:00:00:0a:00:01'), ipv4('198.51.100.10'), 0x0100, 52);
  const natPublic = ipv4('192.0.2.30');
  const hosts = [ini, res];
  const out: Stamped[] = [];
  const I = 0 as const;
  const R = 1 as const;
  const emit = (usec: number, from: 0 | 1, sport: number, dport: number, payload: Uint8Array) => {
    const a = hosts[from];
    const b = hosts[1 - from];
    out.push(clock.advance(usec).stamp(a.frame(b, IPPROTO_UDP, udp(a.ip, b.ip, sport, dport, payload))));
  };
  const NON_ESP_MARKER = new Uint8Array(4);

  const spiI = rng.bytes(8);
  const spiR = rng.bytes(8);
  const zeroSpi = new Uint8Array(8);
  const ni = rng.bytes(32);
  const nr = rng.bytes(32);
  const dhI = modp2048(rng);
  const dhR = modp2048(rng);
  const keI = pad256(dhI.getPublicKey());
  const keR = pad256(dhR.getPublicKey());
  const gir = pad256(dhI.computeSecret(dhR.getPublicKey()));

  // IKE_SA_INIT. Proposal 1 is strong (AES-CBC-256 or -128, SHA2-256, MODP-2048); proposal 2 is
  // the weak legacy 3DES / SHA1 / MODP-1024 a scanner should flag.
  const strong = {
    number: 1,
    protocol: PROTO_IKE,
    transforms: [
      { type: TRANSFORM.ENCR, id: ENCR_AES_CBC, keyLength: 256 },
      { type: TRANSFORM.ENCR, id: ENCR_AES_CBC, keyLength: 128 },
      { type: TRANSFORM.PRF, id: PRF_HMAC_SHA2_256 },
      { type: TRANSFORM.INTEG, id: AUTH_HMAC_SHA2_256_128 },
      { type: TRANSFORM.DH, id: DH_MODP2048 },
    ],
  };
  const weak = {
    number: 2,
    protocol: PROTO_IKE,
    transforms: [
      { type: TRANSFORM.ENCR, id: ENCR_3DES },
      { type: TRANSFORM.PRF, id: PRF_HMAC_SHA1 },
      { type: TRANSFORM.INTEG, id: AUTH_HMAC_SHA1_96 },
      { type: TRANSFORM.DH, id: DH_MODP1024 },
    ],
  };
  const chosen = {
    number: 1,
    protocol: PROTO_IKE,
    transforms: [
      { type: TRANSFORM.ENCR, id: ENCR_AES_CBC, keyLength: 128 },
      { type: TRANSFORM.PRF, id: PRF_HMAC_SHA2_256 },
      { type: TRANSFORM.INTEG, id: AUTH_HMAC_SHA2_256_128 },
      { type: TRANSFORM.DH, id: DH_MODP2048 },
    ],
  };
  const vendorId = ascii('vpnshark-sample!'); // 16 bytes, like the MD5-sized IDs real stacks send
  const msg1 = ikeMessage(spiI, zeroSpi, IKE_EXCHANGE.IKE_SA_INIT, IKE_FLAG_INITIATOR, 0, [
    saPayload([strong, weak]),
    kePayload(DH_MODP2048, keI),
    noncePayload(ni),
    notifyPayload(NOTIFY.NAT_DETECTION_SOURCE_IP, natDetectionHash(spiI, zeroSpi, ini.ip, 500)),
    notifyPayload(NOTIFY.NAT_DETECTION_DESTINATION_IP, natDetectionHash(spiI, zeroSpi, res.ip, 500)),
    vendorIdPayload(vendorId),
  ]);
  // The responder sees the NAT's public address as the source and hashes what it sees.
  const msg2 = ikeMessage(spiI, spiR, IKE_EXCHANGE.IKE_SA_INIT, IKE_FLAG_RESPONSE, 0, [
    saPayload([chosen]),
    kePayload(DH_MODP2048, keR),
    noncePayload(nr),
    notifyPayload(NOTIFY.NAT_DETECTION_SOURCE_IP, natDetectionHash(spiI, spiR, res.ip, 500)),
    notifyPayload(NOTIFY.NAT_DETECTION_DESTINATION_IP, natDetectionHash(spiI, spiR, natPublic, 500)),
  ]);
  emit(0, I, 500, 500, msg1);
  emit(38200, R, 500, 500, msg2);

  const sk = deriveIkeSaKeys(ni, nr, gir, spiI, spiR);

  // IKE_AUTH on UDP 4500 (after the non-ESP marker), encrypted and integrity-protected.
  const espSpiI = rng.bytes(4);
  const espSpiR = rng.bytes(4);
  const espTransforms = [
    { type: TRANSFORM.ENCR, id: ENCR_AES_CBC, keyLength: 128 },
    { type: TRANSFORM.INTEG, id: AUTH_HMAC_SHA2_256_128 },
    { type: TRANSFORM.ESN, id: 0 },
  ];
  const idI = idBody(ID_FQDN, ascii('client.example.net'));
  const idR = idBody(ID_FQDN, ascii('vpn.example.com'));
  const tsI = tsPayload(IKE_PAYLOAD.TSI, ini.ip, ini.ip);
  const tsR = tsPayload(IKE_PAYLOAD.TSR, ipv4('10.10.0.0'), ipv4('10.10.0.255'));
  const authI = pskAuth(IKE_PSK, msg1, nr, sk.skPi, idI);
  const authR = pskAuth(IKE_PSK, msg2, ni, sk.skPr, idR);
  const p = (type: number, body: Uint8Array): Payload => ({ type, body });
  const msg3 = encryptedIkeMessage(spiI, spiR, IKE_EXCHANGE.IKE_AUTH, IKE_FLAG_INITIATOR, 1, [
    p(IKE_PAYLOAD.IDI, idI),
    notifyPayload(NOTIFY.INITIAL_CONTACT),
    p(IKE_PAYLOAD.IDR, idR),
    authPayload(AUTH_SHARED_KEY_MIC, authI),
    saPayload([{ number: 1, protocol: PROTO_ESP, spi: espSpiI, transforms: espTransforms }]),
    tsI,
    tsR,
  ], sk.skEi, sk.skAi, rng.bytes(16));
  const msg4 = encryptedIkeMessage(spiI, spiR, IKE_EXCHANGE.IKE_AUTH, IKE_FLAG_RESPONSE, 1, [
    p(IKE_PAYLOAD.IDR, idR),
    authPayload(AUTH_SHARED_KEY_MIC, authR),
    saPayload([{ number: 1, protocol: PROTO_ESP, spi: espSpiR, transforms: espTransforms }]),
    tsI,
    tsR,
  ], sk.skEr, sk.skAr, rng.bytes(16));
  emit(2100, I, 4500, 4500, concat(NON_ESP_MARKER, msg3));
  emit(41300, R, 4500, 4500, concat(NON_ESP_MARKER, msg4));

  // §2.17 KEYMAT: initiator-to-responder encryption then integrity key, then the other direction.
  const keymat = prfPlus(sk.skD, concat(ni, nr), 2 * (16 + 32));
  const spiNum = (b: Uint8Array) => ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  // Packets to the responder carry the SPI the responder chose, and the other way round.
  const saOut: EspSa = { spi: spiNum(espSpiR), encKey: keymat.slice(0, 16), integKey: keymat.slice(16, 48), integ: 'sha256-128', seq: 0 };
  const saIn: EspSa = { spi: spiNum(espSpiI), encKey: keymat.slice(48, 64), integKey: keymat.slice(64, 96), integ: 'sha256-128', seq: 0 };

  // Tunnel mode: whole inner IPv4 packets (next header 4) between 10.0.0.5 and a host behind the responder.
  const innerI = new Host(new Uint8Array(6), ini.ip, 0x2200, 64);
  const innerR = new Host(new Uint8Array(6), ipv4('10.10.0.20'), 0x9100, 63);
  for (let seq = 1; seq <= 3; seq++) {
    clock.advance(seq === 1 ? 120000 : 1000000);
    const t = clock.now();
    const ping = pingPayload(t.sec, t.usec);
    const req = innerI.ip4(innerR, IPPROTO_ICMP, icmpEcho(8, 0x1d2c, seq, ping));
    emit(0, I, 4500, 4500, espPacket(saOut, 4, req, rng.bytes(16)));
    const rep = innerR.ip4(innerI, IPPROTO_ICMP, icmpEcho(0, 0x1d2c, seq, ping));
    emit(24800 + seq * 310, R, 4500, 4500, espPacket(saIn, 4, rep, rng.bytes(16)));
  }
  // NAT keep-alive (RFC 3948 §2.3): one 0xFF byte so the NAT mapping stays open.
  emit(20000000, I, 4500, 4500, Uint8Array.of(0xff));

  // INFORMATIONAL: delete the Child SA (each side names its inbound SPI), then the IKE SA.
  const info = (usec: number, from: 0 | 1, messageId: number, payloads: Payload[]) => {
    const flags = from === I ? IKE_FLAG_INITIATOR : IKE_FLAG_RESPONSE;
    const m = encryptedIkeMessage(spiI, spiR, IKE_EXCHANGE.INFORMATIONAL, flags, messageId, payloads,
      from === I ? sk.skEi : sk.skEr, from === I ? sk.skAi : sk.skAr, rng.bytes(16));
    emit(usec, from, 4500, 4500, concat(NON_ESP_MARKER, m));
  };
  info(5000000, I, 2, [deletePayload(PROTO_ESP, [espSpiI])]);
  info(30100, R, 2, [deletePayload(PROTO_ESP, [espSpiR])]);
  info(2200, I, 3, [deletePayload(PROTO_IKE, [])]);
  info(28400, R, 3, []);

  const H = (b: Uint8Array) => toHex(b, true);
  const ikeTable = `${toHex(spiI)},${toHex(spiR)},${H(sk.skEi)},${H(sk.skEr)},"AES-CBC-128 [RFC3602]",${H(sk.skAi)},${H(sk.skAr)},"HMAC_SHA2_256_128 [RFC4868]"\n`;
  const espSa = [
    wiresharkEspSaLine('IPv4', '10.0.0.5', '198.51.100.10', saOut),
    wiresharkEspSaLine('IPv4', '198.51.100.10', '10.0.0.5', saIn),
    '',
  ].join('\n');
  const keysTxt = [
    '# ipsec-ikev2-esp: demo secrets (made up for this sample; publish freely)',
    `psk=${IKE_PSK}`,
    `spi_i=${toHex(spiI)} spi_r=${toHex(spiR)}`,
    `dh_group=14 private_i=${toHex(new Uint8Array(dhI.getPrivateKey()))} private_r=${toHex(new Uint8Array(dhR.getPrivateKey()))}`,
    `ni=${toHex(ni)}`,
    `nr=${toHex(nr)}`,
    `skeyseed=${H(sk.skeyseed)}`,
    `sk_d=${H(sk.skD)}`,
    `sk_ai=${H(sk.skAi)}`,
    `sk_ar=${H(sk.skAr)}`,
    `sk_ei=${H(sk.skEi)}`,
    `sk_er=${H(sk.skEr)}`,
    `sk_pi=${H(sk.skPi)}`,
    `sk_pr=${H(sk.skPr)}`,
    `esp spi=0x${saOut.spi.toString(16).padStart(8, '0')} 10.0.0.5 -> 198.51.100.10 AES-CBC-128 enc=${H(saOut.encKey!)} HMAC-SHA2-256-128 auth=${H(saOut.integKey)}`,
    `esp spi=0x${saIn.spi.toString(16).padStart(8, '0')} 198.51.100.10 -> 10.0.0.5 AES-CBC-128 enc=${H(saIn.encKey!)} HMAC-SHA2-256-128 auth=${H(saIn.integKey)}`,
    '',
  ].join('\n');
  const prefs = [
    '# Wireshark preferences for this sample: WIRESHARK_CONFIG_DIR=samples/keys/ipsec-ikev2-esp',
    'esp.enable_encryption_decode: TRUE',
    'esp.enable_authentication_check: TRUE',
    '',
  ].join('\n');

  return {
    name: 'ipsec-ikev2-esp',
    linkType: LINKTYPE.ETHERNET,
    packets: out,
    files: {
      'keys/ipsec-ikev2-esp/ikev2_decryption_table': ikeTable,
      'keys/ipsec-ikev2-esp/esp_sa': espSa,
      'keys/ipsec-ikev2-esp/preferences': prefs,
      'keys/ipsec-ikev2-esp/keys.txt': keysTxt,
    },
  };
}
