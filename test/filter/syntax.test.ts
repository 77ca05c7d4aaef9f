import { describe, expect, it } from 'vitest';
import '../../src/index.js';
import { compileFilter, FilterFieldError, FilterSyntaxError } from '../../src/filter/filter.js';

describe('display filter syntax errors', () => {
  it('points at the column of a syntax error', () => {
    try {
      compileFilter('ip.src == 10.0.0.1 &&');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FilterSyntaxError);
      expect((e as FilterSyntaxError).col).toBe(22);
    }
    expect(() => compileFilter('(ip.src == 1.2.3.4')).toThrow(FilterSyntaxError);
    expect(() => compileFilter('ip.src == 300.1.1.1')).toThrow(/not a valid IPv4/);
    expect(() => compileFilter('ip.ttl in {}')).toThrow(/empty set/);
  });
  it('names an unknown field and suggests near ones', () => {
    expect(() => compileFilter('ip.sorc == 1.2.3.4', (n) => (n === 'ip.sorc' ? '; did you mean ip.src?' : ''))).toThrow(FilterFieldError);
    expect(() => compileFilter('ip.sorc == 1.2.3.4', () => '; did you mean ip.src?')).toThrow(/did you mean ip.src/);
  });
});
