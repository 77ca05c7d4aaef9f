import { describe, expect, it } from 'vitest';
import { RecentSeqs } from '../../src/sessions/recent-seqs.js';

/** What the ring replaced: a Map in insertion order, the oldest key dropped past the cap. */
class MapModel {
  readonly m = new Map<number, number>();
  constructor(private readonly cap: number) {}
  add(seq: number, frame: number): void {
    if (this.m.size >= this.cap) this.m.delete(this.m.keys().next().value as number);
    this.m.set(seq, frame);
  }
}

describe('RecentSeqs', () => {
  it('finds the frame of a number still held and forgets the oldest past its cap', () => {
    const r = new RecentSeqs(4);
    for (let s = 10; s < 15; s++) r.add(s, 100 + s);
    expect(r.size).toBe(4);
    expect(r.frameOf(10)).toBeUndefined();
    expect(r.frameOf(11)).toBe(111);
    expect(r.frameOf(14)).toBe(114);
    r.add(0xffffffff, 7);
    expect(r.frameOf(0xffffffff)).toBe(7);
    expect(r.frameOf(11)).toBeUndefined();
    r.clear();
    expect(r.size).toBe(0);
    expect(r.frameOf(14)).toBeUndefined();
  });

  it('answers as the Map did over 20,000 random additions and lookups, across growth and wrap', () => {
    let x = 12345;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) >>> 0) % n);
    const cap = 512;
    const ring = new RecentSeqs(cap), model = new MapModel(cap);
    let seq = 0xfffff000;
    for (let frame = 1; frame <= 20000; frame++) {
      if (rnd(4) === 0) {
        const probe = (seq - rnd(700)) >>> 0;
        expect(ring.frameOf(probe)).toBe(model.m.get(probe));
      }
      seq = (seq + 1 + rnd(3)) >>> 0;
      if (!model.m.has(seq)) {
        ring.add(seq, frame);
        model.add(seq, frame);
      }
      expect(ring.size).toBe(model.m.size);
    }
  });
});
