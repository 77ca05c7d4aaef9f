/** `vpnshark sessions` as tables (cli-table3): one per family, then the findings. */
import Table from 'cli-table3';
// cli-table3's own width measure (wide characters), so rows drawn here line up with its own.
import tableUtils from 'cli-table3/src/utils.js';
import type { SessionsDoc, GreStream } from '../sessions/summary.js';
import { sanitise } from './sanitise.js';
import { texts, type Texts } from '../i18n/index.js';

type Row = Record<string, unknown>;
const s = (v: unknown): string => (v === null || v === undefined || v === '' ? '–' : sanitise(String(v)));
const t = (sec: unknown): string => (typeof sec === 'number' ? new Date(sec * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–');

/**
 * cli-table3 lays a table out in time quadratic in its rows and measures every cell several times
 * with a regular expression built per call: the 27,000 SAs of a million-packet capture took minutes.
 * So widths are measured once over all rows, cli-table3 draws the head and the first CHUNK rows with
 * them, and the remaining rows are drawn here in the same characters (a test holds the two equal).
 */
const CHUNK = 64;
const width = (v: string): number => (/^[\x20-\x7e]*$/.test(v) ? v.length : tableUtils.strlen(v));
const cellWidth = (v: string): number => v.split('\n').reduce((w, l) => Math.max(w, width(l)), 0) + 2;

function drawRows(rows: string[][], colWidths: number[]): string[] {
  const sep = `├${colWidths.map((w) => '─'.repeat(w)).join('┼')}┤`;
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(sep);
    const cells = colWidths.map((_, j) => (r[j] ?? '').split('\n'));
    const height = cells.reduce((h, c) => Math.max(h, c.length), 1);
    for (let k = 0; k < height; k++) {
      lines.push(`│${cells.map((c, j) => { const v = c[k] ?? ''; return ` ${v}${' '.repeat(colWidths[j] - 2 - width(v))} `; }).join('│')}│`);
    }
  }
  return lines;
}

export function table(head: string[], rows: string[][]): string {
  const colWidths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, cellWidth(r[i] ?? '')), cellWidth(h)));
  const tb = new Table({ head, colWidths, style: { head: [], border: [] }, wordWrap: true });
  for (const r of rows.slice(0, CHUNK)) tb.push(r);
  if (rows.length <= CHUNK) return tb.toString();
  const lines = tb.toString().split('\n');
  const bottom = lines.pop()!;
  return [...lines, ...drawRows(rows.slice(CHUNK), colWidths), bottom].join('\n');
}

function greCell(g: GreStream | undefined): string {
  if (!g) return '–';
  const problems = [g.lost && `${g.lost} lost`, g.duplicated && `${g.duplicated} dup`, g.out_of_order && `${g.out_of_order} out of order`].filter(Boolean).join(', ');
  return `${g.packets} pkts, ${g.bytes} B${problems ? `\n${problems}` : ''}`;
}

export function sessionTables(doc: SessionsDoc, tx: Texts = texts('en')): string {
  const out: string[] = [];
  const multi = doc.files.length > 1;
  const files = doc.files.map((f) => `${sanitise(f.file)}: ${f.error ? `cannot be read: ${sanitise(f.error)}` : `${f.packets} packets, ${f.bytes} bytes, ${t(f.start)} – ${t(f.end)}`}`);
  out.push(files.join('\n'));

  const calls = doc.pptp.calls as Row[];
  if (calls.length) {
    out.push('', tx.msg('sessions.pptp_calls'));
    out.push(table(['#', 'PNS → PAC', 'Call IDs\n(PNS/PAC)', 'hosts', 'outcome', 'PPP', 'GRE PNS→PAC', 'GRE PAC→PNS', 'duration'], calls.map((c) => {
      const pns = c.pns as Row, pac = c.pac as Row, ppp = c.ppp as Row | null;
      const gre = c.gre as GreStream[];
      const pppText = ppp ? [`auth ${s(ppp.auth)}${ppp.user ? ` user ${s(ppp.user)}` : ''} ${s(ppp.auth_result)}`, `MPPE ${ppp.mppe_bits ? `${ppp.mppe_bits}-bit${ppp.mppe_stateless ? ' stateless' : ''}` : 'none'}`, (ppp.ipv4_addresses as string[]).length ? `IPCP ${(ppp.ipv4_addresses as string[]).join(', ')}` : ''].filter(Boolean).join('\n') : '–';
      return [
        `${multi ? `${s(c.file)}\n` : ''}${s(c.index)}`,
        `${s(pns.address)}\n→ ${s(pac.address)}`,
        `${s(pns.call_id)} / ${s(pac.call_id)}`,
        `${s(pns.host_name)} (${s(pns.vendor_name)})\n${s(pac.host_name)} (${s(pac.vendor_name)})`,
        s(c.outcome),
        pppText,
        greCell(gre.find((g) => g.sender === 'PNS') ?? gre[0]),
        greCell(gre.find((g) => g.sender === 'PAC') ?? gre[1]),
        typeof c.duration === 'number' ? `${c.duration.toFixed(3)} s` : '–',
      ];
    })));
  }
  const orphan = doc.pptp.gre_streams.filter((g) => g.sender === null);
  if (orphan.length) {
    out.push('', tx.msg('sessions.gre_orphans'));
    out.push(table(['gre.key.call_id', 'src → dst', 'packets', 'bytes', 'lost', 'dup', 'out of order'], orphan.map((g) => [s(g.gre_call_id), `${s(g.src)} → ${s(g.dst)}`, s(g.packets), s(g.bytes), s(g.lost), s(g.duplicated), s(g.out_of_order)])));
  }

  const tunnels = doc.l2tp.tunnels as Row[];
  if (tunnels.length) {
    out.push('', tx.msg('sessions.l2tp_tunnels'));
    out.push(table(['#', 'LAC → LNS', 'tunnel IDs\n(LAC/LNS)', 'hosts', 'control', 'ended', 'IPsec', 'sessions'], tunnels.map((tu) => {
      const lac = tu.lac as Row, lns = tu.lns as Row;
      const ids = tu.tunnel_ids as unknown[];
      const results = (tu.results as Row[]).map((r) => `${s(r.message)} result ${s(r.result_code)}${r.error_message ? ` "${s(r.error_message)}"` : ''}`).join('\n');
      const sessions = (tu.sessions as Row[]).map((se) => {
        const sid = se.session_ids as unknown[];
        const ppp = se.ppp as Row | null;
        const d = se.data as { from_lac: { packets: number }; from_lns: { packets: number } };
        return `${s(sid[0])}/${s(sid[1])}: ${se.established ? 'established' : 'not established'}, data ${d.from_lac.packets}→ ${d.from_lns.packets}←${ppp ? `, PPP ${s(ppp.auth)} ${s(ppp.auth_result)}` : ''}`;
      }).join('\n');
      const msgs = Object.entries(tu.control_messages as Record<string, number>).map(([k, v]) => `${k}×${v}`).join(' ');
      return [
        `${multi ? `${s(tu.file)}\n` : ''}${s(tu.index)}`,
        `${s(lac.address)}\n→ ${s(lns.address)}`,
        `${s(ids[0])} / ${s(ids[1])}`,
        `${s(lac.host_name)}\n${s(lns.host_name)}`,
        `${msgs}\n${s(tu.retransmissions)} retransmitted`,
        results || (tu.closed ? 'closed' : 'open'),
        tu.inside_ipsec ? 'inside ESP' : 'in clear',
        sessions || '–',
      ];
    })));
  }

  const ike = doc.ipsec.ike_sas as Row[];
  if (ike.length) {
    out.push('', tx.msg('sessions.ike_sas'));
    out.push(table(['#', 'initiator → responder', 'version', 'SPIs (i/r)', 'exchanges', 'proposal', 'auth', 'NAT', 'errors'], ike.map((k) => [
      `${multi ? `${s(k.file)}\n` : ''}${s(k.index)}`,
      `${s(k.initiator)}${k.initiator_id ? ` (${s(k.initiator_id)})` : ''}\n→ ${s(k.responder)}${k.responder_id ? ` (${s(k.responder_id)})` : ''}`,
      `IKEv${s(k.version)}`,
      `${s(k.ispi)}\n${s(k.rspi)}`,
      Object.entries(k.exchanges as Record<string, number>).map(([e, n]) => `${e}×${n}`).join('\n'),
      s(k.chosen_proposal),
      s(k.auth_method),
      k.nat_detected ? `detected (${(k.behind_nat as string[]).join(', ')})` : k.nat_traversal ? 'NAT-T' : k.nat_detected === false ? 'none' : '–',
      (k.errors as Row[]).map((e) => s(e.name)).join(', ') || '–',
    ])));
  }
  const sas = doc.ipsec.sas as Row[];
  if (sas.length) {
    out.push('', tx.msg('sessions.ipsec_sas'));
    out.push(table(['protocol', 'SPI', 'src → dst', 'encapsulation', 'packets', 'bytes', 'seq first–last', 'lost', 'replayed', 'out of order', 'IKE SA'], sas.map((a) => [
      `${multi ? `${s(a.file)}\n` : ''}${s(String(a.protocol).toUpperCase())}`, s(a.spi), `${s(a.src)} → ${s(a.dst)}`, s(a.encapsulation),
      s(a.packets), s(a.bytes), `${s(a.first_seq)}–${s(a.last_seq)}`, s(a.lost), s(a.replayed), s(a.out_of_order), a.ike_sa ? `#${s(a.ike_sa)}` : '–',
    ])));
  }
  if (!calls.length && !orphan.length && !tunnels.length && !ike.length && !sas.length) out.push('', tx.msg('sessions.none'));

  const findings = doc.findings.filter((f) => f.group === 'security' || f.severity === 'warn' || f.severity === 'error');
  if (findings.length) {
    out.push('', tx.msg('sessions.findings'));
    out.push(table(['severity', 'group', 'finding', 'count', 'first frame'], findings.map((f) => [
      f.severity, f.group, `${s(f.message)}\n(${f.id})`, String(f.count), `${multi ? `${s(f.file)} ` : ''}${f.first_frame}`,
    ])));
  }
  return out.join('\n');
}
