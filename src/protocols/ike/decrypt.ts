/**
 * Decryption of IKE messages when keys are given (--keys: Wireshark's ikev2_decryption_table and
 * ikev1_decryption_table): the IKEv2 SK payload (RFC 7296 §3.14) and the IKEv1 encrypted body
 * (RFC 2408 §3.1 E flag, IVs per RFC 2409 App. B). The tree is the one Wireshark builds with the
 * same keys: IV, encrypted data, the decrypted data (contained payloads, padding, pad length) and
 * the integrity checksum, checked. The ciphers live in src/decrypt; this file places the results.
 */
import type { Tree } from '../../core/tree.js';
import { Tvb, hexOf } from '../../core/tvb.js';
import { decryptIkev2Sk } from '../../decrypt/ikev2-sk.js';
import { Ikev1Decryptor } from '../../decrypt/ikev1-crypto.js';
import { findIkev1Key, findIkev2Keys, keyStoreOf, type KeyStore } from '../../decrypt/keys.js';
import type { Ikev2Keys } from '../../decrypt/ike-tables.js';
import { hf } from './fields.js';
import { expert, plural, type IkeMsg } from './ctx.js';
import { walkPayloads } from './chain.js';
import { AgedMap } from '../../core/aged-map.js';

/** The run's keys, or null when none were given (or the key files could not be read). */
function store(m: IkeMsg): KeyStore | null {
  try {
    return keyStoreOf(m.pkt.engine);
  } catch {
    // The CLI reads the key files before the first packet and reports a bad one there.
    return null;
  }
}

export function ikev2Keys(m: IkeMsg): Ikev2Keys | undefined {
  const s = store(m);
  return s ? findIkev2Keys(s, m.ispi, m.rspi) : undefined;
}

/**
 * An SK payload with keys: off is the payload body (after the generic header), len its length,
 * next the type of the first inner payload.
 */
export function skWithKeys(m: IkeMsg, keys: Ikev2Keys, tvb: Tvb, off: number, len: number, t: Tree, next: number): void {
  const msg = tvb.bytes(0, tvb.length);
  const d = decryptIkev2Sk(keys, msg, off - 4, len + 4, (m.flags & 0x08) !== 0);
  if (!d) {
    const at = t.on ? t.text('Not enough data in IKEv2 Encrypted payload', tvb, off, len) : t;
    expert(m, at, 'warn', 'malformed', 'isakmp.enc.iv.not_enough_data', 'Not enough data in IKEv2 Encrypted payload');
    return;
  }
  const on = t.on;
  if (d.ivLen) t.add(hf.enc_iv, tvb, d.ivOff, d.ivLen, undefined, on ? `Initialization Vector: ${tvb.hex(d.ivOff, d.ivLen)} (${d.ivLen} bytes)` : undefined);
  const enc = t.add(hf.enc_data, tvb, d.encOff, d.encLen, null, on ? `Encrypted Data (${d.encLen} bytes) <${keys.encr.name}>` : undefined);
  let icdText = '';
  if (on && d.icdLen) {
    icdText = `Integrity Checksum Data: ${tvb.hex(d.icdOff, d.icdLen)} (${d.icdLen} bytes)`;
    if (!keys.encr.icvLen) icdText += keys.integ.hash ? ` <${keys.integ.name}>` : '[not validated]';
    if (d.icdChecked) icdText += d.icdGood ? '[correct]' : `[incorrect, should be ${hexOf(d.expectedIcd ?? new Uint8Array())}]`;
  }
  const addIcd = (): void => {
    if (!d.icdLen) return;
    const icd = t.add(hf.enc_icd, tvb, d.icdOff, d.icdLen, undefined, on ? icdText : undefined);
    if (d.icdChecked && !d.icdGood) {
      expert(m, icd, 'warn', 'checksum', 'isakmp.ikev2.integrity_checksum', 'IKEv2 Integrity Checksum Data is incorrect');
    }
  };
  if (!d.plain) {
    addIcd();
    if (d.problem?.includes('multiple')) {
      if (on) enc.appendText(`[Invalid length, should be a multiple of block size (${keys.encr.blockLen})]`);
      expert(m, enc, 'warn', 'malformed', 'isakmp.enc_data_length_mult_block_size', 'Encrypted data length isn\'t a multiple of block size');
    } else if (d.problem) {
      expert(m, enc, 'note', 'undecoded', 'isakmp.enc.not_decrypted', `Not decrypted: ${d.problem}`);
    }
    return;
  }
  const inner = decrypted(m, t, d.plain, d.innerLen, d.padLen, 'Decrypted Data');
  addIcd();
  if (inner && d.innerLen > 0) walkPayloads(m, inner.tvb, inner.tree, next, 0, d.innerLen);
}

/** "Decrypted Data" with its contained payloads, padding and pad length; the inner payloads are dissected by the caller. */
function decrypted(m: IkeMsg, t: Tree, plain: Uint8Array, innerLen: number, padLen: number, source: string): { tvb: Tvb; tree: Tree } | null {
  const ds = m.pkt.addSource(source, plain);
  const dt = Tvb.of(plain, ds);
  const on = t.on;
  const n = plain.length;
  const top = t.add(hf.enc_decrypted, dt, 0, n, null, on ? `Decrypted Data (${n} byte${plural(n)})` : undefined);
  let tree: Tree | null = null;
  if (innerLen > 0) tree = top.add(hf.enc_contained, dt, 0, innerLen, null, on ? `Contained Data (${innerLen} byte${plural(innerLen)})` : undefined);
  if (padLen > 0 && innerLen >= 0) top.add(hf.enc_padding, dt, innerLen, padLen, null, on ? `Padding (${padLen} byte${plural(padLen)})` : undefined);
  if (n >= 1) {
    const pl = top.add(hf.enc_pad_length, dt, n - 1, 1, padLen);
    if (padLen > 0 && innerLen < 0) {
      if (on) pl.appendText(' [too long]');
      expert(m, pl, 'warn', 'malformed', 'isakmp.enc.pad_length.big', 'Pad length is too big');
    }
  }
  return tree ? { tvb: dt, tree } : null;
}

/** Per IKEv1 SA (initiator cookie): the decryptor and what it has been fed. */
interface V1State {
  dec: Ikev1Decryptor;
  initiator: string;
  /** Set once the first encrypted message tried to set up the algorithms (as Wireshark, never retried). */
  tried: boolean;
  usable: boolean;
  encr?: number;
  keyLen?: number;
  hash?: number;
}

const MAX_V1 = 4096;

function v1State(m: IkeMsg): V1State | null {
  const s = store(m);
  if (!s) return null;
  const key = findIkev1Key(s, m.ispi);
  if (!key) return null;
  const states = m.pkt.engine.state('isakmp.ikev1_decrypt', () => new AgedMap<string, V1State>());
  const id = hexOf(m.ispi);
  let st = states.get(id);
  if (!st) {
    if (states.size >= MAX_V1) states.dropOldest();
    st = { dec: new Ikev1Decryptor(key.key), initiator: m.pkt.netSrc, tried: false, usable: false };
    states.set(id, st);
  }
  return st;
}

/** What a clear IKEv1 message tells the decryptor: a KE payload, and the IKE transform's algorithms. */
export function ikev1Learn(m: IkeMsg, ke: Uint8Array | undefined, encr: number | undefined, keyLen: number | undefined, hash: number | undefined): void {
  const st = v1State(m);
  if (!st) return;
  if (ke) {
    if (m.pkt.netSrc === st.initiator) st.dec.setInitiatorKe(ke);
    else st.dec.setResponderKe(ke);
  }
  // As Wireshark, the last IKE transform seen wins (the responder's choice comes last).
  if (encr !== undefined) st.encr = encr;
  if (keyLen !== undefined) st.keyLen = keyLen;
  if (hash !== undefined) st.hash = hash;
}

/** The encrypted body of an IKEv1 message, decrypted when the key is known; returns whether it was. */
export function ikev1Encrypted(m: IkeMsg, tvb: Tvb, off: number, len: number, item: Tree, first: number): boolean {
  const st = v1State(m);
  if (!st) return false;
  if (!st.tried) {
    st.tried = true;
    st.usable = st.encr !== undefined && st.hash !== undefined && st.dec.setAlgorithms(st.encr, st.keyLen, st.hash) === null;
  }
  if (!st.usable || !st.dec.ready) return false;
  const r = st.dec.decrypt(m.messageId, tvb.bytes(off, len));
  if (!r) return false;
  const ds = m.pkt.addSource('Decrypted IKE', r.plain);
  const dt = Tvb.of(r.plain, ds);
  walkPayloads(m, dt, item, first, 0, r.plain.length);
  return true;
}

/** Fragments of one IKEv2 message (RFC 7383) waiting for the rest, keyed by SPIs and Message ID. */
interface SkfTrain {
  total: number;
  /** The first inner payload's type, from fragment 1's header. */
  first: number;
  parts: Map<number, { frame: number; bytes: Uint8Array }>;
}

const MAX_SKF_TRAINS = 1024;

/**
 * An SKF payload with keys (RFC 7383 §2.5): decrypted like SK but not dissected alone; once every
 * fragment of the message is in, the inner payloads are joined and dissected in the last one.
 */
export function skfWithKeys(m: IkeMsg, keys: Ikev2Keys, tvb: Tvb, off: number, len: number, t: Tree, num: number, total: number, next: number): void {
  const msg = tvb.bytes(0, tvb.length);
  const d = decryptIkev2Sk(keys, msg, off - 4, len + 4, (m.flags & 0x08) !== 0, 8);
  if (!d) {
    const at = t.on ? t.text('Not enough data in IKEv2 Encrypted payload', tvb, off + 4, len - 4) : t;
    expert(m, at, 'warn', 'malformed', 'isakmp.enc.iv.not_enough_data', 'Not enough data in IKEv2 Encrypted payload');
    return;
  }
  const on = t.on;
  if (d.ivLen) t.add(hf.enc_iv, tvb, d.ivOff, d.ivLen);
  t.add(hf.enc_data, tvb, d.encOff, d.encLen, null);
  if (d.plain) decrypted(m, t, d.plain, d.innerLen, d.padLen, 'Decrypted Data');
  if (d.icdLen) {
    let text = '';
    if (on) {
      text = `Integrity Checksum Data: ${tvb.hex(d.icdOff, d.icdLen)} (${d.icdLen} bytes)`;
      if (!keys.encr.icvLen) text += keys.integ.hash ? ` <${keys.integ.name}>` : '[not validated]';
      if (d.icdChecked) text += d.icdGood ? '[correct]' : `[incorrect, should be ${hexOf(d.expectedIcd ?? new Uint8Array())}]`;
    }
    const icd = t.add(hf.enc_icd, tvb, d.icdOff, d.icdLen, undefined, on ? text : undefined);
    if (d.icdChecked && !d.icdGood) expert(m, icd, 'warn', 'checksum', 'isakmp.ikev2.integrity_checksum', 'IKEv2 Integrity Checksum Data is incorrect');
  }
  if (!d.plain) return;
  if (d.innerLen < 0 || num === 0 || total === 0 || num > total || m.sa === null) return;

  const trains = m.pkt.engine.state('isakmp.skf', () => new AgedMap<string, SkfTrain>());
  const key = `${hexOf(m.ispi)}/${hexOf(m.rspi)}/${m.messageId}/${m.flags & 0x20}`;
  let tr = trains.get(key);
  if (!tr || tr.total !== total) {
    if (!tr && trains.size >= MAX_SKF_TRAINS) trains.dropOldest();
    tr = { total, first: 0, parts: new Map() };
    trains.set(key, tr);
  }
  if (num === 1) tr.first = next;
  tr.parts.set(num, { frame: m.pkt.num, bytes: d.plain.slice(0, d.innerLen) });
  if (tr.parts.size < total || !tr.parts.has(1)) return;
  trains.delete(key);
  let size = 0;
  for (let k = 1; k <= total; k++) size += tr.parts.get(k)!.bytes.length;
  const whole = new Uint8Array(size);
  let at = 0;
  for (let k = 1; k <= total; k++) {
    whole.set(tr.parts.get(k)!.bytes, at);
    at += tr.parts.get(k)!.bytes.length;
  }
  const ds = m.pkt.addSource('Reassembled IKE2 ISAKMP', whole);
  const rt = Tvb.of(whole, ds);
  const list: { frame: number; len: number }[] = [];
  for (let k = 1; k <= total; k++) list.push({ frame: tr.parts.get(k)!.frame, len: tr.parts.get(k)!.bytes.length });
  fragmentsTree(t, rt, list);
  if (m.pkt.engine.columns) m.pkt.appendInfo(' (reassembled)');
  if (tr.first) walkPayloads(m, rt, t, tr.first, 0, size);
}

/** Wireshark's reassembly summary: the fragments, where each lies in the whole, their count and the length. */
export function fragmentsTree(t: Tree, rt: Tvb, parts: { frame: number; len: number }[]): void {
  const size = rt.length;
  const on = t.on;
  const text = on ? `${parts.length} Message fragments (${size} bytes): ${parts.map((p) => `#${p.frame}(${p.len})`).join(', ')}` : undefined;
  const top = t.gen(hf.fragments, rt, 0, size, null, text);
  let at = 0;
  for (const p of parts) {
    top.gen(hf.fragment, rt, at, p.len, p.frame, on ? `Frame: ${p.frame}, payload: ${at}-${at + p.len - 1} (${p.len} bytes)` : undefined);
    at += p.len;
  }
  top.gen(hf.fragment_count, rt, 0, 0, parts.length);
  top.gen(hf.reassembled_length, rt, 0, 0, size);
}
