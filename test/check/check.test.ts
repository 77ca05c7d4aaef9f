import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/vpnshark.js');
const SHARED = resolve(ROOT, '../shared/captures');
const sample = (f: string) => join(ROOT, 'samples', f);
const check = (...args: string[]) => spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'vpnshark-check-'));

describe('vpnshark check exit codes', () => {
  it('passes a clean IKEv2 + ESP capture (exit 0)', () => {
    const r = check(sample('ipsec-ikev2-esp.pcap'), '--require', 'esp,ike');
    expect(r.stdout).toMatch(/check: passed/);
    expect(r.status).toBe(0);
  });

  it('--forbid pptp fails a PPTP capture (exit 1) and names frames', () => {
    const r = check(sample('pptp-mschapv2-mppe.pcap'), '--forbid', 'pptp');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL forbid pptp: .*PPTP control message.*\[frames 4, 5, 6/);
  });

  it('--forbid l2tp-without-ipsec fails cleartext L2TP and passes L2TP inside ESP', () => {
    expect(check(sample('l2tp-chap-session.pcap'), '--forbid', 'l2tp-without-ipsec').status).toBe(1);
    expect(check(sample('l2tp-over-ipsec.pcap'), '--forbid', 'l2tp-without-ipsec').status).toBe(0);
  });

  it('--require fails when the capture lacks it, --expect when no packet matches', () => {
    const r = check(sample('ah-transport.pcap'), '--require', 'esp', '--expect', 'ah.spi', '--expect', 'udp.port == 4500');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL require esp/);
    expect(r.stdout).toMatch(/PASS expect ah\.spi: 4 packet\(s\) match/);
    expect(r.stdout).toMatch(/FAIL expect udp\.port == 4500: no packet matches/);
  });

  it('an unreadable file is exit 2; a wrong rule name is exit 2', () => {
    const r = check(join(dir, 'missing.pcap'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no such file/i);
    const w = check(sample('ah-transport.pcap'), '--forbid', 'telnet');
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/unknown rule: --forbid telnet/);
  });

  it('writes JUnit XML that a JUnit reader accepts, with one test case per file and rule', () => {
    const out = join(dir, 'junit.xml');
    const r = check(sample('pptp-mschapv2-mppe.pcap'), sample('ipsec-ikev2-esp.pcap'), '--forbid', 'pptp,ikev1', '--junit', out);
    expect(r.status).toBe(1);
    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites.tests).toBe('6');
    expect(doc.testsuites.failures).toBe('1');
    const suites = doc.testsuites.testsuite;
    expect(suites).toHaveLength(2);
    const pptpCase = suites[0].testcase.find((c: { name: string }) => c.name === 'forbid pptp');
    expect(pptpCase.failure.message).toMatch(/PPTP/);
  });

  it('-T json has a stable shape', () => {
    const r = check(sample('ipsec-ikev2-esp.pcap'), '-T', 'json');
    const j = JSON.parse(r.stdout);
    expect(j.passed).toBe(true);
    expect(Object.keys(j.files[0]).sort()).toEqual(['error', 'file', 'findings', 'packets', 'protocols', 'rules']);
    expect(j.files[0].packets).toBe(15);
  });

  it('--github prints annotation lines for broken rules', () => {
    const r = check(sample('pptp-mschapv2-mppe.pcap'), '--forbid', 'pptp', '--github');
    expect(r.stdout).toMatch(/^::error file=.*pptp-mschapv2-mppe\.pcap,title=vpnshark forbid pptp::/m);
  });
});

describe.skipIf(!existsSync(SHARED))('vpnshark check on the shared captures', () => {
  it('fails a malformed capture at the default level', () => {
    const r = check(join(SHARED, 'zeekipsec-ikev1-payload-bad-length.pcap'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/error .*malformed/);
  });
  it('fails the fuzzed L2TP capture and still reads all 20 packets', () => {
    const r = check(join(SHARED, 'tcpdump-l2tp-avp-overflow.pcap'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/: 20 packets/);
  });
});
