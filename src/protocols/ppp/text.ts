/**
 * Text from the wire as Wireshark writes it in the Info column (its format_text): printable ASCII
 * as is, common control characters as C escapes, anything else as \xhh, so a name or message can
 * neither break a line nor hide behind invisible bytes.
 */
const ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };

export function formatText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 92) out += s[i];
    else out += ESCAPES[c] ?? `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * An ASCII string field as Wireshark reads one (ENC_ASCII): up to the first NUL, and each byte
 * above 0x7f, which ASCII does not define, as U+FFFD.
 */
export function asciiString(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0) break;
    out += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  }
  return out;
}
