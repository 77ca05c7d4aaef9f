/** -T fields: the -e fields of each packet, exactly as tshark prints them (-E header/separator/occurrence/aggregator/quote). */
import type { FieldDef } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { formatFieldValue } from '../core/value.js';
import { sanitise } from './sanitise.js';

export interface FieldsOptions {
  header: boolean;
  separator: string;
  occurrence: 'f' | 'l' | 'a' | number;
  aggregator: string;
  quote: 'd' | 's' | 'n';
}

export function parseFieldsOptions(list: string[]): FieldsOptions {
  const o: FieldsOptions = { header: false, separator: '\t', occurrence: 'a', aggregator: ',', quote: 'n' };
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new Error(`invalid -E option "${item}" (expected name=value)`);
    const k = item.slice(0, eq), v = item.slice(eq + 1);
    switch (k) {
      case 'header': o.header = v === 'y'; break;
      case 'separator': o.separator = v === '/t' ? '\t' : v === '/s' ? ' ' : v; break;
      case 'occurrence': o.occurrence = v === 'f' || v === 'l' || v === 'a' ? v : Number.parseInt(v, 10); break;
      case 'aggregator': o.aggregator = v === '/s' ? ' ' : v; break;
      case 'quote': if (v === 'd' || v === 's' || v === 'n') o.quote = v; else throw new Error(`invalid -E quote=${v}`); break;
      case 'bom': break;
      default: throw new Error(`unknown -E option "${k}"`);
    }
  }
  return o;
}

export function fieldsHeader(fields: FieldDef[], o: FieldsOptions): string {
  return fields.map((f) => f.abbrev).join(o.separator);
}

export function formatFieldsLine(pkt: Packet, fields: FieldDef[], o: FieldsOptions): string {
  const cells: string[] = [];
  for (const f of fields) {
    const vals: string[] = [];
    for (const h of pkt.hits) {
      if (h.f !== f) continue;
      // tshark prints a zero-length byte field (Wireshark's "<MISSING>" item) as that word.
      if (f.type === 'bytes' && h.v instanceof Uint8Array && h.v.length === 0) vals.push('<MISSING>');
      else vals.push(sanitise(formatFieldValue(f, h.v)));
    }
    let chosen: string[];
    if (o.occurrence === 'a') chosen = vals;
    else if (o.occurrence === 'f') chosen = vals.slice(0, 1);
    else if (o.occurrence === 'l') chosen = vals.slice(-1);
    else chosen = vals.length >= o.occurrence && o.occurrence > 0 ? [vals[o.occurrence - 1]] : [];
    let cell = chosen.join(o.aggregator);
    if (o.quote !== 'n' && cell) {
      const q = o.quote === 'd' ? '"' : "'";
      cell = q + cell + q;
    }
    cells.push(cell);
  }
  return cells.join(o.separator);
}
