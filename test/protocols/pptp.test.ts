/**
 * PPTP control messages against real captures (values and offsets as tshark 4.0 gives them), the
 * magic-cookie and length checks, and the link from PPTP calls to their GRE streams, with the
 * sequence and window findings built by editing real packets.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/capture/types.js';
import { CONTROL, PptpTracker, trackedPptpCalls } from '../../src/sessions/pptp-calls.js';
import { Tvb } from '../../src/core/tvb.js';
import { dissectPptpMessage } from '../../src/protocols/pptp.js';
import { LAYOUTS } from '../../src/protocols/pptp-messages.js';
import { all, bare, dissectAll, expertIds, haveCaptures, loadFrames, one, put } from './pptp-gre-helpers.js';

const CRAFTED = 'pptp-gre-ppp-mschapv2-mppe-crafted-scapy.pcap';
/** Ethernet + IPv4 + TCP without options: where the PPTP message starts in the crafted capture. */
const P = 54;

describe.skipIf(!haveCaptures)('PPTP control messages (pptp-gre-ppp-mschapv2-mppe-crafted-scapy.pcap)', async () => {
  const frames = haveCaptures ? await loadFrames(CRAFTED) : [];
  const { packets } = dissectAll(frames);
  const f = (n: number) => packets[n - 1];

  it('Start-Control-Connection-Request: header, version, host and vendor names (frame 4)', () => {
    const p = f(4);
    expect(p.info).toBe('Start-Control-Connection-Request');
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:tcp:pptp');
    expect(one(p, 'pptp')).toMatchObject({ pos: P, size: 156 });
    expect(one(p, 'pptp.length')).toMatchObject({ v: 156, pos: P, size: 2 });
    expect(one(p, 'pptp.type')).toMatchObject({ v: 1, pos: P + 2, size: 2 });
    expect(one(p, 'pptp.magic_cookie')).toMatchObject({ v: 0x1a2b3c4d, pos: P + 4, size: 4, text: 'Magic Cookie: 0x1a2b3c4d (correct)' });
    expect(one(p, 'pptp.control_message_type')).toMatchObject({ v: 1, pos: P + 8, size: 2 });
    expect(all(p, 'pptp.reserved').map((x) => [x.pos, x.size])).toEqual([[P + 10, 2], [P + 14, 2]]);
    expect(one(p, 'pptp.protocol_version')).toMatchObject({ v: 256, pos: P + 12, size: 2, text: 'Protocol version: 1.0' });
    expect(one(p, 'pptp.framing_capabilities')).toMatchObject({ v: 3, pos: P + 16, size: 4 });
    expect(one(p, 'pptp.bearer_capabilities')).toMatchObject({ v: 3, pos: P + 20, size: 4 });
    expect(one(p, 'pptp.maximum_channels')).toMatchObject({ v: 0, pos: P + 24 });
    expect(one(p, 'pptp.firmware_revision')).toMatchObject({ v: 1, pos: P + 26 });
    expect(one(p, 'pptp.host_name')).toMatchObject({ v: 'hxclient', pos: P + 28, size: 64 });
    expect(one(p, 'pptp.vendor_name')).toMatchObject({ v: 'scapy crafted', pos: P + 92, size: 64 });
    expect(p.experts).toHaveLength(0);
  });

  it('Outgoing-Call-Request and -Reply, every field at its offset (frames 6, 7)', () => {
    const q = f(6);
    expect(q.info).toBe('Outgoing-Call-Request');
    expect(one(q, 'pptp.call_id')).toMatchObject({ v: 4369, pos: P + 12 });
    expect(one(q, 'pptp.call_serial_number')).toMatchObject({ v: 1, pos: P + 14 });
    expect(one(q, 'pptp.minimum_bps')).toMatchObject({ v: 2400, pos: P + 16, size: 4 });
    expect(one(q, 'pptp.maximum_bps')).toMatchObject({ v: 10000000, pos: P + 20 });
    expect(one(q, 'pptp.bearer_type')).toMatchObject({ v: 3, pos: P + 24 });
    expect(one(q, 'pptp.framing_type')).toMatchObject({ v: 3, pos: P + 28 });
    expect(one(q, 'pptp.packet_receive_window_size')).toMatchObject({ v: 64, pos: P + 32, size: 2 });
    expect(one(q, 'pptp.packet_processing_delay')).toMatchObject({ v: 0, pos: P + 34 });
    expect(one(q, 'pptp.phone_number_length')).toMatchObject({ v: 0, pos: P + 36 });
    expect(one(q, 'pptp.phone_number')).toMatchObject({ v: '', pos: P + 40, size: 64 });
    expect(one(q, 'pptp.subaddress')).toMatchObject({ v: '', pos: P + 104, size: 64 });
    const r = f(7);
    expect(r.info).toBe('Outgoing-Call-Reply');
    expect(one(r, 'pptp.call_id')).toMatchObject({ v: 8738, pos: P + 12 });
    expect(one(r, 'pptp.peer_call_id')).toMatchObject({ v: 4369, pos: P + 14 });
    expect(one(r, 'pptp.out_result')).toMatchObject({ v: 1, pos: P + 16, size: 1 });
    expect(one(r, 'pptp.error')).toMatchObject({ v: 0, pos: P + 17, size: 1 });
    expect(one(r, 'pptp.cause')).toMatchObject({ v: 0, pos: P + 18, size: 2 });
    expect(one(r, 'pptp.connect_speed')).toMatchObject({ v: 100000000, pos: P + 20 });
    expect(one(r, 'pptp.packet_receive_window_size')).toMatchObject({ v: 64, pos: P + 24 });
    expect(one(r, 'pptp.physical_channel_id')).toMatchObject({ v: 0, pos: P + 28, size: 4 });
    // vpnshark's link from the reply to its request and its call.
    expect(one(r, 'pptp.analysis.request_frame').v).toBe(6);
    expect(one(r, 'pptp.analysis.response_time').v).toBeCloseTo(0.01, 6);
    expect(one(r, 'pptp.analysis.call').v).toBe(1);
  });

  it('Set-Link-Info, Echo, Call-Clear, Call-Disconnect-Notify and Stop-Control-Connection', () => {
    expect(one(f(8), 'pptp.peer_call_id')).toMatchObject({ v: 8738, pos: P + 12 });
    expect(one(f(8), 'pptp.send_accm')).toMatchObject({ v: 0xffffffff, pos: P + 16 });
    expect(one(f(8), 'pptp.receive_accm')).toMatchObject({ v: 0xffffffff, pos: P + 20 });
    expect(one(f(35), 'pptp.identifier')).toMatchObject({ v: 257, pos: P + 12, size: 4 });
    expect(one(f(36), 'pptp.echo_result')).toMatchObject({ v: 1, pos: P + 16 });
    expect(one(f(36), 'pptp.analysis.request_frame').v).toBe(35);
    expect(one(f(41), 'pptp.call_id')).toMatchObject({ v: 4369, pos: P + 12 });
    const cdn = f(42);
    expect(cdn.info).toBe('Call-Disconnect-Notify');
    expect(one(cdn, 'pptp.disc_result')).toMatchObject({ v: 3, pos: P + 14 });
    expect(one(cdn, 'pptp.call_Statistics')).toMatchObject({ v: 'hx call cleared', pos: P + 20, size: 128 });
    expect(one(cdn, 'pptp.analysis.request_frame').v).toBe(41);
    expect(one(f(43), 'pptp.reason')).toMatchObject({ v: 1, pos: P + 12, size: 1 });
    expect(all(f(43), 'pptp.reserved').map((x) => [x.pos, x.size])).toEqual([[P + 10, 2], [P + 13, 1], [P + 14, 2]]);
    expect(one(f(44), 'pptp.stop_result')).toMatchObject({ v: 1, pos: P + 12 });
    expect(one(f(44), 'pptp.analysis.request_frame').v).toBe(43);
  });

  it('links each GRE direction to the call and to the control frame that announced its call ID', () => {
    // PNS 10.200.5.1 → PAC: the key holds the PAC's call ID 8738, announced in the OCRP (frame 7).
    expect(one(f(9), 'gre.key.call_id').v).toBe(8738);
    expect(one(f(9), 'gre.analysis.call').v).toBe(1);
    expect(one(f(9), 'gre.analysis.direction').v).toBe(1);
    expect(one(f(9), 'gre.analysis.setup_frame').v).toBe(7);
    // PAC → PNS: the PNS's call ID 4369 from the OCRQ (frame 6).
    expect(one(f(10), 'gre.key.call_id').v).toBe(4369);
    expect(one(f(10), 'gre.analysis.direction').v).toBe(2);
    expect(one(f(10), 'gre.analysis.setup_frame').v).toBe(6);
    for (const p of packets) {
      expect(expertIds(p).filter((id) => id.startsWith('gre.analysis') || id.startsWith('pptp.analysis'))).toEqual([]);
    }
  });

  it('keeps a call table for session summaries', () => {
    const calls = trackedPptpCalls(dissectAll(frames).engine);
    expect(calls).toHaveLength(1);
    const c = calls[0];
    expect(c).toMatchObject({
      index: 1, kind: 'outgoing', rolesKnown: true, requestFrame: 6, replyFrame: 7, resultCode: 1, errorCode: 0,
      connectSpeed: 100000000, clearFrame: 41, disconnectFrame: 42, disconnectResult: 3, callStatistics: 'hx call cleared',
      controlResult: 1, firstFrame: 6,
    });
    expect(c.pns).toMatchObject({ addr: '10.200.5.1', callId: 4369, receiveWindow: 64, hostName: 'hxclient', vendorName: 'scapy crafted' });
    expect(c.pac).toMatchObject({ addr: '10.200.5.2', callId: 8738, receiveWindow: 64, hostName: 'hxserver' });
    // GRE sent by each end: the PNS's frames 9, 11, 13, 16, 19, 20, 22, 24, 26, 28, 30, 32, 34 (ack only), 37, 39.
    expect(c.pns.gre).toMatchObject({ packets: 15, ackOnly: 1, lost: 0, duplicates: 0, outOfOrder: 0, firstFrame: 9, lastFrame: 39 });
    expect(c.pac.gre).toMatchObject({ packets: 15, ackOnly: 0, lost: 0, firstFrame: 10, lastFrame: 40 });
    expect(c.lastFrame).toBe(42);
  });
});

describe.skipIf(!haveCaptures)('PPTP checks and GRE findings built from edited real packets', () => {
  const copy = (fr: Frame): Frame => ({ ...fr, data: Uint8Array.from(fr.data) });

  it('an incorrect magic cookie is an error, and dissection goes on', async () => {
    const frames = await loadFrames(CRAFTED);
    frames[3].data[P + 7] = 0x4e;
    const p = dissectAll(frames).packets[3];
    expect(one(p, 'pptp.magic_cookie')).toMatchObject({ v: 0x1a2b3c4e, text: 'Magic Cookie: 0x1a2b3c4e (incorrect)' });
    const e = p.experts.find((x) => x.id === 'pptp.magic_cookie.incorrect');
    expect(e).toMatchObject({ severity: 'error', group: 'malformed' });
    expect(one(p, 'pptp.host_name').v).toBe('hxclient');
  });

  it('a length that is not the message type\'s is a warning', async () => {
    const frames = await loadFrames(CRAFTED);
    // The Call-Clear-Request (frame 41) says 20 octets and the segment carries 20: 4 bytes of trailing junk.
    const fr = frames[40];
    const grown = new Uint8Array(fr.data.length + 4);
    grown.set(fr.data);
    put(grown, 16, ((fr.data[16] << 8) | fr.data[17]) + 4, 2);
    put(grown, P, 20, 2);
    frames[40] = { ...fr, data: grown, len: grown.length };
    const p = dissectAll(frames).packets[40];
    expect(one(p, 'pptp.length').v).toBe(20);
    const e = p.experts.find((x) => x.id === 'pptp.length.bad');
    expect(e?.severity).toBe('warn');
    expect(e?.message).toBe('Length 20 does not match the 16 octets of a Call-Clear-Request');
    expect(one(p, 'pptp.call_id').v).toBe(4369);
  });

  it('a GRE call ID no call set up is flagged once the control connection was seen', async () => {
    const frames = await loadFrames(CRAFTED);
    put(frames[8].data, 40, 0x3333, 2);
    const { packets } = dissectAll(frames);
    const p = packets[8];
    expect(all(p, 'gre.analysis.unknown_call')).toHaveLength(1);
    const e = p.experts.find((x) => x.id === 'gre.analysis.unknown_call');
    expect(e?.message).toBe('GRE call ID 13107 from 10.200.5.1 to 10.200.5.2 was not set up by any PPTP call in this capture');
    expect(expertIds(packets[10])).not.toContain('gre.analysis.unknown_call');
  });

  it('a gap and a duplicate in one direction of the call', async () => {
    const frames = await loadFrames(CRAFTED);
    // The PNS's sequence numbers run 0 (frame 9), 1 (11), 2 (13), 3 (16), 4 (19), 5 (20).
    put(frames[12].data, 42, 3, 4); // frame 13: 2 → 3, so 2 is missing
    put(frames[15].data, 42, 3, 4); // frame 16 repeats 3
    const { packets, engine } = dissectAll(frames);
    expect(one(packets[12], 'gre.analysis.lost_packets').v).toBe(1);
    expect(one(packets[12], 'gre.analysis.expected_seq').v).toBe(2);
    expect(one(packets[15], 'gre.analysis.duplicate_of').v).toBe(13);
    expect(packets[15].experts.find((x) => x.id === 'gre.analysis.duplicate')).toMatchObject({ severity: 'warn', group: 'sequence' });
    const s = trackedPptpCalls(engine)[0].pns.gre;
    expect(s).toMatchObject({ lost: 1, duplicates: 1, outOfOrder: 0 });
    expect(trackedPptpCalls(engine)[0].pac.gre.lost).toBe(0);
  });

  it('an acknowledgement of a packet the peer never sent', async () => {
    const frames = await loadFrames(CRAFTED);
    // Frame 11 (PNS) acknowledges 0, the PAC's only packet so far; make it 7.
    put(frames[10].data, 46, 7, 4);
    const { packets } = dissectAll(frames);
    expect(all(packets[10], 'gre.analysis.ack_unseen')).toHaveLength(1);
    expect(packets[10].experts.find((x) => x.id === 'gre.analysis.ack_unseen')?.message)
      .toBe('Acknowledgment Number beyond the highest Sequence Number the peer sent (0)');
  });

  it('more packets in flight than the receive window the peer announced', async () => {
    const frames = await loadFrames(CRAFTED);
    put(frames[5].data, P + 32, 1, 2); // the PNS's OCRQ announces a window of 1
    const { packets, engine } = dissectAll(frames);
    expect(one(packets[5], 'pptp.packet_receive_window_size').v).toBe(1);
    // The PAC sends 4 (frame 17) and 5 (frame 18) while the PNS has acknowledged only 3.
    expect(one(packets[17], 'gre.sequence_number').v).toBe(5);
    expect(one(packets[17], 'gre.analysis.unacked').v).toBe(2);
    expect(one(packets[17], 'gre.analysis.window').v).toBe(1);
    expect(all(packets[17], 'gre.analysis.window_exceeded')).toHaveLength(1);
    expect(packets[17].experts.find((x) => x.id === 'gre.analysis.window_exceeded')?.message)
      .toBe('2 packets unacknowledged, more than the peer\'s Packet Receive Window Size 1 (frame 6)');
    expect(all(packets[16], 'gre.analysis.window_exceeded')).toHaveLength(0);
    expect(trackedPptpCalls(engine)[0].pac.gre.windowExceeded).toBeGreaterThan(0);
  });

  it('several messages in one segment are all dissected', async () => {
    const frames = await loadFrames(CRAFTED);
    // Frame 35 (Echo-Request) and frame 41 (Call-Clear-Request) are consecutive in the PNS's stream.
    const a = frames[34], b = frames[40];
    const joined = new Uint8Array(a.data.length + 16);
    joined.set(a.data);
    joined.set(b.data.subarray(P, P + 16), a.data.length);
    put(joined, 16, ((a.data[16] << 8) | a.data[17]) + 16, 2);
    const edited = frames.slice(0, 34).concat([{ ...a, data: joined, len: joined.length }], frames.slice(35, 40).map(copy), frames.slice(41));
    const { packets } = dissectAll(edited);
    const p = packets[34];
    expect(all(p, 'pptp').map((x) => [x.pos, x.size])).toEqual([[P, 16], [P + 16, 16]]);
    expect(all(p, 'pptp.control_message_type').map((x) => x.v)).toEqual([5, 12]);
    expect(p.info).toBe('Echo-Request, Call-Clear-Request');
  });

  it('a message split across two segments is dissected once, when whole', async () => {
    const frames = await loadFrames(CRAFTED);
    const fr = frames[3]; // the 156-octet SCCRQ
    const head = Uint8Array.from(fr.data.subarray(0, P + 100));
    put(head, 16, ((fr.data[16] << 8) | fr.data[17]) - 56, 2);
    const tail = new Uint8Array(P + 56);
    tail.set(fr.data.subarray(0, P));
    tail.set(fr.data.subarray(P + 100), P);
    put(tail, 16, ((fr.data[16] << 8) | fr.data[17]) - 100, 2);
    const seq = ((fr.data[38] << 24) >>> 0) + ((fr.data[39] << 16) | (fr.data[40] << 8) | fr.data[41]);
    put(tail, 38, seq + 100, 4);
    const edited = [...frames.slice(0, 3), { ...fr, data: head, len: head.length }, { ...fr, data: tail, len: tail.length }, ...frames.slice(4)];
    const { packets } = dissectAll(edited);
    expect(all(packets[3], 'pptp')).toHaveLength(0);
    const whole = packets[4];
    expect(all(whole, 'pptp')).toHaveLength(1);
    expect(one(whole, 'pptp.host_name').v).toBe('hxclient');
    expect(one(whole, 'pptp.vendor_name').v).toBe('scapy crafted');
    expect(whole.info).toContain('Start-Control-Connection-Request');
  });
});

describe.skipIf(!haveCaptures)('PPTP on other captures', () => {
  it('pcapplusplus-pptp-gre-pap.cap: the call and both GRE directions', async () => {
    const { packets, engine } = dissectAll(await loadFrames('pcapplusplus-pptp-gre-pap.cap'));
    expect(packets[5].info).toBe('Start-Control-Connection-Request');
    expect(one(packets[6], 'pptp.host_name').v).toBe('ixro-smdev-r1');
    expect(one(packets[6], 'pptp.vendor_name').v).toBe('Cisco Systems, Inc.');
    expect(one(packets[6], 'pptp.firmware_revision').v).toBe(4608);
    expect(one(packets[9], 'pptp.peer_call_id')).toMatchObject({ v: 1, pos: 68 });
    expect(one(packets[10], 'gre.analysis.setup_frame').v).toBe(10);
    expect(one(packets[12], 'gre.analysis.setup_frame').v).toBe(9);
    const c = trackedPptpCalls(engine)[0];
    expect(c.pns).toMatchObject({ addr: '20.0.0.2', callId: 1, receiveWindow: 10, hostName: 'local', vendorName: 'ixia' });
    expect(c.pac).toMatchObject({ addr: '20.0.0.1', callId: 24, receiveWindow: 16, hostName: 'ixro-smdev-r1' });
  });

  it('ndpi-pptp-control.pcap: a clear request and disconnect for the call set up', async () => {
    const { packets, engine } = dissectAll(await loadFrames('ndpi-pptp-control.pcap'));
    const infos = packets.filter((p) => p.protocols.includes('pptp')).map((p) => p.info);
    expect(infos).toEqual([
      'Start-Control-Connection-Request', 'Start-Control-Connection-Reply', 'Outgoing-Call-Request',
      'Outgoing-Call-Reply', 'Set-Link-Info', 'Set-Link-Info', 'Call-Clear-Request', 'Call-Disconnect-Notify',
    ]);
    const calls = trackedPptpCalls(engine);
    expect(calls).toHaveLength(1);
    expect(calls[0].clearFrame).toBe(16);
    expect(calls[0].disconnectFrame).toBe(23);
  });
});

describe('PPTP message layouts (RFC 2637 §2)', () => {
  it('every one of the 15 messages adds up to its RFC length', () => {
    expect([...LAYOUTS.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const lengths = [...LAYOUTS.values()].map((l) => [l.length, 12 + l.items.reduce((n, [, size]) => n + size, 0)]);
    for (const [rfc, sum] of lengths) expect(sum).toBe(rfc);
    expect(lengths.map(([rfc]) => rfc)).toEqual([156, 156, 16, 16, 16, 20, 168, 32, 220, 24, 28, 16, 148, 40, 24]);
  });

  it('an Incoming-Call-Request from bytes: fields at their RFC offsets', () => {
    const b = new Uint8Array(220);
    const w16 = (o: number, v: number) => put(b, o, v, 2);
    w16(0, 220); w16(2, 1); put(b, 4, 0x1a2b3c4d, 4); w16(8, 9);
    w16(12, 0x0102); w16(14, 7); put(b, 16, 2, 4); put(b, 20, 99, 4); w16(24, 3); w16(26, 4);
    b.set(new TextEncoder().encode('555'), 28);
    b.set(new TextEncoder().encode('0123'), 92);
    const { pkt } = bare(b);
    dissectPptpMessage(Tvb.of(b), pkt, pkt.tree);
    expect(pkt.info).toBe('Incoming-Call-Request');
    expect(one(pkt, 'pptp.call_id')).toMatchObject({ v: 0x0102, pos: 12 });
    expect(one(pkt, 'pptp.call_serial_number')).toMatchObject({ v: 7, pos: 14 });
    expect(one(pkt, 'pptp.bearer_type')).toMatchObject({ v: 2, pos: 16, size: 4 });
    expect(one(pkt, 'pptp.physical_channel_id')).toMatchObject({ v: 99, pos: 20 });
    expect(one(pkt, 'pptp.dialed_number_length')).toMatchObject({ v: 3, pos: 24 });
    expect(one(pkt, 'pptp.dialing_number_length')).toMatchObject({ v: 4, pos: 26 });
    expect(one(pkt, 'pptp.dialed_number')).toMatchObject({ v: '555', pos: 28, size: 64 });
    expect(one(pkt, 'pptp.dialing_number')).toMatchObject({ v: '0123', pos: 92, size: 64 });
    expect(one(pkt, 'pptp.subaddress')).toMatchObject({ v: '', pos: 156, size: 64 });
    expect(expertIds(pkt).filter((id) => id.startsWith('pptp.'))).toEqual([]);
  });

  it('an unknown control message type is named as Wireshark names it and shown as data', () => {
    const b = new Uint8Array(16);
    put(b, 0, 16, 2); put(b, 2, 1, 2); put(b, 4, 0x1a2b3c4d, 4); put(b, 8, 42, 2);
    const { pkt } = bare(b);
    dissectPptpMessage(Tvb.of(b), pkt, pkt.tree);
    expect(pkt.info).toBe('Unknown control type (42)');
    expect(expertIds(pkt)).toContain('pptp.control_message_type.unknown');
  });
});

describe('Incoming calls: ICRQ, ICRP, ICCN link both GRE directions', () => {
  const base = { srcPort: 1723, dstPort: 40000, sec: 0, nsec: 0 };
  const PAC = '192.0.2.1', PNS = '192.0.2.2';

  it('maps each call ID to the direction whose packets carry it', () => {
    const t = new PptpTracker();
    t.control({ ...base, type: CONTROL.SCCRQ, frame: 1, src: PAC, dst: PNS, hostName: 'pac' });
    t.control({ ...base, type: CONTROL.SCCRP, frame: 2, src: PNS, dst: PAC, srcPort: 40000, dstPort: 1723, result: 1, hostName: 'pns' });
    const q = t.control({ ...base, type: CONTROL.ICRQ, frame: 3, src: PAC, dst: PNS, callId: 100 });
    expect(q.call?.kind).toBe('incoming');
    const r = t.control({ ...base, type: CONTROL.ICRP, frame: 4, src: PNS, dst: PAC, srcPort: 40000, dstPort: 1723, callId: 200, peerCallId: 100, result: 1, window: 8 });
    expect(r.requestFrame).toBe(3);
    const c = t.control({ ...base, type: CONTROL.ICCN, frame: 5, src: PAC, dst: PNS, peerCallId: 200, window: 16, connectSpeed: 64000 });
    expect(c.requestFrame).toBe(4);
    expect(c.call).toBe(q.call);
    // The PNS sends to the PAC with the PAC's ID (from the ICRQ), the PAC to the PNS with the PNS's (from the ICRP).
    const toPac = t.gre({ frame: 6, time: 6, src: PNS, dst: PAC, enhanced: true, key: 100, seq: 0, ack: null, payloadLen: 20 });
    expect(toPac).toMatchObject({ dir: 'pns-to-pac', setupFrame: 3, unknownCall: false });
    const toPns = t.gre({ frame: 7, time: 7, src: PAC, dst: PNS, enhanced: true, key: 200, seq: 0, ack: 0, payloadLen: 20 });
    expect(toPns).toMatchObject({ dir: 'pac-to-pns', setupFrame: 4, ackUnseen: null, unacked: 1, window: 8 });
    const stray = t.gre({ frame: 8, time: 8, src: PAC, dst: PNS, enhanced: true, key: 201, seq: 0, ack: null, payloadLen: 20 });
    expect(stray.unknownCall).toBe(true);
    const wen = t.control({ ...base, type: CONTROL.WEN, frame: 9, src: PAC, dst: PNS, peerCallId: 200 });
    expect(wen.call).toBe(q.call);
    const bad = t.control({ ...base, type: CONTROL.CDN, frame: 10, src: PAC, dst: PNS, callId: 555, result: 3 });
    expect(bad.unknownCall).toBe(555);
    const call = q.call!;
    expect(call.pac).toMatchObject({ addr: PAC, callId: 100, receiveWindow: 16 });
    expect(call.pns).toMatchObject({ addr: PNS, callId: 200, receiveWindow: 8 });
    expect(call.connectSpeed).toBe(64000);
  });

  it('a refused call carries no GRE', () => {
    const t = new PptpTracker();
    t.control({ ...base, type: CONTROL.OCRQ, frame: 1, src: PNS, dst: PAC, srcPort: 40000, dstPort: 1723, callId: 5 });
    t.control({ ...base, type: CONTROL.OCRP, frame: 2, src: PAC, dst: PNS, callId: 6, peerCallId: 5, result: 4 });
    expect(t.calls[0].resultCode).toBe(4);
    const g = t.gre({ frame: 3, time: 3, src: PAC, dst: PNS, enhanced: true, key: 5, seq: 0, ack: null, payloadLen: 10 });
    expect(g.unknownCall).toBe(true);
  });
});
