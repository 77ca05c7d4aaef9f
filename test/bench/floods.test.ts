import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFloods } from '../../src/bench/floods.js';
import { loadFrames, dissectAll } from '../tree-query.js';

const samples = fileURLToPath(new URL('../../samples', import.meta.url));

describe('hostile-state floods for the benchmark', () => {
  it('each flood repeats one sample frame with a new source address (and a good IPv4 checksum) per packet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpnshark-floods-'));
    try {
      const floods = await writeFloods(dir, samples, 300);
      expect(floods.map((f) => f.name)).toEqual([
        'L2TP tunnels (SCCRQ)', 'TCP connections (SYN)', 'PPTP calls (Outgoing-Call-Request)',
        'PPP links (LCP over GRE)', 'ESP SAs (ESP in UDP 4500)', 'IPv4 fragment trains',
      ]);
      const want = ['L2TP', 'TCP', 'PPTP', 'PPP LCP', 'ESP', 'IPv4'];
      const info = [/SCCRQ/, /\[SYN\]/, /Outgoing-Call-Request/, /Configuration Request/, /ESP \(SPI=0x1000012b\)/, /Fragmented IP protocol/];
      for (const [i, f] of floods.entries()) {
        const frames = await loadFrames(f.file);
        expect(frames).toHaveLength(300);
        const { packets: pkts } = dissectAll(frames);
        expect(pkts.every((p) => p.protocol === want[i])).toBe(true);
        expect(pkts[299].info).toMatch(info[i]);
        expect(new Set(pkts.map((p) => p.netSrc)).size).toBe(300);
        expect(pkts[299].netSrc).toBe('10.0.1.43');
        // Within one minute of capture time, so that nothing goes idle.
        expect(frames[299].tsSec - frames[0].tsSec).toBeLessThan(60);
        // The IPv4 header checksum was recomputed: the ones'-complement sum over the header is 0xffff.
        for (const fr of [frames[0], frames[299]]) {
          let sum = 0;
          for (let o = 14; o < 34; o += 2) sum += (fr.data[o] << 8) | fr.data[o + 1];
          while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
          expect(sum).toBe(0xffff);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
