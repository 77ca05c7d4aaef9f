/**
 * The ladder diagram as SVG, for the HTML report: two lifelines headed by the endpoints' roles
 * and addresses, one arrow per control message, one dashed two-way arrow per data run. Every
 * row carries data-frame so that the report can jump to the packet. All text is escaped.
 */
import type { Texts } from '../i18n/index.js';
import { escapeHtml as esc } from '../report/escape.js';
import type { FlowSession } from './model.js';
import { dataText, endpointTitle, frameRange, messageText, roleName } from './labels.js';

const W = 900;
const XA = 220;
const XB = 720;
const TOP = 64;
const ROW = 26;
/** Rows drawn per session; a longer ladder is cut, the terminal `vpnshark flow` shows it whole. */
export const MAX_SVG_ROWS = 1000;

export function sessionSvg(s: FlowSession, t: Texts): string {
  const id = `ladder-${s.id}`;
  const items = s.items.slice(0, MAX_SVG_ROWS);
  const h = TOP + items.length * ROW + 24;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="ladder" id="${id}" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(endpointTitle(s.a, t))} ⇄ ${esc(endpointTitle(s.b, t))}">`);
  out.push(`<defs><marker id="${id}-head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker></defs>`);
  const header = (x: number, e: FlowSession['a']) =>
    `<g class="end"><rect x="${x - 105}" y="6" width="210" height="40" rx="6"/>` +
    `<text x="${x}" y="22" class="role">${esc(roleName(e, t))}</text><text x="${x}" y="39" class="addr">${esc(e.addr)}</text></g>`;
  out.push(header(XA, s.a), header(XB, s.b));
  out.push(`<line class="life" x1="${XA}" y1="46" x2="${XA}" y2="${h - 8}"/><line class="life" x1="${XB}" y1="46" x2="${XB}" y2="${h - 8}"/>`);
  out.push(`<text x="8" y="${TOP - 8}" class="thead">${esc(t.msg('flow.time'))}</text>`);
  items.forEach((it, k) => {
    const y = TOP + k * ROW + 16;
    if (it.type === 'message') {
      const [x1, x2] = it.fromA ? [XA, XB] : [XB, XA];
      const cls = `msg${it.marks.includes('retransmission') ? ' retrans' : ''}${it.marks.includes('zlb') || it.marks.includes('keepalive') ? ' minor' : ''}`;
      out.push(`<g class="${cls}" data-frame="${it.frame}"><title>${esc(`#${it.frame} ${messageText(it, t, true)}`)}</title>`);
      out.push(`<text x="8" y="${y + 4}" class="time">${it.time.toFixed(6)}</text>`);
      out.push(`<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" marker-end="url(#${id}-head)"/>`);
      out.push(`<text x="${(XA + XB) / 2}" y="${y - 5}" class="label">${esc(messageText(it, t, true))}</text>`);
      out.push(`<text x="${XB + 14}" y="${y + 4}" class="frame">${it.frame}</text></g>`);
    } else {
      out.push(`<g class="data" data-frame="${it.firstFrame}"><title>${esc(`#${frameRange(it.firstFrame, it.lastFrame)} ${dataText(it, t)}`)}</title>`);
      out.push(`<text x="8" y="${y + 4}" class="time">${it.firstTime.toFixed(6)}</text>`);
      out.push(`<line x1="${XA + 4}" y1="${y}" x2="${XB - 4}" y2="${y}" marker-start="url(#${id}-head)" marker-end="url(#${id}-head)"/>`);
      out.push(`<text x="${(XA + XB) / 2}" y="${y - 5}" class="label">${esc(dataText(it, t))}</text>`);
      out.push(`<text x="${XB + 14}" y="${y + 4}" class="frame">${frameRange(it.firstFrame, it.lastFrame)}</text></g>`);
    }
  });
  out.push('</svg>');
  return out.join('');
}
