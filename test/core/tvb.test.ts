import { describe, expect, it } from 'vitest';
import { BoundsError, Tvb } from '../../src/core/tvb.js';

describe('Tvb', () => {
  const bytes = Uint8Array.from([0x1a, 0x2b, 0x3c, 0x4d, 0x00, 0x41, 0x42, 0x00, 0xff, 0xfe]);

  it('reads big- and little-endian integers at offsets', () => {
    const t = Tvb.of(bytes);
    expect(t.u32(0)).toBe(0x1a2b3c4d);
    expect(t.u16(8)).toBe(0xfffe);
    expect(t.u16le(8)).toBe(0xfeff);
    expect(t.u24(1)).toBe(0x2b3c4d);
    expect(t.u32le(0)).toBe(0x4d3c2b1a);
    expect(t.u64(0)).toBe(0x1a2b3c4d00414200n);
  });

  it('u32 of a value with the top bit set is positive', () => {
    expect(Tvb.of(Uint8Array.from([0xff, 0xff, 0xff, 0xfe])).u32(0)).toBe(0xfffffffe);
  });

  it('throws a short error past the captured end but within the reported length', () => {
    const t = Tvb.of(bytes, 0, 100);
    expect(() => t.u32(8)).toThrow(BoundsError);
    try {
      t.u32(8);
    } catch (e) {
      expect((e as BoundsError).kind).toBe('short');
    }
  });

  it('throws a malformed error past the reported length', () => {
    const t = Tvb.of(bytes);
    try {
      t.u8(10);
      expect.unreachable();
    } catch (e) {
      expect((e as BoundsError).kind).toBe('malformed');
    }
    expect(() => t.bytes(-1, 2)).toThrow(BoundsError);
    expect(() => t.bytes(0, -1)).toThrow(BoundsError);
  });

  it('sub-views keep offsets relative to the data source', () => {
    const t = Tvb.of(bytes);
    const s = t.sub(4, 4);
    expect(s.length).toBe(4);
    expect(s.dsOff).toBe(4);
    expect(s.stringz(0, 4)).toBe('');
    expect(t.sub(5, 3).stringz(0, 3)).toBe('AB');
    expect(() => s.u8(4)).toThrow(BoundsError);
    expect(s.sub(1).dsOff).toBe(5);
  });

  it('a sub-view asking for more than is captured is cut to what is there', () => {
    const s = Tvb.of(bytes).sub(8, 1000);
    expect(s.length).toBe(2);
    expect(s.reported).toBe(1000);
  });
});
