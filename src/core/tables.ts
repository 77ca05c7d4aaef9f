/**
 * Dissector tables: a protocol says which key it answers to ("udp.port" 1701, "ppp.protocol"
 * 0xC021) and the layer below finds it here. No central switch grows with every protocol.
 */
import type { Tvb } from './tvb.js';
import type { Packet } from './packet.js';
import type { Tree } from './tree.js';

/**
 * A dissector. Returns the number of bytes it took, or 0 when the bytes are not its own
 * (so a heuristic or the data dissector may try). Returning nothing means it took them all.
 */
export type Dissector = (tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown) => number | void;

export interface Registered {
  name: string;
  fn: Dissector;
}

export type TableName =
  | 'wtap.encap' | 'ethertype' | 'sll.ltype' | 'null.family' | 'ip.proto' | 'tcp.port' | 'udp.port'
  | 'gre.proto' | 'ppp.protocol' | 'pppoe.code' | 'l2tp.pw_type' | 'name';

const tables = new Map<TableName, Map<number, Registered>>();
const heuristics = new Map<TableName, Registered[]>();
const byName = new Map<string, Dissector>();

export function register(table: TableName, key: number, name: string, fn: Dissector): void {
  let t = tables.get(table);
  if (!t) tables.set(table, (t = new Map()));
  t.set(key, { name, fn });
}

/** A heuristic dissector: tried on every payload of that table whose key found nothing. */
export function registerHeuristic(table: TableName, name: string, fn: Dissector): void {
  let h = heuristics.get(table);
  if (!h) heuristics.set(table, (h = []));
  h.push({ name, fn });
}

export function registerNamed(name: string, fn: Dissector): void {
  byName.set(name, fn);
}

export function lookup(table: TableName, key: number): Registered | undefined {
  return tables.get(table)?.get(key);
}

export function named(name: string): Dissector | undefined {
  return byName.get(name);
}

/** Shared by every table without heuristics, so that asking allocates nothing per packet. */
const NO_HEURISTICS: readonly Registered[] = Object.freeze([]);

export function heuristicsOf(table: TableName): readonly Registered[] {
  return heuristics.get(table) ?? NO_HEURISTICS;
}

export function tableKeys(table: TableName): number[] {
  return [...(tables.get(table)?.keys() ?? [])];
}

/** Every registered dissector, for tests that drive each one directly (property tests, fuzzing). */
export function allDissectors(): Array<{ table: TableName | 'heuristic' | 'named'; key: number | string; name: string; fn: Dissector }> {
  const out: Array<{ table: TableName | 'heuristic' | 'named'; key: number | string; name: string; fn: Dissector }> = [];
  for (const [table, m] of tables) for (const [key, r] of m) out.push({ table, key, name: r.name, fn: r.fn });
  for (const [table, hs] of heuristics) for (const h of hs) out.push({ table: 'heuristic', key: table, name: h.name, fn: h.fn });
  for (const [name, fn] of byName) out.push({ table: 'named', key: name, name, fn });
  return out;
}
