/**
 * l2tp-chap-session: an L2TPv2 tunnel and session over UDP 1701 between a LAC (192.0.2.20) and an
 * LNS (198.51.100.1), with tunnel authentication and one hidden AVP (tunnel secret "l2tp-secret"),
 * a retransmitted ICRQ, PPP with CHAP-MD5 (user "student", password "vpnshark-demo") and plain
 * ICMP inside: L2TP without IPsec carries the user's traffic in clear.
 */
import { createHash } from 'node:crypto';
import { LINKTYPE } from '../../src/capture/linktypes.js';
import { ascii, concat, ipv4, mac, toHex, u8 } from '../lib/bytes.js';
import { Clock, type Stamped } from '../lib/clock.js';
import { Host } from '../lib/host.js';
import { AVP, L2TP_MSG, L2tpControl, avps, challengeResponse, dataMessage, hiddenAvp } from '../lib/l2tp.js';
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
  pppFrame,
} from '../lib/ppp.js';
import { Prng } from '../lib/prng.js';
import type { Scenario } from './types.js';

export const L2TP_SECRET = 'l2tp-secret';
export const CHAP_USER = 'student';
export const CHAP_PASSWORD = 'vpnshark-demo';
export const LAC_TUNNEL_ID = 42;
export const LNS_TUNNEL_ID = 2929;
export const LAC_SESSION_ID = 0x2f01;
export const LNS_SESSION_ID = 0x0c1d;

/** RFC 1994 §4.1: the CHAP-MD5 response is MD5(Identifier | secret | Challenge). */
export function chapMd5Response(id: number, secret: string, challenge: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('md5').update(u8(id)).update(secret, 'latin1').update(challenge).digest());
}

/** What the L2TP scenario built: the capture, and the inner IPv4 packets its data messages carried. */
export interface L2tpBuild {
  scenario: Scenario;
  /** Each inner IPv4 packet with the index (in scenario.packets) of the frame that carried it. */
  tunneled: { frameIndex: number; fromLac: boolean; inner: Uint8Array }[];
}

export function buildL2tp(): L2tpBuild {
  const rng = new Prng('l2tp-chap-session');
  const clock = new Clock();
  const lac = new Host(mac('02:00:00:c0:02:14'), ipv4('192.0.2.20'), 0x3100, 64);
  const lns = new Host(mac('02:00:00:c6:33:01'), ipv4('198.51.100.1'), 0x8800, 64);
  const hosts = [lac, lns];
  const out: Stamped[] = [];
  const tunneled: L2tpBuild['tunneled'] = [];
  const A = 0 as const; // LAC
  const N = 1 as const; // LNS
  const ctl = new L2tpControl([LAC_TUNNEL_ID, LNS_TUNNEL_ID]);
  const peerTunnel = [LNS_TUNNEL_ID, LAC_TUNNEL_ID];
  const peerSession = [LNS_SESSION_ID, LAC_SESSION_ID];

  const udpFrame = (from: 0 | 1, l2tp: Uint8Array) => {
    const a = hosts[from];
    const b = hosts[1 - from];
    return a.frame(b, IPPROTO_UDP, udp(a.ip, b.ip, 1701, 1701, l2tp));
  };
  const emit = (usec: number, frame: Uint8Array) => out.push(clock.advance(usec).stamp(frame));
  const control = (usec: number, from: 0 | 1, tunnel: number, session: number, list: Uint8Array[]) => {
    const m = ctl.send(from, tunnel, session, list);
    const frame = udpFrame(from, m.bytes);
    emit(usec, frame);
    return frame;
  };
  const data = (usec: number, from: 0 | 1, protocol: number, payload: Uint8Array) => {
    emit(usec, udpFrame(from, dataMessage(peerTunnel[from], peerSession[from], pppFrame(protocol, payload))));
    if (protocol === PPP_IP) tunneled.push({ frameIndex: out.length - 1, fromLac: from === A, inner: payload });
  };

  // Control connection setup with tunnel authentication both ways (§5.1.1, §4.2).
  const lacChallenge = rng.bytes(16);
  const lnsChallenge = rng.bytes(16);
  const randomVector = rng.bytes(16);
  const caps = { framing: 3, bearer: 3 };
  control(0, A, 0, 0, [
    avps.messageType(L2TP_MSG.SCCRQ),
    avps.protocolVersion(),
    avps.hostName('lac-branch-7'),
    avps.framingCapabilities(caps.framing),
    avps.bearerCapabilities(caps.bearer),
    avps.firmwareRevision(0x0680),
    avps.randomVector(randomVector),
    // Vendor Name hidden with the tunnel secret (RFC 2661 §4.3), with 5 bytes of padding to hide its length.
    hiddenAvp(AVP.VENDOR_NAME, ascii('vpnshark sample LAC'), L2TP_SECRET, randomVector, rng.bytes(5), false),
    avps.assignedTunnelId(LAC_TUNNEL_ID),
    avps.receiveWindowSize(8),
    avps.challenge(lacChallenge),
  ]);
  control(2300, N, LAC_TUNNEL_ID, 0, [
    avps.messageType(L2TP_MSG.SCCRP),
    avps.protocolVersion(),
    avps.framingCapabilities(caps.framing),
    avps.bearerCapabilities(caps.bearer),
    avps.firmwareRevision(0x0104),
    avps.hostName('lns-core'),
    avps.vendorName('vpnshark sample LNS'),
    avps.assignedTunnelId(LNS_TUNNEL_ID),
    avps.receiveWindowSize(16),
    avps.challenge(lnsChallenge),
    avps.challengeResponse(challengeResponse(L2TP_MSG.SCCRP, L2TP_SECRET, lacChallenge)),
  ]);
  control(900, A, LNS_TUNNEL_ID, 0, [
    avps.messageType(L2TP_MSG.SCCCN),
    avps.challengeResponse(challengeResponse(L2TP_MSG.SCCCN, L2TP_SECRET, lnsChallenge)),
  ]);
  control(1100, N, LAC_TUNNEL_ID, 0, []);

  // Incoming call; the first ICRQ gets no answer in time and is sent again with the same Ns.
  const icrq = control(5000, A, LNS_TUNNEL_ID, 0, [
    avps.messageType(L2TP_MSG.ICRQ),
    avps.assignedSessionId(LAC_SESSION_ID),
    avps.callSerialNumber(1),
    avps.bearerType(2),
    avps.callingNumber('5550100'),
    avps.calledNumber('5550199'),
  ]);
  emit(1000000, icrq);
  control(3400, N, LAC_TUNNEL_ID, LAC_SESSION_ID, [avps.messageType(L2TP_MSG.ICRP), avps.assignedSessionId(LNS_SESSION_ID)]);
  control(700, A, LNS_TUNNEL_ID, LNS_SESSION_ID, [
    avps.messageType(L2TP_MSG.ICCN),
    avps.txConnectSpeed(100000000),
    avps.framingType(1),
    avps.rxConnectSpeed(100000000),
  ]);
  control(1200, N, LAC_TUNNEL_ID, 0, []);

  // PPP: LCP both ways (the LNS asks for CHAP with MD5), CHAP, IPCP with a Nak.
  const clientMagic = rng.next32();
  const lnsMagic = rng.next32();
  const clientLcp = concat(lcpOpt.mru(1400), lcpOpt.magic(clientMagic));
  const lnsLcp = concat(lcpOpt.mru(1400), lcpOpt.authChap(5), lcpOpt.magic(lnsMagic));
  data(2500, A, PPP_LCP, cpPacket(CP.CONF_REQ, 1, clientLcp));
  data(800, N, PPP_LCP, cpPacket(CP.CONF_REQ, 1, lnsLcp));
  data(150, A, PPP_LCP, cpPacket(CP.CONF_ACK, 1, lnsLcp));
  data(300, N, PPP_LCP, cpPacket(CP.CONF_ACK, 1, clientLcp));
  const chapId = 0x07;
  const chapChallenge = rng.bytes(16);
  const chapResponse = chapMd5Response(chapId, CHAP_PASSWORD, chapChallenge);
  data(600, N, PPP_CHAP, chapValue(CHAP.CHALLENGE, chapId, chapChallenge, 'lns-core'));
  data(2100, A, PPP_CHAP, chapValue(CHAP.RESPONSE, chapId, chapResponse, CHAP_USER));
  data(9000, N, PPP_CHAP, chapMessage(CHAP.SUCCESS, chapId, 'Welcome'));
  const clientInner = ipv4('10.77.0.2');
  const lnsInner = ipv4('10.77.0.1');
  data(400, A, PPP_IPCP, cpPacket(CP.CONF_REQ, 1, ipcpOpt.address(ipv4('0.0.0.0'))));
  data(200, N, PPP_IPCP, cpPacket(CP.CONF_REQ, 1, ipcpOpt.address(lnsInner)));
  data(100, N, PPP_IPCP, cpPacket(CP.CONF_NAK, 1, ipcpOpt.address(clientInner)));
  data(150, A, PPP_IPCP, cpPacket(CP.CONF_ACK, 1, ipcpOpt.address(lnsInner)));
  data(80, A, PPP_IPCP, cpPacket(CP.CONF_REQ, 2, ipcpOpt.address(clientInner)));
  data(350, N, PPP_IPCP, cpPacket(CP.CONF_ACK, 2, ipcpOpt.address(clientInner)));

  // The user's traffic, unencrypted inside the tunnel.
  const inner = [new Host(new Uint8Array(6), clientInner, 0x4400, 64), new Host(new Uint8Array(6), lnsInner, 0x0900, 64)];
  for (let seq = 1; seq <= 2; seq++) {
    clock.advance(seq === 1 ? 200000 : 1000000);
    const t = clock.now();
    const ping = pingPayload(t.sec, t.usec);
    data(0, A, PPP_IP, inner[0].ip4(inner[1], IPPROTO_ICMP, icmpEcho(8, 0x0b0b, seq, ping)));
    data(1850, N, PPP_IP, inner[1].ip4(inner[0], IPPROTO_ICMP, icmpEcho(0, 0x0b0b, seq, ping)));
  }

  // Keep-alive, then teardown: CDN for the session, StopCCN for the tunnel, each acknowledged.
  control(4000000, N, LAC_TUNNEL_ID, 0, [avps.messageType(L2TP_MSG.HELLO)]);
  control(900, A, LNS_TUNNEL_ID, 0, []);
  control(2000000, A, LNS_TUNNEL_ID, LNS_SESSION_ID, [
    avps.messageType(L2TP_MSG.CDN),
    avps.resultCode(3),
    avps.assignedSessionId(LAC_SESSION_ID),
  ]);
  control(1300, N, LAC_TUNNEL_ID, 0, []);
  control(5000, A, LNS_TUNNEL_ID, 0, [
    avps.messageType(L2TP_MSG.STOPCCN),
    avps.assignedTunnelId(LAC_TUNNEL_ID),
    avps.resultCode(1, 0, 'user requested shutdown'),
  ]);
  control(1400, N, LAC_TUNNEL_ID, 0, []);

  const keys = [
    '# l2tp-chap-session: demo secrets (made up for this sample; publish freely)',
    `l2tp_tunnel_secret=${L2TP_SECRET}`,
    `random_vector=${toHex(randomVector)}`,
    `hidden_avp=Vendor Name (type 8) in the SCCRQ, value "vpnshark sample LAC"`,
    `lac_challenge=${toHex(lacChallenge)}`,
    `lns_challenge=${toHex(lnsChallenge)}`,
    `chap_user=${CHAP_USER}`,
    `chap_password=${CHAP_PASSWORD}`,
    `chap_id=${chapId}`,
    `chap_challenge=${toHex(chapChallenge)}`,
    `chap_response=${toHex(chapResponse)}`,
    '',
  ].join('\n');

  return {
    scenario: {
      name: 'l2tp-chap-session',
      linkType: LINKTYPE.ETHERNET,
      packets: out,
      files: { 'keys/l2tp-chap-session/keys.txt': keys },
    },
    tunneled,
  };
}
