/**
 * Writes the project's own sample captures into samples/ (run with `npm run samples`).
 *
 * Everything is deterministic: fixed timestamps from 2026-01-15 10:00:00 UTC, "random" values from
 * a seeded generator, demo secrets written next to the captures. test/samples.test.ts runs
 * generateAll() into a temporary folder and checks every file is byte-identical to the committed one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pcapFile, pcapngFile } from '../src/capture/writer.js';
import type { Scenario } from './scenarios/types.js';
import { buildPptp } from './scenarios/pptp.js';
import { buildL2tp } from './scenarios/l2tp.js';
import { buildIkev2 } from './scenarios/ikev2.js';
import { buildL2tpIpsec } from './scenarios/l2tp-ipsec.js';
import { buildAhTransport, buildEspNull } from './scenarios/ipsec-small.js';
import { buildMultiInterface, buildNanosecondBigEndian, buildSll2Gre } from './scenarios/variants.js';

/** Every scenario, in a fixed order. */
export function allScenarios(): Scenario[] {
  const pptp = buildPptp();
  const l2tp = buildL2tp();
  const ah = buildAhTransport();
  return [
    pptp.scenario,
    l2tp.scenario,
    buildIkev2(),
    buildL2tpIpsec(),
    ah,
    buildEspNull(),
    buildMultiInterface(l2tp),
    buildNanosecondBigEndian(ah),
    buildSll2Gre(pptp, pptp.clientMac, pptp.serverMac),
  ];
}

/** The bytes of every file the generator writes, by path relative to the output folder. */
export function renderAll(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const s of allScenarios()) {
    const formats = s.formats ?? ['pcap', 'pcapng'];
    if (formats.includes('pcap')) {
      if (s.extraInterfaces?.length) throw new Error(`${s.name}: several interfaces need pcapng`);
      files.set(`${s.name}.pcap`, pcapFile(s.linkType, s.packets, s.pcapOptions ?? {}));
    }
    if (formats.includes('pcapng')) {
      const ifaces = [{ linkType: s.linkType }, ...(s.extraInterfaces ?? [])];
      files.set(`${s.name}.pcapng`, pcapngFile(ifaces, s.packets));
    }
    for (const [path, text] of Object.entries(s.files ?? {})) files.set(path, new TextEncoder().encode(text));
  }
  return files;
}

/** Writes every sample file under `outDir`; returns the relative paths written. */
export function generateAll(outDir: string): string[] {
  const files = renderAll();
  for (const [path, data] of files) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
  }
  return [...files.keys()];
}

// Run directly (node dist/samples/generate.js): write into the source tree's samples/ folder.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // dist/samples/generate.js -> <root>/samples
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, here.includes(`${join('dist', 'samples')}`) ? '../..' : '..');
  const outDir = join(root, 'samples');
  for (const p of generateAll(outDir)) console.log(`wrote samples/${p}`);
}
