/**
 * L2TP messages built here byte by byte, for what the shared captures lack: bad AVP lengths, the
 * AVPs of calls and proxy authentication, vendor AVPs, L2TPv3 over UDP and over IP with cookies
 * and the L2-Specific Sublayer, and L2TP that arrived inside ESP. Expected texts and offsets were
 * checked against tshark 4.0 on the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { Packet } from '../../src/core/packet.js';
import { Tvb } from '../../src/core/tvb.js';
import { dissectL2tpUdp } from '../../src/protocols/l2tp.js';
import { l2tpTunnelTable } from '../../src/sessions/l2tp-tunnels.js';
import { ascii, concat, u16, u32, u64, u8 } from '../../samples/lib/bytes.js';
import { IP_PAYLOAD, UDP_PAYLOAD as U, all, avp, controlV2, dissectAll, expertIds, frameOf, one, texts } from './l2tp-helpers.js';

describe('bad AVP lengths end the walk with a malformed item', () => {
  it('length 0 after a good AVP (no loop, the AVP after it is not read)', () => {
    const msg = controlV2(7, 0, 4, 4, [avp(0, u16(6)), avp(7, ascii('x'), { length: 0 }), avp(7, ascii('never'))]);
    const { packets } = dissectAll([frameOf('A', msg)]);
    const p = packets[0];
    expect(p.info).toBe('Control Message - Hello (tunnel id=7, session id=0)');
    expect(all(p, 'l2tp.avp.type').map((x) => x.v)).toEqual([0]);
    expect(all(p, 'l2tp.avp.host_name')).toHaveLength(0);
    const bad = p.experts.find((e) => e.id === 'l2tp.avp_length.bad');
    expect(bad).toMatchObject({ severity: 'error', group: 'malformed', message: 'Bad AVP length: AVP length must be >= 6, got 0' });
    expect(texts(p)).toContain('AVP length must be >= 6, got 0');
    expect(p.malformed).toBe(true);
  });

  it('length 3 as the first AVP', () => {
    const { packets } = dissectAll([frameOf('A', controlV2(7, 0, 0, 0, [avp(0, u16(6), { length: 3 }), avp(7, ascii('never'))]))]);
    expect(all(packets[0], 'l2tp.avp.type')).toHaveLength(0);
    expect(expertIds(packets[0])).toContain('l2tp.avp_length.bad');
  });

  it('a length that runs past the end of the message', () => {
    const { packets } = dissectAll([frameOf('A', controlV2(7, 0, 5, 4, [avp(0, u16(6)), avp(7, ascii('abcd'), { length: 40 })]))]);
    const p = packets[0];
    expect(texts(p).filter((t) => t.endsWith(' AVP'))).toEqual(['Control Message AVP']);
    expect(p.experts.find((e) => e.id === 'l2tp.avp_length.bad')?.message).toBe('Bad AVP length: AVP length 40 runs past the end of the message (10 octets left)');
  });

  it('the fast path stops the same way', () => {
    const msg = controlV2(7, 0, 4, 4, [avp(0, u16(6)), avp(7, ascii('x'), { length: 0 })]);
    const { packets } = dissectAll([frameOf('A', msg)], {}, false);
    expect(expertIds(packets[0])).toContain('l2tp.avp_length.bad');
  });
});

describe('call AVPs', () => {
  const icrq = controlV2(200, 0, 1, 1, [
    avp(0, u16(10)), avp(14, u16(7)), avp(15, u32(99)), avp(16, u32(9600)), avp(17, u32(64000)), avp(18, u32(2)), avp(19, u32(1)),
    avp(21, ascii('555-1234')), avp(22, ascii('555-9876')), avp(23, ascii('sub')), avp(24, u32(56000)), avp(25, u32(3)),
    avp(12, concat(u16(16), u8(0x45), ascii('advice'))), avp(21, new Uint8Array(0)),
  ]);
  const iccn = controlV2(200, 8, 2, 2, [
    avp(0, u16(12)), avp(29, u16(2)), avp(30, ascii('user')), avp(31, new Uint8Array(16).fill(7)), avp(32, u16(9)),
    avp(33, new Uint8Array(16).fill(8)), avp(34, concat(u16(0), u32(1), u32(2), u32(3), u32(4), u32(5), u32(6))),
    avp(35, concat(u16(0), u32(0xffffffff), u32(0))), avp(37, ascii('grp')), avp(38, u32(33600)), avp(39, new Uint8Array(0)),
    avp(46, concat(u16(3), u16(0xc021), u8(1), ascii('lcp down'))), avp(5, u64(0x0102030405060708n)),
  ]);
  const { packets } = dissectAll([frameOf('A', icrq), frameOf('A', iccn)]);

  it('ICRQ: session, serial number, speeds, bearer, numbers, Q.931 cause', () => {
    const p = packets[0];
    expect(p.info).toBe('Control Message - ICRQ (tunnel id=200, session id=0)');
    expect(one(p, 'l2tp.avp.assigned_session_id')).toMatchObject({ v: 7, pos: U + 26, size: 2 });
    expect(one(p, 'l2tp.avp.call_serial_number')).toMatchObject({ v: 99, pos: U + 34, size: 4 });
    expect(one(p, 'l2tp.avp.minimum_bps').v).toBe(9600);
    expect(one(p, 'l2tp.avp.maximum_bps').v).toBe(64000);
    expect(one(p, 'l2tp.avp.analog_bearer_type').v).toBe(true);
    expect(one(p, 'l2tp.avp.digital_bearer_type').v).toBe(false);
    expect(one(p, 'l2tp.avp.sync_framing_type').v).toBe(true);
    // The empty Called Number shows no value, as in Wireshark.
    expect(all(p, 'l2tp.avp.called_number').map((x) => x.v)).toEqual(['555-1234']);
    expect(one(p, 'l2tp.avp.calling_number').v).toBe('555-9876');
    expect(one(p, 'l2tp.avp.sub_address').v).toBe('sub');
    expect(one(p, 'l2tp.avp.connect_speed').v).toBe(56000);
    expect(one(p, 'l2tp.avp.physical_channel').v).toBe(3);
    expect(one(p, 'l2tp.avp.cause_code').v).toBe(16);
    expect(one(p, 'l2tp.avp.cause_msg').v).toBe(0x45);
    expect(one(p, 'l2tp.avp.advisory_msg').v).toBe('advice');
  });

  it('ICCN: proxy authentication, call errors, ACCM, tie breaker, PPP disconnect cause', () => {
    const p = packets[1];
    expect(one(p, 'l2tp.avp.proxy_authen_type')).toMatchObject({ v: 2 });
    expect(one(p, 'l2tp.avp.proxy_authen_name').v).toBe('user');
    // The ID is the second octet of its two (RFC 2661 §4.4.5).
    const idAvp = U + 12 + 8 + 8 + 10 + 22;
    expect(one(p, 'l2tp.avp.proxy_authen_id')).toMatchObject({ v: 9, pos: idAvp + 7, size: 1 });
    expect(one(p, 'l2tp.avp.proxy_authen_response').size).toBe(16);
    expect(['crc_errors', 'framing_errors', 'hardware_overruns', 'buffer_overruns', 'time_out_errors', 'alignment_errors']
      .map((n) => one(p, `l2tp.avp.${n}`).v)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(one(p, 'l2tp.avp.send_accm').v).toBe(0xffffffff);
    expect(one(p, 'l2tp.avp.receive_accm').v).toBe(0);
    expect(one(p, 'l2tp.avp.private_group_id').v).toEqual(ascii('grp'));
    expect(one(p, 'l2tp.avp.rx_connect_speed').v).toBe(33600);
    expect(one(p, 'l2tp.avp.disconnect_code').v).toBe(3);
    expect(one(p, 'l2tp.avp.control_protocol_number').v).toBe(0xc021);
    expect(one(p, 'l2tp.avp.cause_code_direction').v).toBe(1);
    expect(one(p, 'l2tp.avp.cause_code_message').v).toBe('lcp down');
    expect(one(p, 'l2tp.tie_breaker').v).toBe(0x0102030405060708n);
    expect(texts(p)).toContain('Sequencing Required AVP');
    // The LAC sent an ICRQ and an ICCN: the roles are settled by the call, not assumed.
    expect(one(p, 'l2tp.sender')).toMatchObject({ v: 'LAC', text: undefined });
  });
});

describe('StopCCN and CDN result codes', () => {
  it('the same field reads a StopCCN\'s code with the StopCCN names', () => {
    const stop = controlV2(100, 0, 2, 4, [avp(0, u16(4)), avp(1, concat(u16(2), u16(6), ascii('bye')))]);
    const cdn = controlV2(100, 9, 3, 4, [avp(0, u16(14)), avp(1, concat(u16(2), u16(6), ascii('bye'))), avp(14, u16(5))]);
    const { packets } = dissectAll([frameOf('B', stop), frameOf('B', cdn)]);
    expect(one(packets[0], 'l2tp.result_code').text).toBe('Result code: General error, Error Code indicates the problem (2)');
    expect(one(packets[1], 'l2tp.result_code').text).toBeUndefined();
    expect(one(packets[0], 'l2tp.avp.error_code').v).toBe(6);
    expect(packets[0].experts.find((e) => e.id === 'l2tp.stopccn')?.message)
      .toBe('Tunnel ?/100 setup failed: one end sent StopCCN before it was established: result 2 (General error, Error Code indicates the problem), error 6 (A generic vendor-specific error occurred): "bye"');
    expect(packets[1].experts.find((e) => e.id === 'l2tp.cdn')?.message).toMatch(/^Call 5\/9 setup failed: one end sent CDN before the call was connected: result 2 \(Session disconnected for the reason indicated in Error Code\)/);
  });
});

describe('vendor AVPs', () => {
  const msg = controlV2(100, 0, 3, 4, [
    avp(0, u16(6)),
    avp(3, u32(5), { vendor: 9 }), avp(7, u16(5), { vendor: 9 }), avp(8, u16(3), { vendor: 9 }), avp(14, u16(1500), { vendor: 9 }),
    avp(1, ascii('circuit'), { vendor: 3561 }), avp(129, u64(1000n), { vendor: 3561 }), avp(144, Uint8Array.of(1, 2, 3), { vendor: 3561 }),
    avp(0, u16(2), { vendor: 193 }), avp(6, ascii('stn'), { vendor: 193 }),
    avp(103, u16(0x0101), { vendor: 4491 }),
    avp(5, Uint8Array.of(1, 2), { vendor: 2636 }), avp(5, Uint8Array.of(1, 2), { vendor: 9, hidden: true }),
  ]);
  const { packets } = dissectAll([frameOf('B', msg)]);
  const p = packets[0];

  it('Cisco, Broadband Forum, Ericsson and CableLabs AVPs with their own type fields', () => {
    expect(texts(p).filter((t) => t.startsWith('Vendor '))).toEqual([
      'Vendor ciscoSystems (9): Local Session ID AVP', 'Vendor ciscoSystems (9): Pseudowire Type AVP',
      'Vendor ciscoSystems (9): Circuit Status AVP', 'Vendor ciscoSystems (9): Interface MTU AVP',
      'Vendor Broadband Forum (previously \'DSL Forum\') (3561): Agent-Circuit-Id AVP',
      'Vendor Broadband Forum (previously \'DSL Forum\') (3561): Actual-Data-Rate-Upstream AVP',
      'Vendor Broadband Forum (previously \'DSL Forum\') (3561): Access-Loop-Encapsulation AVP',
      'Vendor Ericsson AB (193): Message Type AVP', 'Vendor Ericsson AB (193): STN Name AVP',
      'Vendor Cable Television Laboratories, Inc. (4491): Downstream QAM Channel Modulation AVP',
      'Vendor Juniper Networks, Inc. (2636) AVP Type 5', 'Vendor ciscoSystems (9): Assigned Cookie AVP',
    ]);
    expect(all(p, 'l2tp.avp.ciscotype').map((x) => x.v)).toEqual([3, 7, 8, 14]);
    expect(one(p, 'l2tp.cisco.local_session_id').v).toBe(5);
    expect(one(p, 'l2tp.cisco.pseudowire_type').v).toBe(5);
    expect(one(p, 'l2tp.cisco.circuit_status').v).toBe(true);
    expect(one(p, 'l2tp.cisco.interface_mtu').v).toBe(1500);
    expect(one(p, 'l2tp.broadband.agent_circuit_id').v).toBe('circuit');
    expect(one(p, 'l2tp.broadband.actual_dr_up').v).toBe(1000);
    expect(one(p, 'l2tp.broadband.access_loop_encapsulation.enc2').v).toBe(3);
    expect(one(p, 'l2tp.ericsson.msg_type').v).toBe(2);
    expect(one(p, 'l2tp.ericsson.stn_name').v).toBe('stn');
    expect(one(p, 'l2tp.cablel.modulation').v).toBe(1);
    expect(one(p, 'l2tp.cablel.tsid_group_id').v).toBe(1);
    // Ericsson's message type names the message in the Info column, as in Wireshark.
    expect(p.info).toBe('Control Message - TCRQ');
  });

  it('an unknown vendor\'s AVP: Vendor ID, type and an undecoded-data warning', () => {
    const j = all(p, 'l2tp.avp.vendor_id').find((x) => x.v === 2636);
    expect(j).toBeDefined();
    expect(all(p, 'l2tp.avp.type').map((x) => x.v)).toEqual([0, 5]);
    expect(p.experts.filter((e) => e.id === 'l2tp.vendor_specific_avp_data')).toHaveLength(1);
  });
});

/** An L2TPv3 control message over UDP with L and S bits (RFC 3931 §3.2.1). */
function v3(ccid: number, ns: number, nr: number, avps: Uint8Array[]): Uint8Array {
  const b = concat(...avps);
  return concat(u16(0xc803), u16(12 + b.length), u32(ccid), u16(ns), u16(nr), b);
}

const ETH = concat(Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6), u16(0x0806), new Uint8Array(28));

describe('L2TPv3 over UDP: control connection, session, cookie and L2-Specific Sublayer', () => {
  const frames = [
    frameOf('A', v3(0, 0, 0, [avp(0, u16(1)), avp(7, ascii('lcce1')), avp(61, u32(0x1111)), avp(62, concat(u16(5), u16(4)))])),
    frameOf('B', v3(0x1111, 0, 1, [avp(0, u16(2)), avp(7, ascii('lcce2')), avp(61, u32(0x2222))])),
    frameOf('A', v3(0x2222, 1, 1, [avp(0, u16(3))])),
    frameOf('B', v3(0x1111, 1, 2, [])),
    frameOf('A', v3(0x2222, 2, 1, [avp(0, u16(10)), avp(63, u32(0xaaaa)), avp(64, u32(0)), avp(65, u32(0x01020304)), avp(68, u16(5)), avp(69, u16(1))])),
    frameOf('B', v3(0x1111, 2, 3, [avp(0, u16(11)), avp(63, u32(0xbbbb)), avp(64, u32(0xaaaa)), avp(65, concat(u32(5), u32(6))), avp(69, u16(1))])),
    // Data to A's session (its 4-octet cookie), to B's (8 octets), and to a session never set up.
    frameOf('B', concat(u16(0x0003), u16(0), u32(0xaaaa), u32(0x01020304), u32(0x40000001), ETH)),
    frameOf('A', concat(u16(0x0003), u16(0), u32(0xbbbb), u32(5), u32(6), u32(0x40000002), ETH)),
    frameOf('A', concat(u16(0x0003), u16(0), u32(0xcccc), ETH)),
  ];
  const { engine, packets } = dissectAll(frames);
  const f = (n: number) => packets[n - 1];

  it('control messages: flags without O and P bits, Control Connection ID, Info as Wireshark', () => {
    expect(f(1).protocol).toBe('L2TPv3');
    expect(f(1).info).toBe('Control Message - SCCRQ (ccid=0x00000000)');
    expect(f(2).info).toBe('Control Message - SCCRP (ccid=0x00001111)');
    expect(f(4).info).toBe('Control Message - ZLB (ccid=0x00001111)');
    expect(f(5).info).toBe('Control Message - ICRQ (ccid=0x00002222), LSID: 43690, RSID:  0');
    expect(one(f(1), 'l2tp').text).toBe('Layer 2 Tunneling Protocol version 3');
    expect(one(f(1), 'l2tp.flags').text).toBe('Flags: 0xc803, Type: Control Message, Length Bit, Sequence Bit');
    expect(all(f(1), 'l2tp.offset_bit')).toHaveLength(0);
    expect(one(f(2), 'l2tp.ccid')).toMatchObject({ v: 0x1111, pos: U + 4, size: 4 });
    expect(one(f(1), 'l2tp.avp.assigned_control_conn_id').v).toBe(0x1111);
    expect(all(f(1), 'l2tp.avp.pw_type').map((x) => x.v)).toEqual([5, 4]);
    expect(one(f(6), 'l2tp.avp.remote_session_id').v).toBe(0xaaaa);
    expect(one(f(4), 'l2tp.analysis.acks_frame').v).toBe(3);
  });

  it('data: the cookie each end asked for and the default sublayer, then Ethernet', () => {
    const d1 = f(7);
    expect(d1.info).toBe('D[S:0x0000AAAA]Reserved opcode 0');
    expect(one(d1, 'l2tp')).toMatchObject({ pos: U, size: 16 });
    expect(one(d1, 'l2tp.res')).toMatchObject({ v: 0, pos: U + 2 });
    expect(one(d1, 'l2tp.sid')).toMatchObject({ v: 0xaaaa, pos: U + 4, size: 4 });
    expect(one(d1, 'l2tp.avp.pseudowire_type')).toMatchObject({ v: 5, generated: true });
    expect(one(d1, 'l2tp.cookie')).toMatchObject({ v: u32(0x01020304), pos: U + 8, size: 4 });
    expect(one(d1, 'l2tp.l2_spec_s').v).toBe(true);
    expect(one(d1, 'l2tp.l2_spec_sequence')).toMatchObject({ v: 1, pos: U + 13, size: 3 });
    expect(d1.protocols).toContain('eth');
    expect(one(f(8), 'l2tp.cookie')).toMatchObject({ v: concat(u32(5), u32(6)), pos: U + 8, size: 8 });
    expect(one(f(8), 'l2tp.l2_spec_sequence').v).toBe(2);
    expect(one(f(8), 'l2tp.sender').v).toBe('LAC');
    expect(all(f(9), 'l2tp.cookie')).toHaveLength(0);
    expect(one(f(9), 'l2tp.avp.pseudowire_type').v).toBe(0);
    expect(f(9).protocols).toContain('data');
  });

  it('the table: both Control Connection IDs, the session with both IDs and data counts', () => {
    const t = l2tpTunnelTable(engine);
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ version: 3, tunnelIds: [0x1111, 0x2222], established: true });
    expect(t[0].ends[0]).toMatchObject({ hostName: 'lcce1', role: 'LAC' });
    expect(t[0].sessions[0]).toMatchObject({ lacSessionId: 0xaaaa, lnsSessionId: 0xbbbb });
    expect(t[0].sessions[0].data.fromLac?.packets).toBe(1);
    expect(t[0].sessions[0].data.fromLns?.packets).toBe(1);
  });

  it('the l2tp.cookie_size setting applies to sessions the control channel did not show', () => {
    const { packets: q } = dissectAll([frames[8]], { 'l2tp.cookie_size': '4' });
    expect(one(q[0], 'l2tp.cookie')).toMatchObject({ pos: U + 8, size: 4 });
  });
});

describe('L2TPv3 over IP (protocol 115)', () => {
  const ctl = concat(u32(0), u16(0xc803), u16(30), u32(0), u16(0), u16(0), avp(0, u16(1)), avp(61, u32(0x3333)));
  const zlb = concat(u32(0), u16(0xc803), u16(12), u32(0x3333), u16(0), u16(1));
  const data = concat(u32(0x1234), ETH);
  const { packets } = dissectAll([frameOf('A', ctl, { proto: 115 }), frameOf('B', zlb, { proto: 115 }), frameOf('A', data, { proto: 115 })]);

  it('a zero Session ID marks a control message; its Length counts from the flags', () => {
    const p = packets[0];
    expect(p.protocols.slice(-1)).toEqual(['l2tp']);
    expect(p.info).toBe('Control Message - SCCRQ (ccid=0x00000000)');
    expect(one(p, 'l2tp')).toMatchObject({ pos: IP_PAYLOAD, size: 34 });
    expect(one(p, 'l2tp.sid')).toMatchObject({ v: 0, pos: IP_PAYLOAD, size: 4 });
    expect(one(p, 'l2tp.flags')).toMatchObject({ pos: IP_PAYLOAD + 4 });
    expect(one(p, 'l2tp.length')).toMatchObject({ v: 30, pos: IP_PAYLOAD + 6 });
    expect(one(p, 'l2tp.avp.assigned_control_conn_id').v).toBe(0x3333);
    expect(packets[1].info).toBe('Control Message - ZLB (ccid=0x00003333)');
    expect(one(packets[1], 'l2tp.analysis.acks_frame').v).toBe(1);
  });

  it('data of an unknown session: Session ID, no cookie, the payload as data', () => {
    const p = packets[2];
    expect(p.info).toBe('D[S:0x00001234]');
    expect(one(p, 'l2tp')).toMatchObject({ pos: IP_PAYLOAD, size: 4 });
    expect(one(p, 'l2tp.sid')).toMatchObject({ v: 0x1234, pos: IP_PAYLOAD });
    expect(p.protocols.slice(-1)).toEqual(['data']);
  });
});

describe('L2TP inside IPsec', () => {
  const data = concat(u16(0x0002), u16(9), u16(3), Uint8Array.of(0xff, 0x03, 0xc0, 0x21, 9, 1, 0, 8, 0, 0, 0, 0));

  function run(insideEsp: boolean): Packet {
    const engine = new Engine({ tree: true, columns: true });
    const pkt = new Packet(engine, true, engine.interest);
    pkt.num = 1;
    pkt.netSrc = '10.0.0.1';
    pkt.netDst = '10.0.0.2';
    pkt.addSource('L2TP message', data);
    if (insideEsp) pkt.scratch.insideEsp = true;
    dissectL2tpUdp(Tvb.of(data), pkt, pkt.tree);
    return pkt;
  }

  it('data that came out of ESP is protected: no clear-text finding', () => {
    const p = run(true);
    expect(one(p, 'l2tp.inside_ipsec').v).toBe(true);
    expect(expertIds(p)).not.toContain('l2tp.cleartext');
  });

  it('the same data outside IPsec is flagged once per tunnel', () => {
    const p = run(false);
    expect(one(p, 'l2tp.inside_ipsec').v).toBe(false);
    expect(p.experts.find((e) => e.id === 'l2tp.cleartext')).toMatchObject({ severity: 'warn', group: 'security' });
    const { packets } = dissectAll([frameOf('A', data), frameOf('A', data)]);
    expect(expertIds(packets[0])).toContain('l2tp.cleartext');
    expect(expertIds(packets[1])).not.toContain('l2tp.cleartext');
  });
});

describe('data message header options', () => {
  it('L, S, O and P bits with offset padding before the PPP frame', () => {
    const msg = concat(u16(0x4b02), u16(22), u16(200), u16(8), u16(0), u16(0), u16(4), u32(0), Uint8Array.of(0xff, 0x03, 0xc0, 0x21, 9, 1, 0, 8));
    const { packets } = dissectAll([frameOf('A', msg)]);
    const p = packets[0];
    expect(one(p, 'l2tp.flags').text).toBe('Flags: 0x4b02, Type: Data Message, Length Bit, Sequence Bit, Offset bit, Priority');
    expect(one(p, 'l2tp.offset')).toMatchObject({ v: 4, pos: U + 12, size: 2 });
    expect(one(p, 'l2tp.offset_padding')).toMatchObject({ pos: U + 14, size: 4 });
    expect(one(p, 'l2tp')).toMatchObject({ pos: U, size: 18 });
    expect(p.protocols).toContain('ppp');
    expect(all(p, 'l2tp.analysis')).toHaveLength(0);
  });

  it('a port-1701 payload that is not version 2 or 3 is left to others', () => {
    const { packets } = dissectAll([frameOf('A', Uint8Array.of(0x00, 0x01, 0, 0, 0, 0))]);
    expect(packets[0].protocols).not.toContain('l2tp');
  });
});
