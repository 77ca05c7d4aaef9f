import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dissectFile } from '../../src/index.js';

// Frame numbers that `tshark -Y FILTER` (4.0.17) selects on the shared captures, stored so the test needs no tshark.
const SHARED = resolve(__dirname, '../../../shared/captures');
const table = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/display-filters.json'), 'utf8')) as
  Array<{ capture: string; filter: string; frames: number[] }>;

describe.skipIf(!existsSync(SHARED))('display filters select the same frames as tshark -Y', () => {
  it('has at least 40 filters', () => expect(table.length).toBeGreaterThanOrEqual(40));
  for (const row of table) {
    it(`${row.capture}: ${row.filter}`, async () => {
      const got: number[] = [];
      await dissectFile(resolve(SHARED, row.capture), { filter: row.filter }, (p) => { got.push(p.num); });
      expect(got).toEqual(row.frames);
    });
  }
});
