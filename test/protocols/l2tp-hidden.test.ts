/**
 * Hidden AVPs (RFC 2661 §4.3): our encryption against a computation written here from the RFC's
 * text, decryption inside a packet built with a known secret and Random Vector, the cases where
 * it cannot be done, and the project's own sample whose secret is published.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiddenOriginalLength, hideValue, revealHidden } from '../../src/protocols/l2tp-hidden.js';
import { l2tpTunnelTable } from '../../src/sessions/l2tp-tunnels.js';
import { ascii, concat, u16 } from '../../samples/lib/bytes.js';
import { SAMPLES, UDP_PAYLOAD, all, avp, controlV2, dissectAll, expertIds, frameOf, loadFrames, one } from './l2tp-helpers.js';

const SECRET = 'hx-tunnel-secret';
const RV = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
const HOST = 'lac.branch-office.example.net';
const PAD = Uint8Array.of(0xa5, 0x5a, 0x33);

/** RFC 2661 §4.3, step by step, independently of the code under test. */
function rfcHide(type: number, value: Uint8Array, secret: string, rv: Uint8Array, pad: Uint8Array): Uint8Array {
  const p = concat(u16(value.length), value, pad);
  const c = new Uint8Array(p.length);
  const md5 = (...parts: Uint8Array[]) => {
    const h = createHash('md5');
    for (const x of parts) h.update(x);
    return h.digest();
  };
  let prev: Uint8Array | null = null;
  for (let i = 0; i < p.length; i += 16) {
    const b = prev === null ? md5(u16(type), Buffer.from(secret), rv) : md5(Buffer.from(secret), prev);
    for (let k = i; k < Math.min(i + 16, p.length); k++) c[k] = p[k] ^ b[k - i];
    prev = c.subarray(i, i + 16);
  }
  return c;
}

const te = new TextEncoder();

describe('hidden AVP encryption', () => {
  it('hides a three-block value exactly as RFC 2661 §4.3 computes it, and reveals it again', () => {
    const value = ascii(HOST);
    const ours = hideValue(value, 7, te.encode(SECRET), RV, PAD);
    const theirs = rfcHide(7, value, SECRET, RV, PAD);
    expect(ours.length).toBe(2 + value.length + PAD.length);
    expect(ours.length).toBeGreaterThan(32);
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
    const clear = revealHidden(ours, 7, te.encode(SECRET), RV);
    expect(hiddenOriginalLength(clear)).toBe(value.length);
    expect(Buffer.from(clear.subarray(2, 2 + value.length)).toString('latin1')).toBe(HOST);
    expect([...clear.subarray(2 + value.length)]).toEqual([...PAD]);
  });

  it('the attribute type is part of the key: another type gives another ciphertext', () => {
    const v = ascii('x');
    expect(Buffer.from(hideValue(v, 7, te.encode(SECRET), RV))).not.toEqual(Buffer.from(hideValue(v, 8, te.encode(SECRET), RV)));
  });
});

/** An SCCRQ whose Host Name and Assigned Tunnel ID are hidden after a Random Vector. */
function sccrqWithHidden(secret: string, withRv = true): Uint8Array {
  const hiddenHost = rfcHide(7, ascii(HOST), secret, RV, PAD);
  const hiddenTid = rfcHide(9, u16(0x1234), secret, RV, new Uint8Array(0));
  return controlV2(0, 0, 0, 0, [
    avp(0, u16(1)), avp(2, Uint8Array.of(1, 0)),
    ...(withRv ? [avp(36, RV)] : []),
    avp(7, hiddenHost, { hidden: true }), avp(9, hiddenTid, { hidden: true }), avp(10, u16(4)),
  ]);
}

describe('hidden AVPs in a control message', () => {
  const msg = sccrqWithHidden(SECRET);
  // Offsets in the message: header 12, Control Message 8, Protocol Version 8, Random Vector 22.
  const HOST_AVP = UDP_PAYLOAD + 12 + 8 + 8 + 22;

  it('with the secret: the value is read from a decrypted data source and feeds the tunnel table', () => {
    const { engine, packets } = dissectAll([frameOf('A', msg)], { 'l2tp.secret': SECRET });
    const p = packets[0];
    expect(one(p, 'l2tp.avp.random_vector')).toMatchObject({ pos: UDP_PAYLOAD + 12 + 16 + 6, size: 16, ds: 0 });
    expect(all(p, 'l2tp.avp.hidden').map((x) => x.v)).toEqual([false, false, false, true, true, false]);
    const host = one(p, 'l2tp.avp.host_name');
    expect(host.v).toBe(HOST);
    expect(host.ds).toBeGreaterThan(0);
    expect(p.sources[host.ds].name).toBe('Decrypted L2TP AVP');
    expect(host).toMatchObject({ pos: 2, size: HOST.length });
    expect(all(p, 'l2tp.avp.hidden.original_length')[0]).toMatchObject({ v: HOST.length, pos: 0, size: 2 });
    expect(one(p, 'l2tp.avp.hidden.padding')).toMatchObject({ v: PAD, pos: 2 + HOST.length, size: 3 });
    // The header of the hidden AVP stays in the frame.
    expect(all(p, 'l2tp.avp.type').find((x) => x.v === 7)).toMatchObject({ pos: HOST_AVP + 4, ds: 0 });
    const tid = one(p, 'l2tp.avp.assigned_tunnel_id');
    expect(tid.v).toBe(0x1234);
    expect(tid.ds).toBeGreaterThan(host.ds);
    expect(expertIds(p).filter((id) => id.startsWith('l2tp.hidden'))).toEqual([]);
    const t = l2tpTunnelTable(engine)[0];
    expect(t.ends[0]).toMatchObject({ tunnelId: 0x1234, hostName: HOST });
  });

  it('without the secret: shown as hidden, as Wireshark does, with one note', () => {
    const { packets } = dissectAll([frameOf('A', msg)]);
    const p = packets[0];
    expect(all(p, 'l2tp.avp.host_name')).toHaveLength(0);
    expect(all(p, 'l2tp.avp.assigned_tunnel_id')).toHaveLength(0);
    // Wireshark shows no Vendor ID or type for a hidden AVP.
    expect(all(p, 'l2tp.avp.vendor_id')).toHaveLength(4);
    expect(all(p, 'l2tp.avp.length').map((x) => x.v)).toEqual([8, 8, 22, 6 + 2 + HOST.length + 3, 10, 8]);
    expect(expertIds(p).filter((id) => id === 'l2tp.hidden.no_secret')).toHaveLength(1);
    expect(p.experts.find((e) => e.id === 'l2tp.hidden.no_secret')).toMatchObject({ severity: 'note', group: 'decryption' });
  });

  it('with a wrong secret: the original length cannot fit, so nothing is shown as a value', () => {
    const wrong = 'not-the-secret';
    const hidden = rfcHide(7, ascii(HOST), SECRET, RV, PAD);
    expect(hiddenOriginalLength(revealHidden(hidden, 7, te.encode(wrong), RV))).toBe(-1);
    const { packets } = dissectAll([frameOf('A', msg)], { 'l2tp.secret': wrong });
    expect(all(packets[0], 'l2tp.avp.host_name')).toHaveLength(0);
    expect(expertIds(packets[0])).toContain('l2tp.hidden.bad_secret');
  });

  it('with the secret but no Random Vector before the hidden AVP', () => {
    const { packets } = dissectAll([frameOf('A', sccrqWithHidden(SECRET, false))], { 'l2tp.secret': SECRET });
    expect(all(packets[0], 'l2tp.avp.host_name')).toHaveLength(0);
    expect(expertIds(packets[0]).filter((id) => id === 'l2tp.hidden.no_random_vector')).toHaveLength(2);
  });

  it('a decrypted value too short for its AVP is flagged, and the walk goes on', () => {
    // A hidden Assigned Tunnel ID of one octet: the field needs two.
    const bad = controlV2(0, 0, 0, 0, [avp(0, u16(1)), avp(36, RV), avp(9, rfcHide(9, Uint8Array.of(7), SECRET, RV, new Uint8Array(0)), { hidden: true }), avp(10, u16(4))]);
    const { packets } = dissectAll([frameOf('A', bad)], { 'l2tp.secret': SECRET });
    expect(expertIds(packets[0])).toContain('l2tp.hidden.short');
    expect(one(packets[0], 'l2tp.avp.receive_window_size').v).toBe(4);
    expect(packets[0].malformed).toBe(false);
  });
});

const CHAP = resolve(SAMPLES, 'l2tp-chap-session.pcap');

describe.skipIf(!existsSync(CHAP))('the project\'s L2TP sample (samples/l2tp-chap-session.pcap, secret published)', async () => {
  const frames = existsSync(CHAP) ? await loadFrames(CHAP) : [];

  it('decrypts the hidden Vendor Name of the SCCRQ with secret l2tp-secret', () => {
    const { engine, packets } = dissectAll(frames, { 'l2tp.secret': 'l2tp-secret' });
    const v = one(packets[0], 'l2tp.avp.vendor_name');
    expect(v.v).toBe('vpnshark sample LAC');
    expect(v.ds).toBeGreaterThan(0);
    expect(one(packets[0], 'l2tp.avp.random_vector').v).toEqual(Uint8Array.from(Buffer.from('d56782f20e1f2badccd7bcffb712a8d0', 'hex')));
    expect(l2tpTunnelTable(engine)[0].ends[0].vendorName).toBe('vpnshark sample LAC');
  });

  it('checks the tunnel authentication: SCCRP and SCCCN answer the peer\'s Challenge (RFC 2661 §4.2)', () => {
    const good = dissectAll(frames, { 'l2tp.secret': 'l2tp-secret' }).packets;
    expect(one(good[1], 'l2tp.tunnel_auth')).toMatchObject({ v: true, generated: true });
    expect(one(good[2], 'l2tp.tunnel_auth').v).toBe(true);
    // Independently: MD5(2 | secret | the LAC's challenge) is the SCCRP's response.
    const lacChallenge = one(good[0], 'l2tp.avp.chap_challenge').v as Uint8Array;
    const expected = createHash('md5').update(Uint8Array.of(2)).update('l2tp-secret').update(lacChallenge).digest('hex');
    expect(Buffer.from(one(good[1], 'l2tp.avp.chap_challenge_response').v as Uint8Array).toString('hex')).toBe(expected);
    const bad = dissectAll(frames, { 'l2tp.secret': 'not-it' }).packets;
    expect(one(bad[1], 'l2tp.tunnel_auth').v).toBe(false);
    expect(bad[1].experts.find((e) => e.id === 'l2tp.tunnel_auth.bad')).toMatchObject({ severity: 'warn', group: 'security' });
    expect(all(dissectAll(frames).packets[1], 'l2tp.tunnel_auth')).toHaveLength(0);
  });

  it('without the secret the Vendor Name stays hidden', () => {
    const { packets } = dissectAll(frames);
    expect(all(packets[0], 'l2tp.avp.vendor_name')).toHaveLength(0);
    expect(expertIds(packets[0])).toContain('l2tp.hidden.no_secret');
  });
});
