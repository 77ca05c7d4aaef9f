/**
 * l2tp-over-ipsec: L2TP/IPsec the way Windows clients do it, behind a NAT. ESP in transport mode,
 * UDP-encapsulated on port 4500 (RFC 3948), AES-CBC-128 with HMAC-SHA1-96, protects UDP 1701:
 * the L2TP control connection and session, then PPP (LCP, MS-CHAPv2, IPCP) and one inner ICMP
 * exchange. The IKEv1 negotiation that would precede it is not included; the ESP keys are in
 * samples/keys/l2tp-over-ipsec/esp_sa for Wireshark.
 */
import { LINKTYPE } from '../../src/capture/linktypes.js';
import { generateAuthenticatorResponse, generateNtResponse } from '../../src/crypto/mschapv2.js';
import { concat, ipv4, mac, toHex } from '../lib/bytes.js';
import { Clock, type Stamped } from '../lib/clock.js';
import { type EspSa, espPacket, wiresharkEspSaLine } from '../lib/esp.js';
import { Host } from '../lib/host.js';
import { L2TP_MSG, L2tpControl, avps, dataMessage } from '../lib/l2tp.js';
import { IPPROTO_ICMP, IPPROTO_UDP, icmpEcho, pingPayload, udp } from '../lib/net.js';
import {
  CHAP,
  CP,
  PPP_CHAP,
  PPP_IP,
  PPP_IPCP,
  PPP_LCP,
  chapMessage,
  chapValue,
  cpPacket,
  ipcpOpt,
  lcpOpt,
  msChapV2ResponseValue,
  pppFrame,
} from '../lib/ppp.js';
import { Prng } from '../lib/prng.js';
import type { Scenario } from './types.js';

const USER = 'student';
const PASSWORD = 'vpnshark-demo';

export function buildL2tpIpsec(): Scenario {
  const rng = new Prng('l2tp-over-ipsec');
  const clock = new Clock();
  const client = new Host(mac('02:00:00:0a:00:07'), ipv4('10.0.0.7'), 0x0e10, 128);
  const server = new Host(mac('02:00:00:cb:71:32'), ipv4('203.0.113.50'), 0x4c00, 128);
  const hosts = [client, server];
  const out: Stamped[] = [];
  const C = 0 as const;
  const S = 1 as const;

  const encKeyCS = rng.bytes(16);
  const authKeyCS = rng.bytes(20);
  const encKeySC = rng.bytes(16);
  const authKeySC = rng.bytes(20);
  const sas: EspSa[] = [
    { spi: rng.next32(), encKey: encKeyCS, integKey: authKeyCS, integ: 'sha1-96', seq: 0 },
    { spi: rng.next32(), encKey: encKeySC, integKey: authKeySC, integ: 'sha1-96', seq: 0 },
  ];

  /** UDP 1701 inside ESP (transport mode, next header 17) inside UDP 4500. */
  const emit = (usec: number, from: 0 | 1, l2tp: Uint8Array) => {
    const a = hosts[from];
    const b = hosts[1 - from];
    const inner = udp(a.ip, b.ip, 1701, 1701, l2tp);
    const esp = espPacket(sas[from], IPPROTO_UDP, inner, rng.bytes(16));
    out.push(clock.advance(usec).stamp(a.frame(b, IPPROTO_UDP, udp(a.ip, b.ip, 4500, 4500, esp))));
  };

  const clientTunnel = 1;
  const serverTunnel = 0x01a7;
  const clientSession = 1;
  const serverSession = 0x0f32;
  const ctl = new L2tpControl([clientTunnel, serverTunnel]);
  const control = (usec: number, from: 0 | 1, tunnel: number, session: number, list: Uint8Array[]) =>
    emit(usec, from, ctl.send(from, tunnel, session, list).bytes);
  const peerTunnel = [serverTunnel, clientTunnel];
  const peerSession = [serverSession, clientSession];
  const data = (usec: number, from: 0 | 1, protocol: number, payload: Uint8Array) =>
    emit(usec, from, dataMessage(peerTunnel[from], peerSession[from], pppFrame(protocol, payload)));

  control(0, C, 0, 0, [
    avps.messageType(L2TP_MSG.SCCRQ),
    avps.protocolVersion(),
    avps.framingCapabilities(1),
    avps.bearerCapabilities(0),
    avps.firmwareRevision(0x0601),
    avps.hostName('WIN-CLIENT7'),
    avps.vendorName('Microsoft'),
    avps.assignedTunnelId(clientTunnel),
    avps.receiveWindowSize(8),
  ]);
  control(3100, S, clientTunnel, 0, [
    avps.messageType(L2TP_MSG.SCCRP),
    avps.protocolVersion(),
    avps.framingCapabilities(3),
    avps.bearerCapabilities(0),
    avps.firmwareRevision(0x0601),
    avps.hostName('vpn-gw-l2tp'),
    avps.vendorName('vpnshark sample server'),
    avps.assignedTunnelId(serverTunnel),
    avps.receiveWindowSize(16),
  ]);
  control(600, C, serverTunnel, 0, [avps.messageType(L2TP_MSG.SCCCN)]);
  control(500, C, serverTunnel, 0, [avps.messageType(L2TP_MSG.ICRQ), avps.assignedSessionId(clientSession), avps.callSerialNumber(0), avps.bearerType(0)]);
  control(1800, S, clientTunnel, 0, []);
  control(1500, S, clientTunnel, clientSession, [avps.messageType(L2TP_MSG.ICRP), avps.assignedSessionId(serverSession)]);
  control(700, C, serverTunnel, serverSession, [avps.messageType(L2TP_MSG.ICCN), avps.txConnectSpeed(100000000), avps.framingType(1)]);
  control(1600, S, clientTunnel, 0, []);

  const clientMagic = rng.next32();
  const serverMagic = rng.next32();
  const clientLcp = concat(lcpOpt.mru(1400), lcpOpt.magic(clientMagic));
  const serverLcp = concat(lcpOpt.mru(1400), lcpOpt.authChap(0x81), lcpOpt.magic(serverMagic));
  data(900, C, PPP_LCP, cpPacket(CP.CONF_REQ, 0, clientLcp));
  data(1100, S, PPP_LCP, cpPacket(CP.CONF_REQ, 1, serverLcp));
  data(200, C, PPP_LCP, cpPacket(CP.CONF_ACK, 1, serverLcp));
  data(400, S, PPP_LCP, cpPacket(CP.CONF_ACK, 0, clientLcp));

  const authChallenge = rng.bytes(16);
  const peerChallenge = rng.bytes(16);
  const ntResponse = generateNtResponse(authChallenge, peerChallenge, USER, PASSWORD);
  const s = generateAuthenticatorResponse(PASSWORD, ntResponse, peerChallenge, authChallenge, USER);
  data(1500, S, PPP_CHAP, chapValue(CHAP.CHALLENGE, 1, authChallenge, 'vpn-gw-l2tp'));
  data(2600, C, PPP_CHAP, chapValue(CHAP.RESPONSE, 1, msChapV2ResponseValue(peerChallenge, ntResponse), USER));
  data(15000, S, PPP_CHAP, chapMessage(CHAP.SUCCESS, 1, `${s} M=Access granted`));

  const clientInner = ipv4('172.16.50.10');
  const serverInner = ipv4('172.16.50.1');
  data(600, C, PPP_IPCP, cpPacket(CP.CONF_REQ, 1, ipcpOpt.address(ipv4('0.0.0.0'))));
  data(300, S, PPP_IPCP, cpPacket(CP.CONF_REQ, 1, ipcpOpt.address(serverInner)));
  data(150, S, PPP_IPCP, cpPacket(CP.CONF_NAK, 1, ipcpOpt.address(clientInner)));
  data(200, C, PPP_IPCP, cpPacket(CP.CONF_ACK, 1, ipcpOpt.address(serverInner)));
  data(100, C, PPP_IPCP, cpPacket(CP.CONF_REQ, 2, ipcpOpt.address(clientInner)));
  data(400, S, PPP_IPCP, cpPacket(CP.CONF_ACK, 2, ipcpOpt.address(clientInner)));

  clock.advance(150000);
  const t = clock.now();
  const ping = pingPayload(t.sec, t.usec);
  const a = new Host(new Uint8Array(6), clientInner, 0x2b00, 128);
  const b = new Host(new Uint8Array(6), serverInner, 0x7700, 64);
  data(0, C, PPP_IP, a.ip4(b, IPPROTO_ICMP, icmpEcho(8, 0x0001, 1, ping)));
  data(2400, S, PPP_IP, b.ip4(a, IPPROTO_ICMP, icmpEcho(0, 0x0001, 1, ping)));

  // The NAT keep-alive a client behind NAT sends on the IKE/ESP port.
  out.push(clock.advance(10000000).stamp(client.frame(server, IPPROTO_UDP, udp(client.ip, server.ip, 4500, 4500, Uint8Array.of(0xff)))));

  const espSa = [
    wiresharkEspSaLine('IPv4', '10.0.0.7', '203.0.113.50', sas[0]),
    wiresharkEspSaLine('IPv4', '203.0.113.50', '10.0.0.7', sas[1]),
    '',
  ].join('\n');
  const prefs = [
    '# Wireshark preferences for this sample: WIRESHARK_CONFIG_DIR=samples/keys/l2tp-over-ipsec',
    'esp.enable_encryption_decode: TRUE',
    'esp.enable_authentication_check: TRUE',
    '',
  ].join('\n');
  const keysTxt = [
    '# l2tp-over-ipsec: demo secrets (made up for this sample; publish freely)',
    `esp spi=0x${sas[0].spi.toString(16).padStart(8, '0')} 10.0.0.7 -> 203.0.113.50 AES-CBC-128 enc=${toHex(encKeyCS, true)} HMAC-SHA1-96 auth=${toHex(authKeyCS, true)}`,
    `esp spi=0x${sas[1].spi.toString(16).padStart(8, '0')} 203.0.113.50 -> 10.0.0.7 AES-CBC-128 enc=${toHex(encKeySC, true)} HMAC-SHA1-96 auth=${toHex(authKeySC, true)}`,
    `ppp_user=${USER}`,
    `ppp_password=${PASSWORD}`,
    `mschapv2_authenticator_challenge=${toHex(authChallenge)}`,
    `mschapv2_peer_challenge=${toHex(peerChallenge)}`,
    `mschapv2_nt_response=${toHex(ntResponse)}`,
    '',
  ].join('\n');

  return {
    name: 'l2tp-over-ipsec',
    linkType: LINKTYPE.ETHERNET,
    packets: out,
    files: {
      'keys/l2tp-over-ipsec/esp_sa': espSa,
      'keys/l2tp-over-ipsec/preferences': prefs,
      'keys/l2tp-over-ipsec/keys.txt': keysTxt,
    },
  };
}
