/** check reports: text for people, JSON (stable schema), JUnit XML for CI systems, GitHub Actions annotations. */
import type { FileReport } from './run.js';
import { sanitise } from '../output/sanitise.js';
import { texts, type Texts } from '../i18n/index.js';

export function textReport(reports: FileReport[], t: Texts = texts('en')): string {
  const out: string[] = [];
  for (const r of reports) {
    out.push(`${sanitise(r.file)}: ${r.error ? t.msg('check.unreadable', { error: sanitise(r.error) }) : t.msg('check.packets', { count: r.packets })}`);
    const fam = Object.entries(r.protocols).map(([k, v]) => `${k} ${v}`).join(', ');
    if (fam) out.push(`  ${t.msg('check.layers')}: ${fam}`);
    for (const f of r.findings) out.push(`  ${f.severity.padEnd(5)} ${f.group.padEnd(10)} ${f.id} ×${f.count} (${t.msg('check.first_frame', { frame: f.first_frame })}): ${sanitise(f.message)}`);
    for (const rule of r.rules) out.push(`  ${t.msg(rule.passed ? 'check.pass' : 'check.fail')} ${sanitise(rule.rule)}: ${sanitise(rule.message)}${rule.frames.length ? ` [${t.msg('check.frames', { frames: rule.frames.join(', ') })}]` : ''}`);
  }
  const failed = reports.flatMap((r) => r.rules.filter((x) => !x.passed));
  out.push(failed.length ? t.msg('check.failed', { count: failed.length }) : t.msg('check.passed'));
  return out.join('\n');
}

export function jsonReport(reports: FileReport[]): string {
  const failed = reports.some((r) => r.rules.some((x) => !x.passed));
  return JSON.stringify({ passed: !failed, files: reports.map((r) => ({ ...r, file: sanitise(r.file), findings: r.findings.map((f) => ({ ...f, message: sanitise(f.message) })) })) }, null, 2);
}

function xml(s: string): string {
  // XML 1.0 cannot carry most control characters at all, even escaped: they are dropped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function junitReport(reports: FileReport[]): string {
  const tests = reports.reduce((n, r) => n + r.rules.length, 0);
  const failures = reports.reduce((n, r) => n + r.rules.filter((x) => !x.passed).length, 0);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="vpnshark check" tests="${tests}" failures="${failures}">`];
  for (const r of reports) {
    const f = r.rules.filter((x) => !x.passed).length;
    out.push(`  <testsuite name="${xml(r.file)}" tests="${r.rules.length}" failures="${f}">`);
    for (const rule of r.rules) {
      out.push(`    <testcase classname="${xml(r.file)}" name="${xml(rule.rule)}">`);
      if (!rule.passed) {
        const frames = rule.frames.length ? ` (frames ${rule.frames.join(', ')})` : '';
        out.push(`      <failure message="${xml(rule.message)}">${xml(rule.message + frames)}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}

/** GitHub Actions workflow commands: one ::error or ::warning line per broken rule and per finding. */
export function githubReport(reports: FileReport[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const out: string[] = [];
  for (const r of reports) {
    for (const rule of r.rules) if (!rule.passed) out.push(`::error file=${prop(r.file)},title=${prop(`vpnshark ${rule.rule}`)}::${esc(sanitise(rule.message))}`);
    for (const f of r.findings) {
      if (f.severity === 'warn' || f.severity === 'error') {
        out.push(`::${f.severity === 'error' ? 'error' : 'warning'} file=${prop(r.file)},title=${prop(f.id)}::${esc(sanitise(`${f.message} (×${f.count}, first frame ${f.first_frame})`))}`);
      }
    }
  }
  return out.join('\n');
}
