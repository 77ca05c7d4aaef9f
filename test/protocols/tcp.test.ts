import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { defineProtocol, fieldsOf } from '../../src/core/fields.js';
import type { Packet } from '../../src/core/packet.js';
import { register } from '../../src/core/tables.js';
import type { Tree } from '../../src/core/tree.js';
import type { Tvb } from '../../src/core/tvb.js';
import { MAX_STREAMS, tcpDissectPdus, tcpFlagsLetters, tcpFlagsText, type PduSpec } from '../../src/protocols/tcp.js';
import { MAX_DIRECTIONS, pendingBytes, trackedDirections } from '../../src/protocols/tcp-reassembly.js';
import { F, all, dissectCapture, frame, haveCaptures, one, tcpFrame, value, type Seg } from './tcp-helpers.js';

describe('TCP flag texts', () => {
  it('names set flags in Wireshark\'s order and shows them as letters', () => {
    expect(tcpFlagsText(0x012)).toBe('SYN, ACK');
    expect(tcpFlagsText(0x019)).toBe('FIN, PSH, ACK');
    expect(tcpFlagsText(0)).toBe('<None>');
    expect(tcpFlagsText(0x0c2)).toBe('SYN, ECE, CWR');
    expect(tcpFlagsLetters(0x012)).toBe('·······A··S·');
    expect(tcpFlagsLetters(0xfff)).toBe('RRRACEUAPRSF');
  });
});

describe.skipIf(!haveCaptures)('TCP on tcpdump-pptp.pcap (values and offsets as tshark 4.0 shows them)', async () => {
  const pk = haveCaptures ? await dissectCapture('tcpdump-pptp.pcap') : [];

  it('dissects the SYN header, options and Info', () => {
    const p = pk[0];
    expect(one(p, 'tcp.srcport')).toMatchObject({ v: 3025, pos: 34, size: 2 });
    expect(one(p, 'tcp.dstport')).toMatchObject({ v: 1723, pos: 36, size: 2 });
    expect(all(p, 'tcp.port').map((i) => i.v)).toEqual([3025, 1723]);
    expect(one(p, 'tcp.seq')).toMatchObject({ v: 0, pos: 38, size: 4 });
    expect(value(p, 'tcp.seq_raw')).toBe(3648253419);
    expect(one(p, 'tcp.nxtseq')).toMatchObject({ v: 1, pos: 34, size: 0 });
    expect(one(p, 'tcp.ack')).toMatchObject({ v: 0, pos: 42, size: 4 });
    expect(one(p, 'tcp.hdr_len')).toMatchObject({ v: 28, pos: 46, size: 1 });
    expect(one(p, 'tcp.flags')).toMatchObject({ v: 0x002, pos: 46, size: 2 });
    expect(value(p, 'tcp.flags.syn')).toBe(true);
    expect(one(p, 'tcp.flags.cwr')).toMatchObject({ v: false, pos: 47, size: 1 });
    expect(value(p, 'tcp.flags.str')).toBe('··········S·');
    expect(one(p, 'tcp.window_size_value')).toMatchObject({ v: 16384, pos: 48, size: 2 });
    expect(all(p, 'tcp.window_size_scalefactor')).toEqual([]);
    expect(one(p, 'tcp.checksum')).toMatchObject({ v: 0x531d, pos: 50, size: 2 });
    expect(value(p, 'tcp.checksum.status')).toBe(2);
    expect(one(p, 'tcp.options')).toMatchObject({ pos: 54, size: 8 });
    expect(one(p, 'tcp.options.mss_val')).toMatchObject({ v: 1460, pos: 56, size: 2 });
    expect(all(p, 'tcp.options.nop').map((i) => i.pos)).toEqual([58, 59]);
    expect(one(p, 'tcp.options.sack_perm')).toMatchObject({ pos: 60, size: 2 });
    expect(value(p, 'tcp.stream')).toBe(0);
    expect(value(p, 'tcp.completeness')).toBe(0);
    expect(p.info).toBe('3025 → 1723 [SYN] Seq=0 Win=16384 Len=0 MSS=1460 SACK_PERM');
    expect(p.experts.map((e) => e.id)).toContain('tcp.connection.syn');
  });

  it('flags the SYN-ACK sent twice as a retransmission with its RTO', () => {
    const p = pk[2];
    expect(p.info.startsWith('[TCP Retransmission] 1723 → 3025 [SYN, ACK] Seq=0 Ack=1 Win=32120')).toBe(true);
    expect(value(p, 'tcp.analysis.rto') as number).toBeCloseTo(0.000106, 9);
    expect(value(p, 'tcp.analysis.rto_frame')).toBe(2);
    expect(value(p, 'tcp.completeness')).toBe(3);
  });

  it('ties the handshake ACK to the SYN-ACK it acknowledges and measures the iRTT', () => {
    const p = pk[3];
    expect(value(p, 'tcp.analysis.acks_frame')).toBe(2);
    expect(value(p, 'tcp.analysis.ack_rtt') as number).toBeCloseTo(0.000459, 9);
    expect(value(p, 'tcp.analysis.initial_rtt') as number).toBeCloseTo(0.000589, 9);
    expect(value(p, 'tcp.time_relative') as number).toBeCloseTo(0.000589, 9);
    expect(value(p, 'tcp.time_delta') as number).toBeCloseTo(0.000353, 9);
  });

  it('counts bytes in flight and hands the payload to PPTP', () => {
    const p = pk[4];
    expect(value(p, 'tcp.analysis.bytes_in_flight')).toBe(156);
    expect(value(p, 'tcp.analysis.push_bytes_sent')).toBe(156);
    expect(value(p, 'tcp.window_size_scalefactor')).toBe(-2);
    expect(one(p, 'tcp.payload')).toMatchObject({ pos: 54, size: 156 });
    expect(p.protocols).toContain('pptp');
  });

  it('numbers duplicate ACKs', () => {
    const p = pk[6];
    expect(value(p, 'tcp.analysis.duplicate_ack_num')).toBe(1);
    expect(value(p, 'tcp.analysis.duplicate_ack_frame')).toBe(6);
    expect(p.info).toBe('[TCP Dup ACK 6#1] 1723 → 3025 [ACK] Seq=1 Ack=157 Win=32120 Len=0');
  });

  it('does not hand a retransmitted PPTP message up again', () => {
    const p = pk[8];
    expect(p.protocols).not.toContain('pptp');
    expect(one(p, 'tcp.segment_data')).toMatchObject({ pos: 54, size: 156, text: 'Retransmitted TCP segment data (156 bytes)' });
    expect(p.info).toBe('[TCP Retransmission] 1723 → 3025 [PSH, ACK] Seq=1 Ack=157 Win=32120 Len=156');
    expect(value(p, 'tcp.analysis.rto_frame')).toBe(8);
  });

  it('tracks the connection to its close', () => {
    expect(value(pk[19], 'tcp.completeness')).toBe(31);
    expect(value(pk[19], 'tcp.analysis.rto_frame')).toBe(19);
    expect(value(pk[20], 'tcp.analysis.acks_frame')).toBe(19);
    expect(value(pk[21], 'tcp.nxtseq')).toBe(190);
  });
});

describe.skipIf(!haveCaptures)('TCP options, window scaling and SACK on shared captures', () => {
  it('reads timestamps and window scale, and scales only when both SYNs offered it', async () => {
    const pk = await dissectCapture('ndpi-pptp-control.pcap');
    expect(one(pk[0], 'tcp.options.wscale.shift')).toMatchObject({ v: 10, pos: 73, size: 1 });
    expect(value(pk[0], 'tcp.options.wscale.multiplier')).toBe(1024);
    expect(one(pk[0], 'tcp.options.timestamp.tsval')).toMatchObject({ v: 523297, pos: 62, size: 4 });
    expect(pk[0].info.endsWith('MSS=1460 SACK_PERM TSval=523297 TSecr=0 WS=1024')).toBe(true);
    expect(all(pk[1], 'tcp.options.eol').map((i) => i.pos)).toEqual([72, 73]);
    // The SYN-ACK carried no window scale option: scaling is off for the connection.
    expect(value(pk[2], 'tcp.window_size_scalefactor')).toBe(-2);
    expect(value(pk[2], 'tcp.window_size')).toBe(29200);
    // A RST without ACK shows the raw acknowledgment number.
    expect(one(pk[23], 'tcp.ack')).toMatchObject({ v: 0, text: undefined });
    expect(value(pk[23], 'tcp.completeness')).toBe(31);
  });

  it('scales windows, and reads SACK and D-SACK blocks relative to the other side', async () => {
    const pk = await dissectCapture('zeek-pppoe-over-qinq.pcap');
    expect(value(pk[2], 'tcp.window_size_value')).toBe(4096);
    expect(value(pk[2], 'tcp.window_size')).toBe(262144);
    expect(value(pk[2], 'tcp.window_size_scalefactor')).toBe(64);
    const p = pk[13];
    expect(one(p, 'tcp.options.sack_le')).toMatchObject({ v: 1, pos: 74, size: 4 });
    expect(one(p, 'tcp.options.sack_re')).toMatchObject({ v: 1441, pos: 78, size: 4 });
    expect(value(p, 'tcp.options.sack.count')).toBe(1);
    expect(value(p, 'tcp.options.sack.dsack_le')).toBe(1);
    expect(value(p, 'tcp.analysis.duplicate_ack_frame')).toBe(10);
    expect(p.experts.map((e) => e.id)).toContain('tcp.options.sack.dsack');
    expect(pk[12].info.startsWith('[TCP Spurious Retransmission] 443 → 20394')).toBe(true);
  });

  it('dissects TCP inside reassembled IPv4 fragments, with positions in the reassembled bytes', async () => {
    const pk = await dissectCapture('suricata-ppp-ipv4-fragments.pcap');
    const p = pk[2];
    expect(one(p, 'tcp.srcport')).toMatchObject({ v: 12345, pos: 0, size: 2 });
    expect(one(p, 'tcp.srcport').ds).toBeGreaterThan(0);
    expect(value(p, 'tcp.options.wscale.multiplier')).toBe(16384);
  });
});

// ---- PDU reassembly, with a small PDU format of the test's own: a 2-byte length, then the body ----

const TEST_PORT = 47047;
const testProto = defineProtocol({ abbrev: 'tpdu', name: 'Test PDU', short: 'TPDU' });
const hfBody = fieldsOf('tpdu')('body', 'Body', 'bytes');
const seen: Array<{ frame: number; hex: string; source: string }> = [];

const spec: PduSpec = {
  name: 'tpdu',
  fixedLen: 2,
  pduLen: (tvb: Tvb, off: number) => tvb.u16(off),
  dissect: (tvb: Tvb, pkt: Packet, tree: Tree) => {
    const t = tree.proto(testProto, tvb, 0, tvb.length);
    t.add(hfBody, tvb, 2, tvb.length - 2);
    seen.push({ frame: pkt.num, hex: Buffer.from(tvb.bytes(0, tvb.length)).toString('hex'), source: pkt.sources[tvb.ds].name });
    if (pkt.engine.columns) pkt.setInfo(`TPDU ${tvb.length}`);
  },
};
register('tcp.port', TEST_PORT, 'tpdu', (tvb, pkt, tree, data) => tcpDissectPdus(tvb, pkt, tree, data, spec));

function pdu(len: number, fill: number): number[] {
  return [len >> 8, len & 255, ...Array.from({ length: len - 2 }, () => fill)];
}

/** A connection to TEST_PORT: client segments carry the given bytes at the given relative sequence numbers. */
function run(segments: Array<{ rel: number; bytes: number[] }>, client = 40000, tree = true): { engine: Engine; packets: Packet[] } {
  const engine = new Engine({ tree, columns: tree });
  const isn = 1000, sisn = 9000;
  const base: Omit<Seg, 'seq' | 'ack' | 'flags'> = { sp: client, dp: TEST_PORT };
  const frames = [
    tcpFrame(true, { ...base, seq: isn, ack: 0, flags: F.SYN }),
    tcpFrame(false, { sp: TEST_PORT, dp: client, seq: sisn, ack: isn + 1, flags: F.SYN | F.ACK }),
    tcpFrame(true, { ...base, seq: isn + 1, ack: sisn + 1, flags: F.ACK }),
    ...segments.map((s) => tcpFrame(true, { ...base, seq: isn + s.rel, ack: sisn + 1, flags: F.ACK | F.PSH, data: s.bytes })),
  ];
  const packets = frames.map((d, i) => engine.dissect(frame(d, i * 1000)));
  return { engine, packets };
}

describe('tcpDissectPdus: PDUs split across and packed into segments', () => {
  it('dissects every whole PDU in a segment and reassembles the one split across segments', () => {
    seen.length = 0;
    const p1 = pdu(5, 0xa1), p2 = pdu(4, 0xa2), p3 = pdu(10, 0xa3), p4 = pdu(6, 0xa4);
    const seg1 = [...p1, ...p2, ...p3.slice(0, 3)];
    const seg2 = [...p3.slice(3), p4[0]];
    const seg3 = p4.slice(1);
    const { packets } = run([
      { rel: 1, bytes: seg1 },
      { rel: 1 + seg1.length, bytes: seg2 },
      { rel: 1 + seg1.length + seg2.length, bytes: seg3 },
    ]);
    const [f4, f5, f6] = [packets[3], packets[4], packets[5]];

    expect(seen.filter((s) => s.frame === 4).map((s) => s.hex)).toEqual([
      Buffer.from(p1).toString('hex'), Buffer.from(p2).toString('hex'),
    ]);
    // The start of the third PDU is kept: shown as segment data, nothing else.
    expect(one(f4, 'tcp.segment_data')).toMatchObject({ pos: 54 + 9, size: 3, text: 'TCP segment data (3 bytes)' });
    expect(f4.info).toBe('TPDU 4');

    // Frame 5 completes the third PDU, from a new data source, and starts the fourth with one byte of its header.
    const third = seen.find((s) => s.frame === 5)!;
    expect(third.hex).toBe(Buffer.from(p3).toString('hex'));
    expect(third.source).toBe('Reassembled TCP (10 bytes)');
    expect(all(f5, 'tcp.segment').map((s) => [s.v, s.pos, s.size])).toEqual([[4, 0, 3], [5, 3, 7]]);
    expect(value(f5, 'tcp.segment.count')).toBe(2);
    expect(value(f5, 'tcp.reassembled.length')).toBe(10);
    expect(one(f5, 'tcp.segments').text).toBe('2 Reassembled TCP Segments (10 bytes): #4(3), #5(7)');
    expect(all(f5, 'tcp.segment_data').map((s) => [s.pos, s.size])).toEqual([[54, 7], [61, 1]]);

    // Frame 6 completes the fourth: its header was split after one byte.
    const fourth = seen.find((s) => s.frame === 6)!;
    expect(fourth.hex).toBe(Buffer.from(p4).toString('hex'));
    expect(all(f6, 'tcp.segment').map((s) => [s.v, s.size])).toEqual([[5, 1], [6, 5]]);
    expect(seen).toHaveLength(4);
  });

  it('marks a segment that only starts a PDU as "TCP segment of a reassembled PDU"', () => {
    seen.length = 0;
    const big = pdu(40, 0xb0);
    const { packets } = run([{ rel: 1, bytes: big.slice(0, 15) }, { rel: 16, bytes: big.slice(15, 30) }, { rel: 31, bytes: big.slice(30) }], 40001);
    expect(packets[3].info).toBe('40001 → 47047 [PSH, ACK] Seq=1 Ack=1 Win=8192 Len=15 [TCP segment of a reassembled PDU]');
    expect(packets[3].protocol).toBe('TCP');
    expect(packets[4].info.endsWith('[TCP segment of a reassembled PDU]')).toBe(true);
    expect(packets[5].info).toBe('TPDU 40');
    expect(seen.map((s) => s.frame)).toEqual([6]);
    expect(one(packets[5], 'tcp.segments').text).toBe('3 Reassembled TCP Segments (40 bytes): #4(15), #5(15), #6(10)');
  });

  it('does not feed a retransmitted segment twice', () => {
    seen.length = 0;
    const big = pdu(30, 0xc0);
    const first = big.slice(0, 12);
    const { packets } = run([{ rel: 1, bytes: first }], 40002);
    const engine = packets[0].engine;
    const send = (rel: number, bytes: number[], n: number) =>
      engine.dissect(frame(tcpFrame(true, { sp: 40002, dp: TEST_PORT, seq: 1000 + rel, ack: 9001, flags: F.ACK | F.PSH, data: bytes }), 10_000 + n));
    expect(pendingBytes(packets[3], 0, 0)).toBe(12);
    // The copy goes to the reassembly (a PDU is in progress), which recognises bytes it already holds.
    const again = send(1, first, 1);
    expect(one(again, 'tcp.segment_data').text).toBe('Retransmitted TCP segment data (12 bytes)');
    expect(pendingBytes(again, 0, 0)).toBe(12);
    // A copy that overlaps the held bytes and brings new ones adds only the new ones.
    const overlap = send(7, big.slice(6, 20), 2);
    expect(pendingBytes(overlap, 0, 0)).toBe(20);
    const last = send(21, big.slice(20), 3);
    expect(seen).toHaveLength(1);
    expect(seen[0].hex).toBe(Buffer.from(big).toString('hex'));
    expect(all(last, 'tcp.segment').map((s) => [s.v, s.pos, s.size])).toEqual([[4, 0, 12], [6, 12, 8], [7, 20, 10]]);
  });

  it('fills a gap when a segment of the PDU arrives late', () => {
    seen.length = 0;
    const big = pdu(300, 0x5a).map((b, i) => (i < 2 ? b : i & 255));
    const { packets } = run([
      { rel: 1, bytes: big.slice(0, 100) },
      { rel: 201, bytes: big.slice(200) },
      { rel: 101, bytes: big.slice(100, 200) },
    ], 40004);
    expect(packets[4].info.startsWith('[TCP Previous segment not captured]')).toBe(true);
    expect(packets[5].info.startsWith('[TCP Out-Of-Order]')).toBe(true);
    expect(seen.map((s) => s.frame)).toEqual([6]);
    expect(seen[0].hex).toBe(Buffer.from(big).toString('hex'));
    expect(all(packets[5], 'tcp.segment').map((s) => [s.v, s.pos, s.size])).toEqual([[4, 0, 100], [6, 100, 100], [5, 200, 100]]);
  });

  it('gives up on a direction whose PDU length cannot be right, and shows the rest as data', () => {
    seen.length = 0;
    const { packets } = run([{ rel: 1, bytes: [...pdu(4, 0xd0), 0, 0, 1, 2] }, { rel: 9, bytes: pdu(4, 0xd1) }], 40003);
    expect(seen.map((s) => s.frame)).toEqual([4]);
    expect(packets[3].experts.map((e) => e.id)).toContain('tcp.reassembly.bad_length');
    expect(one(packets[3], 'data.data')).toMatchObject({ pos: 58, size: 4 });
    expect(one(packets[4], 'data.data')).toMatchObject({ pos: 54, size: 4 });
  });
});

describe('bounded memory', () => {
  it('keeps at most MAX_DIRECTIONS directions with a PDU in progress, with one note', () => {
    const engine = new Engine({ tree: false, columns: false });
    let notes = 0;
    let last: Packet | undefined;
    const half = pdu(8, 0xee).slice(0, 4);
    for (let i = 0; i <= MAX_DIRECTIONS; i++) {
      const d = tcpFrame(true, { sp: 1024 + (i % 60000), dp: TEST_PORT, seq: 77 + Math.floor(i / 60000), ack: 0, flags: F.ACK, data: half });
      // Distinct connections: vary the client address as well as the port.
      d[26 + 2] = (i >> 8) & 255;
      d[26 + 3] = i & 255;
      last = engine.dissect(frame(d, i));
      notes += last.experts.filter((e) => e.id === 'tcp.reassembly.evicted').length;
    }
    expect(trackedDirections(last!)).toBe(MAX_DIRECTIONS);
    expect(notes).toBe(1);
  });

  it('keeps at most MAX_STREAMS connections, forgetting the least recently seen, with one note', () => {
    const engine = new Engine({ tree: false, columns: false });
    let notes = 0;
    for (let i = 0; i <= MAX_STREAMS; i++) {
      const d = tcpFrame(true, { sp: 1024 + (i % 60000), dp: 80, seq: 1, ack: 0, flags: F.SYN });
      d[26 + 1] = (i >> 16) & 255;
      d[26 + 2] = (i >> 8) & 255;
      d[26 + 3] = i & 255;
      const p = engine.dissect(frame(d, i));
      notes += p.experts.filter((e) => e.id === 'tcp.streams.evicted').length;
    }
    const conns = engine.allStates().get('tcp.streams') as { map: Map<string, unknown>; next: number };
    expect(conns.map.size).toBe(MAX_STREAMS);
    expect(conns.next).toBe(MAX_STREAMS + 1);
    expect(notes).toBe(1);
  }, 60_000);
});
