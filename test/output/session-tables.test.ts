import { describe, expect, it } from 'vitest';
import Table from 'cli-table3';
import { table } from '../../src/output/session-tables.js';
import { summariseFile } from '../../src/sessions/run.js';

type Row = Record<string, unknown>;

describe('session tables drawn in blocks', () => {
  it('draw a long table exactly as cli-table3 draws it in one piece', async () => {
    const doc = await summariseFile('samples/l2tp-over-ipsec.pcap');
    const sas = doc.ipsec.sas as Row[];
    expect(sas.length).toBeGreaterThan(0);
    const head = ['#', 'SPI', 'src → dst', 'packets', 'note'];
    const rows: string[][] = [];
    for (let i = 0; i < 150; i++) {
      const a = sas[i % sas.length];
      // Multi-line and double-width cells, as the PPTP and Japanese tables have.
      rows.push([String(i + 1), String(a.spi), `${String(a.src)}\n→ ${String(a.dst)}`, String(a.packets), i % 7 === 0 ? 'ESP 暗号化' : '']);
    }
    const whole = new Table({ head, style: { head: [], border: [] } });
    for (const r of rows) whole.push(r);
    const drawn = table(head, rows);
    expect(drawn).toBe(whole.toString());
    expect(drawn).toContain(String(sas[0].spi));
  });
});
