import { describe, expect, it } from 'vitest';
import { IpsecSaTable, MAX_SAS } from '../../src/sessions/ipsec-sa.js';

describe('IPsec SA table', () => {
  it('finds an SA by SPI and address pair, telling apart protocols and directions', () => {
    const t = new IpsecSaTable();
    const a = t.lookup('esp', 0xdbdf699c, '10.0.3.5', '198.51.103.10', 'udp-4500');
    const b = t.lookup('esp', 0xdbdf699c, '198.51.103.10', '10.0.3.5', 'udp-4500');
    const c = t.lookup('ah', 0xdbdf699c, '10.0.3.5', '198.51.103.10', 'ip');
    expect(new Set([a.index, b.index, c.index]).size).toBe(3);
    expect(t.lookup('esp', 0xdbdf699c, '198.51.103.10', '10.0.3.5', 'udp-4500')).toBe(b);
    expect(t.lookup('esp', 0xdbdf699c, '10.0.3.5', '198.51.103.10', 'udp-4500')).toBe(a);
    expect(t.records().map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('holds at most MAX_SAS SAs, forgetting the oldest first', () => {
    const t = new IpsecSaTable();
    const first = t.lookup('esp', 1, '192.0.2.1', '192.0.2.2', 'ip');
    for (let spi = 2; spi <= MAX_SAS + 10; spi++) t.lookup('esp', spi, '192.0.2.1', '192.0.2.2', 'ip');
    expect(t.size).toBe(MAX_SAS);
    expect(t.evicted).toBe(true);
    // SPI 1 was forgotten: asking again makes a new record; the newest are still there.
    expect(t.lookup('esp', 1, '192.0.2.1', '192.0.2.2', 'ip')).not.toBe(first);
    const newest = t.lookup('esp', MAX_SAS + 10, '192.0.2.1', '192.0.2.2', 'ip');
    expect(newest.index).toBe(MAX_SAS + 9);
    expect(t.records()[0].spi).toBe(12);
  });

  it('keeps SAs apart that share an SPI (AH between many host pairs), without scanning them', () => {
    const t = new IpsecSaTable();
    const sas = Array.from({ length: 2000 }, (_, i) => t.lookup('ah', 0x100, `192.0.2.${i % 250}`, `198.51.${Math.floor(i / 250)}.1`, 'ip'));
    expect(new Set(sas).size).toBe(2000);
    // Out of the order they came in, each pair finds its own SA again.
    for (let i = 1999; i >= 0; i -= 7) expect(t.lookup('ah', 0x100, `192.0.2.${i % 250}`, `198.51.${Math.floor(i / 250)}.1`, 'ip')).toBe(sas[i]);
    expect(t.lookup('esp', 0x100, '192.0.2.0', '198.51.0.1', 'ip')).not.toBe(sas[0]);
    expect(t.size).toBe(2001);
  });

  it('forgets the oldest SA of a shared SPI', () => {
    const t = new IpsecSaTable();
    const a = t.lookup('ah', 7, '192.0.2.1', '192.0.2.2', 'ip');
    const b = t.lookup('ah', 7, '192.0.2.3', '192.0.2.2', 'ip');
    for (let spi = 1000; t.size < MAX_SAS; spi++) t.lookup('esp', spi, '192.0.2.1', '192.0.2.2', 'ip');
    t.lookup('esp', 1, '192.0.2.9', '192.0.2.2', 'ip'); // one more: a goes
    expect(t.lookup('ah', 7, '192.0.2.3', '192.0.2.2', 'ip')).toBe(b);
    expect(t.lookup('ah', 7, '192.0.2.1', '192.0.2.2', 'ip')).not.toBe(a);
  });
});
