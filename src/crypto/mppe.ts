/**
 * MPPE keys (RFC 3079) and the MPPE RC4 transform (RFC 3078).
 *
 * Keys come from MS-CHAPv2: master key from the password hash hash and NT-Response, then one start
 * key per direction; the RC4 session key starts from the start key and changes on every packet in
 * stateless mode (or every 256 packets / on a flush in stateful mode).
 */
import { createHash } from 'node:crypto';
import { Rc4 } from './rc4.js';
import { hashNtPasswordHash, ntPasswordHash } from './mschapv2.js';

export type MppeStrength = 40 | 56 | 128;

/** RC4 key length in bytes: 40- and 56-bit keys are 8 bytes with a fixed salt prefix (RFC 3079 §3.1). */
export function sessionKeyLength(bits: MppeStrength): number {
  return bits === 128 ? 16 : 8;
}

const SHA_PAD1 = new Uint8Array(40);
const SHA_PAD2 = new Uint8Array(40).fill(0xf2);
const MASTER_MAGIC = Buffer.from('This is the MPPE Master Key', 'ascii');
// RFC 3079 §3.4 Magic2 / Magic3.
const MAGIC_CLIENT_SEND = Buffer.from('On the client side, this is the send key; on the server side, it is the receive key.', 'ascii');
const MAGIC_CLIENT_RECV = Buffer.from('On the client side, this is the receive key; on the server side, it is the send key.', 'ascii');

/** RFC 3079 §3.4 GetMasterKey: SHA1(PasswordHashHash | NT-Response | Magic1)[0..16]. */
export function getMasterKey(passwordHashHash: Uint8Array, ntResponse: Uint8Array): Uint8Array {
  if (passwordHashHash.length !== 16 || ntResponse.length !== 24) throw new RangeError('GetMasterKey wants a 16-byte hash and a 24-byte NT-Response');
  const d = createHash('sha1').update(passwordHashHash).update(ntResponse).update(MASTER_MAGIC).digest();
  return new Uint8Array(d.subarray(0, 16));
}

/**
 * RFC 3079 §3.4 GetAsymmetricStartKey. The client's send key is the server's receive key
 * (Magic2) and the client's receive key the server's send key (Magic3).
 */
export function getAsymmetricStartKey(masterKey: Uint8Array, keyLength: number, isSend: boolean, isServer: boolean): Uint8Array {
  if (keyLength < 1 || keyLength > 20) throw new RangeError('key length must be 1..20 bytes');
  const magic = isSend === isServer ? MAGIC_CLIENT_RECV : MAGIC_CLIENT_SEND;
  const d = createHash('sha1').update(masterKey).update(SHA_PAD1).update(magic).update(SHA_PAD2).digest();
  return new Uint8Array(d.subarray(0, keyLength));
}

/** RFC 3078 §7.3 GetNewKeyFromSHA: SHA1(StartKey | Pad1 | SessionKey | Pad2)[0..len]. */
export function getNewKeyFromSha(startKey: Uint8Array, sessionKey: Uint8Array, keyLength: number): Uint8Array {
  if (startKey.length < keyLength || sessionKey.length < keyLength) throw new RangeError('keys shorter than the session key length');
  const d = createHash('sha1')
    .update(startKey.subarray(0, keyLength))
    .update(SHA_PAD1)
    .update(sessionKey.subarray(0, keyLength))
    .update(SHA_PAD2)
    .digest();
  return new Uint8Array(d.subarray(0, keyLength));
}

/** RFC 3079 §3.1 / §3.2: 40-bit keys start D1 26 9E, 56-bit keys start D1; 128-bit keys are left alone. */
export function reduceKeyStrength(key: Uint8Array, bits: MppeStrength): Uint8Array {
  const out = new Uint8Array(key);
  if (bits === 40) {
    out[0] = 0xd1; out[1] = 0x26; out[2] = 0x9e;
  } else if (bits === 56) {
    out[0] = 0xd1;
  }
  return out;
}

/** The first RC4 session key of a direction (RFC 3079 §3.5 "SendSessionKey"). */
export function initialSessionKey(startKey: Uint8Array, bits: MppeStrength): Uint8Array {
  const len = sessionKeyLength(bits);
  return reduceKeyStrength(getNewKeyFromSha(startKey, startKey, len), bits);
}

/** RFC 3078 §7.3 key change: interim = GetNewKeyFromSHA(start, current); new = RC4(interim, interim). */
export function nextSessionKey(startKey: Uint8Array, currentKey: Uint8Array, bits: MppeStrength): Uint8Array {
  const len = sessionKeyLength(bits);
  const interim = getNewKeyFromSha(startKey, currentKey, len);
  return reduceKeyStrength(new Rc4(interim).process(interim), bits);
}

export interface MppeStartKeys {
  masterKey: Uint8Array;
  /** Client → server direction: the client's send key and the server's receive key. */
  clientToServer: Uint8Array;
  /** Server → client direction. */
  serverToClient: Uint8Array;
}

/** Both directions' start keys (RFC 3079 §3) from an MS-CHAPv2 login. */
export function mppeStartKeysFromHash(passwordHash: Uint8Array, ntResponse: Uint8Array, bits: MppeStrength): MppeStartKeys {
  const masterKey = getMasterKey(hashNtPasswordHash(passwordHash), ntResponse);
  const len = sessionKeyLength(bits);
  return {
    masterKey,
    clientToServer: getAsymmetricStartKey(masterKey, len, true, false),
    serverToClient: getAsymmetricStartKey(masterKey, len, true, true),
  };
}

export function mppeStartKeys(password: string, ntResponse: Uint8Array, bits: MppeStrength): MppeStartKeys {
  return mppeStartKeysFromHash(ntPasswordHash(password), ntResponse, bits);
}

// RFC 3078 §3: the two header bytes. A = flushed, B and C unused by MPPE (compression), D = encrypted.
export const MPPE_BIT_A = 0x80;
export const MPPE_BIT_B = 0x40;
export const MPPE_BIT_C = 0x20;
export const MPPE_BIT_D = 0x10;
export const MPPE_CCOUNT_MASK = 0x0fff;
const CCOUNT_SPACE = 0x1000;

/**
 * One direction of MPPE. Both ends start with the coherency count at 4095 so the first packet is 0,
 * and, as in the Linux and Windows implementations, a stateless sender changes the key before
 * every packet including the first.
 */
export class MppeDirection {
  private sessionKey: Uint8Array;
  private rc4: Rc4;
  private ccount = CCOUNT_SPACE - 1;
  private flushPending = false;
  private seen = false;
  private discarding = false;

  constructor(
    readonly startKey: Uint8Array,
    readonly bits: MppeStrength,
    readonly stateless: boolean,
  ) {
    if (startKey.length < sessionKeyLength(bits)) throw new RangeError('start key shorter than the session key');
    this.sessionKey = initialSessionKey(startKey, bits);
    this.rc4 = new Rc4(this.sessionKey);
  }

  /** The RC4 key that will be (or was last) used. */
  get currentKey(): Uint8Array {
    return new Uint8Array(this.sessionKey);
  }

  get coherencyCount(): number {
    return this.ccount;
  }

  private rekey(): void {
    this.sessionKey = nextSessionKey(this.startKey, this.sessionKey, this.bits);
    this.rc4 = new Rc4(this.sessionKey);
  }

  /** Sender side of a CCP Reset-Request: the next packet is sent with a new key and the A bit. */
  flush(): void {
    this.flushPending = true;
  }

  /**
   * Encrypts one PPP payload (protocol field followed by the data, RFC 3078 §3) and returns the
   * MPPE header (2 bytes) followed by the ciphertext: what goes after the 0x00FD protocol field.
   */
  encrypt(plain: Uint8Array): Uint8Array {
    this.ccount = (this.ccount + 1) % CCOUNT_SPACE;
    let bits = MPPE_BIT_D;
    if (this.stateless || (this.ccount & 0xff) === 0xff || this.flushPending) {
      this.rekey();
      bits |= MPPE_BIT_A;
      this.flushPending = false;
    }
    const out = new Uint8Array(2 + plain.length);
    out[0] = (bits | (this.ccount >> 8)) & 0xff;
    out[1] = this.ccount & 0xff;
    out.set(this.rc4.process(plain), 2);
    return out;
  }

  /**
   * Decrypts one MPPE packet (header + ciphertext). Returns null when the packet cannot be
   * decrypted in order: not encrypted (no D bit), or stateful and out of sync without a flush.
   */
  decrypt(packet: Uint8Array): Uint8Array | null {
    if (packet.length < 2) return null;
    const flags = packet[0] & 0xf0;
    const ccount = ((packet[0] & 0x0f) << 8) | packet[1];
    if (!(flags & MPPE_BIT_D)) return null;
    const flushed = (flags & MPPE_BIT_A) !== 0;
    if (this.stateless) {
      // One key change per coherency count step, so lost packets are skipped over (RFC 3078 §8.1).
      // A repeat of the last count reuses its key; a count far behind is a late packet we cannot
      // go back for (the key chain only runs forward).
      // The first packet seen may come after lost ones: count the key changes from the start.
      const steps = this.seen ? (ccount - this.ccount + CCOUNT_SPACE) % CCOUNT_SPACE : ccount + 1;
      if (this.seen && steps > CCOUNT_SPACE / 2) return null;
      for (let i = 0; i < steps; i++) this.sessionKey = nextSessionKey(this.startKey, this.sessionKey, this.bits);
      this.rc4 = new Rc4(this.sessionKey);
    } else {
      // RFC 3078 §8.2, as the Linux and BSD receivers do it: a gap puts the receiver in a discard
      // state that only a flushed packet (A bit) ends, after one key change per "flag" packet
      // (coherency count low byte 0xFF) that went missing.
      if (!this.discarding) {
        this.ccount = (this.ccount + 1) % CCOUNT_SPACE;
        if (ccount !== this.ccount) {
          this.discarding = true;
          return null;
        }
      } else {
        if (!flushed) return null;
        while ((ccount & ~0xff) !== (this.ccount & ~0xff)) {
          this.sessionKey = nextSessionKey(this.startKey, this.sessionKey, this.bits);
          this.ccount = (this.ccount + 256) % CCOUNT_SPACE;
        }
        this.discarding = false;
      }
      if (flushed) this.rekey();
    }
    this.ccount = ccount;
    this.seen = true;
    return this.rc4.process(packet.subarray(2));
  }
}
