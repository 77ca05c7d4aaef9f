/**
 * The strongSwan IKEv2 + ESP-in-UDP capture with its save-keys folder: every ESP packet decrypts
 * with a good ICV to an inner IPv4 packet (tunnel mode), and every encrypted IKEv2 message decrypts
 * with a good ICD, the first inner payload matching what tshark shows.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findEspSa, findIkev2Keys, loadKeys } from '../../src/decrypt/keys.js';
import { decryptEsp } from '../../src/decrypt/esp-decrypt.js';
import { decryptIkev2Sk } from '../../src/decrypt/ikev2-sk.js';
import { ipv4Datagrams } from './capture-frames.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/captures');
const capture = resolve(shared, 'ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng');
const keyDir = resolve(shared, 'keys/ipsec-strongswan-ikev2-aes128-sha256-modp2048');

describe.skipIf(!existsSync(capture) || !existsSync(keyDir))('strongSwan capture, decrypted with its key folder', () => {
  it('ESP: 16 packets, all with a good ICV, tunnel mode carrying IPv4 ICMP and UDP', async () => {
    const ks = loadKeys(keyDir);
    const dg = await ipv4Datagrams(capture);
    const esp = dg.filter((d) => d.proto === 17 && ((d.payload[0] << 8) | d.payload[1]) === 4500 && d.payload.length > 12 && ((d.payload[8] | d.payload[9] | d.payload[10] | d.payload[11]) !== 0));
    expect(esp.map((d) => d.num)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 19, 20, 21, 22, 29, 30, 31, 32]);
    const inner: string[] = [];
    for (const d of esp) {
      const e = d.payload.subarray(8);
      const spi = ((e[0] << 24) | (e[1] << 16) | (e[2] << 8) | e[3]) >>> 0;
      const sa = findEspSa(ks.esp, d.src, d.dst, spi)!;
      expect(sa, `frame ${d.num}`).toBeDefined();
      const r = decryptEsp(sa, e)!;
      expect(r.icvGood, `frame ${d.num}`).toBe(true);
      expect(r.nextHeader).toBe(4);
      expect(r.padOk).toBe(true);
      const ip = r.plain!.subarray(0, r.payloadLen);
      expect(ip[0] >> 4).toBe(4);
      expect((ip[2] << 8) | ip[3]).toBe(r.payloadLen);
      inner.push(`${ip[9]}`);
    }
    expect(inner.join(' ')).toBe('1 1 1 1 1 1 17 17 1 1 1 1 1 1 1 1');
    // Frame 7 as tshark shows it: IV at 50 (16 bytes), 96 bytes encrypted, pad 10, ICV at 162.
    const f7 = esp[0];
    const r7 = decryptEsp(findEspSa(ks.esp, f7.src, f7.dst, 0xf6d48d10)!, f7.payload.subarray(8))!;
    const base = f7.off + 8;
    expect([base + r7.ivOff, r7.ivLen, base + r7.encOff, r7.encLen, base + r7.icvOff, r7.icvLen]).toEqual([50, 16, 66, 96, 162, 16]);
    expect([r7.payloadLen, r7.padLen]).toEqual([84, 10]);
  });

  it('IKEv2: every SK payload decrypts, ICD good, inner payloads as tshark lists them', async () => {
    const ks = loadKeys(keyDir);
    const dg = await ipv4Datagrams(capture);
    const seen: string[] = [];
    for (const d of dg) {
      if (d.proto !== 17) continue;
      const sport = (d.payload[0] << 8) | d.payload[1];
      let msg = d.payload.subarray(8);
      if (sport === 4500) {
        if (msg.length < 4 || msg[0] | msg[1] | msg[2] | msg[3]) continue; // ESP, not IKE
        msg = msg.subarray(4);
      } else if (sport !== 500) continue;
      if (msg[16] !== 46) continue; // first payload not SK: IKE_SA_INIT
      const keys = findIkev2Keys(ks, msg.subarray(0, 8), msg.subarray(8, 16))!;
      expect(keys, `frame ${d.num}`).toBeDefined();
      const payLen = (msg[30] << 8) | msg[31];
      const r = decryptIkev2Sk(keys, msg, 28, payLen, (msg[19] & 0x08) !== 0)!;
      expect(r.icdGood, `frame ${d.num}`).toBe(true);
      expect(r.innerLen).toBeGreaterThanOrEqual(0);
      seen.push(`${d.num}:${r.firstPayload}:${r.encLen}:${r.padLen}`);
      if (d.num === 5) {
        // IDi "alice@hx.test" is the first inner payload (tshark: isakmp.id.data.user_fqdn).
        const inner = r.plain!;
        expect(Buffer.from(inner.subarray(8, 21)).toString('latin1')).toBe('alice@hx.test');
        expect([r.ivOff, r.encOff, r.icdOff].map((o) => o + d.off + 12)).toEqual([78, 94, 334]);
        expect(r.icdLen).toBe(16);
      }
    }
    // frame:first inner payload:encrypted bytes:pad length — tshark's isakmp.nextpayload and isakmp.enc.pad_length.
    expect(seen).toEqual([
      '5:35:240:15', '6:36:176:4', '15:41:416:3', '16:33:416:15', '17:42:16:3', '18:42:16:3',
      '23:33:368:11', '24:33:368:11', '25:42:16:7', '26:0:16:15', '33:42:16:7', '34:0:16:15',
    ]);
  });
});
