/** -T fields: the -e fields of each packet, exactly as tshark prints them (-E header/separator/occurrence/aggregator/quote). */
import type { FieldDef, Value } from '../core/fields.js';
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

function cellValue(f: FieldDef, v: Value): string {
  // tshark prints a zero-length byte field (Wireshark's "<MISSING>" item) as that word.
  if (f.type === 'bytes' && v instanceof Uint8Array && v.length === 0) return '<MISSING>';
  return sanitise(formatFieldValue(f, v));
}

/** The occurrence -E occurrence picks, of a field's values on this packet. */
function chosenValues(pkt: Packet, f: FieldDef, o: FieldsOptions): string {
  const vals: string[] = [];
  for (const h of pkt.hits) if (h.f === f) vals.push(cellValue(f, h.v));
  let chosen: string[];
  if (o.occurrence === 'f') chosen = vals.slice(0, 1);
  else if (o.occurrence === 'l') chosen = vals.slice(-1);
  else chosen = vals.length >= (o.occurrence as number) && (o.occurrence as number) > 0 ? [vals[(o.occurrence as number) - 1]] : [];
  return chosen.join(o.aggregator);
}

export function formatFieldsLine(pkt: Packet, fields: FieldDef[], o: FieldsOptions): string {
  // Built by concatenation, without an array per field per packet: this runs for every packet.
  const hits = pkt.hits;
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    let cell = '';
    if (o.occurrence === 'a') {
      let n = 0;
      for (let k = 0; k < hits.length; k++) {
        if (hits[k].f !== f) continue;
        const v = cellValue(f, hits[k].v);
        cell = n++ ? cell + o.aggregator + v : v;
      }
    } else {
      cell = chosenValues(pkt, f, o);
    }
    if (o.quote !== 'n' && cell) {
      const q = o.quote === 'd' ? '"' : "'";
      cell = q + cell + q;
    }
    line = i ? line + o.separator + cell : cell;
  }
  return line;
}
