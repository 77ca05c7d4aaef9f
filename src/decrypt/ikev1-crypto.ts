/**
 * IKEv1 decryption (RFC 2409 appendix B; RFC 2408 §3.1 "E" flag). The encryption key comes from the
 * ikev1_decryption_table; the cipher and hash from the chosen ISAKMP SA transform (seen in clear);
 * the IVs from the exchange itself:
 *  - phase 1: IV = hash(g^xi | g^xr), truncated to the cipher block, then each message's IV is the
 *    last ciphertext block of the message before it in phase 1;
 *  - each later exchange (Quick Mode, Informational, …), per Message ID: the first IV is
 *    hash(last phase-1 CBC output block | M-ID), then the last ciphertext block of the message before.
 * One Ikev1Decryptor per ISAKMP SA; the ISAKMP dissector feeds it the KE payloads and the chosen
 * transform, then hands it each encrypted message in capture order.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { desCbcDecrypt } from '../crypto/des.js';
import { equalBytes } from './hex.js';

/** IKEv1 Encryption-Algorithm attribute values (RFC 2409 appendix A) this class can use. */
export const IKEV1_ENC_DES = 1;
export const IKEV1_ENC_3DES = 5;
export const IKEV1_ENC_AES = 7;

/** IKEv1 Hash-Algorithm attribute values (RFC 2409 appendix A, RFC 4868). */
const HASHES: Record<number, 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512'> = { 1: 'md5', 2: 'sha1', 4: 'sha256', 5: 'sha384', 6: 'sha512' };
const DIGEST_LEN: Record<string, number> = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

/** Exchanges kept per SA: beyond that the oldest Message ID's IV is dropped. */
const MAX_EXCHANGES = 256;

interface Chain {
  /** IV for the next new message of this exchange. */
  next: Uint8Array;
  /** The last message decrypted here and the IV it used, to recognise a retransmission. */
  lastCt?: Uint8Array;
  lastIv?: Uint8Array;
}

export interface Ikev1Decryption {
  /** The IV this message was decrypted with. */
  iv: Uint8Array;
  plain: Uint8Array;
  /** The same ciphertext as the exchange's previous message: decrypted with that message's IV. */
  retransmission: boolean;
}

export class Ikev1Decryptor {
  private cipher: 'des' | '3des' | 'aes' | null = null;
  private keyLen = 0;
  private blockLen = 0;
  private hash: (typeof HASHES)[number] | null = null;
  private gi: Uint8Array | null = null;
  private gr: Uint8Array | null = null;
  private readonly chains = new Map<number, Chain>();

  constructor(readonly key: Uint8Array) {}

  /**
   * The chosen transform's Encryption-Algorithm, Key-Length (bits, AES only) and Hash-Algorithm.
   * Returns a reason when this SA cannot be decrypted with them, null when it can.
   */
  setAlgorithms(encAlg: number, keyLenBits: number | undefined, hashAlg: number): string | null {
    this.cipher = null;
    const hash = HASHES[hashAlg];
    if (!hash) return `IKEv1 hash algorithm ${hashAlg} is not supported for decryption`;
    let keyLen: number;
    let block: number;
    let cipher: 'des' | '3des' | 'aes';
    if (encAlg === IKEV1_ENC_DES) [cipher, keyLen, block] = ['des', 8, 8];
    else if (encAlg === IKEV1_ENC_3DES) [cipher, keyLen, block] = ['3des', 24, 8];
    else if (encAlg === IKEV1_ENC_AES) {
      const bits = keyLenBits ?? 128;
      if (bits !== 128 && bits !== 192 && bits !== 256) return `AES key length ${bits} is not 128, 192 or 256`;
      [cipher, keyLen, block] = ['aes', bits / 8, 16];
    } else return `IKEv1 encryption algorithm ${encAlg} is not supported for decryption`;
    if (this.key.length < keyLen) return `the key from the table has ${this.key.length} bytes, the cipher needs ${keyLen}`;
    if (DIGEST_LEN[hash] < block) return 'the hash is shorter than the cipher block';
    this.cipher = cipher;
    this.keyLen = keyLen;
    this.blockLen = block;
    this.hash = hash;
    return null;
  }

  /** The initiator's Key Exchange data (g^xi), from its KE payload. */
  setInitiatorKe(ke: Uint8Array): void {
    this.gi = Uint8Array.from(ke);
  }

  setResponderKe(ke: Uint8Array): void {
    this.gr = Uint8Array.from(ke);
  }

  /** Whether decrypt() can work: algorithms known and both KE payloads seen. */
  get ready(): boolean {
    return this.cipher !== null && this.gi !== null && this.gr !== null;
  }

  get blockSize(): number {
    return this.blockLen;
  }

  private digest(...parts: Uint8Array[]): Uint8Array {
    const h = createHash(this.hash!);
    for (const p of parts) h.update(p);
    return new Uint8Array(h.digest().subarray(0, this.blockLen));
  }

  private chainFor(messageId: number): Chain {
    let c = this.chains.get(messageId);
    if (c) return c;
    if (messageId === 0) {
      c = { next: this.digest(this.gi!, this.gr!) };
    } else {
      const p1 = this.chains.get(0)?.next ?? this.digest(this.gi!, this.gr!);
      const mid = new Uint8Array(4);
      new DataView(mid.buffer).setUint32(0, messageId >>> 0);
      c = { next: this.digest(p1, mid) };
    }
    if (this.chains.size >= MAX_EXCHANGES) {
      for (const k of this.chains.keys()) {
        if (k !== 0) {
          this.chains.delete(k);
          break;
        }
      }
    }
    this.chains.set(messageId, c);
    return c;
  }

  /**
   * Decrypts the payloads after the ISAKMP header of one encrypted message, in capture order.
   * Returns null when not ready or when the length is not whole blocks.
   */
  decrypt(messageId: number, ct: Uint8Array): Ikev1Decryption | null {
    if (!this.ready || ct.length === 0 || ct.length % this.blockLen !== 0) return null;
    const chain = this.chainFor(messageId >>> 0);
    let iv: Uint8Array;
    let retransmission = false;
    if (chain.lastCt && chain.lastIv && equalBytes(chain.lastCt, ct)) {
      iv = chain.lastIv;
      retransmission = true;
    } else {
      iv = chain.next;
      chain.lastIv = iv;
      chain.lastCt = Uint8Array.from(ct);
      chain.next = Uint8Array.from(ct.subarray(ct.length - this.blockLen));
    }
    const key = this.key.subarray(0, this.keyLen);
    let plain: Uint8Array;
    if (this.cipher === 'des') plain = desCbcDecrypt(key, iv, ct);
    else {
      const d = createDecipheriv(this.cipher === '3des' ? 'des-ede3-cbc' : `aes-${this.keyLen * 8}-cbc`, key, iv).setAutoPadding(false);
      plain = new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
    }
    return { iv, plain, retransmission };
  }
}
