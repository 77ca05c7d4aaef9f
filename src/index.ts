/**
 * The library's composition root: loads every protocol once and offers one call that streams a
 * capture through the engine. The CLI and the tests both come through here.
 */
import { createEngine } from './engine-factory.js';
import './protocols/index.js';
import { Engine } from './core/engine.js';
import { fieldByName } from './core/fields.js';
import type { Packet } from './core/packet.js';
import { readCapture } from './capture/reader.js';
import { compileFilter } from './filter/filter.js';

export { Engine } from './core/engine.js';
export type { Packet } from './core/packet.js';
export { fieldByName, allFields } from './core/fields.js';
export { compileFilter } from './filter/filter.js';

export interface DissectOptions {
  /** Build the full tree (as -V and JSON do). */
  tree?: boolean;
  /** Fill the Protocol and Info columns. */
  columns?: boolean;
  settings?: Record<string, unknown>;
  /** Field names whose values should be recorded on each packet (pkt.values / pkt.hits). */
  want?: string[];
  /** A display filter: packets that do not match are not passed on. */
  filter?: string;
  onWarning?: (msg: string) => void;
}

/** Stream a capture through the engine; onPacket sees each (matching) packet. Returns the engine, for its end-of-run state. */
export async function dissectFile(path: string, opts: DissectOptions, onPacket: (pkt: Packet) => void | boolean): Promise<Engine> {
  const engine = createEngine({ tree: !!opts.tree, columns: !!opts.columns, settings: opts.settings });
  for (const name of opts.want ?? []) {
    const f = fieldByName(name);
    if (!f) throw new Error(`unknown field ${name}`);
    engine.want(f.id);
  }
  const filter = opts.filter ? compileFilter(opts.filter) : null;
  if (filter) for (const f of filter.fields) engine.want(f.id);
  await readCapture(path, (frame) => {
    const pkt = engine.dissect(frame);
    if (filter && !filter.matches(pkt)) return true;
    return onPacket(pkt) !== false;
  }, { onWarning: opts.onWarning });
  return engine;
}
