/** "did you mean …?" for unknown field names, by edit distance over the field registry. */
import { allFields } from '../core/fields.js';

function distance(a: string, b: string): number {
  const m = a.length, n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** Returns ' (did you mean x, y?)' or ''. */
export function suggest(name: string): string {
  const scored = allFields()
    .map((f) => ({ a: f.abbrev, d: distance(name.toLowerCase(), f.abbrev.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 4)))
    .sort((x, y) => x.d - y.d || x.a.localeCompare(y.a))
    .slice(0, 3);
  return scored.length ? `; did you mean ${scored.map((x) => x.a).join(', ')}?` : '';
}
