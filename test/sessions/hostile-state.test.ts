import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadFrames } from '../tree-query.js';
import { createEngine } from '../../src/engine-factory.js';
import '../../src/protocols/index.js';
import { ipsecSaTable, MAX_SAS } from '../../src/sessions/ipsec-sa.js';
import { L2tpTunnels, MAX_SENT_TOTAL, MAX_SESSIONS, l2tpTunnelTable, l2tpUnacknowledged, type L2tpObservation } from '../../src/sessions/l2tp-tunnels.js';

describe('hostile state', () => {
  it('a capture that opens more SAs than the table holds keeps MAX_SAS of them and says so once', async () => {
    // Frame 1 of the NULL-ESP sample (Ethernet, IPv6, ESP at byte 54), sent again with a new SPI each time.
    const [template] = await loadFrames(fileURLToPath(new URL('../../samples/esp-null.pcap', import.meta.url)));
    const engine = createEngine({ tree: false, columns: false });
    const extra = 5000;
    let notes = 0, first = 0;
    for (let i = 0; i < MAX_SAS + extra; i++) {
      const data = Uint8Array.from(template.data);
      new DataView(data.buffer).setUint32(54, 0x10000000 + i);
      const pkt = engine.dissect({ ...template, data });
      const n = pkt.experts.filter((e) => e.id === 'ipsec.sa_table_full').length;
      if (n && !first) first = pkt.num;
      notes += n;
    }
    const table = ipsecSaTable(engine);
    expect(table.size).toBe(MAX_SAS);
    expect(table.evicted).toBe(true);
    expect(notes).toBe(1);
    expect(first).toBe(MAX_SAS + 1);
    // The oldest were forgotten: the first SA kept is the one opened by packet extra + 1.
    expect(table.records()[0].spi).toBe(0x10000000 + extra);
  });
});

describe('hostile state: L2TP sessions', () => {
  /** An ICRQ (message type 10) from the LAC of tunnel `t`, assigning session `sid`. */
  const icrq = (t: number, sid: number, frame: number): L2tpObservation => ({
    frame, time: 1000, tsSec: 1000, tsNsec: 0, src: `10.${t >> 8}.${t & 255}.1`, dst: '192.0.2.1', srcPort: 1701, dstPort: 1701,
    version: 2, control: true, tunnelId: 100 + t, sessionId: 0, ns: 1, nr: 1, zlb: false, msgType: 10, dataBytes: 0,
    insideIpsec: false, assignedSessionId: sid,
  });
  const sccrq = (t: number, frame: number): L2tpObservation => ({
    ...icrq(t, 0, frame), tunnelId: 0, ns: 0, nr: 0, msgType: 1, assignedSessionId: undefined, assignedTunnelId: 1 + t,
  });

  it('sessions across all tunnels are capped at MAX_SESSIONS, not tunnels × sessions per tunnel', () => {
    const tracker = new L2tpTunnels();
    let frame = 0, full = -1;
    const tracked = new Set<unknown>();
    // 12 tunnels of up to 10,000 sessions each would be 120,000 sessions; the tracker holds 100,000.
    for (let t = 0; t < 12; t++) {
      tracker.observe(sccrq(t, ++frame));
      for (let sid = 1; sid <= 10_000; sid++) {
        const v = tracker.observe(icrq(t, sid, ++frame))!;
        if (v.session) tracked.add(v.session);
        if (v.sessionsFull && full < 0) full = frame;
      }
    }
    expect(tracked.size).toBe(MAX_SESSIONS);
    expect(tracker.sessionsFull).toBe(true);
    // The first untracked ICRQ is the one after 10 tunnels' 10,000 sessions (and their 11 SCCRQs).
    expect(full).toBe(10 * 10_001 + 2);
    expect(l2tpTunnelTable({ allStates: () => new Map([['l2tp.tunnels', tracker]]) } as never)
      .reduce((n, t) => n + t.sessions.length, 0)).toBe(MAX_SESSIONS);
  });

  it('control messages remembered across all tunnels are capped at MAX_SENT_TOTAL', () => {
    const tracker = new L2tpTunnels();
    let frame = 0;
    // 400 tunnels whose LAC sends 520 Hellos nobody acknowledges: 512 kept per side would be 204,800.
    for (let t = 0; t < 400; t++) {
      tracker.observe(sccrq(t, ++frame));
      for (let ns = 1; ns <= 520; ns++) tracker.observe({ ...icrq(t, 0, ++frame), ns, nr: 0, msgType: 6, assignedSessionId: undefined });
    }
    const held = l2tpUnacknowledged({ allStates: () => new Map([['l2tp.tunnels', tracker]]) } as never);
    expect(held).toHaveLength(MAX_SENT_TOTAL);
    // The first tunnels kept their newest 512 each; the last one, past the total, remembers nothing.
    expect(held.filter((m) => m.tunnelIndex === 0)).toHaveLength(512);
    expect(held.filter((m) => m.tunnelIndex === 399)).toHaveLength(0);
    // Once those tunnels are forgotten, their messages stop counting: a new tunnel remembers again.
    tracker.forgetIdle({ time: Infinity, frame: Infinity });
    tracker.observe(sccrq(400, ++frame));
    for (let ns = 1; ns <= 520; ns++) tracker.observe({ ...icrq(400, 0, ++frame), ns, nr: 0, msgType: 6, assignedSessionId: undefined });
    const after = l2tpUnacknowledged({ allStates: () => new Map([['l2tp.tunnels', tracker]]) } as never);
    expect(after).toHaveLength(512);
    expect(after.every((m) => m.tunnelIndex === 400)).toBe(true);
  });
});
