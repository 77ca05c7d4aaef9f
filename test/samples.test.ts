/**
 * The committed samples/ are exactly what samples/generate.ts writes, and what they contain is
 * real: the crypto in each capture is checked here against the published demo secrets, with the
 * checks written from the RFCs independently of the generator's own helpers.
 */
import { createDecipheriv, createDiffieHellman, createHash, createHmac, getDiffieHellman } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAll } from '../samples/generate.js';
import { MppeDirection, mppeStartKeys } from '../src/crypto/mppe.js';
import { generateAuthenticatorResponse, generateNtResponse } from '../src/crypto/mschapv2.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = join(root, 'samples');

const EXPECTED = [
  'pptp-mschapv2-mppe.pcap',
  'pptp-mschapv2-mppe.pcapng',
  'l2tp-chap-session.pcap',
  'l2tp-chap-session.pcapng',
  'ipsec-ikev2-esp.pcap',
  'ipsec-ikev2-esp.pcapng',
  'l2tp-over-ipsec.pcap',
  'l2tp-over-ipsec.pcapng',
  'ah-transport.pcap',
  'ah-transport.pcapng',
  'esp-null.pcap',
  'esp-null.pcapng',
  'multi-interface.pcapng',
  'ah-transport-nsec-be.pcap',
  'linux-sll2-gre.pcap',
  'keys/ipsec-ikev2-esp/ikev2_decryption_table',
  'keys/ipsec-ikev2-esp/esp_sa',
  'keys/l2tp-over-ipsec/esp_sa',
  'keys/esp-null/esp_sa',
];

describe('samples are reproducible', () => {
  let out = '';
  let written: string[] = [];
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'vpnshark-samples-'));
    written = generateAll(out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes every expected capture and key file', () => {
    for (const f of EXPECTED) expect(written).toContain(f);
  });

  it('every generated file is byte-identical to the committed one', () => {
    for (const p of written) {
      const committed = join(samplesDir, p);
      expect(existsSync(committed), `samples/${p} is missing: run npm run samples`).toBe(true);
      const a = readFileSync(join(out, p));
      const b = readFileSync(committed);
      expect(a.equals(b), `samples/${p} differs from the generator's output: run npm run samples`).toBe(true);
    }
  });

  it('generating twice gives the same bytes', () => {
    const again = mkdtempSync(join(tmpdir(), 'vpnshark-samples-'));
    try {
      generateAll(again);
      for (const p of written) expect(readFileSync(join(again, p)).equals(readFileSync(join(out, p))), p).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('every capture in samples/ comes from the generator, and each is under 30 KB', () => {
    const caps = readdirSync(samplesDir).filter((f) => /\.(pcap|pcapng)$/.test(f));
    expect(caps.sort()).toEqual(written.filter((p) => !p.includes('/') && /\.(pcap|pcapng)$/.test(p)).sort());
    for (const f of caps) expect(statSync(join(samplesDir, f)).size).toBeLessThan(30 * 1024);
  });
});

// ---- minimal readers for the checks below (the samples are little-endian microsecond pcaps) ----

interface Rec {
  data: Buffer;
  tsSec: number;
  tsFrac: number;
}

function readPcap(name: string): { linkType: number; recs: Rec[] } {
  const buf = readFileSync(join(samplesDir, name));
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const r32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const recs: Rec[] = [];
  for (let p = 24; p + 16 <= buf.length; ) {
    const cap = r32(p + 8);
    recs.push({ tsSec: r32(p), tsFrac: r32(p + 4), data: buf.subarray(p + 16, p + 16 + cap) });
    p += 16 + cap;
  }
  return { linkType: r32(20), recs };
}

interface Ip {
  src: Buffer;
  dst: Buffer;
  proto: number;
  header: Buffer;
  payload: Buffer;
}

/** Ethernet + IPv4 (or IPv6 without extension headers). */
function ip(frame: Buffer): Ip {
  const type = frame.readUInt16BE(12);
  const p = frame.subarray(14);
  if (type === 0x86dd) return { src: p.subarray(8, 24), dst: p.subarray(24, 40), proto: p[6], header: p.subarray(0, 40), payload: p.subarray(40) };
  expect(type).toBe(0x0800);
  const hl = (p[0] & 15) * 4;
  return { src: p.subarray(12, 16), dst: p.subarray(16, 20), proto: p[9], header: p.subarray(0, hl), payload: p.subarray(hl, p.readUInt16BE(2)) };
}

const ipStr = (b: Buffer) => [...b].join('.');

function ipv4ChecksumOk(h: Buffer): boolean {
  let s = 0;
  for (let i = 0; i < h.length; i += 2) s += h.readUInt16BE(i);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s === 0xffff;
}

function readKeyFile(dir: string, file: string): string {
  return readFileSync(join(samplesDir, 'keys', dir, file), 'utf8');
}

/** Parses Wireshark's esp_sa UAT lines into SPI -> keys. */
function espSas(dir: string): Map<number, { src: string; dst: string; enc: Buffer | null; auth: Buffer; authAlg: string }> {
  const m = new Map();
  for (const line of readKeyFile(dir, 'esp_sa').split('\n').filter(Boolean)) {
    const f = [...line.matchAll(/"([^"]*)"/g)].map((x) => x[1]);
    expect(f).toHaveLength(8);
    m.set(parseInt(f[3], 16), {
      src: f[1],
      dst: f[2],
      enc: f[5] ? Buffer.from(f[5].slice(2), 'hex') : null,
      auth: Buffer.from(f[7].slice(2), 'hex'),
      authAlg: f[6],
    });
  }
  return m;
}

/** Verifies and opens one ESP packet (RFC 4303) with the SA table; returns next header and payload. */
function openEsp(esp: Buffer, sas: ReturnType<typeof espSas>): { spi: number; seq: number; nextHeader: number; payload: Buffer } {
  const spi = esp.readUInt32BE(0);
  const sa = sas.get(spi);
  expect(sa, `SPI 0x${spi.toString(16)} in esp_sa`).toBeDefined();
  const [alg, icvLen] = sa!.authAlg.startsWith('HMAC-SHA-1-96') ? ['sha1', 12] : ['sha256', 16];
  const body = esp.subarray(0, esp.length - icvLen);
  const icv = createHmac(alg, sa!.auth).update(body).digest().subarray(0, icvLen);
  expect(icv.equals(esp.subarray(esp.length - icvLen)), 'ESP ICV').toBe(true);
  let plain: Buffer;
  if (sa!.enc) {
    const d = createDecipheriv('aes-128-cbc', sa!.enc, body.subarray(8, 24)).setAutoPadding(false);
    plain = Buffer.concat([d.update(body.subarray(24)), d.final()]);
  } else {
    plain = body.subarray(8);
  }
  const padLen = plain[plain.length - 2];
  for (let i = 0; i < padLen; i++) expect(plain[plain.length - 2 - padLen + i]).toBe(i + 1);
  return { spi, seq: esp.readUInt32BE(4), nextHeader: plain[plain.length - 1], payload: plain.subarray(0, plain.length - 2 - padLen) };
}

// ---- PPTP ----

/** GRE v1 header fields and the PPP frame inside (address/control and protocol possibly compressed). */
function greV1(g: Buffer): { callId: number; seq?: number; ack?: number; proto?: number; ppp: Buffer } {
  const flags = g.readUInt16BE(0);
  expect(flags & 7).toBe(1);
  expect(g.readUInt16BE(2)).toBe(0x880b);
  let o = 8;
  const seq = flags & 0x1000 ? g.readUInt32BE((o += 4) - 4) : undefined;
  const ack = flags & 0x0080 ? g.readUInt32BE((o += 4) - 4) : undefined;
  const payload = g.subarray(o);
  expect(payload.length).toBe(g.readUInt16BE(4));
  if (payload.length === 0) return { callId: g.readUInt16BE(6), seq, ack, ppp: payload };
  let q = payload[0] === 0xff && payload[1] === 0x03 ? 2 : 0;
  let proto = payload[q];
  if (proto & 1) q += 1;
  else {
    proto = payload.readUInt16BE(q);
    q += 2;
  }
  return { callId: g.readUInt16BE(6), seq, ack, proto, ppp: payload.subarray(q) };
}

describe('pptp-mschapv2-mppe contents', () => {
  const { recs } = readPcap('pptp-mschapv2-mppe.pcap');
  const gre = recs
    .map((r) => ip(r.data))
    .filter((p) => p.proto === 47)
    .map((p) => ({ fromClient: ipStr(p.src) === '192.0.2.10', ...greV1(p.payload) }));

  it('GRE keys carry the peer Call ID: 0x0050 towards the server, 0x4000 towards the client', () => {
    expect(gre.length).toBe(28);
    for (const g of gre) expect(g.callId).toBe(g.fromClient ? 0x0050 : 0x4000);
    expect(gre.filter((g) => g.ppp.length === 0 && g.seq === undefined && g.ack !== undefined)).toHaveLength(1);
  });

  it('MS-CHAPv2 response and authenticator response are computed from the demo password', () => {
    const chap = gre.filter((g) => g.proto === 0xc223).map((g) => g.ppp);
    const challenge = chap.find((c) => c[0] === 1)!;
    const response = chap.find((c) => c[0] === 2)!;
    const success = chap.find((c) => c[0] === 3)!;
    const authChallenge = challenge.subarray(5, 21);
    expect(challenge[4]).toBe(16);
    expect(response[4]).toBe(49);
    const peerChallenge = response.subarray(5, 21);
    const ntResponse = response.subarray(29, 53);
    const user = response.subarray(54, response.readUInt16BE(2)).toString('latin1');
    expect(user).toBe('student');
    expect(Buffer.from(generateNtResponse(authChallenge, peerChallenge, user, 'vpnshark-demo')).equals(ntResponse)).toBe(true);
    const s = generateAuthenticatorResponse('vpnshark-demo', ntResponse, peerChallenge, authChallenge, user);
    expect(success.subarray(4, success.readUInt16BE(2)).toString('latin1')).toBe(`${s} M=Welcome`);
  });

  it('the six MPPE frames decrypt with the RFC 3079 keys to valid IPv4 packets', () => {
    const response = gre.find((g) => g.proto === 0xc223 && g.ppp[0] === 2)!.ppp;
    const keys = mppeStartKeys('vpnshark-demo', response.subarray(29, 53), 128);
    const dirs = { c: new MppeDirection(keys.clientToServer, 128, true), s: new MppeDirection(keys.serverToClient, 128, true) };
    const comp = gre.filter((g) => g.proto === 0x00fd);
    expect(comp).toHaveLength(6);
    const counts: Record<string, number[]> = { c: [], s: [] };
    const protos: number[] = [];
    for (const g of comp) {
      const d = g.fromClient ? 'c' : 's';
      expect(g.ppp[0] & 0xf0).toBe(0x90); // A (flushed) and D (encrypted): stateless
      counts[d].push(((g.ppp[0] & 0x0f) << 8) | g.ppp[1]);
      const plain = Buffer.from(dirs[d].decrypt(g.ppp)!);
      expect(plain.readUInt16BE(0)).toBe(0x0021);
      const inner = plain.subarray(2);
      expect(inner[0]).toBe(0x45);
      expect(inner.readUInt16BE(2)).toBe(inner.length);
      expect(ipv4ChecksumOk(inner.subarray(0, 20))).toBe(true);
      protos.push(inner[9]);
    }
    expect(counts).toEqual({ c: [0, 1, 2], s: [0, 1, 2] });
    expect(protos).toEqual([1, 1, 17, 17, 1, 1]);
  });

  it('CCP asks for MPPE 128-bit stateless and IPCP hands out 10.99.0.2', () => {
    const ccp = gre.filter((g) => g.proto === 0x80fd).map((g) => g.ppp);
    for (const c of ccp) expect(c.subarray(4, 10).toString('hex')).toBe('120601000040');
    const nak = gre.find((g) => g.proto === 0x8021 && g.ppp[0] === 3)!.ppp;
    expect(nak.subarray(4).toString('hex')).toBe('03060a630002' + '81060a630001');
  });
});

// ---- L2TP ----

interface Avp {
  flags: number;
  type: number;
  value: Buffer;
}

function l2tpAvps(msg: Buffer): Avp[] {
  const len = msg.readUInt16BE(2);
  const out: Avp[] = [];
  for (let o = 12; o < len; ) {
    const w = msg.readUInt16BE(o);
    const l = w & 0x3ff;
    expect(l).toBeGreaterThanOrEqual(6);
    out.push({ flags: w & 0xc000, type: msg.readUInt16BE(o + 4), value: msg.subarray(o + 6, o + l) });
    o += l;
  }
  return out;
}

describe('l2tp-chap-session contents', () => {
  const { recs } = readPcap('l2tp-chap-session.pcap');
  const l2tp = recs.map((r) => ip(r.data).payload.subarray(8));
  const secret = readKeyFile('l2tp-chap-session', 'keys.txt').match(/^l2tp_tunnel_secret=(.*)$/m)![1];

  it('the hidden Vendor Name AVP decrypts with the tunnel secret (RFC 2661 §4.3)', () => {
    const avps = l2tpAvps(l2tp[0]);
    const rvIndex = avps.findIndex((a) => a.type === 36);
    const hidden = avps.findIndex((a) => a.flags & 0x4000);
    expect(rvIndex).toBeGreaterThan(0);
    expect(hidden).toBe(rvIndex + 1);
    const h = avps[hidden];
    expect(h.type).toBe(8);
    const plain = Buffer.alloc(h.value.length);
    let b = createHash('md5').update(Buffer.from([0, h.type])).update(secret).update(avps[rvIndex].value).digest();
    for (let o = 0; o < h.value.length; o += 16) {
      for (let i = 0; i < 16 && o + i < h.value.length; i++) plain[o + i] = h.value[o + i] ^ b[i];
      b = createHash('md5').update(secret).update(h.value.subarray(o, o + 16)).digest();
    }
    expect(plain.subarray(2, 2 + plain.readUInt16BE(0)).toString('latin1')).toBe('vpnshark sample LAC');
  });

  it('tunnel authentication responses are MD5(message type | secret | challenge)', () => {
    const [sccrq, sccrp, scccn] = l2tp.slice(0, 3).map(l2tpAvps);
    const chal = (a: Avp[]) => a.find((x) => x.type === 11)!.value;
    const resp = (a: Avp[]) => a.find((x) => x.type === 13)!.value;
    expect(resp(sccrp).equals(createHash('md5').update(Buffer.from([2])).update(secret).update(chal(sccrq)).digest())).toBe(true);
    expect(resp(scccn).equals(createHash('md5').update(Buffer.from([3])).update(secret).update(chal(sccrp)).digest())).toBe(true);
  });

  it('has a retransmitted ICRQ (same bytes, same Ns) and CHAP-MD5 computed from the password', () => {
    expect(l2tp[4].equals(l2tp[5])).toBe(true);
    expect(l2tpAvps(l2tp[4])[0].value.readUInt16BE(0)).toBe(10);
    const data = l2tp.filter((m) => (m[0] & 0x80) === 0).map((m) => m.subarray(6));
    const chap = data.filter((p) => p.readUInt16BE(2) === 0xc223).map((p) => p.subarray(4));
    const challenge = chap.find((c) => c[0] === 1)!;
    const response = chap.find((c) => c[0] === 2)!;
    const expected = createHash('md5').update(Buffer.from([challenge[1]])).update('vpnshark-demo').update(challenge.subarray(5, 5 + challenge[4])).digest();
    expect(response.subarray(5, 21).equals(expected)).toBe(true);
    expect(data.filter((p) => p.readUInt16BE(2) === 0x0021)).toHaveLength(4);
  });
});

// ---- IKEv2 and ESP ----

describe('ipsec-ikev2-esp contents', () => {
  const { recs } = readPcap('ipsec-ikev2-esp.pcap');
  const udp = recs.map((r) => {
    const p = ip(r.data);
    return { src: ipStr(p.src), sport: p.payload.readUInt16BE(0), data: p.payload.subarray(8) };
  });
  const table = readKeyFile('ipsec-ikev2-esp', 'ikev2_decryption_table').trim().split(',');
  const [spiI, spiR, skEi, skEr, , skAi, skAr] = table.map((f) => Buffer.from(f, 'hex'));
  const keysTxt = readKeyFile('ipsec-ikev2-esp', 'keys.txt');
  const kv = (k: string) => Buffer.from(keysTxt.match(new RegExp(`${k}=([0-9a-fA-F]+)`))![1], 'hex');

  /** Payloads of an IKE message body: [type, body] from a first type and the chained bytes. */
  function payloads(first: number, bytes: Buffer): [number, Buffer][] {
    const out: [number, Buffer][] = [];
    let type = first;
    for (let o = 0; type !== 0; ) {
      const len = bytes.readUInt16BE(o + 2);
      expect(len).toBeGreaterThanOrEqual(4);
      out.push([type, bytes.subarray(o + 4, o + len)]);
      type = bytes[o];
      o += len;
    }
    return out;
  }

  const msg1 = udp[0].data;
  const msg2 = udp[1].data;

  it('the keys in ikev2_decryption_table follow from the DH exchange and nonces (RFC 7296 §2.14)', () => {
    expect(msg1.subarray(0, 8).equals(spiI)).toBe(true);
    expect(msg2.subarray(8, 16).equals(spiR)).toBe(true);
    const ke = (m: Buffer) => payloads(m[16], m.subarray(28)).find(([t]) => t === 34)![1].subarray(4);
    const nonce = (m: Buffer) => payloads(m[16], m.subarray(28)).find(([t]) => t === 40)![1];
    const group = getDiffieHellman('modp14');
    const dh = createDiffieHellman(group.getPrime(), group.getGenerator());
    dh.setPrivateKey(kv('private_i'));
    dh.generateKeys();
    expect(Buffer.from(dh.getPublicKey()).equals(ke(msg1).subarray(ke(msg1).length - dh.getPublicKey().length))).toBe(true);
    const gir = Buffer.alloc(256);
    const s = dh.computeSecret(ke(msg2));
    s.copy(gir, 256 - s.length);
    const ni = nonce(msg1);
    const nr = nonce(msg2);
    const skeyseed = createHmac('sha256', Buffer.concat([ni, nr])).update(gir).digest();
    const seed = Buffer.concat([ni, nr, spiI, spiR]);
    let t = Buffer.alloc(0);
    const stream: Buffer[] = [];
    for (let n = 1; n <= 7; n++) {
      t = createHmac('sha256', skeyseed).update(Buffer.concat([t, seed, Buffer.from([n])])).digest();
      stream.push(t);
    }
    const k = Buffer.concat(stream);
    // SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr
    expect(k.subarray(32, 64).equals(skAi)).toBe(true);
    expect(k.subarray(64, 96).equals(skAr)).toBe(true);
    expect(k.subarray(96, 112).equals(skEi)).toBe(true);
    expect(k.subarray(112, 128).equals(skEr)).toBe(true);
    expect(k.subarray(128, 160).equals(kv('sk_pi'))).toBe(true);
    expect(k.subarray(160, 192).equals(kv('sk_pr'))).toBe(true);
  });

  it('NAT detection hashes: the request matches its own addresses, the response reveals the NAT', () => {
    const nat = (m: Buffer, type: number) =>
      payloads(m[16], m.subarray(28)).find(([t, b]) => t === 41 && b.readUInt16BE(2) === type)![1].subarray(4);
    const h = (spiRv: Buffer, ipAddr: number[], port: number) =>
      createHash('sha1').update(spiI).update(spiRv).update(Buffer.from(ipAddr)).update(Buffer.from([port >> 8, port & 255])).digest();
    const zero = Buffer.alloc(8);
    expect(nat(msg1, 16388).equals(h(zero, [10, 0, 0, 5], 500))).toBe(true);
    expect(nat(msg1, 16389).equals(h(zero, [198, 51, 100, 10], 500))).toBe(true);
    expect(nat(msg2, 16388).equals(h(spiR, [198, 51, 100, 10], 500))).toBe(true);
    expect(nat(msg2, 16389).equals(h(spiR, [10, 0, 0, 5], 500))).toBe(false);
    expect(nat(msg2, 16389).equals(h(spiR, [192, 0, 2, 30], 500))).toBe(true);
  });

  it('SK payloads verify and decrypt; both AUTH payloads are the PSK MIC of RFC 7296 §2.15', () => {
    const sk = udp.filter((u) => u.sport === 4500 && u.data.length > 4 && u.data.readUInt32BE(0) === 0).map((u) => u.data.subarray(4));
    expect(sk).toHaveLength(6);
    const opened = sk.map((m) => {
      const initiator = (m[19] & 0x08) !== 0;
      expect(m[16]).toBe(46);
      expect(m.readUInt32BE(24)).toBe(m.length);
      const icv = createHmac('sha256', initiator ? skAi : skAr).update(m.subarray(0, m.length - 16)).digest().subarray(0, 16);
      expect(icv.equals(m.subarray(m.length - 16))).toBe(true);
      const d = createDecipheriv('aes-128-cbc', initiator ? skEi : skEr, m.subarray(32, 48)).setAutoPadding(false);
      const plain = Buffer.concat([d.update(m.subarray(48, m.length - 16)), d.final()]);
      return { exchange: m[18], initiator, list: payloads(m[28], plain.subarray(0, plain.length - 1 - plain[plain.length - 1])) };
    });
    expect(opened.map((o) => o.exchange)).toEqual([35, 35, 37, 37, 37, 37]);
    expect(opened[0].list.map(([t]) => t)).toEqual([35, 41, 36, 39, 33, 44, 45]);
    const prf = (k: Buffer, d: Buffer) => createHmac('sha256', k).update(d).digest();
    const pad = prf(Buffer.from('vpnshark-demo-psk'), Buffer.from('Key Pad for IKEv2'));
    const nonce = (m: Buffer) => payloads(m[16], m.subarray(28)).find(([t]) => t === 40)![1];
    const authI = opened[0].list.find(([t]) => t === 39)![1];
    const idI = opened[0].list.find(([t]) => t === 35)![1];
    expect(authI[0]).toBe(2);
    expect(authI.subarray(4).equals(prf(pad, Buffer.concat([msg1, nonce(msg2), prf(kv('sk_pi'), idI)])))).toBe(true);
    const authR = opened[1].list.find(([t]) => t === 39)![1];
    const idR = opened[1].list.find(([t]) => t === 36)![1];
    expect(authR.subarray(4).equals(prf(pad, Buffer.concat([msg2, nonce(msg1), prf(kv('sk_pr'), idR)])))).toBe(true);
  });

  it('ESP packets verify, decrypt to ICMP in tunnel mode, and count up per SA', () => {
    const sas = espSas('ipsec-ikev2-esp');
    const esp = udp.filter((u) => u.sport === 4500 && u.data.length > 4 && u.data.readUInt32BE(0) !== 0);
    expect(esp).toHaveLength(6);
    const seqs = new Map<number, number[]>();
    for (const e of esp) {
      const o = openEsp(e.data, sas);
      expect(sas.get(o.spi)!.src).toBe(e.src);
      expect(o.nextHeader).toBe(4);
      expect(o.payload[9]).toBe(1);
      expect(ipv4ChecksumOk(o.payload.subarray(0, 20))).toBe(true);
      seqs.set(o.spi, [...(seqs.get(o.spi) ?? []), o.seq]);
    }
    expect([...seqs.values()]).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(udp.filter((u) => u.data.length === 1 && u.data[0] === 0xff)).toHaveLength(1);
  });
});

describe('l2tp-over-ipsec contents', () => {
  it('every ESP packet verifies (HMAC-SHA1-96) and carries UDP 1701 L2TP', () => {
    const sas = espSas('l2tp-over-ipsec');
    const { recs } = readPcap('l2tp-over-ipsec.pcap');
    const esp = recs.map((r) => ip(r.data).payload.subarray(8)).filter((d) => d.length > 1);
    expect(esp).toHaveLength(23);
    const types: number[] = [];
    for (const e of esp) {
      const o = openEsp(e, sas);
      expect(o.nextHeader).toBe(17);
      expect(o.payload.readUInt16BE(0)).toBe(1701);
      expect(o.payload.readUInt16BE(2)).toBe(1701);
      const l2tp = o.payload.subarray(8);
      expect(l2tp[1] & 0x0f).toBe(2);
      if (l2tp[0] & 0x80 && l2tp.readUInt16BE(2) > 12) types.push(l2tpAvps(l2tp)[0].value.readUInt16BE(0));
    }
    expect(types).toEqual([1, 2, 3, 10, 11, 12]);
  });
});

describe('ah-transport contents', () => {
  it('AH ICVs are HMAC-SHA1-96 over the packet with mutable fields zeroed (RFC 4302 §3.3.3.1)', () => {
    const keys = new Map(
      [...readKeyFile('ah-transport', 'keys.txt').matchAll(/spi=0x([0-9a-f]+) .* auth=([0-9A-F]+)/g)].map((m) => [parseInt(m[1], 16), Buffer.from(m[2], 'hex')]),
    );
    for (const file of ['ah-transport.pcap', 'ah-transport-nsec-be.pcap']) {
      const { recs } = readPcap(file);
      expect(recs).toHaveLength(4);
      for (const r of recs) {
        const pkt = Buffer.from(r.data.subarray(14));
        expect(pkt[9]).toBe(51);
        const ah = pkt.subarray(20);
        expect(ah[0]).toBe(1);
        expect((ah[1] + 2) * 4).toBe(24);
        const icv = Buffer.from(ah.subarray(12, 24));
        const m = Buffer.from(pkt);
        m[1] = 0;
        m.fill(0, 6, 9);
        m.fill(0, 10, 12);
        m.fill(0, 32, 44);
        const key = keys.get(ah.readUInt32BE(4))!;
        expect(createHmac('sha1', key).update(m).digest().subarray(0, 12).equals(icv)).toBe(true);
      }
    }
  });

  it('the nanosecond big-endian copy keeps sub-microsecond timestamps', () => {
    const head = readFileSync(join(samplesDir, 'ah-transport-nsec-be.pcap')).subarray(0, 4);
    expect(head.toString('hex')).toBe('a1b23c4d');
    const ns = readPcap('ah-transport-nsec-be.pcap').recs.map((r) => r.tsFrac % 1000);
    expect(ns).toEqual([123, 456, 789, 999]);
    const us = readPcap('ah-transport.pcap').recs.map((r) => r.tsFrac);
    expect(readPcap('ah-transport-nsec-be.pcap').recs.map((r) => Math.floor(r.tsFrac / 1000))).toEqual(us);
  });
});

describe('esp-null contents', () => {
  it('ESP NULL over IPv6: ICV verifies and the UDP payload is readable', () => {
    const sas = espSas('esp-null');
    const { recs } = readPcap('esp-null.pcap');
    for (const r of recs) {
      const p = ip(r.data);
      expect(p.proto).toBe(50);
      const o = openEsp(p.payload, sas);
      expect(o.nextHeader).toBe(17);
      expect(o.payload.subarray(8).toString('latin1')).toMatch(/^vpnshark esp-null sample: request [12]$/);
    }
  });
});

describe('link-layer and container samples', () => {
  it('linux-sll2-gre.pcap is LINKTYPE_LINUX_SLL2 with direction and sender MAC per packet', () => {
    const { linkType, recs } = readPcap('linux-sll2-gre.pcap');
    expect(linkType).toBe(276);
    expect(recs).toHaveLength(28);
    for (const r of recs) {
      const fromServer = ipStr(r.data.subarray(20 + 12, 20 + 16)) === '203.0.113.1';
      expect(r.data.readUInt16BE(0)).toBe(0x0800);
      expect(r.data.readUInt32BE(4)).toBe(2);
      expect(r.data[10]).toBe(fromServer ? 4 : 0);
      expect(r.data.subarray(12, 18).toString('hex')).toBe(fromServer ? '020000cb7101' : '020000c0020a');
      expect(r.data[20 + 9]).toBe(47);
    }
  });

  it('multi-interface.pcapng has an Ethernet and a raw-IP interface and two comments', () => {
    const buf = readFileSync(join(samplesDir, 'multi-interface.pcapng'));
    const linkTypes: number[] = [];
    const ifaces: number[] = [];
    const comments: string[] = [];
    for (let p = 0; p < buf.length; ) {
      const type = buf.readUInt32LE(p);
      const len = buf.readUInt32LE(p + 4);
      expect(len).toBeGreaterThanOrEqual(12);
      if (type === 1) linkTypes.push(buf.readUInt16LE(p + 8));
      if (type === 6) {
        ifaces.push(buf.readUInt32LE(p + 8));
        const cap = buf.readUInt32LE(p + 20);
        for (let o = p + 28 + ((cap + 3) & ~3); o < p + len - 4; ) {
          const code = buf.readUInt16LE(o);
          const olen = buf.readUInt16LE(o + 2);
          if (code === 0) break;
          if (code === 1) comments.push(buf.toString('utf8', o + 4, o + 4 + olen));
          o += 4 + ((olen + 3) & ~3);
        }
      }
      p += len;
    }
    expect(linkTypes).toEqual([1, 101]);
    expect(ifaces).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    expect(comments).toHaveLength(2);
  });
});
