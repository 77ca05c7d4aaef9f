/** pcapng timestamp conversion against a plain BigInt computation, over the whole 64-bit range. */
import { describe, expect, it } from 'vitest';
import { Resolution, type TimeOut } from '../../src/capture/timestamp.js';

function reference(raw: number, units: bigint): [number, number] {
  const perSec = raw & 0x80 ? 1n << BigInt(raw & 0x7f) : 10n ** BigInt(raw);
  return [Number(units / perSec), Number(((units % perSec) * 1_000_000_000n) / perSec)];
}

/** A small deterministic generator, so a failure names the same values every run. */
function* units(count: number): Generator<bigint> {
  let x = 0x9e3779b97f4a7c15n;
  const edge = [0n, 1n, 999_999n, 1_000_000n, 0xffffffffn, 0x100000000n, 0xffffffffffffffffn, 1_700_000_000_123_456_789n, 1_700_000_000_123_456n];
  yield* edge;
  for (let i = 0; i < count; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    // Mix full-range values with realistic ones (below 2^61).
    yield i % 2 === 0 ? x : x >> 3n;
  }
}

function convert(raw: number, u: bigint): [number, number] {
  const out: TimeOut = { tsSec: -1, tsNsec: -1 };
  new Resolution(raw).set(out, Number(u >> 32n), Number(u & 0xffffffffn));
  return [out.tsSec, out.tsNsec];
}

describe('pcapng timestamp resolution', () => {
  it('microseconds (the default) are exact over the whole range', () => {
    for (const u of units(3000)) expect(convert(6, u), String(u)).toEqual(reference(6, u));
  });

  it('nanoseconds are exact over the whole range', () => {
    for (const u of units(3000)) expect(convert(9, u), String(u)).toEqual(reference(9, u));
  });

  it('every decimal resolution 10^0 .. 10^-19 matches, where the seconds fit a double exactly', () => {
    for (let n = 0; n <= 19; n++) {
      for (const u of units(300)) {
        const [sec, ns] = reference(n, u);
        if (sec > Number.MAX_SAFE_INTEGER) continue;
        expect([n, ...convert(n, u)], String(u)).toEqual([n, sec, ns]);
      }
    }
  });

  it('binary resolutions 2^0 .. 2^-63 match', () => {
    for (let b = 0; b <= 63; b++) {
      for (const u of units(100)) {
        const [sec, ns] = reference(0x80 | b, u);
        if (sec > Number.MAX_SAFE_INTEGER) continue;
        expect([b, ...convert(0x80 | b, u)], String(u)).toEqual([b, sec, ns]);
      }
    }
  });

  it('knows which resolutions are finer than a microsecond', () => {
    expect([6, 7, 9, 0x80 | 19, 0x80 | 20].map((r) => new Resolution(r).finerThanMicro)).toEqual([false, true, true, false, true]);
  });
});
