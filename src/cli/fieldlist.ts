/** `vpnshark fields`: the field registry, listed like `tshark -G fields`. */
import { allFields, type FieldDef } from '../core/fields.js';
import { Out } from './output.js';
import type { CommandModule } from 'yargs';

const TYPE_NAMES: Record<string, string> = {
  protocol: 'FT_PROTOCOL', none: 'FT_NONE', uint8: 'FT_UINT8', uint16: 'FT_UINT16', uint24: 'FT_UINT24', uint32: 'FT_UINT32',
  uint64: 'FT_UINT64', int8: 'FT_INT8', int16: 'FT_INT16', int32: 'FT_INT32', bool: 'FT_BOOLEAN', ipv4: 'FT_IPv4', ipv6: 'FT_IPv6',
  ether: 'FT_ETHER', bytes: 'FT_BYTES', string: 'FT_STRING', abstime: 'FT_ABSOLUTE_TIME', reltime: 'FT_RELATIVE_TIME',
  double: 'FT_DOUBLE', framenum: 'FT_FRAMENUM',
};

function base(f: FieldDef): string {
  if (f.type === 'bool') return String(f.bits ?? 0);
  if (f.type.startsWith('uint') || f.type.startsWith('int')) return `BASE_${f.base.toUpperCase()}`;
  return '';
}

export function listFields(filter?: string): void {
  const out = new Out();
  for (const f of allFields()) {
    if (filter && !f.abbrev.startsWith(filter)) continue;
    if (f.type === 'protocol') {
      out.line(['P', f.name, f.abbrev].join('\t'));
    } else {
      out.line(['F', f.name, f.abbrev, TYPE_NAMES[f.type], f.proto, base(f), `0x${f.mask.toString(16)}`, f.blurb ?? ''].join('\t'));
    }
  }
  out.flush();
}

export const fieldsCommand: CommandModule = {
  command: 'fields [prefix]',
  describe: 'list every field vpnshark knows, like `tshark -G fields`',
  builder: (y) => y.positional('prefix', { type: 'string', describe: 'only fields whose name starts with this' }),
  handler: (args) => listFields(args.prefix as string | undefined),
};
