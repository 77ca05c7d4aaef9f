/**
 * AH against real captures: header values and offsets as tshark 4.0 gives them, what AH protects
 * (ESP, a tunnelled IPv4 packet, OSPFv3 behind AH as an IPv6 extension header), the zero-length
 * and past-the-end lengths, the SA table, and vpnshark's AH sequence and replay analysis built by
 * editing the sequence numbers of real packets.
 */
import { describe, expect, it } from 'vitest';
import { trackedIpsecSas } from '../../src/sessions/ipsec-sa.js';
import { all, dissectAll, expertIds, expertsOf, haveCaptures, loadFrames, one, putU32 } from './ipsec-helpers.js';

describe.skipIf(!haveCaptures)('AH header (tshark 4.0 values and offsets)', () => {
  it('AH protecting ESP (pcapplusplus-ipsec-ah-esp.pcapng frame 1)', async () => {
    const { packets } = dissectAll(await loadFrames('pcapplusplus-ipsec-ah-esp.pcapng'));
    const p = packets[0];
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:ah:esp');
    expect(one(p, 'ah')).toMatchObject({ pos: 34, size: 24 });
    expect(one(p, 'ah.next_header')).toMatchObject({ v: 50, pos: 34, size: 1 });
    expect(one(p, 'ah.length')).toMatchObject({ v: 4, pos: 35, size: 1, text: 'Length: 4 (24 bytes)' });
    expect(one(p, 'ah.reserved')).toMatchObject({ pos: 36, size: 2 });
    expect(one(p, 'ah.spi')).toMatchObject({ v: 0x8179b705, pos: 38, size: 4 });
    expect(one(p, 'ah.sequence')).toMatchObject({ v: 3, pos: 42, size: 4 });
    expect(one(p, 'ah.icv')).toMatchObject({ pos: 46, size: 12 });
    expect(Buffer.from(one(p, 'ah.icv').v as Uint8Array).toString('hex')).toBe('62325d2ea14e86ab902b70fb');
    expect(one(p, 'esp.spi')).toMatchObject({ v: 0x48dac2e4, pos: 58 });
    expect(one(p, 'esp.sequence')).toMatchObject({ v: 3, pos: 62 });
    // AH in front of ESP: the payload is encrypted, so no "AH without ESP" note.
    expect(expertIds(p)).not.toContain('ah.no_esp');
  });

  it('tunnel mode: an IPv4 packet behind AH, and the note that nothing is encrypted (frame 3)', async () => {
    const { engine, packets } = dissectAll(await loadFrames('pcapplusplus-ipsec-ah-esp.pcapng'));
    const p = packets[2];
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:ah:ip:icmp:data'); // as tshark
    expect(one(p, 'ah.next_header').v).toBe(4);
    expect(one(p, 'ah.spi').v).toBe(0x646adc80);
    expect(all(p, 'ip.src').map((x) => x.pos)).toEqual([26, 70]);
    expect(p.info).toMatch(/^Echo \(ping\) request/);
    const e = p.experts.find((x) => x.id === 'ah.no_esp');
    expect(e).toMatchObject({ severity: 'note', group: 'security' });
    expect(e?.message).toBe('AH SA 0x646adc80 192.168.12.1 → 192.168.12.2 carries IPIP without ESP: integrity only, the payload is not encrypted');
    expect(trackedIpsecSas(engine).find((s) => s.protocol === 'ah' && s.spi === '0x646adc80')).toMatchObject({ withoutEsp: true, findings: ['ah.no_esp'] });
  });

  it('AH as an IPv6 extension header in front of OSPFv3 (tcpdump-ospfv3-ipv6-ah.pcap frame 1)', async () => {
    const { packets } = dissectAll(await loadFrames('tcpdump-ospfv3-ipv6-ah.pcap'));
    const p = packets[0];
    expect(p.protocols.slice(0, 4).join(':')).toBe('eth:ethertype:ipv6:ah');
    expect(one(p, 'ah')).toMatchObject({ pos: 54, size: 24 });
    expect(one(p, 'ah.next_header')).toMatchObject({ v: 89, pos: 54, text: undefined });
    expect(one(p, 'ah.spi')).toMatchObject({ v: 0x100, pos: 58 });
    expect(one(p, 'ah.sequence')).toMatchObject({ v: 19, pos: 62 });
    expect(one(p, 'ah.icv')).toMatchObject({ pos: 66, size: 12 });
    expect(p.info).toBe('AH (SPI=0x00000100)');
  });
});

describe.skipIf(!haveCaptures)('impossible AH lengths', () => {
  it('a zero length: 8-byte header, no ICV, payload from byte 8 as in Wireshark, and an expert item (zeek-ipv6-zero-len-ah.pcap frame 5)', async () => {
    const { engine, packets } = dissectAll(await loadFrames('zeek-ipv6-zero-len-ah.pcap'));
    const p = packets[4];
    expect(p.protocols.slice(0, 5).join(':')).toBe('eth:ethertype:ipv6:ah:icmpv6');
    expect(one(p, 'ah')).toMatchObject({ pos: 54, size: 8 });
    expect(one(p, 'ah.length')).toMatchObject({ v: 0, pos: 55, text: 'Length: 0 (8 bytes)' });
    expect(one(p, 'ah.sequence')).toMatchObject({ v: 2147547878, pos: 62 });
    expect(one(p, 'ah.icv')).toMatchObject({ pos: 66, size: 0, text: 'AH ICV: <MISSING>' });
    expect(one(p, 'icmpv6')).toMatchObject({ pos: 62 });
    const e = p.experts.find((x) => x.id === 'ah.length.invalid');
    expect(e).toMatchObject({ severity: 'error', group: 'malformed' });
    expect(e?.message).toBe('AH Payload Length 0 gives a header of 8 bytes, shorter than its fixed part of 12 (RFC 4302 §2.2)');
    // Frame 6 quotes the packet in an ICMPv6 error: dissected, but not counted as traffic of the SA.
    expect(all(packets[5], 'ah.length').map((x) => x.pos)).toEqual([103]);
    expect(trackedIpsecSas(engine).filter((s) => s.protocol === 'ah').map((s) => [s.spi, s.packets])).toEqual([['0x00000000', 1]]);
  });

  it('a length past the end of the packet stops as malformed (frame 3 of pcapplusplus with Payload Length 255)', async () => {
    const frames = await loadFrames('pcapplusplus-ipsec-ah-esp.pcapng');
    frames[2].data[35] = 255;
    const { packets } = dissectAll(frames);
    const p = packets[2];
    expect(one(p, 'ah')).toMatchObject({ pos: 34, size: 124 });
    expect(one(p, 'ah.spi').v).toBe(0x646adc80);
    expect(one(p, 'ah.sequence').v).toBe(8);
    expect(all(p, 'ah.icv')).toHaveLength(0);
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:ah');
    expect(p.experts.find((x) => x.id === 'ah.length.invalid')?.message).toBe('AH Payload Length 255 gives a header of 1028 bytes, but only 124 bytes remain');
    expect(expertIds(p)).toContain('malformed');
    expect(p.malformed).toBe(true);
  });
});

describe.skipIf(!haveCaptures)('AH SA table and sequence analysis', () => {
  it('packets per SA equal tshark -Y "ah.spi == 0x100 && ipv6.src == … && ipv6.dst == …" (61 in all)', async () => {
    const { engine, packets } = dissectAll(await loadFrames('tcpdump-ospfv3-ipv6-ah.pcap'), { tree: false });
    const sas = trackedIpsecSas(engine);
    expect(sas.map((s) => [s.spi, s.src, s.dst, s.packets])).toEqual([
      ['0x00000100', 'fe80::1', 'ff02::5', 23],
      ['0x00000100', 'fe80::2', 'ff02::5', 22],
      ['0x00000100', 'fe80::1', 'fe80::2', 9],
      ['0x00000100', 'fe80::2', 'fe80::1', 7],
    ]);
    expect(sas[0]).toMatchObject({ protocol: 'ah', encapsulation: 'ip', firstSeq: 19, lastSeq: 50, firstFrame: 1, lastFrame: 61, bytes: 1972, withoutEsp: true });
    // Each router numbers one SA for both destinations, so each destination sees the other's numbers as
    // gaps: 14 reports, as many as comparing each (src, dst) stream of tshark's ah.sequence gives.
    expect(expertsOf(packets, 'ah.sequence-analysis.wrong-sequence-number')).toHaveLength(14);
    expect(expertsOf(packets, 'ah.no_esp')).toHaveLength(4);
    expect(expertsOf(packets, 'ah.replay')).toHaveLength(0);
  });

  it('a repeated number is reported in Wireshark\'s words and as a replay (zeekipsec-esp-ah-tunnel.cap, frame 5 set to 2)', async () => {
    const frames = await loadFrames('zeekipsec-esp-ah-tunnel.cap');
    putU32(frames[4].data, 42, 2);
    const { engine, packets } = dissectAll(frames);
    const p = packets[4];
    expect(one(p, 'ah.sequence-analysis.expected-sn')).toMatchObject({ v: 3, pos: 34, size: 0, generated: true });
    expect(one(p, 'ah.sequence-analysis.previous-frame').v).toBe(3);
    expect(p.experts.find((x) => x.id === 'ah.sequence-analysis.wrong-sequence-number')?.message).toBe('Wrong Sequence Number for SPI 8179b705 - 2 repeated');
    expect(p.experts.find((x) => x.id === 'ah.replay')?.message).toContain('Replayed sequence number 2 on AH SA 0x8179b705 10.0.0.1 → 10.0.0.2: already received (first in frame 3)');
    expect(packets[6].experts.find((x) => x.id === 'ah.sequence-analysis.wrong-sequence-number')?.message).toBe('Wrong Sequence Number for SPI 8179b705 - 1 missing');
    // The ESP inside was not touched: no ESP report.
    expect(expertsOf(packets, 'esp.sequence-analysis.wrong-sequence-number')).toHaveLength(0);
    const ah = trackedIpsecSas(engine).filter((s) => s.protocol === 'ah');
    expect(ah.map((s) => [s.spi, s.packets, s.replayed, s.lost])).toEqual([['0x8179b705', 5, 1, 1], ['0xba8bd060', 5, 0, 0]]);
    expect(expertsOf(packets, 'ah.no_esp')).toHaveLength(0);
  });
});
