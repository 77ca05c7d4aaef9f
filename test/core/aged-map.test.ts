import { describe, expect, it } from 'vitest';
import { AgedMap } from '../../src/core/aged-map.js';

describe('AgedMap', () => {
  it('drops entries oldest first, an entry set again counting as new', () => {
    const m = new AgedMap<string, number>();
    m.set('a', 1).set('b', 2).set('c', 3);
    m.delete('b');
    m.set('b', 4);
    expect(m.dropOldest()).toBe(1);
    expect(m.dropOldest()).toBe(3);
    m.set('d', 5);
    expect(m.dropOldest()).toBe(4);
    expect(m.dropOldest()).toBe(5);
    expect(m.dropOldest()).toBeUndefined();
    m.set('e', 6);
    expect(m.dropOldest()).toBe(6);
  });

  it('keeps the same entries, in the same order, as deleting the first key of a plain Map', () => {
    let x = 7;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) >>> 0) % n);
    const plain = new Map<number, number>(), aged = new AgedMap<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const k = rnd(3000), op = rnd(10);
      for (const m of [plain, aged]) {
        if (op === 0) m.delete(k);
        else if (m.has(k)) { const v = m.get(k)!; m.delete(k); m.set(k, v); }
        else {
          if (m.size >= 1000) {
            if (m === aged) aged.dropOldest();
            else plain.delete(plain.keys().next().value as number);
          }
          m.set(k, i);
        }
      }
    }
    expect([...aged]).toEqual([...plain]);
  });

  it('holds the newest 100,000 of a million entries set past its cap', () => {
    const m = new AgedMap<number, number>();
    for (let i = 0; i < 1_000_000; i++) {
      if (m.size >= 100_000) m.dropOldest();
      m.set(i, i);
    }
    expect(m.size).toBe(100_000);
    expect(m.keys().next().value).toBe(900_000);
    expect(m.dropOldest()).toBe(900_000);
  });
});
