/**
 * UDP encapsulation of IPsec (RFC 3948) against real captures: the non-ESP marker in front of
 * IKE, ESP in UDP, the NAT-keepalive, and a payload too short to be any of them, with the layer
 * sizes and offsets tshark 4.0 gives.
 */
import { describe, expect, it } from 'vitest';
import { trackedIpsecSas } from '../../src/sessions/ipsec-sa.js';
import { all, dissectAll, haveCaptures, loadFrames, one } from './ipsec-helpers.js';

describe.skipIf(!haveCaptures)('UDP-encapsulated IPsec (tcpdump-isakmp4500-natt.pcap)', () => {
  it('the non-ESP marker, then IKE (frame 7)', async () => {
    const { packets } = dissectAll(await loadFrames('tcpdump-isakmp4500-natt.pcap'));
    const p = packets[6];
    expect(one(p, 'udpencap')).toMatchObject({ pos: 42, size: 4 });
    expect(one(p, 'udpencap.non_esp_marker')).toMatchObject({ pos: 42, size: 4 });
    expect(all(p, 'udpencap.nat_keepalive')).toHaveLength(0);
    // IKE gets the bytes after the marker (the IKE dissector's own layer, or data if it is absent).
    expect(p.protocols.slice(0, 5).join(':')).toBe('eth:ethertype:ip:udp:udpencap');
    expect(['isakmp', 'data']).toContain(p.protocols[5]);
    const next = p.root.children?.find((n) => n.f?.abbrev === p.protocols[5]);
    expect(next?.pos).toBe(46);
  });

  it('ESP in UDP: an empty udpencap layer in front of ESP (frame 12)', async () => {
    const { engine, packets } = dissectAll(await loadFrames('tcpdump-isakmp4500-natt.pcap'));
    const p = packets[11];
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:udp:udpencap:esp');
    expect(one(p, 'udpencap')).toMatchObject({ pos: 42, size: 0 });
    expect(all(p, 'udpencap.non_esp_marker')).toHaveLength(0);
    expect(one(p, 'esp')).toMatchObject({ pos: 42, size: 132 });
    expect(one(p, 'esp.spi')).toMatchObject({ v: 0xf4dc0ae5, pos: 42, size: 4 });
    expect(one(p, 'esp.sequence')).toMatchObject({ v: 1, pos: 46, size: 4 });
    expect(p.info).toBe('ESP (SPI=0xf4dc0ae5)');
    // tshark -Y 'esp.spi == 0xf4dc0ae5': 8 frames.
    expect(trackedIpsecSas(engine)).toMatchObject([
      { protocol: 'esp', spi: '0xf4dc0ae5', src: '192.1.2.254', dst: '192.1.2.23', encapsulation: 'udp-4500', packets: 8, firstFrame: 12, lastFrame: 31 },
    ]);
  });

  it('the NAT-keepalive (frame 18)', async () => {
    const { packets } = dissectAll(await loadFrames('tcpdump-isakmp4500-natt.pcap'));
    const p = packets[17];
    expect(p.protocols.join(':')).toBe('eth:ethertype:ip:udp:udpencap');
    expect(one(p, 'udpencap')).toMatchObject({ pos: 42, size: 1 });
    expect(one(p, 'udpencap.nat_keepalive')).toMatchObject({ pos: 42, size: 1, v: null });
    expect(p.info).toBe('NAT-keepalive');
    expect(p.protocol).toBe('UDPENCAP');
    expect(p.experts).toHaveLength(0);
  });

  it('one byte that is not 0xFF is malformed, as in Wireshark (frame 18 edited)', async () => {
    const frames = await loadFrames('tcpdump-isakmp4500-natt.pcap');
    frames[17].data[42] = 0x00;
    const { packets } = dissectAll(frames);
    const p = packets[17];
    expect(one(p, 'udpencap')).toMatchObject({ pos: 42, size: 1 });
    expect(all(p, 'udpencap.nat_keepalive')).toHaveLength(0);
    const e = p.experts.find((x) => x.id === 'malformed');
    expect(e?.message).toMatch(/^Malformed packet: UDPENCAP/);
  });
});

describe.skipIf(!haveCaptures)('ESP SAs over UDP 4500', () => {
  it('IKE and ESP on port 4500 side by side; SA packet counts per SPI equal tshark\'s (scapy-ikev2-nat-t.pcapng)', async () => {
    const { engine, packets } = dissectAll(await loadFrames('scapy-ikev2-nat-t.pcapng'), { tree: false });
    const stacks = new Map<string, number>();
    for (const p of packets) {
      const s = p.protocols.slice(0, 6).join(':');
      stacks.set(s, (stacks.get(s) ?? 0) + 1);
    }
    // tshark: 30 udpencap:isakmp, 24 udpencap:esp
    expect(stacks.get('eth:ethertype:ip:udp:udpencap:esp')).toBe(24);
    expect((stacks.get('eth:ethertype:ip:udp:udpencap:isakmp') ?? 0) + (stacks.get('eth:ethertype:ip:udp:udpencap:data') ?? 0)).toBe(30);
    const sas = trackedIpsecSas(engine);
    expect(sas.every((s) => s.encapsulation === 'udp-4500')).toBe(true);
    // tshark -Y 'esp.spi == X': 4 frames for each of the six SPIs.
    expect(sas.map((s) => [s.spi, s.packets]).sort()).toEqual([
      ['0x78bd5377', 4], ['0x958a753b', 4], ['0xac0faf03', 4], ['0xb6b5f296', 4], ['0xc1a9656b', 4], ['0xc1d717e8', 4],
    ]);
  });
});
