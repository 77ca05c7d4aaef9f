/**
 * L2TP against the shared captures: field values and byte offsets as tshark 4.0 gives them, the
 * Info column of tshark's reference output, the tunnel/session table, and the Ns/Nr analysis of a
 * real control channel (its retransmitted StopCCN and late ZLBs), plus variants made by dropping,
 * reordering or editing its real frames.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { Packet } from '../../src/core/packet.js';
import { Tvb } from '../../src/core/tvb.js';
import { dissectL2tpUdp } from '../../src/protocols/l2tp.js';
import { l2tpTunnelTable, l2tpUnacknowledged } from '../../src/sessions/l2tp-tunnels.js';
import { all, capture, dissectAll, expertIds, haveCaptures, loadFrames, one, texts } from './l2tp-helpers.js';

const XL2TPD = 'l2tp-xl2tpd-pppd-fails.pcap';
/** Ethernet + IPv4 + UDP: where L2TP starts in the xl2tpd capture. */
const L = 42;

describe.skipIf(!haveCaptures)('L2TPv2 control channel (l2tp-xl2tpd-pppd-fails.pcap)', async () => {
  const frames = haveCaptures ? await loadFrames(capture(XL2TPD)) : [];
  const { engine, packets } = dissectAll(frames);
  const f = (n: number) => packets[n - 1];

  it('SCCRQ: header and every AVP value at tshark\'s offsets (frame 3)', () => {
    const p = f(3);
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:udp:l2tp');
    expect(one(p, 'l2tp')).toMatchObject({ pos: L, size: 99 });
    expect(one(p, 'l2tp.flags')).toMatchObject({ v: 0xc802, pos: L, size: 2, text: 'Flags: 0xc802, Type: Control Message, Length Bit, Sequence Bit' });
    expect(one(p, 'l2tp.type')).toMatchObject({ v: 1, pos: L, size: 2 });
    expect(one(p, 'l2tp.length_bit').v).toBe(true);
    expect(one(p, 'l2tp.seq_bit').v).toBe(true);
    expect(one(p, 'l2tp.offset_bit').v).toBe(false);
    expect(one(p, 'l2tp.priority').v).toBe(false);
    expect(one(p, 'l2tp.version')).toMatchObject({ v: 2, pos: L, size: 2 });
    expect(one(p, 'l2tp.length')).toMatchObject({ v: 99, pos: L + 2, size: 2 });
    expect(one(p, 'l2tp.tunnel')).toMatchObject({ v: 0, pos: L + 4 });
    expect(one(p, 'l2tp.session')).toMatchObject({ v: 0, pos: L + 6 });
    expect(one(p, 'l2tp.Ns')).toMatchObject({ v: 0, pos: L + 8 });
    expect(one(p, 'l2tp.Nr')).toMatchObject({ v: 0, pos: L + 10 });
    expect(all(p, 'l2tp.avp.length').map((x) => x.v)).toEqual([8, 8, 10, 10, 8, 8, 19, 8, 8]);
    expect(all(p, 'l2tp.avp.mandatory').map((x) => x.v)).toEqual([true, true, true, true, false, true, false, true, true]);
    expect(all(p, 'l2tp.avp.type').map((x) => x.v)).toEqual([0, 2, 3, 4, 6, 7, 8, 9, 10]);
    expect(one(p, 'l2tp.avp.message_type')).toMatchObject({ v: 1, pos: 60, size: 2 });
    expect(one(p, 'l2tp.avp.protocol_version')).toMatchObject({ v: 1, pos: 68, size: 1 });
    expect(one(p, 'l2tp.avp.protocol_revision')).toMatchObject({ v: 0, pos: 69, size: 1 });
    expect(one(p, 'l2tp.avp.async_framing_supported')).toMatchObject({ v: true, pos: 76, size: 4 });
    expect(one(p, 'l2tp.avp.sync_framing_supported')).toMatchObject({ v: true, pos: 76, size: 4 });
    expect(one(p, 'l2tp.avp.analog_access_supported')).toMatchObject({ v: false, pos: 86, size: 4 });
    expect(one(p, 'l2tp.avp.firmware_revision')).toMatchObject({ v: 1680, pos: 96, size: 2 });
    expect(one(p, 'l2tp.avp.host_name')).toMatchObject({ v: 'vm', pos: 104, size: 2 });
    expect(one(p, 'l2tp.avp.vendor_name')).toMatchObject({ v: 'xelerance.com', pos: 112, size: 13 });
    expect(one(p, 'l2tp.avp.assigned_tunnel_id')).toMatchObject({ v: 33934, pos: 131, size: 2 });
    expect(one(p, 'l2tp.avp.receive_window_size')).toMatchObject({ v: 4, pos: 139, size: 2 });
    expect(texts(p).filter((t) => t.endsWith(' AVP'))).toEqual([
      'Control Message AVP', 'Protocol Version AVP', 'Framing Capabilities AVP', 'Bearer Capabilities AVP',
      'Firmware Revision AVP', 'Host Name AVP', 'Vendor Name AVP', 'Assigned Tunnel ID AVP', 'Receive Window Size AVP',
    ]);
  });

  it('Info column equals tshark\'s reference for every L2TP frame', () => {
    const ref = readFileSync(capture(`expected/${XL2TPD}.reference.txt`), 'utf8');
    const rows = ref.split('\n').map((l) => l.split('\t')).filter((c) => c.length === 3 && c[1] === 'L2TP');
    expect(rows).toHaveLength(21);
    for (const [n, proto, info] of rows) {
      expect(f(Number(n)).protocol).toBe(proto);
      expect(f(Number(n)).info).toBe(info);
    }
  });

  it('CDN and StopCCN: result codes named per message, error message (frames 12, 18)', () => {
    expect(one(f(12), 'l2tp.result_code')).toMatchObject({ v: 1, pos: 68, size: 2 });
    expect(one(f(12), 'l2tp.avp.error_code')).toMatchObject({ v: 0, pos: 70, size: 2 });
    expect(one(f(12), 'l2tp.avp.assigned_session_id')).toMatchObject({ v: 14899, pos: 78 });
    const rc = one(f(18), 'l2tp.result_code');
    expect(rc).toMatchObject({ v: 1, pos: 76, size: 2, text: 'Result code: General request to clear control connection (1)' });
    expect(one(f(18), 'l2tp.avp.error_message')).toMatchObject({ v: 'Goodbye!', pos: 80, size: 8 });
    expect(f(12).experts.find((e) => e.id === 'l2tp.cdn')).toMatchObject({
      severity: 'warn', group: 'response',
      message: 'Call 62846/14899 disconnected by LNS (CDN) before any data was carried: result 1 (Session disconnected due to loss of carrier or circuit disconnect)',
    });
    expect(f(18).experts.find((e) => e.id === 'l2tp.stopccn')).toMatchObject({
      severity: 'warn', message: 'Tunnel 33934/23420 closed by LAC (StopCCN): result 1 (General request to clear control connection): "Goodbye!"',
    });
  });

  it('ZLB: the zero-length body item, an acknowledgement of the peer\'s message (frames 7, 19)', () => {
    expect(one(f(7), 'l2tp.zero_length_body_message')).toMatchObject({ pos: L, size: 0 });
    expect(one(f(7), 'l2tp')).toMatchObject({ size: 12 });
    expect(all(f(7), 'l2tp.avp.type')).toHaveLength(0);
    expect(one(f(7), 'l2tp.analysis.acks_frame')).toMatchObject({ v: 5, generated: true });
    expect(expertIds(f(7))).toContain('l2tp.zlb_ack');
    expect(one(f(19), 'l2tp.analysis.acks_frame').v).toBe(18);
    expect(one(f(19), 'l2tp.analysis.ack_rtt').v).toBeCloseTo(6.013449 - 6.013275, 6);
    expect(expertIds(f(19))).toContain('l2tp.zlb_ack');
  });

  it('the retransmitted StopCCN and the late ZLBs (frames 20-25)', () => {
    for (const n of [22, 24]) {
      expect(one(f(n), 'l2tp.analysis.retransmitted_frame')).toMatchObject({ v: 18, generated: true });
      expect(all(f(n), 'l2tp.analysis.spurious_retransmission')).toHaveLength(1);
      expect(expertIds(f(n))).toContain('l2tp.spurious_retransmission');
      // A retransmission is not a second teardown.
      expect(expertIds(f(n))).not.toContain('l2tp.stopccn');
    }
    for (const n of [20, 21, 23, 25]) expect(expertIds(f(n))).toContain('l2tp.duplicate_ack');
    expect(all(f(18), 'l2tp.analysis.retransmission')).toHaveLength(0);
    // xl2tpd's Nr=4 acknowledges an Ns the LNS never sent (its ZLBs do not count, RFC 2661 §5.8).
    expect(f(18).experts.find((e) => e.id === 'l2tp.nr_ahead')?.message).toBe('Nr=4 acknowledges messages the peer never sent (its next Ns is 3)');
  });

  it('ties every message to its tunnel, session and sender', () => {
    expect(one(f(3), 'l2tp.sender').v).toBe('LAC');
    expect(one(f(3), 'l2tp.sender').text).toBe('Sent by: LAC (assumed: the SCCRQ sender is taken as the LAC)');
    expect(one(f(6), 'l2tp.sender').text).toBeUndefined();
    expect(one(f(4), 'l2tp.sender').v).toBe('LNS');
    for (const n of [3, 7, 13, 25]) expect(one(f(n), 'l2tp.tunnel_index').v).toBe(0);
    expect(one(f(8), 'l2tp.lac_session_id').v).toBe(62846);
    expect(one(f(8), 'l2tp.lns_session_id').v).toBe(14899);
    expect(one(f(13), 'l2tp.lac_tunnel_id').v).toBe(33934);
    expect(one(f(13), 'l2tp.lns_tunnel_id').v).toBe(23420);
    expect(one(f(13), 'l2tp.inside_ipsec').v).toBe(false);
  });

  it('exports the tunnel/session table', () => {
    const table = l2tpTunnelTable(engine);
    expect(table).toHaveLength(1);
    const t = table[0];
    expect(t).toMatchObject({
      version: 2, tunnelIds: [33934, 23420], roles: 'call-messages', established: true, closed: true,
      retransmissions: 2, duplicateAcks: 5, outOfOrder: 0, firstFrame: 3, lastFrame: 25, insideIpsec: false, clearMessages: 21,
    });
    expect(t.ends[0]).toMatchObject({ role: 'LAC', address: '10.200.2.1', tunnelId: 33934, hostName: 'vm', vendorName: 'xelerance.com', receiveWindow: 4, controlMessages: 10 });
    expect(t.ends[1]).toMatchObject({ role: 'LNS', address: '10.200.2.2', tunnelId: 23420, controlMessages: 11 });
    expect(t.controlMessages).toEqual({ SCCRQ: 1, SCCRP: 1, SCCCN: 1, ICRQ: 1, ICRP: 1, ICCN: 1, CDN: 2, StopCCN: 3, ZLB: 10 });
    expect(t.results.map((r) => [r.frame, r.message, r.from, r.resultCode])).toEqual([[12, 'CDN', 'LNS', 1], [13, 'CDN', 'LAC', 1], [18, 'StopCCN', 'LAC', 1]]);
    expect(t.sessions).toHaveLength(1);
    expect(t.sessions[0]).toMatchObject({ lacSessionId: 62846, lnsSessionId: 14899, callSerialNumber: 1, established: true, closed: true, firstFrame: 6, lastFrame: 15 });
    expect(t.sessions[0].result?.frame).toBe(12);
    expect(t.sessions[0].data.fromLac).toEqual({ packets: 0, bytes: 0 });
    expect(l2tpUnacknowledged(engine)).toEqual([]);
  });

  it('the fast path (no tree) reaches the same table', () => {
    const fast = new Engine({ tree: false, columns: false });
    for (const pk of frames) fast.dissect(pk);
    expect(l2tpTunnelTable(fast)).toEqual(l2tpTunnelTable(engine));
  });
});

describe.skipIf(!haveCaptures)('Ns/Nr analysis on edited copies of the xl2tpd capture', async () => {
  const frames = haveCaptures ? await loadFrames(capture(XL2TPD)) : [];
  const n = (k: number) => frames[k - 1];

  it('without the LNS\'s ZLBs the StopCCN stays unacknowledged, retransmitted twice', () => {
    const { engine, packets } = dissectAll(frames.filter((_, i) => ![19, 20, 23, 25].includes(i + 1)));
    const un = l2tpUnacknowledged(engine);
    expect(un).toEqual([{ tunnelIndex: 0, frame: 18, ns: 5, msgType: 4, from: 'LAC', fromAddress: '10.200.2.1', retransmissions: 2 }]);
    const retrans = packets.filter((p) => expertIds(p).includes('l2tp.retransmission'));
    expect(retrans.map((p) => one(p, 'l2tp.analysis.retransmitted_frame').v)).toEqual([18, 18]);
  });

  it('a message that overtakes another is out of order, and so is the late one', () => {
    // ICRQ (Ns=2) before SCCCN (Ns=1).
    const order = [3, 4, 6, 5, 7, 8];
    const { packets } = dissectAll(order.map(n));
    expect(one(packets[2], 'l2tp.Ns').v).toBe(2);
    expect(one(packets[2], 'l2tp.analysis.expected_ns').v).toBe(1);
    expect(expertIds(packets[2])).toContain('l2tp.out_of_order');
    expect(one(packets[3], 'l2tp.analysis.expected_ns').v).toBe(3);
    expect(all(packets[3], 'l2tp.analysis.retransmission')).toHaveLength(0);
  });

  it('more unacknowledged messages than the peer\'s window of 4 are out of window', () => {
    // SCCRQ, SCCRP (Nr=1), SCCCN (Ns=1), ICRQ (Ns=2), then the ICRQ again as Ns=3, 4, 5 with no ack.
    const copies = [3, 4, 5].map((ns) => {
      const c = { ...n(6), data: Uint8Array.from(n(6).data) };
      c.data[42 + 9] = ns;
      return c;
    });
    const { packets } = dissectAll([n(3), n(4), n(5), n(6), ...copies]);
    expect(packets.slice(0, 6).every((p) => !expertIds(p).includes('l2tp.out_of_window'))).toBe(true);
    const last = packets[6];
    expect(one(last, 'l2tp.Ns').v).toBe(5);
    expect(one(last, 'l2tp.analysis.outstanding').v).toBe(5);
    expect(one(last, 'l2tp.analysis.window').v).toBe(4);
    expect(expertIds(last)).toContain('l2tp.out_of_window');
  });

  it('the same frames dissected twice in one run are retransmissions', () => {
    const { engine } = dissectAll([n(3), n(3), n(4)]);
    expect(l2tpTunnelTable(engine)[0].retransmissions).toBe(1);
    expect(l2tpTunnelTable(engine)).toHaveLength(1);
  });
});

describe.skipIf(!haveCaptures)('fuzzed L2TP (tcpdump-l2tp-avp-overflow.pcap)', async () => {
  const frames = haveCaptures ? await loadFrames(capture('tcpdump-l2tp-avp-overflow.pcap')) : [];

  it('flags every truncated message and never throws, with and without a tree', () => {
    const { packets } = dissectAll(frames);
    expect(packets).toHaveLength(20);
    const l2tp = packets.filter((p) => p.protocols.includes('l2tp'));
    expect(l2tp.map((p) => p.num)).toEqual([1, 2, 3, 4, 5, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20]);
    for (const p of l2tp) {
      expect(p.malformed).toBe(true);
      expect(p.experts.some((e) => e.group === 'malformed')).toBe(true);
      expect(one(p, 'l2tp.length')).toMatchObject({ v: 514, pos: 44, size: 2 });
      expect(one(p, 'l2tp.tunnel').v).toBe(560);
      expect(one(p, 'l2tp')).toMatchObject({ pos: 42, size: 16 });
    }
    expect(one(packets[0], 'l2tp.avp.type')).toMatchObject({ v: 60963, pos: 54, size: 2 });
    expect(expertIds(packets[0])).toContain('l2tp.vendor_specific_avp_data');
    expect(() => dissectAll(frames, {}, false)).not.toThrow();
  });
});

describe.skipIf(!haveCaptures)('L2TP data message nested in PPPoE (packetnet-l2tp-data-in-pppoe.pcap)', async () => {
  const frames = haveCaptures ? await loadFrames(capture('packetnet-l2tp-data-in-pppoe.pcap')) : [];

  it('the L2TP header read from the real bytes at offset 50', () => {
    // The L2TP message of this frame starts after Ethernet, PPPoE, PPP, IPv4 and UDP.
    const engine = new Engine({ tree: true, columns: true });
    const pkt = new Packet(engine, true, engine.interest);
    pkt.num = 1;
    const bytes = frames[0].data.subarray(50);
    pkt.addSource('L2TP message', bytes);
    expect(dissectL2tpUdp(Tvb.of(bytes), pkt, pkt.tree)).toBe(bytes.length);
    expect(one(pkt, 'l2tp')).toMatchObject({ pos: 0, size: 8 });
    expect(one(pkt, 'l2tp.flags')).toMatchObject({ v: 0x0302, text: 'Flags: 0x0302, Type: Data Message, Offset bit, Priority' });
    expect(one(pkt, 'l2tp.type').v).toBe(0);
    expect(one(pkt, 'l2tp.offset_bit').v).toBe(true);
    expect(one(pkt, 'l2tp.priority').v).toBe(true);
    expect(all(pkt, 'l2tp.length')).toHaveLength(0);
    expect(one(pkt, 'l2tp.tunnel')).toMatchObject({ v: 18994, pos: 2, size: 2 });
    expect(one(pkt, 'l2tp.session')).toMatchObject({ v: 54110, pos: 4, size: 2 });
    expect(one(pkt, 'l2tp.offset')).toMatchObject({ v: 0, pos: 6, size: 2 });
    expect(all(pkt, 'l2tp.offset_padding')).toHaveLength(0);
    // L2TP's Info text, then PPP's (LCP Echo Request), as in tshark's one-line output.
    expect(pkt.protocols.slice(0, 3)).toEqual(['l2tp', 'ppp', 'lcp']);
    expect(pkt.info).toBe('Echo Request');
    // PPP in clear, and no IPsec around it.
    expect(pkt.experts.find((e) => e.id === 'l2tp.cleartext')?.severity).toBe('warn');
  });

  // The PPPoE layer comes from another dissector: this runs once it reaches L2TP.
  const whole = dissectAll(frames).packets[0];
  it.skipIf(!whole?.protocols.includes('l2tp'))('the whole frame: L2TP where Wireshark puts it', () => {
    const p = whole;
    expect(one(p, 'l2tp')).toMatchObject({ pos: 50, size: 8 });
    expect(one(p, 'l2tp.offset')).toMatchObject({ pos: 56, size: 2 });
  });
});
