/**
 * Text from packets is escaped before it reaches a terminal: control characters (C0, DEL, C1),
 * which include ESC and so every terminal escape sequence, and the Unicode bidirectional
 * overrides that can reorder what a reader sees, become visible \xNN / \u{NNNN} escapes.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

export function sanitise(s: string): string {
  // Most text is plain ASCII: one pass over the char codes settles it without a regular expression.
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c >= 0x200e) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  UNSAFE.lastIndex = 0;
  return s.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}
