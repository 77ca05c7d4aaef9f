import { describe, expect, it } from 'vitest';
import { rc4 } from '../../src/crypto/rc4.js';
import { hashNtPasswordHash, ntPasswordHash } from '../../src/crypto/mschapv2.js';
import {
  MppeDirection,
  getAsymmetricStartKey,
  getMasterKey,
  getNewKeyFromSha,
  initialSessionKey,
  mppeStartKeys,
  nextSessionKey,
  reduceKeyStrength,
} from '../../src/crypto/mppe.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const h = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

// RFC 3079 §3.5 sample key derivations (MS-CHAPv2, password "clientPass").
const ntResponse = h('82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF');
const masterKey = h('FDECE3717A8C838CB388E527AE3CDD31');
const testMessage = new Uint8Array(Buffer.from('test message', 'ascii'));

describe('MPPE key derivation (RFC 3079 §3.5)', () => {
  it('GetMasterKey', () => {
    expect(hex(getMasterKey(hashNtPasswordHash(ntPasswordHash('clientPass')), ntResponse))).toBe(hex(masterKey));
  });

  // The RFC derives its example as the server's send key (IsSend and IsServer both TRUE), which is
  // the client's receive key.
  it('§3.5.3 128-bit: SendStartKey128, SendSessionKey128 and the sample encrypted message', () => {
    const start = getAsymmetricStartKey(masterKey, 16, true, true);
    expect(hex(start)).toBe('8B7CDC149B993A1BA118CB153F56DCCB');
    expect(hex(getAsymmetricStartKey(masterKey, 16, false, false))).toBe(hex(start));
    const session = initialSessionKey(start, 128);
    expect(hex(session)).toBe('405CB2247A7956E6E211007AE27B22D4');
    expect(hex(rc4(session, testMessage))).toBe('81848317DF68846272FB5ABE');
  });

  it('§3.5.1 40-bit: SendStartKey40, SendSessionKey40 and the sample encrypted message', () => {
    const start = getAsymmetricStartKey(masterKey, 8, true, true);
    expect(hex(start)).toBe('8B7CDC149B993A1B');
    const session = initialSessionKey(start, 40);
    expect(hex(session)).toBe('D1269EC49FA62E3E');
    expect(hex(rc4(session, testMessage))).toBe('929137917E5803D668D75898');
  });

  it('§3.5.2 56-bit: SendSessionKey56 (first octet forced to D1)', () => {
    const start = getAsymmetricStartKey(masterKey, 8, true, true);
    const session = initialSessionKey(start, 56);
    expect(hex(session)).toBe('D15C00C49FA62E3E');
    // The RFC prints the ciphertext ending "57 58"; RC4 under the printed key gives "57 B8" for the
    // last octet (the 11 octets before it agree), so we check the agreeing prefix.
    expect(hex(rc4(session, testMessage)).slice(0, 22)).toBe('3F106833FA448DA842BC57');
  });

  it('client send and server receive keys are equal and differ from the other direction', () => {
    const cs = getAsymmetricStartKey(masterKey, 16, true, false);
    const sr = getAsymmetricStartKey(masterKey, 16, false, true);
    expect(hex(cs)).toBe(hex(sr));
    expect(hex(cs)).not.toBe('8B7CDC149B993A1BA118CB153F56DCCB');
    const keys = mppeStartKeys('clientPass', ntResponse, 128);
    expect(hex(keys.masterKey)).toBe(hex(masterKey));
    expect(hex(keys.serverToClient)).toBe('8B7CDC149B993A1BA118CB153F56DCCB');
    expect(hex(keys.clientToServer)).toBe(hex(cs));
  });

  it('GetNewKeyFromSHA of the start key with itself is the initial key', () => {
    const start = h('8B7CDC149B993A1BA118CB153F56DCCB');
    expect(hex(getNewKeyFromSha(start, start, 16))).toBe('405CB2247A7956E6E211007AE27B22D4');
  });

  it('key strength reduction', () => {
    const k = h('0102030405060708');
    expect(hex(reduceKeyStrength(k, 40))).toBe('D1269E0405060708');
    expect(hex(reduceKeyStrength(k, 56))).toBe('D102030405060708');
    expect(hex(k)).toBe('0102030405060708');
  });

  it('rekeying (RFC 3078 §7.3) is RC4 of the interim key under itself', () => {
    const start = h('8B7CDC149B993A1BA118CB153F56DCCB');
    const cur = initialSessionKey(start, 128);
    const interim = getNewKeyFromSha(start, cur, 16);
    expect(hex(nextSessionKey(start, cur, 128))).toBe(hex(rc4(interim, interim)));
    expect(hex(nextSessionKey(start, cur, 128))).not.toBe(hex(cur));
  });
});

describe('MPPE packets (RFC 3078)', () => {
  const start = h('8B7CDC149B993A1BA118CB153F56DCCB');

  it('stateless: A and D set, coherency count from 0, a new key per packet, and the receiver decrypts', () => {
    const tx = new MppeDirection(start, 128, true);
    const rx = new MppeDirection(start, 128, true);
    let key = initialSessionKey(start, 128);
    for (let n = 0; n < 5; n++) {
      const plain = new Uint8Array([0x00, 0x21, n, n + 1, n + 2]);
      const pkt = tx.encrypt(plain);
      expect(pkt[0]).toBe(0x90);
      expect(pkt[1]).toBe(n);
      key = nextSessionKey(start, key, 128);
      expect(hex(pkt.subarray(2))).toBe(hex(rc4(key, plain)));
      expect(hex(rx.decrypt(pkt)!)).toBe(hex(plain));
    }
  });

  it('stateless receiver skips lost packets by counting key changes', () => {
    const tx = new MppeDirection(start, 40, true);
    const rx = new MppeDirection(start.subarray(0, 8), 40, true);
    const pkts = [0, 1, 2, 3].map((n) => tx.encrypt(new Uint8Array([0x00, 0x21, n])));
    expect(hex(rx.decrypt(pkts[0])!)).toBe('002100');
    expect(hex(rx.decrypt(pkts[3])!)).toBe('002103');
  });

  it('stateful: the RC4 stream runs on from packet to packet, without the A bit', () => {
    const tx = new MppeDirection(start, 128, false);
    const rx = new MppeDirection(start, 128, false);
    const p0 = tx.encrypt(new Uint8Array([0x00, 0x21, 0xaa]));
    const p1 = tx.encrypt(new Uint8Array([0x00, 0x21, 0xbb]));
    expect(p0[0]).toBe(0x10);
    expect(p1[1]).toBe(1);
    const k = initialSessionKey(start, 128);
    expect(hex(p1.subarray(2))).toBe(hex(rc4(k, new Uint8Array([0, 0x21, 0xaa, 0, 0x21, 0xbb])).subarray(3)));
    expect(hex(rx.decrypt(p0)!)).toBe('0021AA');
    expect(hex(rx.decrypt(p1)!)).toBe('0021BB');
    const p2 = tx.encrypt(new Uint8Array([0x00, 0x21, 0xcc]));
    expect(p2[0]).toBe(0x10);
    expect(hex(rx.decrypt(p2)!)).toBe('0021CC');
  });

  it('stateful: a lost packet without a flush cannot be decrypted', () => {
    const tx = new MppeDirection(start, 128, false);
    const rx = new MppeDirection(start, 128, false);
    tx.encrypt(new Uint8Array([1]));
    expect(rx.decrypt(tx.encrypt(new Uint8Array([2])))).toBeNull();
    tx.flush();
    const p = tx.encrypt(new Uint8Array([3]));
    expect(p[0] & 0x80).toBe(0x80);
    expect(hex(rx.decrypt(p)!)).toBe('03');
  });

  it('stateful: the flag packet (coherency count low byte 0xFF) changes the key and sets A', () => {
    const tx = new MppeDirection(start, 128, false);
    const rx = new MppeDirection(start, 128, false);
    let key = initialSessionKey(start, 128);
    for (let n = 0; n < 0xff; n++) expect(rx.decrypt(tx.encrypt(new Uint8Array([n])))).not.toBeNull();
    const flag = tx.encrypt(new Uint8Array([0x00, 0x21, 0x42]));
    expect(flag[0]).toBe(0x90);
    expect(flag[1]).toBe(0xff);
    key = nextSessionKey(start, key, 128);
    expect(hex(flag.subarray(2))).toBe(hex(rc4(key, new Uint8Array([0x00, 0x21, 0x42]))));
    expect(hex(rx.decrypt(flag)!)).toBe('002142');
  });

  it('stateless: a repeated coherency count reuses its key', () => {
    const tx = new MppeDirection(start, 128, true);
    const rx = new MppeDirection(start, 128, true);
    const p = tx.encrypt(new Uint8Array([0x00, 0x21, 0x01]));
    expect(hex(rx.decrypt(p)!)).toBe('002101');
    expect(hex(rx.decrypt(p)!)).toBe('002101');
  });

  it('refuses packets without the D (encrypted) bit', () => {
    const rx = new MppeDirection(start, 128, true);
    expect(rx.decrypt(new Uint8Array([0x80, 0x00, 0x12]))).toBeNull();
  });
});
