/**
 * ESP decryption in the dissection: with --keys, the ESP dissector (protocols/esp.ts) hands each
 * packet here; when an SA matches, this builds what Wireshark shows with the same keys — IV,
 * encrypted data, ICV (checked), the decrypted data with its contained data, padding, pad length
 * and next header — and dissects the inner packet through the ip.proto table (tunnel mode: a whole
 * IP packet; transport mode: UDP, and so L2TP on 1701, or whatever the next header says).
 * Beyond Wireshark: an expert item for a bad ICV, for padding that is not RFC 4303's 1, 2, 3, …
 * (a sign of a wrong key), and once per SA which key-file line decrypted it.
 */
import { fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import { Tvb, hexOf } from '../core/tvb.js';
import { lookup } from '../core/tables.js';
import { hfEsp, registerEspDecryptor, type EspDecryptRequest, type EspPlaintext } from '../protocols/esp.js';
import { IPPROTO_NAMES } from '../protocols/ipproto.js';
import { decryptEsp } from './esp-decrypt.js';
import { findEspSa, keyStoreOf, type KeyStore } from './keys.js';
import type { EspSa } from './esp-sa.js';

const f = fieldsOf('esp');
/** The decryption fields: the data fields Wireshark adds only when it decrypts (packet-ipsec.c), and esp.ts's trailer fields. */
export const hfEspDecrypt = {
  ...hfEsp,
  encrypted_data: f('encrypted_data', 'ESP Encrypted Data', 'bytes', { blurb: 'IP Encapsulating Security Payload Encrypted Data', ref: 'RFC 4303 §2.3' }),
  decrypted_data: f('decrypted_data', 'ESP Decrypted Data', 'bytes', { blurb: 'IP Encapsulating Security Payload Decrypted Data', ref: 'RFC 4303 §2.3' }),
  contained_data: f('contained_data', 'ESP Contained Data', 'bytes', { blurb: 'IP Encapsulating Security Payload Contained Data', ref: 'RFC 4303 §2.3' }),
};

const MAX_SHOWN = 36;
function shortHex(b: Uint8Array): string {
  return b.length > MAX_SHOWN ? `${hexOf(b.subarray(0, MAX_SHOWN))}…` : hexOf(b);
}
const plural = (n: number) => (n === 1 ? '' : 's');

function store(pkt: Packet): KeyStore | null {
  try {
    return keyStoreOf(pkt.engine);
  } catch {
    // The CLI reads the key files before the first packet and reports a bad one there.
    return null;
  }
}

/** SAs already announced (once per SA per run: which key-file line decrypts it). */
function announced(pkt: Packet): Set<EspSa> {
  return pkt.engine.state('esp.decrypt_announced', () => new Set<EspSa>());
}

/**
 * Decrypts and shows one ESP packet for which a key-file SA matches; null (nothing shown) when
 * none does, so that esp.ts goes on as without keys.
 */
export function espDecryptor(req: EspDecryptRequest): EspPlaintext | null {
  const { pkt, esp } = req;
  const t = req.espTree;
  const tree = req.tree;
  if (!t || !tree) return null;
  const ks = store(pkt);
  if (!ks || ks.esp.length === 0) return null;
  const sa = findEspSa(ks.esp, req.src, req.dst, req.spi);
  if (!sa) return null;
  // The ICV covers the packet as sent; a packet cut short by the snap length cannot be checked.
  const bytes = esp.bytes(0, esp.length);
  const r = esp.length === esp.reported ? decryptEsp(sa, bytes) : null;
  const done: EspPlaintext = { ivLen: sa.cipher.ivLen, icvLen: sa.icvLen, plaintext: new Uint8Array(0), icvGood: null, label: 'Decrypted Data', shown: true };
  if (!r) return done;
  const on = t.on;
  const seen = announced(pkt);
  if (!seen.has(sa) && seen.size < 100_000) {
    seen.add(sa);
    pkt.engine.expert(pkt, t, 'chat', 'decryption', 'esp.decrypt.sa',
      `ESP SA 0x${(req.spi >>> 0).toString(16).padStart(8, '0')} ${req.src} → ${req.dst} decrypted with ${sa.cipher.name} / ${sa.auth.name} from ${sa.origin}`);
  }

  if (r.ivLen) t.add(hfEspDecrypt.iv, esp, r.ivOff, r.ivLen, undefined, on ? `ESP IV: ${esp.hex(r.ivOff, r.ivLen)} (${r.ivLen} bytes)` : undefined);
  const enc = t.add(hfEspDecrypt.encrypted_data, esp, r.encOff, r.encLen, undefined,
    on ? `ESP Encrypted Data: ${shortHex(esp.bytes(r.encOff, r.encLen))} (${r.encLen} bytes) <${sa.cipher.name}>` : undefined);
  if (r.problem && on) enc.appendText(r.problem.includes('multiple') ? `[Invalid length, ciphertext should be a multiple of block size (${sa.cipher.blockLen})]` : '[Invalid length, ciphertext should terminate at 4-byte boundary]');

  if (r.icvLen) {
    const icvBytes = esp.bytes(r.icvOff, r.icvLen);
    const state = !r.icvChecked ? ' [unchecked]' : r.icvGood ? ' [correct]' : ` [incorrect, should be ${hexOf(r.expectedIcv!)}]`;
    const alg = sa.cipher.aead ? sa.cipher.name : sa.auth.name;
    const icv = t.add(hfEspDecrypt.icv, esp, r.icvOff, r.icvLen, undefined, on ? `ESP ICV: ${hexOf(icvBytes)} (${r.icvLen} bytes) <${alg}>${state}` : undefined);
    icv.gen(hfEspDecrypt.icv_good, esp, r.icvOff, r.icvLen, r.icvChecked && r.icvGood);
    icv.gen(hfEspDecrypt.icv_bad, esp, r.icvOff, r.icvLen, r.icvChecked && !r.icvGood);
    if (r.icvChecked && !r.icvGood) {
      pkt.engine.expert(pkt, icv, 'warn', 'checksum', 'esp.icv_bad',
        `ESP ICV is incorrect (${alg}): the packet was altered, or the key in ${sa.origin} is not this SA's`);
    }
  }
  if (!r.plain) return { ...done, icvGood: r.icvChecked ? r.icvGood : null };

  const plain = r.plain;
  const n = plain.length;
  const ds = pkt.addSource('Decrypted Data', plain);
  const dt = Tvb.of(plain, ds);
  // Wireshark places this item at the ESP header in the frame and its children in the decrypted bytes.
  const dec = t.add(hfEspDecrypt.decrypted_data, esp, 0, n, plain, on ? `ESP Decrypted Data: ${shortHex(plain)} (${n} byte${plural(n)})` : undefined);
  let dissected = false;
  if (n >= 2 && r.payloadLen > 0) {
    dec.add(hfEspDecrypt.contained_data, dt, 0, r.payloadLen, undefined,
      on ? `ESP Contained Data: ${shortHex(plain.subarray(0, r.payloadLen))} (${r.payloadLen} byte${plural(r.payloadLen)})` : undefined);
    if (lookup('ip.proto', r.nextHeader)) {
      // Later layers (L2TP's "not protected by IPsec" check) must know this came out of ESP.
      pkt.scratch.insideEsp = true;
      pkt.ipProto = r.nextHeader;
      pkt.engine.call('ip.proto', r.nextHeader, dt.sub(0, r.payloadLen), pkt, tree);
      dissected = true;
    }
  }
  if (dissected) {
    if (r.padLen) dec.add(hfEspDecrypt.pad, dt, r.payloadLen, r.padLen);
    dec.add(hfEspDecrypt.pad_len, dt, n - 2, 1, r.padLen);
    dec.add(hfEspDecrypt.protocol, dt, n - 1, 1, r.nextHeader,
      on ? `Next header: ${IPPROTO_NAMES.get(r.nextHeader) ?? 'Unknown'} (0x${r.nextHeader.toString(16).padStart(2, '0')})` : undefined);
    if (!r.padOk) {
      pkt.engine.expert(pkt, dec, 'note', 'decryption', 'esp.pad_unexpected',
        'ESP padding is not the default 1, 2, 3, … (RFC 4303 §2.4): a wrong key, or a sender that pads otherwise');
    }
  } else {
    if (r.payloadLen < 0) {
      pkt.engine.expert(pkt, dec, 'warn', 'decryption', 'esp.pad_len.invalid',
        `ESP Pad Length ${r.padLen} is longer than the ${n - 2} bytes before it: the key is probably wrong`);
    }
    pkt.engine.data(dt, pkt, dec);
  }
  return { ivLen: r.ivLen, icvLen: r.icvLen, plaintext: plain, icvGood: r.icvChecked ? r.icvGood : null, label: 'Decrypted Data', shown: true };
}

registerEspDecryptor(espDecryptor);
