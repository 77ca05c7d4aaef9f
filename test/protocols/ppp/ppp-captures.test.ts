/**
 * PPP, its control protocols, PAP, CHAP/MS-CHAPv2, CCP/MPPE and PPPoE on the shared captures:
 * values and byte offsets as tshark 4.0 reports them (tshark -T pdml), plus what vpnshark adds
 * (MS-CHAPv2 parts, the MPPE header, link state, security findings).
 */
import { describe, expect, it } from 'vitest';
import { generateAuthenticatorResponse, generateNtResponse } from '../../../src/crypto/mschapv2.js';
import { mschapv2Handshakes, pppLinks } from '../../../src/sessions/ppp-negotiation.js';
import { dissectCapture, experts, field, fields, haveCapture, hex, texts } from './helpers.js';

const PAP_GRE = 'pcapplusplus-pptp-gre-pap.cap';
describe.skipIf(!haveCapture(PAP_GRE))('PPTP with PAP (pcapplusplus-pptp-gre-pap.cap)', () => {
  it('LCP Configure-Request over enhanced GRE, with Address/Control present', async () => {
    const { packets } = await dissectCapture(PAP_GRE);
    const p = packets[12]; // frame 13
    expect(field(p, 'ppp.address')).toMatchObject({ v: 0xff, pos: 50, size: 1 });
    expect(field(p, 'ppp.protocol')).toMatchObject({ v: 0xc021, pos: 52, size: 2 });
    expect(field(p, 'ppp.length')).toMatchObject({ v: 14, pos: 56, size: 2 });
    expect(field(p, 'lcp.opt.auth_protocol')).toMatchObject({ v: 0xc023, pos: 60, size: 2 });
    expect(hex(field(p, 'lcp.opt.auth_protocol_bytes').v)).toBe('0304c023');
    expect(field(p, 'lcp.opt.auth_protocol_bytes')).toMatchObject({ pos: 58, size: 4, text: 'Authentication Protocol: Password Authentication Protocol (0xc023)' });
    expect(field(p, 'lcp.opt.magic_number')).toMatchObject({ v: 0x0f3f117c, pos: 64, size: 4 });
    expect(texts(p)).toContain('Options: (10 bytes), Authentication Protocol, Magic Number');
    expect(p.info).toBe('Configuration Request');
    expect(p.protocol).toBe('PPP LCP');
  });

  it('PAP Authenticate-Request: peer ID and password in clear, and the finding', async () => {
    const { packets } = await dissectCapture(PAP_GRE);
    const p = packets[16]; // frame 17
    expect(field(p, 'pap.peer_id')).toMatchObject({ v: 'ixia', pos: 59, size: 4 });
    expect(field(p, 'pap.password')).toMatchObject({ v: 'ixia', pos: 64, size: 4 });
    expect(field(p, 'pap.data')).toMatchObject({ pos: 58, size: 10 });
    expect(p.info).toBe("Authenticate-Request (Peer-ID='ixia', Password='ixia')");
    const e = experts(p, 'pap.cleartext_password');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ severity: 'warn', group: 'security' });
    expect(e[0].message).toContain("'ixia'");
  });

  it('IPCP Nak assigns the address; IP in clear on the link is reported once', async () => {
    const { packets, engine } = await dissectCapture(PAP_GRE);
    expect(field(packets[21], 'ipcp.opt.ip_address')).toMatchObject({ v: 0x1101017a, pos: 60, size: 4 });
    const clear = packets.filter((p) => experts(p, 'ppp.cleartext_data').length);
    expect(clear.map((p) => p.num)).toEqual([26]);
    expect(experts(clear[0], 'ppp.cleartext_data')[0].severity).toBe('warn');
    const link = [...pppLinks(engine).values()].find((l) => l.papUser === 'ixia')!;
    expect(link).toMatchObject({ auth: 'PAP', papResult: 'success', carrier: 'gre', clearFrames: 2 });
    expect(link.ipv4Addresses).toEqual(['17.1.1.118', '17.1.1.122']);
  });
});

const SNIFFER = 'pptpsniffer-pptp-mschapv2-mppe.pcapng';
describe.skipIf(!haveCapture(SNIFFER))('PPTP with MS-CHAPv2 and MPPE (pptpsniffer-pptp-mschapv2-mppe.pcapng)', () => {
  it('LCP asks for CHAP with algorithm MS-CHAP-2 (0x81) and an empty ACCM', async () => {
    const { packets } = await dissectCapture(SNIFFER);
    const p = packets[11]; // frame 12
    expect(field(p, 'lcp.opt.asyncmap')).toMatchObject({ v: 0, pos: 56, size: 4 });
    expect(field(p, 'lcp.opt.asyncmap_bytes').text).toBe('Async Control Character Map: 0x00000000 (None)');
    expect(fields(p, 'lcp.opt.asyncmap.us')[0]).toMatchObject({ v: false, pos: 56, size: 4 });
    expect(field(p, 'lcp.opt.algorithm')).toMatchObject({ v: 129, pos: 64, size: 1 });
    expect(field(p, 'lcp.opt.auth_protocol_bytes')).toMatchObject({ pos: 60, size: 5 });
  });

  it('the MS-CHAPv2 Response is split into peer challenge, reserved, NT-Response and flags', async () => {
    const { packets } = await dissectCapture(SNIFFER);
    const p = packets[24]; // frame 25: PFC and ACFC agreed, so only a 2-byte protocol field
    expect(field(p, 'ppp.protocol')).toMatchObject({ v: 0xc223, pos: 46, size: 2 });
    expect(field(p, 'chap.value')).toMatchObject({ pos: 53, size: 49 });
    expect(field(p, 'chap.name')).toMatchObject({ v: 'jm', pos: 102, size: 2 });
    expect(hex(field(p, 'chap.mschapv2.peer_challenge').v)).toBe('1906181330134498997c4dc3184a29da');
    expect(field(p, 'chap.mschapv2.peer_challenge')).toMatchObject({ pos: 53, size: 16 });
    expect(field(p, 'chap.mschapv2.reserved')).toMatchObject({ pos: 69, size: 8 });
    expect(hex(field(p, 'chap.mschapv2.nt_response').v)).toBe('60f4ac2e73be3756e83d6eafbec032907f1f34438ff1a149');
    expect(field(p, 'chap.mschapv2.nt_response')).toMatchObject({ pos: 77, size: 24 });
    expect(field(p, 'chap.mschapv2.flags')).toMatchObject({ v: 0, pos: 101, size: 1 });
    expect(experts(p, 'chap.mschapv2')[0]).toMatchObject({ severity: 'warn', group: 'security' });
  });

  it('the Success message yields the authenticator response', async () => {
    const { packets } = await dissectCapture(SNIFFER);
    const p = packets[25]; // frame 26
    expect(field(p, 'chap.message')).toMatchObject({ v: 'S=659FF1CE92F86199BD338627452408610FFEA701 M=Access granted', pos: 56, size: 59 });
    expect(field(p, 'chap.mschapv2.authenticator_response')).toMatchObject({ v: '659FF1CE92F86199BD338627452408610FFEA701', pos: 58, size: 40 });
    expect(field(p, 'chap.mschapv2.success_message')).toMatchObject({ v: 'Access granted', pos: 101, size: 14 });
  });

  it('CCP agrees stateless 128-bit MPPE; Protocol-Reject carries the rejected IPV6CP packet', async () => {
    const { packets, engine } = await dissectCapture(SNIFFER);
    const ccp = packets[29]; // frame 30
    expect(field(ccp, 'ccp.opt.supported_bits')).toMatchObject({ v: 0x01000040, pos: 58, size: 4, text: 'Supported Bits: 0x01000040, H, S' });
    expect(field(ccp, 'ccp.opt.supported_bits.s')).toMatchObject({ v: true, pos: 58, size: 4 });
    const rej = packets[30]; // frame 31
    expect(field(rej, 'lcp.rej_proto')).toMatchObject({ v: 0x8057, pos: 52, size: 2 });
    expect(hex(field(rej, 'ipv6cp.interface_identifier').v)).toBe('a8dd1f39a69e4fe0');
    expect(field(rej, 'ipv6cp.interface_identifier')).toMatchObject({ pos: 60, size: 8 });
    expect(rej.protocol).toBe('PPP LCP');
    expect(rej.info).toBe('Protocol Reject');
    const link = [...pppLinks(engine).values()].find((l) => l.chap.some((x) => x.user === 'jm'))!;
    expect(link.auth).toBe('CHAP');
    expect(link.chapAlgorithm).toBe(0x81);
    expect(link.mppeAcked).toContain(0x01000040);
    expect(link.clearFrames).toBe(0);
    expect(link.compressedFrames).toBeGreaterThan(300);
    expect(packets.some((p) => experts(p, 'ccp.mppe_weak').length || experts(p, 'ppp.cleartext_data').length)).toBe(false);
  });

  it('an MPPE datagram shows its header: flushed, encrypted, coherency count', async () => {
    const { packets } = await dissectCapture(SNIFFER);
    const p = packets[54]; // frame 55: protocol 0x00FD compressed to one byte
    expect(field(p, 'ppp.protocol')).toMatchObject({ v: 0xfd, pos: 46, size: 1 });
    expect(field(p, 'comp_data.mppe.header')).toMatchObject({ v: 0x9000, pos: 47, size: 2 });
    expect(field(p, 'comp_data.mppe.flushed').v).toBe(true);
    expect(field(p, 'comp_data.mppe.encrypted').v).toBe(true);
    expect(field(p, 'comp_data.mppe.compressed').v).toBe(false);
    expect(field(p, 'comp_data.mppe.coherency_count').v).toBe(0);
    expect(field(p, 'comp_data.data')).toMatchObject({ pos: 49, size: 134 });
    expect(p.info).toBe('Compressed data');
    expect(p.protocol).toBe('PPP Comp');
  });
});

const SCAPY = 'pptp-gre-ppp-mschapv2-mppe-crafted-scapy.pcap';
describe.skipIf(!haveCapture(SCAPY))('MS-CHAPv2 values of the crafted PPTP session (keys in keys/…/keys.txt)', () => {
  it('keeps challenge, peer challenge, NT-Response and user name, and they verify the known password', async () => {
    const { packets, engine } = await dissectCapture(SCAPY);
    expect(hex(field(packets[14], 'chap.value').v)).toBe('1f2e3d4c5b6a79880796a5b4c3d2e1f0');
    expect(field(packets[15], 'chap.mschapv2.nt_response')).toMatchObject({ pos: 83, size: 24 });
    const hs = mschapv2Handshakes(engine);
    expect(hs).toHaveLength(1);
    const x = hs[0].exchange;
    expect(x.user).toBe('hxuser');
    expect(x.authenticatorName).toBe('hxpptpd');
    expect(hex(x.challenge)).toBe('1f2e3d4c5b6a79880796a5b4c3d2e1f0');
    expect(hex(x.peerChallenge)).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    expect(hex(x.ntResponse)).toBe('196185227cb9e50b0059286a7c6e9f389a7f627e33b817a9');
    expect(x.authenticatorResponse).toBe('DF00DE0CA847D5C2B5BB52F347223DDB8B440468');
    expect(x).toMatchObject({ identifier: 66, result: 'success', challengeFrame: 15, responseFrame: 16, resultFrame: 17 });
    // The kept values are what a password check needs: RFC 2759 recomputed from them agrees.
    expect(hex(generateNtResponse(x.challenge!, x.peerChallenge!, x.user!, 'hx-pptp-password'))).toBe(hex(x.ntResponse));
    expect(generateAuthenticatorResponse('hx-pptp-password', x.ntResponse!, x.peerChallenge!, x.challenge!, x.user!))
      .toBe(`S=${x.authenticatorResponse}`);
  });

  it('LCP Echo and Terminate: magic number and data', async () => {
    const { packets } = await dissectCapture(SCAPY);
    expect(field(packets[36], 'lcp.magic_number')).toMatchObject({ v: 0x1a2b3c4d, pos: 58, size: 4 });
    expect(hex(field(packets[38], 'ppp.data').v)).toBe(Buffer.from('User request').toString('hex'));
    expect(field(packets[38], 'ppp.data')).toMatchObject({ pos: 58, size: 12 });
  });
});

const ZEEK = 'zeek-pppoe-pap-ipcp-ipv6cp.pcap';
describe.skipIf(!haveCapture(ZEEK))('PPPoE discovery and session (zeek-pppoe-pap-ipcp-ipv6cp.pcap)', () => {
  it('PADO tags', async () => {
    const { packets } = await dissectCapture(ZEEK);
    const p = packets[1];
    expect(field(p, 'pppoe.code')).toMatchObject({ v: 0x07, pos: 15, size: 1 });
    expect(field(p, 'pppoe.payload_length')).toMatchObject({ v: 40, pos: 18, size: 2 });
    expect(field(p, 'pppoed.tags')).toMatchObject({ pos: 20, size: 40 });
    expect(hex(field(p, 'pppoed.tags.host_uniq').v)).toBe('64138518');
    expect(field(p, 'pppoed.tags.ac_name')).toMatchObject({ v: 'BRAS', pos: 36, size: 4 });
    expect(field(p, 'pppoed.tags.ac_cookie')).toMatchObject({ pos: 44, size: 16 });
    expect(p.info).toBe("Active Discovery Offer (PADO) AC-Name='BRAS'");
  });

  it('session: PPP with only a protocol field, bounded by Payload Length', async () => {
    const { packets } = await dissectCapture(ZEEK);
    const p = packets[10]; // frame 11, PAP
    expect(field(p, 'pppoe.session_id')).toMatchObject({ v: 0x11, pos: 16, size: 2 });
    expect(field(p, 'ppp')).toMatchObject({ pos: 20, size: 2 });
    expect(field(p, 'pap.peer_id')).toMatchObject({ v: 'cisco', pos: 27, size: 5 });
    expect(field(p, 'pap')).toMatchObject({ pos: 22, size: 16 });
    expect(field(packets[13], 'ipv6cp.interface_identifier')).toMatchObject({ pos: 28, size: 8 });
  });

  it('the session is one link: PAP user, result and the IPCP-agreed address', async () => {
    const { engine, packets } = await dissectCapture(ZEEK);
    const links = [...pppLinks(engine).values()];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ carrier: 'pppoe', papUser: 'cisco', papResult: 'success', auth: 'PAP' });
    expect(links[0].key).toBe('pppoe 0x0011 ca:01:0e:88:00:06 cc:05:0e:88:00:00');
    expect(links[0].ipv4Addresses).toContain('10.0.0.1');
    // On an access link clear IP is expected: noted, not warned.
    const clear = packets.flatMap((p) => experts(p, 'ppp.cleartext_data'));
    expect(clear).toHaveLength(1);
    expect(clear[0].severity).toBe('note');
  });
});

const SURICATA = 'suricata-pppoe-lcp-ipcp-ccp.pcap';
describe.skipIf(!haveCapture(SURICATA))('PPPoE with CCP and PADT (suricata-pppoe-lcp-ipcp-ccp.pcap)', () => {
  it('Deflate, MVRCA and BSD Compress options, Generic-Error tag, Protocol-Reject', async () => {
    const { packets } = await dissectCapture(SURICATA);
    const ccp = packets[24]; // frame 25
    expect(field(ccp, 'ccp.opt.window')).toMatchObject({ v: 7, pos: 28, size: 1, text: '0111 .... = Window: 32768' });
    expect(field(ccp, 'ccp.opt.method')).toMatchObject({ v: 8, pos: 28, size: 1 });
    expect(field(ccp, 'ccp.opt.History')).toMatchObject({ v: 24, pos: 32, size: 1 });
    expect(field(ccp, 'ccp.opt.vd.dict')).toMatchObject({ v: 15, pos: 36, size: 1 });
    expect(texts(ccp)).toContain('Options: (11 bytes), Deflate, MVRCA (Magnalink), BSD LZW Compress');
    const padt = packets[8]; // frame 9
    expect(field(padt, 'pppoed.tags.generic_error')).toMatchObject({ v: 'pppd terminated', pos: 32, size: 15 });
    const rej = packets[34]; // frame 35
    expect(field(rej, 'lcp.rej_proto')).toMatchObject({ v: 0x8057, pos: 26, size: 2 });
    expect(field(rej, 'ipv6cp')).toMatchObject({ pos: 28, size: 14 });
    expect(field(packets[25], 'ipcp.opt.comp_slot_id')).toMatchObject({ v: true, pos: 31, size: 1 });
  });
});

const QINQ = 'zeek-pppoe-over-qinq.pcap';
describe.skipIf(!haveCapture(QINQ))('PPPoE Payload Length shorter than the frame (zeek-pppoe-over-qinq.pcap)', () => {
  it('reports the possible bad payload length as Wireshark does', async () => {
    const { packets } = await dissectCapture(QINQ);
    const p = packets[18]; // frame 19
    expect(field(p, 'pppoe.payload_length')).toMatchObject({ v: 42, pos: 26, size: 2, text: 'Payload Length: 42 [incorrect, should be 48]' });
    expect(experts(p, 'pppoe.payload_length.bad')[0].message).toBe('Possible bad payload length 42 != 48');
    expect(packets.filter((q) => experts(q, 'pppoe.payload_length.bad').length).map((q) => q.num)).toEqual([19, 33, 41, 47, 63, 81]);
  });
});

const INVALID = 'tcpdump-ppp-invalid-lengths.pcap';
describe.skipIf(!haveCapture(INVALID))('IPCP options with impossible lengths (tcpdump-ppp-invalid-lengths.pcap)', () => {
  it('walks what it can and stops each list at the option that overruns it', async () => {
    const { packets } = await dissectCapture(INVALID);
    const p = packets[0];
    expect(field(p, 'ppp.protocol')).toMatchObject({ v: 0x8021, pos: 0, size: 2 });
    expect(field(p, 'ppp.length')).toMatchObject({ v: 8451, pos: 4, size: 2 });
    expect(field(p, 'ipcp.opt.compress_proto')).toMatchObject({ v: 0x61, pos: 8, size: 2 });
    expect(field(p, 'ipcp.opt.max_header')).toMatchObject({ v: 24953, pos: 18, size: 2 });
    const bad = experts(p, 'ppp.opt.len.invalid').map((e) => e.message);
    expect(bad).toEqual([
      'Unknown (0xdc) (option length = 220 bytes says option goes past end of options)',
      'Unknown (0xe6) (option length = 230 bytes says option goes past end of options)',
    ]);
    expect(texts(p)).toContain('Unknown (0x7b) (123 bytes)');
    expect(p.malformed).toBe(false);
  });
});

const DLT_PPP = 'ndpi-dlt-ppp.pcap';
describe.skipIf(!haveCapture(DLT_PPP))('LINKTYPE_PPP without Address and Control (ndpi-dlt-ppp.pcap)', () => {
  it('reads the protocol at offset 0 and hands IPv4 on', async () => {
    const { packets } = await dissectCapture(DLT_PPP);
    expect(field(packets[0], 'ppp.protocol')).toMatchObject({ v: 0x21, pos: 0, size: 2 });
    expect(fields(packets[0], 'ppp.address')).toHaveLength(0);
    expect(field(packets[0], 'ip.src').pos).toBe(14);
  });
});
