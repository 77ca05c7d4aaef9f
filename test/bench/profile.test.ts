import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { profileMarkdown, profileRun, summariseProfile } from '../../src/bench/profile.js';

const bin = fileURLToPath(new URL('../../bin/vpnshark.js', import.meta.url));

describe('bench profile summary', () => {
  it('sums self time by part of the code and by function', () => {
    const p = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
        { id: 2, callFrame: { functionName: 'dissectEsp', url: 'file:///x/dist/src/protocols/esp.js', lineNumber: 91 } },
        { id: 3, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
        { id: 4, callFrame: { functionName: 'parse', url: 'file:///x/dist/src/capture/pcap.js', lineNumber: 27 } },
      ],
      samples: [2, 2, 3, 4, 2, 1],
      timeDeltas: [1000, 1000, 2000, 500, 1000, 500],
    };
    const s = summariseProfile(p);
    expect(s.totalMs).toBe(6);
    expect(s.areas).toEqual([
      { area: 'protocols', ms: 3 }, { area: 'garbage collector', ms: 2 },
      { area: 'capture', ms: 0.5 }, { area: 'V8 and Node (other)', ms: 0.5 },
    ]);
    expect(s.functions[0]).toEqual({ name: 'dissectEsp', where: 'src/protocols/esp.ts', ms: 3 });
    expect(profileMarkdown(s, 'test')).toContain('| protocols | 3 | 50.0% |');
  });

  it('profiles a real run of vpnshark on a sample', () => {
    const s = profileRun([bin, '-r', 'samples/l2tp-over-ipsec.pcap']);
    expect(s).not.toBeNull();
    expect(s!.totalMs).toBeGreaterThan(0);
    const areas = s!.areas.map((a) => a.area);
    expect(areas).toContain('protocols');
    const sum = s!.areas.reduce((t, a) => t + a.ms, 0);
    expect(Math.abs(sum - s!.totalMs)).toBeLessThan(0.01);
  });
});
