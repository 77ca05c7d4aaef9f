/**
 * `vpnshark flow`: the ladder diagram in a terminal. The two endpoints are columns, each control
 * message an arrow between them in time order, each run of data packets one folded line:
 *
 *     time (s)  PNS 192.0.2.10                                    PAC 203.0.113.1   frames
 *     0.000940  │ SCCRQ (Start-Control-Connection-Request) ─────────────────▶│  4
 *     0.002790  │◀────────────────── SCCRP (Start-Control-Connection-Reply) │  5
 *     0.324050  │          ⇄ 6 GRE data packets (→ 3, ← 3)                  │  27-32
 */
import type { Texts } from '../i18n/index.js';
import { sanitise } from '../output/sanitise.js';
import type { FlowSession } from './model.js';
import { dataText, endpointTitle, frameRange, messageText, sessionTitle } from './labels.js';

const INNER = 62;
const TIME_W = 11;

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff)
      || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf)
      || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f)
      || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Cut s to at most w columns, marking the cut with an ellipsis. */
function fit(s: string, w: number): string {
  if (displayWidth(s) <= w) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > w - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function padEndW(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - displayWidth(s)));
}

function arrow(text: string, right: boolean): string {
  const label = fit(text, INNER - 6);
  const fill = '─'.repeat(Math.max(2, INNER - 3 - displayWidth(label)));
  return right ? ` ${label} ${fill}▶` : `◀${fill} ${label} `;
}

function centred(text: string): string {
  const label = fit(text, INNER - 2);
  const left = Math.floor((INNER - displayWidth(label)) / 2);
  return padEndW(' '.repeat(left) + label, INNER);
}

export function renderSession(s: FlowSession, t: Texts): string {
  const lines: string[] = [];
  // Times are relative to the capture's first packet; a capture with a strange clock widens the column.
  const timeW = s.items.reduce((w, it) => Math.max(w, (it.type === 'message' ? it.time : it.firstTime).toFixed(6).length + 2), TIME_W);
  lines.push(sessionTitle(s, t));
  const left = sanitise(endpointTitle(s.a, t));
  const right = sanitise(endpointTitle(s.b, t));
  const gap = Math.max(1, INNER + 2 - displayWidth(left) - displayWidth(right));
  lines.push(`${padEndW(t.msg('flow.time'), timeW)}${left}${' '.repeat(gap)}${right}  ${t.msg('flow.frames')}`);
  for (const it of s.items) {
    if (it.type === 'message') {
      const text = messageText(it, t, true);
      const short = messageText(it, t, false);
      const body = arrow(displayWidth(text) <= INNER - 6 ? text : short, it.fromA);
      lines.push(`${it.time.toFixed(6).padStart(timeW - 2)}  │${padEndW(body, INNER)}│  ${it.frame}`);
    } else {
      lines.push(`${it.firstTime.toFixed(6).padStart(timeW - 2)}  │${centred(dataText(it, t))}│  ${frameRange(it.firstFrame, it.lastFrame)}`);
    }
  }
  return lines.join('\n');
}

/** Every session (or the one asked for), one after the other. */
export function renderFlow(sessions: FlowSession[], t: Texts): string {
  const out: string[] = [t.msg('flow.legend'), ''];
  for (const s of sessions) out.push(renderSession(s, t), '');
  return out.join('\n').trimEnd();
}
