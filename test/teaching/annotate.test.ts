/** -x --annotate: each byte of a sample packet tied to its field, and back. */
import { describe, expect, it } from 'vitest';
import { formatAnnotatedHex, segments } from '../../src/output/annotate.js';
import { texts } from '../../src/i18n/index.js';
import { dissectSample, keys } from './helpers.js';

const en = texts('en');

describe('-x --annotate', () => {
  it('labels every byte of an L2TP ZLB with its field, tag and range', async () => {
    const pkts = await dissectSample('l2tp-chap-session.pcap');
    expect(formatAnnotatedHex(pkts[3], en, false).split('\n')).toEqual([
      '0000  02 00 00 c0 02 14 02 00  00 c6 33 01 08 00 45 00  ..........3...E.',
      '      a──────────────── b───────────────── c──── d─ e─',
      '        a  0-5    eth.dst                      Destination: 02:00:00:c0:02:14',
      '        b  6-11   eth.src                      Source: 02:00:00:c6:33:01',
      '        c  12-13  eth.type                     Type: IPv4 (0x0800)',
      '        d  14     ip.version                   Version: 4 · Header Length: 20 bytes (5)',
      '        e  15     ip.dsfield                   Differentiated Services Field: 0x00',
      '0010  00 28 88 01 40 00 40 11  c6 7a c6 33 64 01 c0 00  .(..@.@..z.3d...',
      '      f──── g──── h─ i─ j─ k─  l──── m────────── n────',
      '        f  16-17  ip.len                       Total Length: 40',
      '        g  18-19  ip.id                        Identification: 0x8801 (34817)',
      '        h  20     ip.flags                     Flags: 0x02 · Reserved bit: Not set · Don\'t fragment: Set · More fragments: Not set',
      '        i  21     ip.frag_offset               Fragment Offset: 0',
      '        j  22     ip.ttl                       Time to Live: 64',
      '        k  23     ip.proto                     Protocol: UDP (17)',
      '        l  24-25  ip.checksum                  Header Checksum: 0xc67a',
      '        m  26-29  ip.src                       Source Address: 198.51.100.1',
      '        n  30-33  ip.dst                       Destination Address: 192.0.2.20',
      '0020  02 14 06 a5 06 a5 00 14  3d f7 c8 02 00 0c 00 2a  ........=......*',
      '      n──── o──── p──── q────  r──── s──── t──── u────',
      '        o  34-35  udp.srcport                  Source Port: 1701',
      '        p  36-37  udp.dstport                  Destination Port: 1701',
      '        q  38-39  udp.length                   Length: 20',
      '        r  40-41  udp.checksum                 Checksum: 0x3df7',
      '        s  42-43  l2tp.flags                   Flags: 0xc802, Type: Control Message, Length Bit, Sequence Bit',
      '        t  44-45  l2tp.length                  Length: 12',
      '        u  46-47  l2tp.tunnel                  Tunnel ID: 42',
      '0030  00 00 00 01 00 02                                 ......',
      '      v──── w──── x────',
      '        v  48-49  l2tp.session                 Session ID: 0',
      '        w  50-51  l2tp.Ns                      Ns: 1',
      '        x  52-53  l2tp.Nr                      Nr: 2',
    ]);
  });

  it('bit fields of one byte share a tag; a MAC address keeps its six bytes together', async () => {
    const pkts = await dissectSample('l2tp-chap-session.pcap');
    const segs = segments(pkts[3], 0, en);
    expect(segs.find((s) => s.start === 0)).toMatchObject({ tag: 'a', end: 6, abbrev: 'eth.dst' });
    expect(segs.find((s) => s.start === 14)).toMatchObject({ end: 15, label: 'Version: 4 · Header Length: 20 bytes (5)' });
    expect(segs.every((s) => s.tag !== '')).toBe(true);
  });

  it('shows the decrypted bytes of ESP as their own dump, down to the ESP trailer', async () => {
    const pkts = await dissectSample('l2tp-over-ipsec.pcap', { keys: keys('l2tp-over-ipsec') });
    const out = formatAnnotatedHex(pkts[4], en, false);
    expect(out).toContain('        w  98-109   esp.icv                      ESP ICV: b922bec77c50e789dffb0608 (12 bytes) <HMAC-SHA-1-96 [RFC2404]> [correct]');
    const dec = out.slice(out.indexOf('Bytes of Decrypted Data:'));
    expect(dec.split('\n').slice(0, 4)).toEqual([
      'Bytes of Decrypted Data:',
      '0000  06 a5 06 a5 00 14 e4 2e  c8 02 00 0c 00 01 00 00  ................',
      '      a──── b──── c──── d────  e──── f──── g──── h────',
      '        a  0-1    udp.srcport                  Source Port: 1701',
    ]);
    expect(dec).toContain('        m  31     esp.protocol                 Next header: UDP (0x11)');
  });

  it('colours a field\'s bytes and its tag alike when colour is on', async () => {
    const pkts = await dissectSample('l2tp-chap-session.pcap');
    const out = formatAnnotatedHex(pkts[3], en, true);
    // eth.dst is the first field: red (31) on its bytes, its ruler and its tag.
    expect(out.split('\n')[0]).toContain('\u001b[31m02\u001b[39m \u001b[31m00\u001b[39m');
    expect(out).toContain('\u001b[31ma\u001b[39m  0-5');
  });
});
