/** The words of a ladder diagram in the chosen language, shared by the text and SVG renderers. */
import type { Texts } from '../i18n/index.js';
import type { DataRun, Endpoint, FlowMessage, FlowSession } from './model.js';

export function roleName(e: Endpoint, t: Texts): string {
  const role = e.role === 'initiator' ? t.msg('flow.initiator')
    : e.role === 'responder' ? t.msg('flow.responder')
    : e.role === 'peer' ? t.msg('flow.peer') : e.role;
  return e.assumed ? `${role} (${t.msg('flow.assumed')})` : role;
}

export function endpointTitle(e: Endpoint, t: Texts): string {
  return `${roleName(e, t)} ${e.addr}`;
}

export function sessionTitle(s: FlowSession, t: Texts): string {
  return t.msg('flow.session_title', { n: s.id, kind: s.kind });
}

/** An arrow's text: the message name, what marks it (request, ZLB, retransmission), its long name if wanted. */
export function messageText(m: FlowMessage, t: Texts, withDetail: boolean): string {
  let s = m.label;
  if (m.marks.includes('zlb')) s = t.msg('flow.zlb');
  if (m.marks.includes('keepalive')) s = t.msg('flow.keepalive');
  if (m.marks.includes('request')) s += ` ${t.msg('flow.request')}`;
  if (m.marks.includes('response')) s += ` ${t.msg('flow.response')}`;
  if (withDetail && m.detail && m.detail !== m.label) s += ` (${m.detail})`;
  if (m.marks.includes('retransmission')) s += ` [${t.msg('flow.retransmission')}]`;
  return s;
}

export function dataText(d: DataRun, t: Texts): string {
  const what = d.count === 1 ? t.msg('flow.data_run_one', { carrier: d.carrier })
    : t.msg('flow.data_run', { count: d.count, carrier: d.carrier });
  return `⇄ ${what} (→ ${d.aToB}, ← ${d.bToA})`;
}

export function frameRange(a: number, b: number): string {
  return a === b ? String(a) : `${a}-${b}`;
}
