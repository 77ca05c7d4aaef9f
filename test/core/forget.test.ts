import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Frame } from '../../src/capture/types.js';
import { loadFrames } from '../tree-query.js';
import { createEngine } from '../../src/engine-factory.js';
import '../../src/protocols/index.js';
import { IDLE_FRAMES, IDLE_SECONDS, SWEEP_FRAMES, idleBefore, type ForgetMode } from '../../src/core/forget.js';
import { ipsecSaTable } from '../../src/sessions/ipsec-sa.js';
import { pptpTracker } from '../../src/sessions/pptp-calls.js';
import { L2tpTunnels } from '../../src/sessions/l2tp-tunnels.js';
import { pppLinks } from '../../src/sessions/ppp-negotiation.js';
import { ikeSaTable } from '../../src/sessions/ike-sa.js';

const sample = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));

/**
 * The PPTP, L2TP and IKEv2+ESP samples one after the other (a call with its PPP link and TCP
 * connection, a tunnel, IKE and ESP SAs), then `filler` packets of one NULL-ESP SA starting
 * `laterSec` seconds after the last of them.
 */
async function run(opts: { forget: ForgetMode; laterSec: number; filler: number; lead?: number; settings?: Record<string, unknown> }) {
  const sessions: Frame[] = [];
  for (const f of ['pptp-mschapv2-mppe.pcap', 'l2tp-chap-session.pcap', 'ipsec-ikev2-esp.pcap']) sessions.push(...await loadFrames(sample(f)));
  const [esp] = await loadFrames(sample('esp-null.pcap'));
  const engine = createEngine({ tree: false, columns: true, forget: opts.forget, settings: opts.settings });
  const t0 = Math.max(...sessions.map((f) => f.tsSec));
  const espAt = (i: number, tsSec: number) => {
    const data = Uint8Array.from(esp.data);
    new DataView(data.buffer).setUint32(58, i + 1);
    return { ...esp, data, tsSec, tsNsec: 0 };
  };
  // `lead` packets of the filler SA first, at the sessions' own time, so that sweeps have begun.
  const lead = opts.lead ?? 0;
  for (let i = 0; i < lead; i++) engine.dissect(espAt(i, sessions[0].tsSec));
  for (const fr of sessions) engine.dissect(fr);
  const before = {
    calls: pptpTracker(engine).calls.length,
    tunnels: (engine.allStates().get('l2tp.tunnels') as L2tpTunnels).liveCount,
    links: pppLinks(engine).size,
    sas: ipsecSaTable(engine).size,
    ikeSas: ikeSaTable(engine).size,
  };
  for (let i = 0; i < opts.filler; i++) engine.dissect(espAt(lead + i, t0 + opts.laterSec + Math.floor(i / 1000)));
  return {
    before,
    calls: pptpTracker(engine).calls.length,
    tunnels: (engine.allStates().get('l2tp.tunnels') as L2tpTunnels).liveCount,
    links: pppLinks(engine).size,
    sas: ipsecSaTable(engine).size,
    ikeSas: ikeSaTable(engine).size,
    tcp: (engine.allStates().get('tcp.streams') as { map: Map<string, unknown> }).map.size,
  };
}

describe('forgetting idle sessions', () => {
  it('a session is idle only when both its time and its frame are before the cut', () => {
    expect(idleBefore(10, 5, { time: 11, frame: 6 })).toBe(true);
    expect(idleBefore(10, 5, { time: 10, frame: 6 })).toBe(false);
    expect(idleBefore(10, 5, { time: 11, frame: 5 })).toBe(false);
  });

  const enough = IDLE_FRAMES + 2 * SWEEP_FRAMES;

  it('with forgetting on, sessions silent for an hour and 65,536 frames are dropped, the live SA stays', async () => {
    const r = await run({ forget: 'all', laterSec: IDLE_SECONDS + 1200, filler: enough });
    // What the samples hold, from their bytes: one PPTP call, one L2TP tunnel, PPP links on both,
    // one IKE SA and the ESP SAs of the IKEv2 sample.
    expect(r.before).toEqual({ calls: 1, tunnels: 1, links: 2, sas: 2, ikeSas: 1 });
    expect(r).toMatchObject({ calls: 0, tunnels: 0, links: 0, ikeSas: 0, tcp: 0 });
    // Only the filler's own SA is left.
    expect(r.sas).toBe(1);
  });

  it('with forgetting off every session is kept', async () => {
    const r = await run({ forget: 'none', laterSec: IDLE_SECONDS + 1200, filler: enough });
    expect(r).toMatchObject({ calls: 1, tunnels: 1, links: 2, ikeSas: 1, sas: 3, tcp: 1 });
  });

  it('the summarising commands forget idle TCP connections but keep every summarised session', async () => {
    const r = await run({ forget: 'unsummarised', laterSec: IDLE_SECONDS + 1200, filler: enough });
    expect(r).toMatchObject({ calls: 1, tunnels: 1, links: 2, ikeSas: 1, sas: 3, tcp: 0 });
  });

  it('a busy capture keeps sessions that were quiet for less than the idle time', async () => {
    const r = await run({ forget: 'all', laterSec: 600, filler: enough });
    expect(r).toMatchObject({ calls: 1, tunnels: 1, links: 2, ikeSas: 1, sas: 3, tcp: 1 });
  });

  it('a late timestamp alone does not wipe sessions seen in the last 65,536 frames', async () => {
    // Sweeps run while the sessions are less than 65,536 frames back, ten hours of capture time later.
    const lead = IDLE_FRAMES + SWEEP_FRAMES;
    const kept = await run({ forget: 'all', laterSec: 10 * IDLE_SECONDS, lead, filler: IDLE_FRAMES - SWEEP_FRAMES });
    expect(kept).toMatchObject({ calls: 1, tunnels: 1, links: 2, ikeSas: 1, sas: 3, tcp: 1 });
    // The same, carried on until they are 65,536 frames back: now they go.
    const gone = await run({ forget: 'all', laterSec: 10 * IDLE_SECONDS, lead, filler: IDLE_FRAMES + 2 * SWEEP_FRAMES });
    expect(gone).toMatchObject({ calls: 0, tunnels: 0, links: 0, ikeSas: 0, sas: 1, tcp: 0 });
  });

  it('-o session.idle_timeout sets the idle time; 0 keeps every session', async () => {
    const sooner = await run({ forget: 'all', laterSec: 1200, filler: enough, settings: { 'session.idle_timeout': '600' } });
    expect(sooner).toMatchObject({ calls: 0, tunnels: 0, links: 0, ikeSas: 0, sas: 1, tcp: 0 });
    const never = await run({ forget: 'all', laterSec: 10 * IDLE_SECONDS, filler: enough, settings: { 'session.idle_timeout': '0' } });
    expect(never).toMatchObject({ calls: 1, tunnels: 1, links: 2, ikeSas: 1, sas: 3, tcp: 1 });
  });
});
