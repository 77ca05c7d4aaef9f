/**
 * Two ESP captures from tcpdump's test suite, decrypted with the keys tcpdump's own tests use
 * (published with them: SPI 0x12345678 3DES-CBC, SPI 0xd1234567 AES-256-CBC, both HMAC-96 whose
 * key is not published, so the ICV is "ANY 96 bit", unchecked — as in Wireshark with the same
 * esp_sa). Values as `WIRESHARK_CONFIG_DIR=… tshark` gives them (wireshark-diff: 100%).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, dissectAll, haveCaptures, loadFrames, one } from '../protocols/ipsec-helpers.js';
import { hex } from './capture-frames.js';

function keyDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vpnshark-tcpdump-'));
  writeFileSync(join(d, 'esp_sa'), [
    '"IPv4","*","192.1.2.45","0x12345678","TripleDES-CBC [RFC2451]","0x4043434545464649494a4a4c4c4f4f515152525454575758","ANY 96 bit authentication [no checking]",""',
    '"IPv4","*","192.1.2.45","0xd1234567","AES-CBC [RFC3602]","0xaaaabbbbccccdddd4043434545464649494a4a4c4c4f4f515152525454575758","ANY 96 bit authentication [no checking]",""',
  ].join('\n'));
  return d;
}

describe.skipIf(!haveCaptures)("tcpdump's sunrise-sunset ESP captures", () => {
  for (const [file, ivLen, padLen, firstIv] of [
    ['tcpdump-esp-3des-sunrise-sunset.pcap', 8, 2, null],
    ['tcpdump-esp-aes-sunrise-sunset.pcap', 16, 10, 'e6bb1ce8d0a88170da61de234d5618a0'],
  ] as const) {
    it(`${file}: eight tunnel-mode pings 192.0.2.1 → 192.0.1.1, seq 1280…3072, ICV unchecked`, async () => {
      const { packets } = dissectAll(await loadFrames(file), { settings: { keys: keyDir() } });
      expect(packets).toHaveLength(8);
      packets.forEach((p, i) => {
        expect(p.protocols.join(':')).toBe('eth:ethertype:ip:esp:ip:icmp:data');
        expect(one(p, 'esp.iv').size).toBe(ivLen);
        expect(one(p, 'esp.icv').size).toBe(12);
        expect([one(p, 'esp.icv_good').v, one(p, 'esp.icv_bad').v]).toEqual([false, false]);
        expect(one(p, 'esp.icv').text).toMatch(/<ANY 96 bit authentication \[no checking\]> \[unchecked\]$/);
        expect([one(p, 'esp.pad_len').v, one(p, 'esp.protocol').v]).toEqual([padLen, 4]);
        expect(all(p, 'ip.src').map((n) => n.v)).toEqual([0xc0010217, 0xc0000201]);
        expect(one(p, 'icmp.seq').v).toBe(1280 + 256 * i);
        expect(one(p, 'icmp.checksum.status').v).toBe(1);
      });
      if (firstIv) expect(hex(one(packets[0], 'esp.iv').v as Uint8Array)).toBe(firstIv);
    });
  }
});
