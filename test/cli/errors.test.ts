import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/vpnshark.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'vpnshark-cli-'));

function pcapHeader(linkType = 1): Buffer {
  const b = Buffer.alloc(24);
  b.writeUInt32LE(0xa1b2c3d4, 0);
  b.writeUInt16LE(2, 4);
  b.writeUInt16LE(4, 6);
  b.writeUInt32LE(65535, 16);
  b.writeUInt32LE(linkType, 20);
  return b;
}

function expectOneLineError(r: ReturnType<typeof run>, file: string, what: RegExp) {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`vpnshark: ${file}: `)).toBe(true);
  expect(lines[0]).toMatch(what);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input gives one clear line and exit status 2', () => {
  it('an idle timeout that is not whole seconds', () => {
    const f = resolve(__dirname, '../../samples/esp-null.pcap');
    const r = run('-r', f, '-o', 'session.idle_timeout:1h');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([`vpnshark: ${f}: -o session.idle_timeout needs whole seconds (0 keeps every session), got "1h"`]);
  });
  it('a missing file', () => {
    const f = join(dir, 'nope.pcap');
    expectOneLineError(run('-r', f), f, /no such file/i);
  });
  it('a directory', () => {
    const d = join(dir, 'adir');
    mkdirSync(d);
    expectOneLineError(run('-r', d), d, /directory/i);
  });
  it('an empty file', () => {
    const f = join(dir, 'empty.pcap');
    writeFileSync(f, '');
    expectOneLineError(run('-r', f), f, /empty/i);
  });
  it('a file that is not a capture', () => {
    const f = join(dir, 'page.html');
    writeFileSync(f, '<html><body>hello</body></html>');
    expectOneLineError(run('-r', f), f, /not a pcap or pcapng/i);
  });
  it('a record whose length is impossible', () => {
    const f = join(dir, 'huge.pcap');
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(0xfffffff0, 8);
    rec.writeUInt32LE(0xfffffff0, 12);
    writeFileSync(f, Buffer.concat([pcapHeader(), rec, Buffer.alloc(64)]));
    const r = run('-r', f);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('an unknown field with -e is named with a suggestion, and its column stays empty', () => {
    const f = join(dir, 'ok.pcap');
    writeFileSync(f, pcapHeader());
    const r = run('-r', f, '-T', 'fields', '-e', 'ip.sorc');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/unknown field "ip.sorc".*did you mean.*ip\.src/);
  });
  it('a display filter syntax error points at the column', () => {
    const f = join(dir, 'ok2.pcap');
    writeFileSync(f, pcapHeader());
    const r = run('-r', f, '-Y', 'ip.src == ');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/column 11/);
  });
});

describe('unknown link types are shown as data', () => {
  it('prints the packet with a note, exit 0', () => {
    const f = join(dir, 'lt147.pcap');
    const rec = Buffer.alloc(16 + 4);
    rec.writeUInt32LE(1, 0);
    rec.writeUInt32LE(4, 8);
    rec.writeUInt32LE(4, 12);
    rec.write('abcd', 16);
    writeFileSync(f, Buffer.concat([pcapHeader(147), rec]));
    const r = run('-r', f, '-V');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Link type 147 is not one vpnshark dissects/);
    expect(r.stdout).toMatch(/Data: 61626364/);
  });
});
