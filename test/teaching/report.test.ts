/**
 * vpnshark report: one self-contained HTML file. Checked as text (nothing fetched, everything from
 * packets escaped), then in headless Chromium when it is installed: selecting a field highlights
 * its bytes, selecting a byte selects its field, the ladder jumps to its packet, the console stays
 * free of errors, and a big capture keeps only the visible rows in the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCapture } from '../../src/capture/reader.js';
import { pcapFile, type WriteRecord } from '../../src/capture/writer.js';
import { escapeHtml, scriptJson } from '../../src/report/escape.js';
import { ROOT, sample } from './helpers.js';

const BIN = resolve(ROOT, 'bin/vpnshark.js');
const OUT = mkdtempSync(join(tmpdir(), 'vpnshark-report-'));
const CHROMIUM = '/usr/bin/chromium';
const BIG = resolve(ROOT, '../shared/captures/flowcontainer-l2tp-ipsec-natt.pcap');

function report(args: string[], name: string): string {
  const out = join(OUT, name);
  const r = spawnSync(process.execPath, [BIN, 'report', ...args, '-o', out], { encoding: 'utf8', cwd: ROOT });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return out;
}

/** The L2TP sample with its LAC host name replaced by markup of the same length. */
async function hostileCapture(): Promise<string> {
  const recs: WriteRecord[] = [];
  await readCapture(sample('l2tp-chap-session.pcap'), (f) => {
    recs.push({ data: Uint8Array.from(f.data), tsSec: f.tsSec, tsNsec: f.tsNsec });
  });
  const first = Buffer.from(recs[0].data);
  const at = first.indexOf('lac-branch-7');
  expect(at).toBeGreaterThan(0);
  first.write('<b>x</b>&"\'y', at, 'latin1');
  recs[0].data = first;
  const path = join(OUT, 'hostile.pcap');
  writeFileSync(path, pcapFile(1, recs.slice(0, 4)));
  return path;
}

describe('report HTML', () => {
  it('is self-contained: inline style and script, a policy that forbids fetching, no outside URL', () => {
    const html = readFileSync(report(['samples/l2tp-chap-session.pcap', '--lang', 'en'], 'l2tp.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i);
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:\/\//);
    expect(html).toContain('<title>vpnshark report: samples/l2tp-chap-session.pcap</title>');
    expect(html).toContain('<h3 id="ladder-1">Session 1: L2TP</h3>');
    expect(html).toContain('<text x="470" y="205" class="label">ICRQ (Incoming-Call-Request) [retransmission]</text>');
  });

  it('escapes what came from packets, in markup and in the embedded JSON', async () => {
    const html = readFileSync(report([await hostileCapture(), '--lang', 'en'], 'hostile.html'), 'utf8');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;&amp;&quot;&#39;y');
    expect(html).toContain('\\u003cb\\u003ex\\u003c/b\\u003e\\u0026');
    expect(escapeHtml('<a href="x">\'&\u0007')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;\\x07');
    const tricky = { s: '</script><script>alert(1)</script>\u2028<!--' };
    expect(scriptJson(tricky)).not.toMatch(/[<>\u2028]/);
    expect(JSON.parse(scriptJson(tricky))).toEqual(tricky);
  });

  it('writes headings in Japanese with --lang ja', () => {
    const html = readFileSync(report(['samples/pptp-mschapv2-mppe.pcap', '--lang', 'ja'], 'pptp-ja.html'), 'utf8');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('<h2>ラダー図</h2>');
    expect(html).toContain('<h3 id="ladder-1">セッション 1: PPTP</h3>');
  });
});

// The browser half needs Chromium and playwright-core; without them it is skipped, not failed.
const havePlaywright = existsSync(resolve(ROOT, 'node_modules/playwright-core'));
const haveBrowser = existsSync(CHROMIUM) && havePlaywright;

describe.skipIf(!haveBrowser)('report in headless Chromium', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let ctx: any;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'vpnshark-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
    });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
  });

  async function open(file: string) {
    const page = await ctx.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m: { type(): string; text(): string }) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e: Error) => errors.push(String(e)));
    page.on('request', (r: { url(): string }) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
    await page.goto(`file://${file}`);
    return { page, errors, requests };
  }

  it('a field selects its bytes, a byte selects its field, and the ladder selects its packet', async () => {
    const { page, errors, requests } = await open(report(['samples/l2tp-chap-session.pcap', '--lang', 'en'], 'browser.html'));
    // The ICRQ arrow of the ladder (frame 5) opens that packet in the browser.
    await page.locator('svg.ladder g[data-frame="5"]').first().click();
    expect(await page.locator('#vs-rows .row.sel .c-no').textContent()).toBe('5');
    expect(await page.locator('#vs-layers').textContent()).toBe('[Ethernet 0-13][IPv4 14-33][UDP 1701 34-41][L2TP 42-115]');
    // Open the L2TP layer and click Tunnel ID: its two bytes light up, 0x0b71 = 2929.
    const l2tp = page.locator('#vs-tree > .node > .line.proto', { hasText: 'Layer 2 Tunneling Protocol' });
    await l2tp.locator('.tw').click();
    await page.locator('#vs-tree .line').filter({ has: page.locator('.lbl', { hasText: /^Tunnel ID: 2929$/ }) }).click();
    expect(await page.locator('#vs-hex .b.on-field').allTextContents()).toEqual(['0b', '71']);
    expect(await page.locator('#vs-info').textContent()).toContain('l2tp.tunnel  [46–47]');
    // Back: a byte of the Ns field selects the Ns item.
    await page.locator('#vs-hex .b[data-o="50"]').click();
    expect(await page.locator('#vs-tree .line.sel').textContent()).toContain('Ns: 2');
    expect(await page.locator('#vs-hex .b.on-field').allTextContents()).toEqual(['00', '02']);
    // Explanations appear with the switch.
    expect(await page.locator('#vs-tree .ex').first().isVisible()).toBe(false);
    await page.check('#vs-explain');
    expect(await page.locator('#vs-tree .line.sel + .ex').textContent()).toBe('‣ Sequence number of this message (control: counts non-ZLB messages sent). — RFC 2661 §5.8');
    await page.screenshot({ path: join(OUT, 'report.png') });
    expect(readFileSync(join(OUT, 'report.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('markup from a packet stays text in the page', async () => {
    const { page, errors } = await open(join(OUT, 'hostile.html'));
    expect(await page.locator('b', { hasText: 'x' }).count()).toBe(0);
    const tree = page.locator('#vs-tree');
    await tree.locator('.line.proto', { hasText: 'Layer 2 Tunneling Protocol' }).locator('.tw').click();
    const avp = tree.locator('.line', { hasText: 'Host Name AVP' }).first();
    await avp.locator('.tw').click();
    expect(await tree.locator('.line', { hasText: 'Host Name: ' }).first().textContent()).toContain('Host Name: <b>x</b>&"\'y');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it.skipIf(!existsSync(BIG))('a capture of thousands of packets keeps only the visible rows in the page', async () => {
    const { page, errors } = await open(report([BIG, '--lang', 'en'], 'big.html'));
    const total = await page.evaluate(() => JSON.parse(document.getElementById('vs-meta')!.textContent!).list.length);
    expect(total).toBeGreaterThan(2000);
    const rows = await page.locator('#vs-rows .row').count();
    expect(rows).toBeLessThan(40);
    await page.locator('#vs-scroll').evaluate((e: HTMLElement) => { e.scrollTop = 2000 * 20; e.dispatchEvent(new Event('scroll')); });
    expect(await page.locator('#vs-rows .row .c-no').first().textContent()).toBe(String(2000 - 5 + 1));
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
