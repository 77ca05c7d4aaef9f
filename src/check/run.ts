/** `vpnshark check`: run every dissector and analysis over the files and judge them against a policy. */
import { createEngine } from '../engine-factory.js';
import { fieldByName } from '../core/fields.js';
import { SEVERITY_RANK, type Severity } from '../core/expert.js';
import { readCapture } from '../capture/reader.js';
import { CaptureError } from '../capture/types.js';
import type { CompiledFilter } from '../filter/filter.js';
import { FORBID_RULES, REQUIRE_PROTOCOLS, type ForbidRule } from './rules.js';
import { FindingCounter, type Finding } from '../sessions/findings.js';

export type { Finding };

export interface CheckOptions {
  failOn: Severity;
  forbid: string[];
  require: string[];
  expect: Array<{ text: string; filter: CompiledFilter }>;
  settings?: Record<string, unknown>;
}

export interface RuleResult {
  rule: string;
  passed: boolean;
  message: string;
  frames: number[];
}

export interface FileReport {
  file: string;
  error: string | null;
  packets: number;
  protocols: Record<string, number>;
  findings: Finding[];
  rules: RuleResult[];
}

const FRAMES_KEPT = 20;
const FAMILY_PROTOCOLS = ['pptp', 'gre', 'ppp', 'l2tp', 'esp', 'ah', 'udpencap', 'isakmp'];
const FAMILY_BIT = new Map(FAMILY_PROTOCOLS.map((p, i) => [p, 1 << i]));

/**
 * Packets per VPN protocol, counted from one pass over each packet's layers (a bit per protocol)
 * instead of a search of the layers per protocol; the report lists them in the order first seen.
 */
class FamilyCounts {
  private readonly counts = new Array<number>(FAMILY_PROTOCOLS.length).fill(0);
  private readonly order: number[] = [];

  add(protocols: readonly string[]): void {
    let bits = 0;
    for (let k = 0; k < protocols.length; k++) bits |= FAMILY_BIT.get(protocols[k]) ?? 0;
    for (let i = 0; bits; i++, bits >>>= 1) {
      if (!(bits & 1)) continue;
      if (this.counts[i]++ === 0) this.order.push(i);
    }
  }

  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const i of this.order) out[FAMILY_PROTOCOLS[i]] = this.counts[i];
    return out;
  }
}

export function unknownRules(o: CheckOptions): string[] {
  return [
    ...o.forbid.filter((r) => !FORBID_RULES[r]).map((r) => `--forbid ${r} (known: ${Object.keys(FORBID_RULES).join(', ')})`),
    ...o.require.filter((r) => !REQUIRE_PROTOCOLS[r]).map((r) => `--require ${r} (known: ${Object.keys(REQUIRE_PROTOCOLS).join(', ')})`),
  ];
}

export async function checkFile(file: string, o: CheckOptions): Promise<FileReport> {
  const engine = createEngine({ tree: false, columns: false, settings: o.settings, forget: 'all' });
  const forbid: ForbidRule[] = o.forbid.map((r) => FORBID_RULES[r]);
  for (const r of forbid) for (const n of r.fields) { const f = fieldByName(n); if (f) engine.want(f.id); }
  for (const e of o.expect) for (const f of e.filter.fields) engine.want(f.id);
  const report: FileReport = { file, error: null, packets: 0, protocols: {}, findings: [], rules: [] };
  const findings = new FindingCounter();
  const families = new FamilyCounts();
  const forbidHits = forbid.map(() => ({ frames: [] as number[], count: 0, why: '' }));
  const expectHits = o.expect.map(() => 0);
  try {
    await readCapture(file, (frame) => {
      const pkt = engine.dissect(frame);
      report.packets++;
      families.add(pkt.protocols);
      for (const e of pkt.experts) findings.add(e, pkt.num);
      forbid.forEach((r, i) => {
        const why = r.test(pkt);
        if (why) {
          const h = forbidHits[i];
          h.count++;
          h.why ||= why;
          if (h.frames.length < FRAMES_KEPT) h.frames.push(pkt.num);
        }
      });
      o.expect.forEach((e, i) => { if (e.filter.matches(pkt)) expectHits[i]++; });
    }, { onWarning: (m) => findings.add({ severity: 'warn', group: 'malformed', id: 'capture.truncated', message: m }, report.packets) });
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    report.error = e.message;
  }
  report.protocols = families.toRecord();
  report.findings = findings.list();
  if (report.error) report.rules.push({ rule: 'readable', passed: false, message: report.error, frames: [] });
  const failing = report.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[o.failOn]);
  report.rules.push({
    rule: `fail-on ${o.failOn}`,
    passed: failing.length === 0,
    message: failing.length ? failing.map((f) => `${f.id} ×${f.count} (first frame ${f.first_frame}): ${f.message}`).join('; ') : `no finding at ${o.failOn} level or above`,
    frames: failing.flatMap((f) => f.frames).slice(0, FRAMES_KEPT),
  });
  forbid.forEach((r, i) => {
    const h = forbidHits[i];
    report.rules.push({ rule: `forbid ${r.name}`, passed: h.count === 0, message: h.count ? `${r.description}: ${h.why} in ${h.count} packet(s)` : `no ${r.name}`, frames: h.frames });
  });
  for (const req of o.require) {
    const proto = REQUIRE_PROTOCOLS[req];
    const n = report.protocols[proto] ?? 0;
    report.rules.push({ rule: `require ${req}`, passed: n > 0, message: n ? `${n} ${proto} packet(s)` : `no ${proto} packet in the capture`, frames: [] });
  }
  o.expect.forEach((e, i) => {
    report.rules.push({ rule: `expect ${e.text}`, passed: expectHits[i] > 0, message: expectHits[i] ? `${expectHits[i]} packet(s) match` : 'no packet matches', frames: [] });
  });
  return report;
}
