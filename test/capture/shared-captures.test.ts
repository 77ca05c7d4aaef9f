/**
 * The reader against the public capture corpus: classic pcap files must give exactly what the npm
 * package pcap-parser gives, and every file must give tshark's packet count, times and lengths.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAll, type Kept } from './helpers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = resolve(here, '../../../shared/captures');
const samples = resolve(here, '../../samples');
const require = createRequire(import.meta.url);
const pcapParser = require('pcap-parser') as { parse(path: string): NodeJS.EventEmitter };

/** Files starting with a microsecond classic pcap magic (pcap-parser reads no other kind). */
function microsecondPcaps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...microsecondPcaps(p));
    else if (st.isFile() && st.size >= 24) {
      const magic = readFileSync(p).subarray(0, 4).toString('hex');
      if (magic === 'a1b2c3d4' || magic === 'd4c3b2a1') out.push(p);
    }
  }
  return out.sort();
}

interface PcapParserPacket {
  header: { timestampSeconds: number; timestampMicroseconds: number; capturedLength: number; originalLength: number };
  data: Buffer;
}

function viaPcapParser(path: string): Promise<PcapParserPacket[]> {
  return new Promise((ok, fail) => {
    const got: PcapParserPacket[] = [];
    const p = pcapParser.parse(path);
    p.on('packet', (pkt: PcapParserPacket) => got.push(pkt));
    p.on('error', fail);
    p.on('end', () => ok(got));
  });
}

function sameRecords(ours: Kept[], theirs: PcapParserPacket[]): void {
  expect(ours.length).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]!;
    const h = theirs[i]!.header;
    expect([a.tsSec, a.tsNsec, a.data.length, a.len], `record ${i + 1}`).toEqual([
      h.timestampSeconds,
      h.timestampMicroseconds * 1000,
      h.capturedLength,
      h.originalLength,
    ]);
    expect(Buffer.from(a.data).equals(theirs[i]!.data), `record ${i + 1} bytes`).toBe(true);
  }
}

describe.skipIf(!existsSync(shared))('classic pcap files agree with pcap-parser (../shared/captures)', () => {
  const files = microsecondPcaps(shared);
  it('finds the corpus pcap files, including the .cap ones', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(files.some((f) => f.endsWith('.cap'))).toBe(true);
  });
  for (const f of files) {
    it(f.slice(shared.length + 1), async () => {
      const [ours, theirs] = await Promise.all([readAll(f), viaPcapParser(f)]);
      expect(ours.warnings).toEqual([]);
      sameRecords(ours.frames, theirs);
    });
  }
});

const samplePcaps = microsecondPcaps(samples);
describe.skipIf(samplePcaps.length === 0)('classic pcap samples agree with pcap-parser (samples/)', () => {
  for (const f of samplePcaps) {
    it(f.slice(samples.length + 1), async () => {
      const [ours, theirs] = await Promise.all([readAll(f), viaPcapParser(f)]);
      sameRecords(ours.frames, theirs);
    });
  }
});

/**
 * capinfos -c -M gives the count; the digest is the first 16 hex digits of the sha256 of
 * `tshark -r FILE -T fields -E separator=' ' -e frame.time_epoch -e frame.len -e frame.cap_len`
 * (plus `-e frame.interface_id` for pcapng), tshark 4.0.17.
 */
const TSHARK: [string, number, string][] = [
  ['arkime-esp-ipv4-ipv6.pcap', 240, 'eaf0dd91c6eb582d'],
  ['arkime-ike-cert-synthetic.pcap', 8, '589c599d57a4b332'],
  ['arkime-ikev1-ipv6-esp.pcap', 309, '9db82fa3566bf51c'],
  ['arkime-ikev2-ipv6-esp.pcap', 197, '490c24aaab1602df'],
  ['flowcontainer-l2tp-ipsec-natt.pcap', 2350, '9d8fc0e99ea2df40'],
  ['flowcontainer-pptp-gre-mppe.pcap', 402, '341af1ce7b0e5692'],
  ['l2tp-xl2tpd-pppd-fails.pcap', 25, '86f07d86b1e2959b'],
  ['ndpi-dlt-ppp.pcap', 1, '1734bdcc44b21b44'],
  ['ndpi-ipsec-isakmp-esp-natt.pcap', 834, '6f247e58659031d4'],
  ['ndpi-pptp-control.pcap', 24, 'edd502541d6d236e'],
  ['packetnet-ipv6-esp-null-rawip.pcap', 1, '926fbe00d825e881'],
  ['packetnet-l2tp-data-in-pppoe.pcap', 1, '80d619e7b93b50fe'],
  ['packetnet-linux-sll1.pcap', 3, 'e58bc3c4a9c70648'],
  ['pcapplusplus-linktype-ipv4.pcap', 2, '6e43dab3b5b613ae'],
  ['pcapplusplus-linktype-ipv6.pcap', 1, 'd0a61a00f0377149'],
  ['pcapplusplus-pppoe-session.pcap', 2, 'dabbaf9f93842a70'],
  ['pptp-gre-ppp-mschapv2-mppe-crafted-scapy.pcap', 47, '2e7224436e4e4780'],
  ['scapy-ikev2-notify-redirect.pcap', 4, '5bccc397ff2c8b02'],
  ['suricata-esp-ipv4-ipv6.pcap', 8, 'c2af6411535630c2'],
  ['suricata-gre-outer-ip-fragments.pcap', 2, 'dc3e4cebab59f2ce'],
  ['suricata-gre-ppp-inner-ip-fragments.pcap', 1024, 'ca0f572a89d8a6b8'],
  ['suricata-ikev2-sa-init-rawip.pcap', 1, '29e8930cc189a9c5'],
  ['suricata-ppp-ipv4-fragments.pcap', 3, '5ee16050b8d50ea2'],
  ['suricata-ppp-ipv6-fragments.pcap', 3, '66648e1de283b635'],
  ['suricata-pppoe-lcp-ipcp-ccp.pcap', 37, '62e011b8ca455cac'],
  ['tcpdump-esp-3des-sunrise-sunset.pcap', 8, 'bd031847a05201db'],
  ['tcpdump-esp-aes-sunrise-sunset.pcap', 8, '2c8c01f74240a9aa'],
  ['tcpdump-esp-truncated.pcap', 1, '4c1e935762e47200'],
  ['tcpdump-espudp1.pcap', 8, '260f99a1f4d18d4c'],
  ['tcpdump-ikev2four-loopback.pcap', 21, 'b5e1f163a6114a89'],
  ['tcpdump-isakmp-sa-setup.pcap', 9, '94f879fd0fbe7ba6'],
  ['tcpdump-isakmp4500-natt.pcap', 35, '4dc9bf7109104e46'],
  ['tcpdump-l2tp-avp-overflow.pcap', 20, 'fa337247bcd946d2'],
  ['tcpdump-linktype-raw-ipv4.pcap', 1, '05e36855f72cc520'],
  ['tcpdump-ospfv3-ipv6-ah.pcap', 61, '7a89b1042bdb9e81'],
  ['tcpdump-ppp-invalid-lengths.pcap', 1, '7f414d0d8de2b35b'],
  ['tcpdump-pptp.pcap', 23, 'c7b34c85004f47e7'],
  ['zeek-gre-pptp-vlan-ipv6.pcap', 2, '08dd0eb0ef981942'],
  ['zeek-ipv6-zero-len-ah.pcap', 10, '9da9805106adc14c'],
  ['zeek-linux-sll2.pcap', 6, '71cd186c76ad1b6c'],
  ['zeek-pppoe-over-qinq.pcap', 86, '936d97b770553429'],
  ['zeek-pppoe-pap-ipcp-ipv6cp.pcap', 65, 'cbfb56994c8937cf'],
  ['zeekipsec-ikev1-aggressive-mode.pcap', 6, '46fefac3514cb04b'],
  ['zeekipsec-ikev1-certs.pcap', 10, '3762dc1279c74154'],
  ['zeekipsec-ikev1-main-mode.pcap', 9, '8660926a4bd09e44'],
  ['zeekipsec-ikev1-payload-bad-length.pcap', 1, '72856521b602aa21'],
  ['zeekipsec-ikev1-zero-length.pcap', 1, '72856521b602aa21'],
  ['zeekipsec-ikev2-natt-ip-fragments.pcap', 11, '1ef243a893f2a723'],
  ['pcapplusplus-pptp-gre-pap.cap', 28, '2e9636d3c2ed7323'],
  ['zeekipsec-esp-ah-tunnel.cap', 10, 'b779f9a8d9a6b0aa'],
  ['zeekipsec-ikev1-esp.cap', 27, '2a5690029dc170db'],
  ['ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng', 34, '4f7d6070809137ac'],
  ['ndpi-gre-vlan-ppp-sip.pcapng', 1, 'a039c36bd40c517d'],
  ['ndpi-ike-ah.pcapng', 6, '049015bf8c1d94e7'],
  ['ndpi-ike-esp.pcapng', 6, '039315695707b07e'],
  ['pcapplusplus-gre-mixed.pcapng', 7, '2524a025e4855cde'],
  ['pcapplusplus-ipsec-ah-esp.pcapng', 3, '71ab0cdba6e513dc'],
  ['pptpsniffer-pptp-mschapv2-mppe.pcapng', 634, 'e38b7f87b0de7a5c'],
  ['scapy-ikev2-nat-t.pcapng', 54, 'bbd3ce60b82736e8'],
  ['tcpdump-ikev2pi2-segfault.pcapng', 1, '192c1b975da43f93'],
  ['tcpdump-isakmp-no-none-np.pcapng', 1, 'bf73752efa7f6075'],
];

describe.skipIf(!existsSync(shared))('every corpus file reads to the end like tshark (../shared/captures)', () => {
  it('covers every capture in the corpus', () => {
    const names = readdirSync(shared).filter((n) => /\.(pcap|pcapng|cap)$/.test(n)).sort();
    expect(TSHARK.map((r) => r[0]).sort()).toEqual(names);
  });
  for (const [name, count, digest] of TSHARK) {
    it(`${name}: ${count} packets`, async () => {
      const r = await readAll(join(shared, name));
      expect(r.warnings).toEqual([]);
      expect(r.frames.length).toBe(count);
      const ng = name.endsWith('.pcapng');
      const h = createHash('sha256');
      for (const f of r.frames) {
        h.update(`${f.tsSec}.${String(f.tsNsec).padStart(9, '0')} ${f.len} ${f.data.length}${ng ? ` ${f.ifIndex}` : ''}\n`);
      }
      expect(h.digest('hex').slice(0, 16)).toBe(digest);
      expect(r.info).toHaveLength(1);
      expect(r.info[0]!.format).toBe(ng ? 'pcapng' : 'pcap');
    });
  }
});

describe.skipIf(!existsSync(shared))('pcapng details from real files', () => {
  it('keeps the opt_comment of frame 12 in pptpsniffer-pptp-mschapv2-mppe.pcapng', async () => {
    const r = await readAll(join(shared, 'pptpsniffer-pptp-mschapv2-mppe.pcapng'));
    const withComment = r.frames.map((f, i) => [i + 1, f.comment] as const).filter(([, c]) => c !== undefined);
    // tshark -r … -T fields -e frame.number -e frame.comment -Y frame.comment
    expect(withComment).toEqual([[12, '标志了认证算法为MS-CHAP-2（0x81）。']]);
    expect(Buffer.from(r.frames[11]!.comment!, 'utf8').length).toBe(46);
  });

  it('reads nanosecond if_tsresol exactly (ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng)', async () => {
    const r = await readAll(join(shared, 'ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng'));
    // tshark: frame 1 1795759678.034216638, frame 34 1795759686.103430130
    expect([r.frames[0]!.tsSec, r.frames[0]!.tsNsec]).toEqual([1795759678, 34216638]);
    expect([r.frames[33]!.tsSec, r.frames[33]!.tsNsec]).toEqual([1795759686, 103430130]);
    // capinfos: Interface #0 capture length 262144, time resolution 0x09
    expect(r.info[0]).toEqual({ format: 'pcapng', linkType: 1, snapLen: 262144, nanosecond: true, gzip: false });
  });

  it('gives the link type of each file (LINKTYPE_NULL for tcpdump-ikev2pi2-segfault.pcapng)', async () => {
    const r = await readAll(join(shared, 'tcpdump-ikev2pi2-segfault.pcapng'));
    expect(r.frames.map((f) => f.linkType)).toEqual([0]);
    expect([r.frames[0]!.tsSec, r.frames[0]!.tsNsec, r.frames[0]!.len]).toEqual([86400, 0, 540]);
  });

  it('gives each packet its interface number (pcapplusplus-ipsec-ah-esp.pcapng, three interfaces)', async () => {
    const r = await readAll(join(shared, 'pcapplusplus-ipsec-ah-esp.pcapng'));
    // tshark -T fields -e frame.interface_id -e frame.len: 0 194, 2 62, 1 158
    expect(r.frames.map((f) => f.ifIndex)).toEqual([0, 2, 1]);
    expect(r.frames.map((f) => f.len)).toEqual([194, 62, 158]);
  });
});

describe.skipIf(!existsSync(shared))('classic pcap header fields from real files', () => {
  it('reads the link type from the header (zeek-linux-sll2.pcap: 276, packetnet-linux-sll1.pcap: 113)', async () => {
    expect((await readAll(join(shared, 'zeek-linux-sll2.pcap'))).info[0]!.linkType).toBe(276);
    expect((await readAll(join(shared, 'packetnet-linux-sll1.pcap'))).frames.map((f) => f.linkType)).toEqual([113, 113, 113]);
  });

  it('reads a big-endian file (tcpdump-pptp.pcap, magic a1b2c3d4)', async () => {
    const r = await readAll(join(shared, 'tcpdump-pptp.pcap'));
    // tshark: frame 1 at 954147395.148077000, 62 bytes
    expect([r.frames[0]!.tsSec, r.frames[0]!.tsNsec, r.frames[0]!.len]).toEqual([954147395, 148077000, 62]);
    expect(r.info[0]).toEqual({ format: 'pcap', linkType: 1, snapLen: 65535, nanosecond: false, gzip: false });
  });
});
