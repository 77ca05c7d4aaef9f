/**
 * pptp-mschapv2-mppe: a complete remote-access PPTP session.
 *
 * Roles (RFC 2637 §1.2): the VPN client at 192.0.2.10 places the call, so it acts as the PNS: it
 * opens TCP 1723, sends Start-Control-Connection-Request and Outgoing-Call-Request, Set-Link-Info
 * and Call-Clear-Request. The VPN server at 203.0.113.1 is the PAC: it listens on 1723, answers
 * with the Reply messages and sends Call-Disconnect-Notify. (This is how Windows clients and
 * servers behave, and how Wireshark labels the messages.)
 *
 * PPP inside enhanced GRE negotiates LCP, authenticates with MS-CHAPv2 (user "student", password
 * "vpnshark-demo", computed for real), agrees MPPE-128 stateless in CCP, gets 10.99.0.2 from IPCP,
 * then sends six MPPE-encrypted frames with the RFC 3079 keys before tearing everything down.
 */
import { ascii, concat, ipv4, mac, toHex, u16 } from '../lib/bytes.js';
import { Clock, type Stamped } from '../lib/clock.js';
import { dnsAnswerA, dnsQueryA } from '../lib/dns.js';
import { GreCall } from '../lib/gre.js';
import { Host } from '../lib/host.js';
import { ETHERTYPE_IPV4, IPPROTO_GRE, IPPROTO_ICMP, IPPROTO_UDP, ethernet, icmpEcho, pingPayload, udp } from '../lib/net.js';
import {
  CHAP,
  CP,
  PPP_CCP,
  PPP_CHAP,
  PPP_COMP,
  PPP_IP,
  PPP_IPCP,
  PPP_LCP,
  ccpMppe,
  chapMessage,
  chapValue,
  cpPacket,
  ipcpOpt,
  lcpEcho,
  lcpOpt,
  msChapV2ResponseValue,
  pppFrame,
  MPPE_H,
  MPPE_S,
} from '../lib/ppp.js';
import * as pptp from '../lib/pptp.js';
import { Prng } from '../lib/prng.js';
import { TcpFlow } from '../lib/tcpflow.js';
import { generateAuthenticatorResponse, generateNtResponse } from '../../src/crypto/mschapv2.js';
import { MppeDirection, mppeStartKeys } from '../../src/crypto/mppe.js';
import { LINKTYPE } from '../../src/capture/linktypes.js';
import type { Scenario } from './types.js';

export const PPTP_USER = 'student';
export const PPTP_PASSWORD = 'vpnshark-demo';
export const PPTP_CLIENT_CALL_ID = 0x4000;
export const PPTP_SERVER_CALL_ID = 0x0050;

/** What the scenario built, for the sample variants that reuse its frames (SLL2, tests). */
export interface PptpBuild {
  scenario: Scenario;
  clientMac: Uint8Array;
  serverMac: Uint8Array;
  /** The GRE packets (IPv4 payloads) of the session, in capture order, with their timestamps. */
  greIp: Stamped[];
}

export function buildPptp(): PptpBuild {
  const rng = new Prng('pptp-mschapv2-mppe');
  const clock = new Clock();
  const client = new Host(mac('02:00:00:c0:02:0a'), ipv4('192.0.2.10'), 0x1c20, 128);
  const server = new Host(mac('02:00:00:cb:71:01'), ipv4('203.0.113.1'), 0x5a10, 64);
  const tcp = new TcpFlow([
    { host: client, port: 49712, isn: rng.next32(), window: 64240 },
    { host: server, port: 1723, isn: rng.next32(), window: 65160 },
  ]);
  const gre = new GreCall([PPTP_CLIENT_CALL_ID, PPTP_SERVER_CALL_ID]);
  const out: Stamped[] = [];
  const greIp: Stamped[] = [];
  const C = 0 as const;
  const S = 1 as const;
  const hosts = [client, server];

  const emit = (usec: number, frame: Uint8Array) => out.push(clock.advance(usec).stamp(frame));
  /** A GRE packet from side `from`; `compressed` once LCP has agreed ACFC/PFC. */
  const grePpp = (usec: number, from: 0 | 1, protocol: number, payload: Uint8Array, compressed: boolean) => {
    const g = gre.data(from, pppFrame(protocol, payload, compressed));
    const ip = hosts[from].ip4(hosts[1 - from], IPPROTO_GRE, g);
    emit(usec, ethernet(hosts[1 - from].mac, hosts[from].mac, ETHERTYPE_IPV4, ip));
    greIp.push({ ...out[out.length - 1], data: ip });
  };

  // TCP 1723 and the control connection.
  const [syn, synAck, ack] = tcp.handshake();
  emit(0, syn);
  emit(612, synAck);
  emit(88, ack);
  const caps = { framing: 3, bearer: 3, firmware: 0, maxChannels: 0 };
  emit(240, tcp.send(C, pptp.sccrq({ ...caps, hostName: 'vpn-client-01', vendorName: 'vpnshark sample client' })));
  emit(1850, tcp.send(S, pptp.sccrp({ ...caps, maxChannels: 1, firmware: 0x0601, hostName: 'vpn-gw', vendorName: 'vpnshark sample server' }, 1)));
  emit(310, tcp.send(C, pptp.ocrq({
    callId: PPTP_CLIENT_CALL_ID,
    callSerial: 1,
    minBps: 300,
    maxBps: 100000000,
    bearerType: 3,
    framingType: 3,
    recvWindow: 64,
    processingDelay: 0,
    phoneNumber: '',
    subaddress: '',
  })));
  emit(2240, tcp.send(S, pptp.ocrp({
    callId: PPTP_SERVER_CALL_ID,
    peerCallId: PPTP_CLIENT_CALL_ID,
    resultCode: 1,
    errorCode: 0,
    causeCode: 0,
    connectSpeed: 100000000,
    recvWindow: 64,
    processingDelay: 0,
    physicalChannelId: 0,
  })));

  // LCP: both ends ask for ACCM 0, magic numbers, PFC and ACFC; the server also asks for MS-CHAPv2.
  const clientMagic = rng.next32();
  const serverMagic = rng.next32();
  const clientLcp = concat(lcpOpt.mru(1400), lcpOpt.accm(0), lcpOpt.magic(clientMagic), lcpOpt.pfc(), lcpOpt.acfc());
  const serverLcp = concat(lcpOpt.accm(0), lcpOpt.authChap(0x81), lcpOpt.magic(serverMagic), lcpOpt.pfc(), lcpOpt.acfc());
  grePpp(420, C, PPP_LCP, cpPacket(CP.CONF_REQ, 0, clientLcp), false);
  grePpp(950, S, PPP_LCP, cpPacket(CP.CONF_REQ, 1, serverLcp), false);
  grePpp(150, C, PPP_LCP, cpPacket(CP.CONF_ACK, 1, serverLcp), false);
  grePpp(700, S, PPP_LCP, cpPacket(CP.CONF_ACK, 0, clientLcp), false);
  emit(260, tcp.send(C, pptp.setLinkInfo(PPTP_SERVER_CALL_ID, 0x00000000, 0x00000000)));
  emit(40000, tcp.ackOnly(S));

  // MS-CHAPv2 (RFC 2759), computed from the demo password.
  const authChallenge = rng.bytes(16);
  const peerChallenge = rng.bytes(16);
  const chapId = 0x2a;
  const ntResponse = generateNtResponse(authChallenge, peerChallenge, PPTP_USER, PPTP_PASSWORD);
  const authResponse = generateAuthenticatorResponse(PPTP_PASSWORD, ntResponse, peerChallenge, authChallenge, PPTP_USER);
  grePpp(1200, S, PPP_CHAP, chapValue(CHAP.CHALLENGE, chapId, authChallenge, 'vpn-gw'), true);
  grePpp(3100, C, PPP_CHAP, chapValue(CHAP.RESPONSE, chapId, msChapV2ResponseValue(peerChallenge, ntResponse), PPTP_USER), true);
  grePpp(18500, S, PPP_CHAP, chapMessage(CHAP.SUCCESS, chapId, `${authResponse} M=Welcome`), true);

  // CCP: MPPE, 128-bit, stateless (RFC 3078 §2: H and S bits).
  const mppeBits = MPPE_H | MPPE_S;
  grePpp(900, S, PPP_CCP, cpPacket(CP.CONF_REQ, 1, ccpMppe(mppeBits)), true);
  grePpp(350, C, PPP_CCP, cpPacket(CP.CONF_REQ, 1, ccpMppe(mppeBits)), true);
  grePpp(120, C, PPP_CCP, cpPacket(CP.CONF_ACK, 1, ccpMppe(mppeBits)), true);
  grePpp(610, S, PPP_CCP, cpPacket(CP.CONF_ACK, 1, ccpMppe(mppeBits)), true);

  // IPCP: the client asks for 0.0.0.0 and a DNS server; the server's Nak hands out 10.99.0.2 / 10.99.0.1.
  const clientInner = ipv4('10.99.0.2');
  const serverInner = ipv4('10.99.0.1');
  const zero = ipv4('0.0.0.0');
  grePpp(180, C, PPP_IPCP, cpPacket(CP.CONF_REQ, 1, concat(ipcpOpt.address(zero), ipcpOpt.primaryDns(zero))), true);
  grePpp(420, S, PPP_IPCP, cpPacket(CP.CONF_REQ, 1, ipcpOpt.address(serverInner)), true);
  grePpp(90, S, PPP_IPCP, cpPacket(CP.CONF_NAK, 1, concat(ipcpOpt.address(clientInner), ipcpOpt.primaryDns(serverInner))), true);
  grePpp(160, C, PPP_IPCP, cpPacket(CP.CONF_ACK, 1, ipcpOpt.address(serverInner)), true);
  grePpp(70, C, PPP_IPCP, cpPacket(CP.CONF_REQ, 2, concat(ipcpOpt.address(clientInner), ipcpOpt.primaryDns(serverInner))), true);
  grePpp(530, S, PPP_IPCP, cpPacket(CP.CONF_ACK, 2, concat(ipcpOpt.address(clientInner), ipcpOpt.primaryDns(serverInner))), true);

  // Six MPPE frames: each direction has its own start key and a new RC4 key per packet (stateless).
  const keys = mppeStartKeys(PPTP_PASSWORD, ntResponse, 128);
  const mppe = [new MppeDirection(keys.clientToServer, 128, true), new MppeDirection(keys.serverToClient, 128, true)];
  const sessionKeys: string[][] = [[], []];
  const tunnelHosts = [
    new Host(new Uint8Array(6), clientInner, 0x0a01, 128),
    new Host(new Uint8Array(6), serverInner, 0x3e00, 64),
  ];
  const encrypted = (usec: number, from: 0 | 1, innerIp: Uint8Array) => {
    const plain = concat(u16(PPP_IP), innerIp);
    const pkt = mppe[from].encrypt(plain);
    sessionKeys[from].push(`ccount=${mppe[from].coherencyCount} key=${toHex(mppe[from].currentKey)}`);
    grePpp(usec, from, PPP_COMP, pkt, true);
  };
  // Ping data starts with the sender's clock, taken when the request leaves (after `usec`).
  const pingData = (usec: number) => {
    const t = clock.now();
    const total = t.usec + usec;
    return pingPayload(t.sec + Math.floor(total / 1e6), total % 1e6);
  };
  const dnsName = 'intranet.example.com';
  const web = ipv4('10.99.0.10');
  let data = pingData(250000);
  encrypted(250000, C, tunnelHosts[0].ip4(tunnelHosts[1], IPPROTO_ICMP, icmpEcho(8, 0x0001, 1, data)));
  encrypted(21400, S, tunnelHosts[1].ip4(tunnelHosts[0], IPPROTO_ICMP, icmpEcho(0, 0x0001, 1, data)));
  encrypted(310000, C, tunnelHosts[0].ip4(tunnelHosts[1], IPPROTO_UDP, udp(clientInner, serverInner, 51515, 53, dnsQueryA(0x7c1e, dnsName))));
  encrypted(19800, S, tunnelHosts[1].ip4(tunnelHosts[0], IPPROTO_UDP, udp(serverInner, clientInner, 53, 51515, dnsAnswerA(0x7c1e, dnsName, web, 300))));
  const webHost = new Host(new Uint8Array(6), web, 0x7100, 63);
  data = pingData(1500);
  encrypted(1500, C, tunnelHosts[0].ip4(webHost, IPPROTO_ICMP, icmpEcho(8, 0x0001, 2, data)));
  encrypted(22100, S, webHost.ip4(tunnelHosts[0], IPPROTO_ICMP, icmpEcho(0, 0x0001, 2, data)));
  // The client has nothing to send back, so it acknowledges with a GRE ack-only packet.
  {
    const g = gre.ackOnly(C);
    const ip = client.ip4(server, IPPROTO_GRE, g);
    emit(480000, ethernet(server.mac, client.mac, ETHERTYPE_IPV4, ip));
    greIp.push({ ...out[out.length - 1], data: ip });
  }

  // Keep-alives on both layers.
  emit(1200000, tcp.send(S, pptp.echoRequest(0x00000001)));
  emit(650, tcp.send(C, pptp.echoReply(0x00000001, 1)));
  grePpp(300000, S, PPP_LCP, lcpEcho(CP.ECHO_REQ, 0x10, serverMagic), false);
  grePpp(700, C, PPP_LCP, lcpEcho(CP.ECHO_REPLY, 0x10, clientMagic), false);

  // Teardown: LCP, then the call, then the control connection, then TCP.
  grePpp(900000, C, PPP_LCP, cpPacket(CP.TERM_REQ, 2, ascii('User request')), false);
  grePpp(640, S, PPP_LCP, cpPacket(CP.TERM_ACK, 2, new Uint8Array(0)), false);
  emit(2100, tcp.send(C, pptp.callClearRequest(PPTP_CLIENT_CALL_ID)));
  emit(1700, tcp.send(S, pptp.callDisconnectNotify(PPTP_SERVER_CALL_ID, 4, 0, 0, '')));
  emit(380, tcp.send(C, pptp.stopCcrq(1)));
  emit(1400, tcp.send(S, pptp.stopCcrp(1)));
  emit(260, tcp.fin(C));
  emit(520, tcp.fin(S));
  emit(70, tcp.ackOnly(C));

  const keysTxt = [
    '# pptp-mschapv2-mppe: demo secrets (made up for this sample; publish freely)',
    `username=${PPTP_USER}`,
    `password=${PPTP_PASSWORD}`,
    `authenticator_challenge=${toHex(authChallenge)}`,
    `peer_challenge=${toHex(peerChallenge)}`,
    `nt_response=${toHex(ntResponse)}`,
    `authenticator_response=${authResponse}`,
    `mppe_master_key=${toHex(keys.masterKey)}`,
    `mppe_start_key_client_to_server=${toHex(keys.clientToServer)}`,
    `mppe_start_key_server_to_client=${toHex(keys.serverToClient)}`,
    '# MPPE 128-bit stateless: the RC4 key changes before every packet (RFC 3078 §7.3),',
    '# starting from GetNewKeyFromSHA(start, start) (RFC 3079 §3.5); per-packet keys:',
    ...sessionKeys[0].map((k) => `client_to_server ${k}`),
    ...sessionKeys[1].map((k) => `server_to_client ${k}`),
    '',
  ].join('\n');

  return {
    scenario: {
      name: 'pptp-mschapv2-mppe',
      linkType: LINKTYPE.ETHERNET,
      packets: out,
      files: { 'keys/pptp-mschapv2-mppe/keys.txt': keysTxt },
    },
    clientMac: client.mac,
    serverMac: server.mac,
    greIp,
  };
}
