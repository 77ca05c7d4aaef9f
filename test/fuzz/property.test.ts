import { describe, expect, it } from 'vitest';
import '../../src/protocols/index.js';
import { allDissectors } from '../../src/core/tables.js';
import { Engine } from '../../src/core/engine.js';
import { Packet } from '../../src/core/packet.js';
import { BoundsError, Tvb } from '../../src/core/tvb.js';
import { prng } from '../../src/bench/mutate.js';

// Random bytes straight into every registered dissector: the only exception allowed out is the
// cursor's BoundsError, and no dissector may read outside the slice it was given (the slice sits
// inside a larger buffer whose outside bytes are poisoned; reading them would need a raw index).
const ROUNDS = 150;

describe('every dissector on random bytes', () => {
  const dissectors = allDissectors();
  it('finds the dissectors of every family', () => {
    const names = new Set(dissectors.map((d) => d.name));
    for (const n of ['eth', 'ip', 'ipv6', 'udp', 'tcp', 'gre', 'pptp', 'ppp', 'l2tp', 'esp', 'ah', 'isakmp']) expect(names).toContain(n);
  });
  for (const d of dissectors) {
    it(`${d.table} ${d.key} (${d.name})`, () => {
      for (const tree of [false, true]) {
        const engine = new Engine({ tree, columns: true });
        const rnd = prng(String(d.key).split('').reduce((a, c) => a * 31 + c.charCodeAt(0), 7) + (tree ? 1 : 0));
        for (let i = 0; i < ROUNDS; i++) {
          const len = Math.floor(rnd() * (i < 20 ? 16 : 300));
          const buf = new Uint8Array(len + 64).fill(0xa5);
          for (let k = 0; k < len; k++) buf[32 + k] = rnd() < 0.15 ? (rnd() < 0.5 ? 0 : 0xff) : Math.floor(rnd() * 256);
          const tvb = new Tvb(buf, 32, len, len, 0, 0);
          const pkt = new Packet(engine, tree, engine.interest);
          pkt.num = i + 1;
          pkt.sources.push({ name: 'Frame', bytes: buf.subarray(32, 32 + len) });
          try {
            d.fn(tvb, pkt, pkt.tree);
          } catch (e) {
            if (!(e instanceof BoundsError)) throw new Error(`${d.name} threw ${(e as Error).name}: ${(e as Error).message} on ${Buffer.from(buf.subarray(32, 32 + len)).toString('hex')}`);
          }
          // Tree items must point inside what the dissector was given (or into a new data source).
          const walk = (nodes: typeof pkt.root.children) => {
            for (const n of nodes ?? []) {
              if (n.ds === 0 && n.size > 0) {
                expect(n.pos).toBeGreaterThanOrEqual(0);
                expect(n.pos + n.size).toBeLessThanOrEqual(len);
              }
              walk(n.children);
            }
          };
          walk(pkt.root.children);
        }
      }
    });
  }
});
