/** The default command: read a capture and print it (one line per packet, -V tree, -x hex, -T fields|json|ndjson). */
import { createEngine } from '../engine-factory.js';
import type { FieldDef } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { defineField, fieldByName } from '../core/fields.js';
import { readCapture } from '../capture/reader.js';
import { formatListLine } from '../output/list.js';
import { writeTree } from '../output/tree.js';
import { formatHex } from '../output/hex.js';
import { fieldsHeader, formatFieldsLine, parseFieldsOptions } from '../output/fields.js';
import { packetJson } from '../output/json.js';
import { colourEnabled, colourLine, type ColorMode } from '../output/colour.js';
import { Out } from './output.js';
import { UsageError } from './errors.js';
import { suggest } from './suggest.js';
import { compileFilter, FilterFieldError, FilterSyntaxError, type CompiledFilter } from '../filter/filter.js';
import { texts } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import { explainer } from '../output/explain.js';
import { layersLine } from '../output/layers.js';
import { formatAnnotatedHex } from '../output/annotate.js';

/** Compile -Y; an unknown field or a syntax error is a usage error (exit 2) that says where. */
export function compileDisplayFilter(text: string): CompiledFilter {
  try {
    return compileFilter(text, suggest);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw new UsageError(`display filter: ${e.message} at column ${e.col}\n  ${text}\n  ${' '.repeat(Math.max(0, e.col - 1))}^`);
    if (e instanceof FilterFieldError) throw new UsageError(`display filter: ${e.message}`);
    throw e;
  }
}

export interface ReadArgs {
  file: string;
  verbose: boolean;
  hex: boolean;
  count?: number;
  format?: 'fields' | 'json' | 'ndjson' | 'text';
  fields: string[];
  fieldOpts: string[];
  quiet: boolean;
  color: ColorMode;
  offsets: boolean;
  settings: Record<string, unknown>;
  filter?: string;
  /** --explain: a line under each protocol and field saying what it is for (implies -V). */
  explain?: boolean;
  lang?: Lang;
  /** --layers: the encapsulation of each packet as one line. */
  layers?: boolean;
  /** --annotate: the hex dump with each field's bytes labelled (implies -x). */
  annotate?: boolean;
}

/**
 * -e names to fields. An unknown name is warned about on stderr and printed as an empty column,
 * so a script written for tshark's larger field set still gets one column per -e.
 */
export function resolveFields(names: string[]): FieldDef[] {
  return names.map((n) => {
    const f = fieldByName(n);
    if (f) return f;
    process.stderr.write(`vpnshark: warning: unknown field "${n}"${suggest(n)}; its column stays empty\n`);
    return defineField({ abbrev: n, name: n, type: 'none', blurb: 'not dissected by vpnshark' });
  });
}

export async function runRead(a: ReadArgs): Promise<number> {
  const fmt = a.format ?? 'text';
  if (fmt === 'fields' && a.fields.length === 0) throw new UsageError('-T fields needs at least one -e FIELD');
  const fields = resolveFields(a.fields);
  const fo = parseFieldsOptions(a.fieldOpts);
  const verbose = a.verbose || !!a.explain;
  const hexOut = a.hex || !!a.annotate;
  const t = texts(a.lang ?? 'en');
  const full = verbose || fmt === 'json' || fmt === 'ndjson' || !!a.layers || !!a.annotate;
  const engine = createEngine({
    tree: full, columns: (fmt === 'text' || fmt === 'json' || fmt === 'ndjson') && !a.quiet, settings: a.settings, forget: 'all',
  });
  for (const f of fields) engine.want(f.id);
  const filter = a.filter ? compileDisplayFilter(a.filter) : null;
  if (filter) for (const f of filter.fields) engine.want(f.id);
  const out = new Out();
  // Lines joined by concatenation (cheap rope strings), written once per packet: one buffer write per line cost more than the tree.
  const lineSink = { text: '', push(line: string) { this.text += line + '\n'; } };
  const colour = colourEnabled(a.color, process.stdout);
  let n = 0;
  let firstJson = true;
  if (fmt === 'fields' && fo.header) out.line(fieldsHeader(fields, fo));
  if (fmt === 'json') out.line('[');
  const hexText = (pkt: Packet) => (a.annotate ? formatAnnotatedHex(pkt, t, colour) : formatHex(pkt));
  await readCapture(a.file, (frame) => {
    const pkt = engine.dissect(frame);
    if (filter && !filter.matches(pkt)) return true;
    n++;
    if (!a.quiet) {
      if (fmt === 'fields') {
        out.line(formatFieldsLine(pkt, fields, fo));
      } else if (fmt === 'json') {
        out.line((firstJson ? '  ' : ',\n  ') + JSON.stringify(packetJson(pkt)));
        firstJson = false;
      } else if (fmt === 'ndjson') {
        out.line(JSON.stringify(packetJson(pkt)));
      } else {
        if (verbose) {
          lineSink.text = '';
          writeTree(pkt, lineSink, { offsets: a.offsets, explain: a.explain ? explainer(t, pkt) : undefined });
          if (lineSink.text) out.text(lineSink.text);
          else out.line('');
          if (a.layers) out.line(layersLine(pkt, t));
          if (hexOut) out.line(hexText(pkt));
          out.line('');
        } else {
          out.line(colourLine(formatListLine(pkt), pkt.protocol, pkt.malformed, colour));
          if (a.layers) out.line(`      ${layersLine(pkt, t)}`);
          if (hexOut) {
            out.line(hexText(pkt));
            out.line('');
          }
        }
      }
    }
    if (out.closed) return false;
    return a.count === undefined || n < a.count;
  }, { onWarning: (m) => process.stderr.write(`vpnshark: ${a.file}: ${m}\n`) });
  if (fmt === 'json') out.line(firstJson ? ']' : '\n]');
  out.flush();
  return 0;
}
