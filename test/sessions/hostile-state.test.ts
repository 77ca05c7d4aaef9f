import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadFrames } from '../tree-query.js';
import { createEngine } from '../../src/engine-factory.js';
import '../../src/protocols/index.js';
import { ipsecSaTable, MAX_SAS } from '../../src/sessions/ipsec-sa.js';

describe('hostile state', () => {
  it('a capture that opens more SAs than the table holds keeps MAX_SAS of them and says so once', async () => {
    // Frame 1 of the NULL-ESP sample (Ethernet, IPv6, ESP at byte 54), sent again with a new SPI each time.
    const [template] = await loadFrames(fileURLToPath(new URL('../../samples/esp-null.pcap', import.meta.url)));
    const engine = createEngine({ tree: false, columns: false });
    const extra = 5000;
    let notes = 0, first = 0;
    for (let i = 0; i < MAX_SAS + extra; i++) {
      const data = Uint8Array.from(template.data);
      new DataView(data.buffer).setUint32(54, 0x10000000 + i);
      const pkt = engine.dissect({ ...template, data });
      const n = pkt.experts.filter((e) => e.id === 'ipsec.sa_table_full').length;
      if (n && !first) first = pkt.num;
      notes += n;
    }
    const table = ipsecSaTable(engine);
    expect(table.size).toBe(MAX_SAS);
    expect(table.evicted).toBe(true);
    expect(notes).toBe(1);
    expect(first).toBe(MAX_SAS + 1);
    // The oldest were forgotten: the first SA kept is the one opened by packet extra + 1.
    expect(table.records()[0].spi).toBe(0x10000000 + extra);
  });
});
