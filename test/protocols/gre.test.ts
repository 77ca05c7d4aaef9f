/**
 * GRE and enhanced GRE against real captures: field values and byte offsets as tshark 4.0 gives
 * them, checksum verification, TEB and GRE-in-GRE hand-off, and the sequence analysis built by
 * editing the sequence numbers of real packets.
 */
import { describe, expect, it } from 'vitest';
import { BoundsError, Tvb } from '../../src/core/tvb.js';
import { Engine } from '../../src/core/engine.js';
import { fieldByName } from '../../src/core/fields.js';
import { dissectGre } from '../../src/protocols/gre.js';
import { MAX_CALLS, PptpTracker, trackedPptpCalls } from '../../src/sessions/pptp-calls.js';
import { all, bare, dissectAll, expertIds, haveCaptures, loadFrames, one, put } from './pptp-gre-helpers.js';

describe.skipIf(!haveCaptures)('GRE header fields (tshark 4.0 values and offsets)', () => {
  it('enhanced GRE with key and sequence number (pcapplusplus-pptp-gre-pap.cap frame 11)', async () => {
    const { packets } = dissectAll(await loadFrames('pcapplusplus-pptp-gre-pap.cap'));
    const p = packets[10];
    expect(one(p, 'gre')).toMatchObject({ pos: 34, size: 12 });
    expect(one(p, 'gre.flags_and_version')).toMatchObject({ v: 0x3001, pos: 34, size: 2 });
    expect(one(p, 'gre.flags.key').v).toBe(true);
    expect(one(p, 'gre.flags.sequence_number').v).toBe(true);
    expect(one(p, 'gre.flags.ack').v).toBe(false);
    expect(one(p, 'gre.flags.version').v).toBe(1);
    expect(one(p, 'gre.flags.reserved')).toMatchObject({ v: 0, pos: 34, size: 2 });
    expect(one(p, 'gre.proto')).toMatchObject({ v: 0x880b, pos: 36, size: 2 });
    expect(one(p, 'gre.key.payload_length')).toMatchObject({ v: 14, pos: 38, size: 2 });
    expect(one(p, 'gre.key.call_id')).toMatchObject({ v: 24, pos: 40, size: 2 });
    expect(one(p, 'gre.sequence_number')).toMatchObject({ v: 0, pos: 42, size: 4 });
    expect(all(p, 'gre.ack_number')).toHaveLength(0);
    expect(all(p, 'gre.key')).toHaveLength(0);
    expect(packets.flatMap(expertIds).filter((id) => id.startsWith('gre.'))).toEqual([]);
  });

  it('enhanced GRE without the Key bit breaks RFC 2637 §4.1', async () => {
    const frames = await loadFrames('pcapplusplus-pptp-gre-pap.cap');
    frames[10].data[34] = 0x10; // 0x3001 → 0x1001
    const { packets } = dissectAll(frames);
    expect(one(packets[10], 'gre.flags_and_version').v).toBe(0x1001);
    expect(one(packets[10], 'gre.sequence_number')).toMatchObject({ v: 0x000e0018, pos: 38 });
    expect(packets[10].experts.find((e) => e.id === 'gre.enhanced.bad_flags')).toMatchObject({ severity: 'warn', group: 'protocol' });
    // The PAC's frame 13 acknowledges 0xFFFFFFFF, "nothing yet": not an acknowledgement of an unseen packet,
    // although with frame 11 no longer a keyed packet the PNS has sent nothing the call knows of.
    expect(one(packets[12], 'gre.ack_number').v).toBe(0xffffffff);
    expect(expertIds(packets[12])).not.toContain('gre.analysis.ack_unseen');
  });

  it('an acknowledgement-only packet has no payload and says so in Info (pcapplusplus-gre-mixed frame 2)', async () => {
    const { packets } = dissectAll(await loadFrames('pcapplusplus-gre-mixed.pcapng'));
    const p = packets[1];
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:gre');
    expect(one(p, 'gre.flags_and_version').v).toBe(0x2081);
    expect(one(p, 'gre.key.payload_length')).toMatchObject({ v: 0, pos: 38 });
    expect(one(p, 'gre.key.call_id')).toMatchObject({ v: 6, pos: 40 });
    expect(one(p, 'gre.ack_number')).toMatchObject({ v: 26, pos: 42, size: 4 });
    expect(p.info).toBe('Encapsulated PPP (acknowledgement only, Ack=26)');
  });

  it('sequence and acknowledgement numbers together (pcapplusplus-gre-mixed frame 1)', async () => {
    const { packets } = dissectAll(await loadFrames('pcapplusplus-gre-mixed.pcapng'));
    const p = packets[0];
    expect(one(p, 'gre')).toMatchObject({ pos: 34, size: 16 });
    expect(one(p, 'gre.sequence_number')).toMatchObject({ v: 34, pos: 42 });
    expect(one(p, 'gre.ack_number')).toMatchObject({ v: 17, pos: 46 });
    expect(p.protocols.slice(0, 4).join(':')).toBe('eth:ethertype:ip:gre');
  });

  it('verifies a good checksum, and GRE in GRE down to a keepalive (frame 3)', async () => {
    const { packets } = dissectAll(await loadFrames('pcapplusplus-gre-mixed.pcapng'));
    const p = packets[2];
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:gre:ip:gre');
    expect(one(p, 'gre.checksum')).toMatchObject({ v: 0x77ff, pos: 38, size: 2 });
    expect(one(p, 'gre.checksum.status')).toMatchObject({ v: 1, pos: 38, size: 0, generated: true });
    expect(one(p, 'gre.offset')).toMatchObject({ v: 0, pos: 40, size: 2 });
    expect(all(p, 'gre.proto').map((x) => [x.v, x.pos])).toEqual([[0x0800, 36], [0x0000, 64]]);
    expect(all(p, 'gre').map((x) => [x.pos, x.size])).toEqual([[34, 8], [62, 4]]);
    expect(expertIds(p)).not.toContain('gre.checksum.incorrect');
  });

  it('flags a wrong checksum with the value it should have', async () => {
    const frames = await loadFrames('pcapplusplus-gre-mixed.pcapng');
    frames[2].data[39] ^= 0x01;
    const { packets } = dissectAll(frames);
    const p = packets[2];
    expect(one(p, 'gre.checksum').v).toBe(0x77fe);
    expect(one(p, 'gre.checksum.status').v).toBe(0);
    const e = p.experts.find((x) => x.id === 'gre.checksum.incorrect');
    expect(e?.severity).toBe('warn');
    expect(e?.message).toBe('Incorrect GRE Checksum [should be 0x77ff]');
  });

  it('a 32-bit key and transparent Ethernet bridging (frame 7)', async () => {
    const { packets } = dissectAll(await loadFrames('pcapplusplus-gre-mixed.pcapng'));
    const p = packets[6];
    expect(one(p, 'gre.key')).toMatchObject({ v: 0x0000fde8, pos: 38, size: 4 });
    expect(all(p, 'gre.key.call_id')).toHaveLength(0);
    expect(p.protocols.slice(0, 7).join(':')).toBe('eth:ethertype:ip:gre:eth:ethertype:ip');
    expect(all(p, 'eth').map((x) => x.pos)).toEqual([0, 42]);
  });

  it('enhanced GRE in IPv4 in IPv6 on a VLAN (zeek-gre-pptp-vlan-ipv6.pcap frame 1)', async () => {
    const { packets } = dissectAll(await loadFrames('zeek-gre-pptp-vlan-ipv6.pcap'));
    const p = packets[0];
    expect(p.protocols.slice(0, 7).join(':')).toBe('eth:ethertype:vlan:ethertype:ipv6:ip:gre');
    expect(one(p, 'gre.flags_and_version')).toMatchObject({ v: 0x3081, pos: 78 });
    expect(one(p, 'gre.key.payload_length')).toMatchObject({ v: 103, pos: 82 });
    expect(one(p, 'gre.key.call_id')).toMatchObject({ v: 6016, pos: 84 });
    expect(one(p, 'gre.sequence_number')).toMatchObject({ v: 430001, pos: 86 });
    expect(one(p, 'gre.ack_number')).toMatchObject({ v: 539254, pos: 90 });
  });

  it('an IP-fragmented GRE packet is dissected once reassembled (suricata-gre-outer-ip-fragments frame 2)', async () => {
    const { packets } = dissectAll(await loadFrames('suricata-gre-outer-ip-fragments.pcap'));
    expect(packets[0].protocols).not.toContain('gre');
    const gre = one(packets[1], 'gre.proto');
    expect(gre.v).toBe(0x0800);
    expect(gre.pos).toBe(2);
  });
});

describe.skipIf(!haveCaptures)('GRE analysis without PPTP control (flowcontainer-pptp-gre-mppe.pcap)', () => {
  it('notes once that the control connection is not in the capture, and pairs the two directions', async () => {
    const { packets, engine } = dissectAll((await loadFrames('flowcontainer-pptp-gre-mppe.pcap')).slice(0, 6));
    const notes = packets.flatMap((p) => p.experts).filter((e) => e.id === 'gre.analysis.no_control');
    expect(notes).toHaveLength(1);
    expect(packets.some((p) => expertIds(p).includes('gre.analysis.unknown_call'))).toBe(false);
    const calls = trackedPptpCalls(engine);
    expect(calls).toHaveLength(1);
    const c = calls[0];
    expect(c.kind).toBe('gre-only');
    expect(c.pns.addr).toBe('172.16.30.107');
    expect(c.pac.addr).toBe('155.138.217.96');
    // Each side puts the peer's call ID in the key: 55936 goes to .96, 2035 to .107.
    expect(c.pac.callId).toBe(55936);
    expect(c.pns.callId).toBe(2035);
    expect(c.pns.gre).toMatchObject({ packets: 4, bytes: 167 + 167 + 170 + 170, lost: 0, firstFrame: 1, lastFrame: 5 });
    expect(c.pac.gre).toMatchObject({ packets: 2, ackOnly: 2, bytes: 0, firstFrame: 4, lastFrame: 6 });
    expect(one(packets[3], 'gre.analysis.call').v).toBe(1);
  });

  it('finds a duplicate, a gap and a late packet made by editing sequence numbers', async () => {
    const frames = (await loadFrames('flowcontainer-pptp-gre-mppe.pcap')).slice(0, 3);
    const late = { ...frames[1], data: Uint8Array.from(frames[1].data) };
    put(frames[1].data, 42, 9603, 4); // frame 2 repeats frame 1's sequence number
    frames.push(late); // and 9604 turns up after 9605
    const { packets, engine } = dissectAll(frames);
    expect(one(packets[1], 'gre.sequence_number').v).toBe(9603);
    expect(one(packets[1], 'gre.analysis.duplicate_of').v).toBe(1);
    expect(expertIds(packets[1])).toContain('gre.analysis.duplicate');
    expect(one(packets[2], 'gre.analysis.lost_packets').v).toBe(1);
    expect(one(packets[2], 'gre.analysis.expected_seq').v).toBe(9604);
    const lost = packets[2].experts.find((e) => e.id === 'gre.analysis.lost');
    expect(lost).toMatchObject({ severity: 'warn', group: 'sequence' });
    expect(lost?.message).toBe('1 GRE packet missing before this one (expected Sequence Number 9604)');
    expect(all(packets[3], 'gre.analysis.out_of_order')).toHaveLength(1);
    expect(expertIds(packets[3])).toContain('gre.analysis.out_of_order');
    // The late packet filled the gap: nothing is lost in the end.
    const s = trackedPptpCalls(engine)[0].pns.gre;
    expect(s).toMatchObject({ packets: 4, duplicates: 1, outOfOrder: 1, lost: 0 });
  });

  it('flags a payload length that is not the real payload', async () => {
    const frames = (await loadFrames('flowcontainer-pptp-gre-mppe.pcap')).slice(0, 1);
    put(frames[0].data, 38, 100, 2);
    const { packets } = dissectAll(frames);
    expect(one(packets[0], 'gre.key.payload_length').v).toBe(100);
    expect(one(packets[0], 'gre.analysis.payload_length')).toMatchObject({ v: 167, pos: 38, generated: true });
    const e = packets[0].experts.find((x) => x.id === 'gre.key.payload_length.mismatch');
    expect(e?.message).toBe('Payload Length 100 but 167 bytes follow the GRE header');
  });
});

describe.skipIf(!haveCaptures)('GRE over IPv6 and the fast path', () => {
  it('GRE straight over IPv6 goes through the same table (zeek frame 1 with its inner IPv4 header taken out)', async () => {
    const [fr] = await loadFrames('zeek-gre-pptp-vlan-ipv6.pcap');
    const d = fr.data;
    expect(d[24]).toBe(4); // IPv6 next header: IPv4
    const edited = new Uint8Array(d.length - 20);
    edited.set(d.subarray(0, 58));
    edited.set(d.subarray(78), 58);
    put(edited, 22, ((d[22] << 8) | d[23]) - 20, 2);
    edited[24] = 47;
    const { packets, engine } = dissectAll([{ ...fr, data: edited, len: edited.length }]);
    const p = packets[0];
    expect(p.protocols.slice(0, 6).join(':')).toBe('eth:ethertype:vlan:ethertype:ipv6:gre');
    expect(one(p, 'gre.key.call_id')).toMatchObject({ v: 6016, pos: 64 });
    expect(one(p, 'gre.ack_number')).toMatchObject({ v: 539254, pos: 70 });
    const c = trackedPptpCalls(engine)[0];
    expect(c.pns.addr).toBe('2402:f000:1:8e01::5555');
    expect(c.pac.callId).toBe(6016);
  });

  it('records the analysis fields asked for without building a tree', async () => {
    const frames = (await loadFrames('flowcontainer-pptp-gre-mppe.pcap')).slice(0, 3);
    put(frames[1].data, 42, 9605, 4);
    const engine = new Engine({ tree: false, columns: false });
    const lost = fieldByName('gre.analysis.lost_packets')!;
    const call = fieldByName('gre.analysis.call')!;
    engine.want(lost.id);
    engine.want(call.id);
    // The fast path may reuse its packet object: read each packet's values as it is dissected.
    const seen = frames.map((f) => {
      const p = engine.dissect(f);
      return { on: p.tree.on, lost: p.values(lost), call: p.values(call), experts: expertIds(p) };
    });
    expect(seen[0].on).toBe(false);
    expect(seen[1].lost).toEqual([1]);
    expect(seen[1].call).toEqual([1]);
    expect(seen[2].lost).toEqual([]);
    expect(seen[2].experts).toContain('gre.analysis.duplicate');
  });
});

describe('GRE from bytes', () => {
  it('walks routing SREs to the NULL entry and hands off after them', () => {
    // C and R bits, IPv4: checksum, offset, one SRE (AF 0x0800, offset 0, length 4), NULL SRE, then 1 byte.
    const b = Uint8Array.from([0xc0, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x08, 0x00, 0x00, 0x04, 10, 0, 0, 1, 0x00, 0x00, 0x00, 0x00, 0x45]);
    const { pkt } = bare(b);
    dissectGre(Tvb.of(b), pkt, pkt.tree);
    expect(all(pkt, 'gre.routing').map((x) => [x.pos, x.size])).toEqual([[8, 8], [16, 4]]);
    expect(all(pkt, 'gre.routing.address_family').map((x) => x.v)).toEqual([0x0800, 0]);
    expect(one(pkt, 'gre.routing.information')).toMatchObject({ pos: 12, size: 4 });
    // The R bit alone does not make the checksum verifiable: C is set here, so it is checked (and wrong).
    expect(one(pkt, 'gre.checksum.status').v).toBe(0);
    expect(one(pkt, 'gre')).toMatchObject({ pos: 0, size: 20 });
  });

  it('a truncated header is malformed, not a crash', () => {
    const b = Uint8Array.from([0x30, 0x01, 0x88, 0x0b, 0x00]);
    const { pkt } = bare(b);
    expect(() => dissectGre(Tvb.of(b), pkt, pkt.tree)).toThrow(BoundsError);
  });
});

describe('GRE call tracking memory', () => {
  it('stays bounded when every packet brings a new call ID', () => {
    const t = new PptpTracker();
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      t.gre({ frame: i + 1, time: i, src: '10.0.0.1', dst: '10.0.0.2', enhanced: true, key: i & 0xffff, seq: i, ack: null, payloadLen: 10 });
    }
    expect(t.evicted).toBe(true);
    expect(t.calls.length).toBeLessThanOrEqual(MAX_CALLS);
    expect(t.calls[t.calls.length - 1].lastFrame).toBe(n);
  });
});
