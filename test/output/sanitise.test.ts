import { describe, expect, it } from 'vitest';
import { sanitise } from '../../src/output/sanitise.js';

describe('sanitise', () => {
  it('escapes terminal escape sequences, NULs and C1 controls', () => {
    expect(sanitise('host\x1b]0;pwned\x07')).toBe('host\\x1b]0;pwned\\x07');
    expect(sanitise('a\x00b')).toBe('a\\x00b');
    expect(sanitise('\x9b31m')).toBe('\\x9b31m');
    expect(sanitise('line\nnext\r')).toBe('line\\x0anext\\x0d');
  });
  it('escapes bidirectional overrides but keeps ordinary Unicode', () => {
    expect(sanitise('abc\u202edef')).toBe('abc\\u{202e}def');
    expect(sanitise('中文 ünïcode')).toBe('中文 ünïcode');
  });
  it('leaves plain text alone', () => {
    expect(sanitise('ixro-smdev-r1')).toBe('ixro-smdev-r1');
  });
});
