/**
 * `vpnshark report`: one self-contained HTML file. Styles and script are inline, a Content
 * Security Policy forbids every fetch, and the packets travel as JSON in inert script elements,
 * in chunks the page parses only when a packet of that chunk is shown.
 */
import type { Texts } from '../i18n/index.js';
import { MAX_SVG_ROWS, sessionSvg } from '../flow/svg.js';
import { sessionTitle } from '../flow/labels.js';
import type { ReportData } from './collect.js';
import { clientMain } from './client.js';
import { escapeHtml as esc, scriptJson } from './escape.js';
import { REPORT_CSS } from './style.js';
import { findingsTable, flowSessionsTable, protocolCountsTable, summaryTables } from './tables.js';

/** Packets per embedded JSON chunk. */
export const CHUNK = 500;

export function reportHtml(d: ReportData, t: Texts, version: string): string {
  const title = t.msg('report.title', { file: d.file });
  const ladders = d.flows.map((s) => {
    const cut = s.items.length > MAX_SVG_ROWS ? `<p>${esc(t.msg('report.ladder_truncated', { shown: MAX_SVG_ROWS, total: s.items.length, id: s.id }))}</p>` : '';
    return `<h3 id="ladder-${s.id}">${esc(sessionTitle(s, t))}</h3>${s.items.length ? sessionSvg(s, t) + cut : `<p>${esc(t.msg('report.no_ladder'))}</p>`}`;
  }).join('\n');
  const cols = ['report.col.no', 'report.col.time', 'report.col.source', 'report.col.destination', 'report.col.protocol', 'report.col.length', 'report.col.info'] as const;
  const meta = {
    list: d.list, fields: d.fields, texts: d.texts, chunk: CHUNK,
    labels: { select: t.msg('report.select_packet') },
  };
  const chunks: string[] = [];
  for (let k = 0; k * CHUNK < d.details.length; k++) {
    chunks.push(`<script type="application/json" id="vs-d-${k}">${scriptJson(d.details.slice(k * CHUNK, (k + 1) * CHUNK))}</script>`);
  }
  return `<!DOCTYPE html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p>${esc(t.msg('report.summary', { packets: d.packets, seconds: d.duration.toFixed(3), version }))}</p>
<nav><a href="#sessions">${esc(t.msg('report.sessions'))}</a><a href="#ladders">${esc(t.msg('report.ladders'))}</a><a href="#findings">${esc(t.msg('report.findings'))}</a><a href="#counts">${esc(t.msg('report.protocol_counts'))}</a><a href="#packets">${esc(t.msg('report.packets'))}</a></nav>
</header>
<main>
<section id="sessions"><h2>${esc(t.msg('report.sessions'))}</h2>
${flowSessionsTable(d.flows, t)}
${d.sessions ? summaryTables(d.sessions, t) : ''}
</section>
<section id="ladders"><h2>${esc(t.msg('report.ladders'))}</h2>
<p>${esc(t.msg('flow.legend'))}</p>
${ladders || `<p>${esc(t.msg('flow.no_sessions'))}</p>`}
</section>
<section id="findings"><h2>${esc(t.msg('report.findings'))}</h2>
${findingsTable(d.findings, t)}
</section>
<section id="counts"><h2>${esc(t.msg('report.protocol_counts'))}</h2>
${protocolCountsTable(d.protocolCounts, t)}
</section>
<section id="packets"><h2>${esc(t.msg('report.packets'))}</h2>
${d.list.length < d.packets ? `<p>${esc(t.msg('report.truncated', { shown: d.list.length, total: d.packets }))}</p>` : ''}
<div class="toolbar"><input type="search" id="vs-filter" placeholder="${esc(t.msg('report.filter'))}"><label><input type="checkbox" id="vs-explain"> ${esc(t.msg('report.explain'))}</label><span id="vs-count"></span></div>
<div class="list"><div class="list-head">${cols.map((c) => `<span>${esc(t.msg(c))}</span>`).join('')}</div>
<div class="list-body" id="vs-scroll" tabindex="0"><div id="vs-spacer"></div><div class="rows" id="vs-rows"></div></div></div>
<div class="layers" id="vs-layers" title="${esc(t.msg('report.layers'))}"></div>
<div class="panes"><div><div class="tree" id="vs-tree"></div><div class="info" id="vs-info"></div></div><div class="hex" id="vs-hex"></div></div>
</section>
</main>
<script type="application/json" id="vs-meta">${scriptJson(meta)}</script>
${chunks.join('\n')}
<script>(${clientMain.toString()})();</script>
</body>
</html>
`;
}
