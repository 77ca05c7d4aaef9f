import { describe, expect, it } from 'vitest';
import { Rc4, rc4 } from '../../src/crypto/rc4.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const h = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('RC4', () => {
  it('matches the classic known-answer vectors', () => {
    expect(hex(rc4(Buffer.from('Key'), Buffer.from('Plaintext')))).toBe('bbf316e8d940af0ad3');
    expect(hex(rc4(Buffer.from('Wiki'), Buffer.from('pedia')))).toBe('1021bf0420');
    expect(hex(rc4(Buffer.from('Secret'), Buffer.from('Attack at dawn')))).toBe('45a01f645fc35b383552544b9bf5');
  });

  it('matches RFC 6229 (40-bit key 0102030405, key stream offset 0)', () => {
    expect(hex(rc4(h('0102030405'), new Uint8Array(16)))).toBe('b2396305f03dc027ccc3524a0a1118a8');
  });

  it('keeps its state between calls (the stream continues)', () => {
    const key = h('0102030405');
    const s = new Rc4(key);
    const a = s.process(new Uint8Array(7));
    const b = s.process(new Uint8Array(9));
    expect(hex(Buffer.concat([a, b]))).toBe(hex(rc4(key, new Uint8Array(16))));
  });

  it('decrypts what it encrypts', () => {
    const key = Buffer.from('vpnshark');
    const msg = Buffer.from('hello, tunnel');
    expect(Buffer.from(rc4(key, rc4(key, msg))).toString()).toBe('hello, tunnel');
  });

  it('rejects an empty key', () => {
    expect(() => new Rc4(new Uint8Array(0))).toThrow(RangeError);
  });
});
