/** Tokens of Wireshark's display-filter language. */

export type TokKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'lbracket' | 'rbracket' | 'comma' | 'range' | 'colon' | 'end';

export interface Token {
  kind: TokKind;
  text: string;
  /** 1-based column where the token starts, for error messages. */
  col: number;
}

export class FilterSyntaxError extends Error {
  constructor(message: string, readonly col: number) {
    super(message);
  }
}

const OPS = ['===', '!==', '==', '!=', '>=', '<=', '&&', '||', '~=', '>', '<', '!', '~'];
const WORD = /[A-Za-z0-9_.\-:/]/;

export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const col = i + 1;
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError('unterminated string', col);
        const d = src[i];
        if (d === '"') { i++; break; }
        if (d === '\\') {
          const e = src[i + 1];
          if (e === undefined) throw new FilterSyntaxError('unterminated string', col);
          if (e === 'n') s += '\n';
          else if (e === 't') s += '\t';
          else if (e === 'r') s += '\r';
          else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) { s += String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16)); i += 2; }
          else s += e;
          i += 2;
          continue;
        }
        s += d;
        i++;
      }
      out.push({ kind: 'string', text: s, col });
      continue;
    }
    if (c === '(') { out.push({ kind: 'lparen', text: c, col }); i++; continue; }
    if (c === ')') { out.push({ kind: 'rparen', text: c, col }); i++; continue; }
    if (c === '{') { out.push({ kind: 'lbrace', text: c, col }); i++; continue; }
    if (c === '}') { out.push({ kind: 'rbrace', text: c, col }); i++; continue; }
    if (c === '[') { out.push({ kind: 'lbracket', text: c, col }); i++; continue; }
    if (c === ']') { out.push({ kind: 'rbracket', text: c, col }); i++; continue; }
    if (c === ',') { out.push({ kind: 'comma', text: c, col }); i++; continue; }
    if (src.startsWith('..', i)) { out.push({ kind: 'range', text: '..', col }); i += 2; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { out.push({ kind: 'op', text: op, col }); i += op.length; continue; }
    if (WORD.test(c)) {
      let j = i;
      // A word may contain ':' (bytes, MAC, IPv6) and '/' (CIDR); '..' ends it (ranges in sets).
      while (j < src.length && WORD.test(src[j]) && !src.startsWith('..', j)) j++;
      out.push({ kind: 'word', text: src.slice(i, j), col });
      i = j;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character "${c}"`, col);
  }
  out.push({ kind: 'end', text: '', col: src.length + 1 });
  return out;
}
