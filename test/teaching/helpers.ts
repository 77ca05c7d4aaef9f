/** For the teaching-feature tests: dissect a sample with a full tree, with its keys when asked. */
import { resolve } from 'node:path';
import { dissectAll, loadFrames } from '../tree-query.js';
import type { Packet } from '../../src/core/packet.js';
import '../../src/protocols/index.js';

export const ROOT = resolve(__dirname, '../..');
export const SAMPLES = resolve(ROOT, 'samples');
export const sample = (name: string) => resolve(SAMPLES, name);
export const keys = (name: string) => resolve(SAMPLES, 'keys', name);

/** Every packet of a sample, dissected with a full tree (columns too). */
export async function dissectSample(name: string, settings: Record<string, unknown> = {}): Promise<Packet[]> {
  return dissectAll(await loadFrames(sample(name)), { settings }).packets;
}
