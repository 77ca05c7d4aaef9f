/**
 * HTML tables of the report: the ladder sessions, the session summary of `vpnshark sessions`
 * (rendered generically from its JSON, so fields added to that schema appear without changes
 * here), the findings and the protocol counts. Every value is escaped.
 */
import { fieldByName } from '../core/fields.js';
import type { MessageId, Texts } from '../i18n/index.js';
import type { FlowSession } from '../flow/model.js';
import { endpointTitle } from '../flow/labels.js';
import type { Finding } from '../sessions/findings.js';
import type { SessionsDoc } from '../sessions/summary.js';
import { escapeHtml as esc } from './escape.js';

function table(head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const frameLink = (n: number) => `<a href="#packets" data-frame="${n}">${n}</a>`;

export function flowSessionsTable(flows: FlowSession[], t: Texts): string {
  if (!flows.length) return `<p>${esc(t.msg('sessions.none'))}</p>`;
  return table(
    ([
      'sessions.col.id', 'sessions.col.kind', 'sessions.col.endpoint_a', 'sessions.col.endpoint_b', 'sessions.col.first',
      'sessions.col.last', 'sessions.col.duration', 'sessions.col.control', 'sessions.col.data',
    ] as MessageId[]).map((k) => t.msg(k)),
    flows.map((s) => [
      `<a href="#ladder-${s.id}">${s.id}</a>`, esc(s.kind), esc(endpointTitle(s.a, t)), esc(endpointTitle(s.b, t)),
      frameLink(s.firstFrame), frameLink(s.lastFrame), (s.lastTime - s.firstTime).toFixed(3), String(s.messages), String(s.dataPackets),
    ]),
  );
}

/** A value of the summary JSON as cell content: scalars as text, lists joined, objects and lists of objects nested. */
function cell(v: unknown, depth = 0): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v !== 'object') return esc(String(v));
  if (Array.isArray(v)) {
    if (!v.length) return '–';
    if (v.every((x) => x === null || typeof x !== 'object')) return esc(v.map((x) => (x === null ? '–' : String(x))).join(', '));
    return depth > 2 ? esc(JSON.stringify(v)) : objectsTable(v as Record<string, unknown>[], depth + 1);
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'file');
  if (depth > 2) return esc(JSON.stringify(v));
  return `<dl class="kv">${entries.map(([k, x]) => `<dt>${esc(k)}</dt><dd>${cell(x, depth + 1)}</dd>`).join('')}</dl>`;
}

function objectsTable(rows: Record<string, unknown>[], depth = 0): string {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (k !== 'file' && !keys.includes(k)) keys.push(k);
  return table(keys, rows.map((r) => keys.map((k) => cell(r[k], depth))), depth ? 'nested' : 'summary');
}

/** The `vpnshark sessions` document, one table per family that has something. */
export function summaryTables(doc: SessionsDoc, t: Texts): string {
  const parts: string[] = [];
  const add = (title: string, rows: unknown[]) => {
    if (rows.length) parts.push(`<h3>${esc(title)}</h3><div class="scroll">${objectsTable(rows as Record<string, unknown>[])}</div>`);
  };
  add(t.msg('sessions.pptp_calls'), doc.pptp.calls);
  add(t.msg('sessions.l2tp_tunnels'), doc.l2tp.tunnels);
  add(t.msg('sessions.ike_sas'), doc.ipsec.ike_sas);
  add(t.msg('sessions.ipsec_sas'), doc.ipsec.sas);
  return parts.join('\n');
}

export function findingsTable(findings: Finding[], t: Texts): string {
  if (!findings.length) return `<p>${esc(t.msg('report.no_findings'))}</p>`;
  return table(
    ([
      'report.col.severity', 'report.col.group', 'report.col.id', 'report.col.count', 'report.col.first', 'report.col.message',
    ] as MessageId[]).map((k) => t.msg(k)),
    findings.map((f) => [
      `<span class="sev sev-${esc(f.severity)}">${esc(f.severity)}</span>`, esc(f.group), `<code>${esc(f.id)}</code>`,
      String(f.count), frameLink(f.first_frame), esc(f.message),
    ]),
    'findings',
  );
}

export function protocolCountsTable(counts: [string, number][], t: Texts): string {
  return table(
    [t.msg('report.col.protocol'), '', t.msg('report.col.packets')],
    counts.map(([abbrev, n]) => [esc(fieldByName(abbrev)?.name ?? abbrev), `<code>${esc(abbrev)}</code>`, String(n)]),
  );
}

