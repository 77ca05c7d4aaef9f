/**
 * Wireshark's "UAT" table files (esp_sa, ikev2_decryption_table, ikev1_decryption_table): one
 * record per line, fields separated by commas; text fields in double quotes, with any awkward
 * byte written as \xNN; byte fields as bare hex. Lines starting with '#' are comments.
 */

export interface UatRecord {
  /** 1-based line number in the file, for error messages. */
  line: number;
  fields: string[];
}

export class UatSyntaxError extends Error {}

/** Splits one line into fields; throws UatSyntaxError on an unterminated quote or a bad escape. */
export function splitUatLine(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\') {
          const n = text[i + 1];
          if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
            value += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
            i += 4;
            continue;
          }
          if (n === '\\' || n === '"') {
            value += n;
            i += 2;
            continue;
          }
          throw new UatSyntaxError(`bad escape "\\${n ?? ''}" in a quoted field`);
        }
        value += c;
        i++;
      }
      if (!closed) throw new UatSyntaxError('a quoted field is not closed (missing ")');
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') throw new UatSyntaxError(`unexpected text after a quoted field: ${JSON.stringify(text.slice(i, i + 12))}`);
    } else {
      const end = text.indexOf(',', i);
      value = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      if (value.includes('"')) throw new UatSyntaxError('a quote inside an unquoted field');
      i = end < 0 ? text.length : end;
    }
    fields.push(value);
    if (i >= text.length) break;
    i++; // the comma
    if (i >= text.length) {
      fields.push('');
      break;
    }
  }
  return fields;
}

/**
 * The records of a UAT file. `onError(line, reason)` must throw (it turns a syntax problem into the
 * caller's error type with the file name).
 */
export function parseUat(text: string, onError: (line: number, reason: string) => never): UatRecord[] {
  const out: UatRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    try {
      out.push({ line: n + 1, fields: splitUatLine(t) });
    } catch (e) {
      if (e instanceof UatSyntaxError) onError(n + 1, e.message);
      throw e;
    }
  }
  return out;
}
