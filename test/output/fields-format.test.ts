import { describe, expect, it } from 'vitest';
import { defineField } from '../../src/core/fields.js';
import { formatFieldValue } from '../../src/core/value.js';
import { parseFieldsOptions } from '../../src/output/fields.js';
import { valueText } from '../../src/output/label.js';

// Formats checked against `tshark -T fields` and `tshark -V` 4.0.17 on ../shared/captures/pcapplusplus-pptp-gre-pap.cap
const ipFlags = defineField({ abbrev: 'test.flags8', name: 'Flags', type: 'uint8', base: 'hex', mask: 0xe0 });
const tcpFlags = defineField({ abbrev: 'test.flags16', name: 'Flags', type: 'uint16', base: 'hex', mask: 0x0fff });
const greFv = defineField({ abbrev: 'test.fv', name: 'Flags and Version', type: 'uint16', base: 'hex' });
const ipId = defineField({ abbrev: 'test.id', name: 'Identification', type: 'uint16', base: 'hex_dec' });
const msgType = defineField({ abbrev: 'test.type', name: 'Message type', type: 'uint16', vals: { 1: 'Control Message' } });
const df = defineField({ abbrev: 'test.df', name: "Don't fragment", type: 'bool', mask: 0x40, bits: 8, tf: ['Set', 'Not set'] });
const mac = defineField({ abbrev: 'test.mac', name: 'Source', type: 'ether' });
const addr = defineField({ abbrev: 'test.addr', name: 'Source Address', type: 'ipv4' });
const data = defineField({ abbrev: 'test.data', name: 'Reserved', type: 'bytes' });

describe('tshark -T fields formatting', () => {
  it('pads hex fields to the width of their type', () => {
    expect(formatFieldValue(ipFlags, 0)).toBe('0x00');
    expect(formatFieldValue(tcpFlags, 0x18)).toBe('0x0018');
    expect(formatFieldValue(greFv, 0x3001)).toBe('0x3001');
    expect(formatFieldValue(ipId, 0x39f4)).toBe('0x39f4');
  });
  it('prints numbers with value names as plain numbers, booleans as 1/0', () => {
    expect(formatFieldValue(msgType, 1)).toBe('1');
    expect(formatFieldValue(df, false)).toBe('0');
    expect(formatFieldValue(df, true)).toBe('1');
  });
  it('prints addresses and bytes as tshark does', () => {
    expect(formatFieldValue(mac, Uint8Array.from([0, 0x14, 0, 0, 2, 0]))).toBe('00:14:00:00:02:00');
    expect(formatFieldValue(addr, 0x14000002)).toBe('20.0.0.2');
    expect(formatFieldValue(data, Uint8Array.from([0, 0]))).toBe('0000');
  });
});

describe('tree value text', () => {
  it('names values and shows bases as Wireshark does', () => {
    expect(valueText(msgType, 1)).toBe('Control Message (1)');
    expect(valueText(msgType, 9)).toBe('Unknown (9)');
    expect(valueText(ipId, 0x39f4)).toBe('0x39f4 (14836)');
    expect(valueText(df, false)).toBe('Not set');
  });
});

describe('-E options', () => {
  it('parses tshark -E options', () => {
    const o = parseFieldsOptions(['header=y', 'separator=,', 'occurrence=f', 'aggregator=/s', 'quote=d']);
    expect(o).toEqual({ header: true, separator: ',', occurrence: 'f', aggregator: ' ', quote: 'd' });
    expect(parseFieldsOptions(['separator=/t']).separator).toBe('\t');
    expect(() => parseFieldsOptions(['bogus=1'])).toThrow(/unknown -E option/);
  });
});
