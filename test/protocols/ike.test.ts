/**
 * ISAKMP/IKEv1 and IKEv2 dissection against real captures: every value, offset and size below is
 * what tshark 4.0.17 shows for the same frame (`tshark -T pdml`), and every label what `tshark -V` prints.
 */
import { describe, expect, it } from 'vitest';
import { ikeSaTable } from '../../src/sessions/ike-sa.js';
import { experts, frames, haveCaptures, hex, item, items, run, values } from './ike-helpers.js';

describe.skipIf(!haveCaptures)('IKEv1 Main Mode (zeekipsec-ikev1-main-mode.pcap)', () => {
  it('frame 1: header, SA with its proposal, transform and IKE attributes', async () => {
    const { packets } = run(await frames('zeekipsec-ikev1-main-mode.pcap'));
    const p = packets[0];
    expect(p.info).toBe('Identity Protection (Main Mode)');
    expect(p.protocol).toBe('ISAKMP');
    expect(item(p, 'isakmp.ispi')).toMatchObject({ pos: 42, size: 8 });
    expect(hex(item(p, 'isakmp.ispi').v)).toBe('e47a591fd057587f');
    expect(hex(item(p, 'isakmp.rspi').v)).toBe('0000000000000000');
    expect(item(p, 'isakmp.version')).toMatchObject({ v: 0x10, pos: 59, size: 1, label: 'Version: 1.0' });
    expect(item(p, 'isakmp.mjver')).toMatchObject({ v: 1, pos: 59, label: '0001 .... = MjVer: 0x1' });
    expect(item(p, 'isakmp.exchangetype')).toMatchObject({ v: 2, pos: 60, label: 'Exchange type: Identity Protection (Main Mode) (2)' });
    expect(item(p, 'isakmp.flag_e')).toMatchObject({ v: false, label: '.... ...0 = Encryption: Not encrypted' });
    expect(item(p, 'isakmp.messageid')).toMatchObject({ v: 0, pos: 62, size: 4 });
    expect(item(p, 'isakmp.length')).toMatchObject({ v: 168, pos: 66, size: 4 });
    expect(item(p, 'isakmp.typepayload', 0)).toMatchObject({ v: 1, pos: 70, size: 60, label: 'Payload: Security Association (1)' });
    expect(item(p, 'isakmp.sa.doi')).toMatchObject({ v: 1, pos: 74, size: 4, label: 'Domain of interpretation: IPSEC (1)' });
    expect(item(p, 'isakmp.sa.situation')).toMatchObject({ pos: 78, size: 4 });
    expect(item(p, 'isakmp.sa.situation.identity_only').v).toBe(true);
    expect(item(p, 'isakmp.typepayload', 1)).toMatchObject({ v: 2, pos: 82, size: 48, label: 'Payload: Proposal (2) # 1' });
    expect(item(p, 'isakmp.prop.protoid')).toMatchObject({ v: 1, pos: 87, label: 'Protocol ID: ISAKMP (1)' });
    expect(item(p, 'isakmp.typepayload', 2)).toMatchObject({ v: 3, pos: 90, size: 40, label: 'Payload: Transform (3) # 1' });
    expect(item(p, 'isakmp.trans.id')).toMatchObject({ v: 1, pos: 95, label: 'Transform ID: KEY_IKE (1)' });
    const attrs = items(p, 'isakmp.ike.attr');
    expect(attrs.map((a) => [a.pos, a.size])).toEqual([[98, 4], [102, 4], [106, 4], [110, 4], [114, 4], [118, 4], [122, 8]]);
    expect(attrs[0].label).toBe('IKE Attribute (t=1,l=2): Encryption-Algorithm: AES-CBC');
    expect(attrs[3].label).toBe('IKE Attribute (t=4,l=2): Group-Description: Alternate 1024-bit MODP group');
    expect(attrs[6].label).toBe('IKE Attribute (t=12,l=4): Life-Duration: 86400');
    expect(item(p, 'isakmp.ike.attr.encryption_algorithm')).toMatchObject({ v: 7, pos: 100, size: 2, label: 'Encryption Algorithm: AES-CBC (7)' });
    expect(item(p, 'isakmp.ike.attr.key_length')).toMatchObject({ v: 128, pos: 104 });
    expect(item(p, 'isakmp.ike.attr.hash_algorithm')).toMatchObject({ v: 2, pos: 108 });
    expect(item(p, 'isakmp.ike.attr.group_description')).toMatchObject({ v: 2, pos: 112 });
    expect(item(p, 'isakmp.ike.attr.authentication_method')).toMatchObject({ v: 1, pos: 116, label: 'Authentication Method: Pre-shared key (1)' });
    expect(item(p, 'isakmp.ike.attr.life_duration')).toMatchObject({ v: 86400, pos: 126, size: 4 });
    expect(item(p, 'isakmp.ike.attr.format', 6)).toMatchObject({ v: false, label: '0... .... .... .... = Format: Type/Length/Value (TLV)' });
  });

  it('frame 1: Vendor IDs named by prefix, the draft-02 one with its literal "\\n"', async () => {
    const { packets } = run(await frames('zeekipsec-ikev1-main-mode.pcap'));
    const p = packets[0];
    expect(values(p, 'isakmp.vid_string')).toEqual([
      'RFC 3947 Negotiation of NAT-Traversal in the IKE', 'draft-ietf-ipsec-nat-t-ike-07',
      'draft-ietf-ipsec-nat-t-ike-03', 'draft-ietf-ipsec-nat-t-ike-02\\n',
    ]);
    expect(item(p, 'isakmp.vid_bytes', 3)).toMatchObject({ pos: 194, size: 16 });
    expect(item(p, 'isakmp.typepayload', 6).label).toBe('Payload: Vendor ID (13) : draft-ietf-ipsec-nat-t-ike-02\\n');
  });

  it('frame 4: Cisco Unity version and NAT-D hashes; frame 5 is encrypted', async () => {
    const { packets } = run(await frames('zeekipsec-ikev1-main-mode.pcap'));
    const p = packets[3];
    expect(item(p, 'isakmp.vid.cisco_unity.major').v).toBe(1);
    expect(item(p, 'isakmp.vid.cisco_unity.minor').v).toBe(0);
    expect(items(p, 'isakmp.typepayload').some((i) => i.label === 'Payload: Vendor ID (13) : CISCO-UNITY 1.0')).toBe(true);
    expect(values(p, 'isakmp.ike.nat_hash').map(hex)).toEqual([
      'febf462f1cd75805a7baa28747e769d674f85600', '1574d64c0165bad16a023f038d45a07498d8d051',
    ]);
    const enc = packets[4];
    expect(item(enc, 'isakmp.flag_e').v).toBe(true);
    expect(item(enc, 'isakmp.enc.data')).toMatchObject({ pos: 70, size: 80, label: 'Encrypted Data (80 bytes)' });
    expect(items(enc, 'isakmp.typepayload')).toHaveLength(0);
  });
});

describe.skipIf(!haveCaptures)('IKEv1 Aggressive Mode identity (zeekipsec-ikev1-aggressive-mode.pcap)', () => {
  it('an IPv4 identity with protocol UDP and an unused port', async () => {
    const { packets } = run(await frames('zeekipsec-ikev1-aggressive-mode.pcap'));
    const p = packets[0];
    expect(p.info).toBe('Aggressive');
    expect(item(p, 'isakmp.id.type')).toMatchObject({ v: 1, label: 'ID type: IPV4_ADDR (1)' });
    expect(item(p, 'isakmp.id.protoid')).toMatchObject({ v: 17, label: 'Protocol ID: UDP (17)' });
    expect(item(p, 'isakmp.id.port')).toMatchObject({ v: 0, label: 'Port: Unused' });
    const id = packets[1];
    expect(item(id, 'isakmp.id.protoid')).toMatchObject({ v: 0, pos: 359, label: 'Protocol ID: Unused' });
    expect(item(id, 'isakmp.id.data')).toMatchObject({ pos: 362, size: 4, label: 'Identification Data:192.168.12.2' });
    expect(item(id, 'isakmp.id.data.ipv4_addr')).toMatchObject({ v: 0xc0a80c02, pos: 362, size: 4 });
  });
});

describe.skipIf(!haveCaptures)('IKEv2 (ndpi-ike-esp.pcapng, scapy-ikev2-notify-redirect.pcap)', () => {
  it('IKE_SA_INIT request: flags, transforms, key exchange, nonce, NAT detection notifies', async () => {
    const { packets } = run(await frames('ndpi-ike-esp.pcapng'));
    const p = packets[0];
    expect(p.info).toBe('IKE_SA_INIT MID=00 Initiator Request');
    expect(item(p, 'isakmp.flags')).toMatchObject({ v: 8, label: 'Flags: 0x08 (Initiator, No higher version, Request)' });
    expect(item(p, 'isakmp.flag_i').v).toBe(true);
    expect(item(p, 'isakmp.typepayload', 0)).toMatchObject({ v: 33, pos: 70, size: 48 });
    expect(item(p, 'isakmp.criticalpayload', 0)).toMatchObject({ v: false, label: '0... .... = Critical Bit: Not critical' });
    expect(item(p, 'isakmp.reserved7', 0).label).toBe('.000 0000 = Reserved: 0x00');
    expect(item(p, 'isakmp.prop.protoid')).toMatchObject({ v: 1, pos: 79, label: 'Protocol ID: IKE (1)' });
    expect(item(p, 'isakmp.tf.id.encr')).toMatchObject({ v: 12, pos: 88, size: 2, label: 'Transform ID (ENCR): ENCR_AES_CBC (12)' });
    expect(item(p, 'isakmp.ike2.attr')).toMatchObject({ pos: 90, size: 4, label: 'Transform Attribute (t=14,l=2): Key Length: 256' });
    expect(item(p, 'isakmp.ike2.attr.key_length')).toMatchObject({ v: 256, pos: 92 });
    expect(item(p, 'isakmp.tf.id.prf')).toMatchObject({ v: 6, pos: 100 });
    expect(item(p, 'isakmp.tf.id.integ')).toMatchObject({ v: 13, pos: 108 });
    expect(item(p, 'isakmp.tf.id.dh')).toMatchObject({ v: 20, pos: 116, label: 'Transform ID (D-H): 384-bit random ECP group (20)' });
    expect(item(p, 'isakmp.key_exchange.dh_group')).toMatchObject({ v: 20, pos: 122, size: 2 });
    expect(item(p, 'isakmp.key_exchange.data')).toMatchObject({ pos: 126, size: 96 });
    expect(item(p, 'isakmp.nonce')).toMatchObject({ pos: 226, size: 32 });
    expect(values(p, 'isakmp.vid_string')).toEqual([
      'Cisco Delete Reason Supported', 'Cisco VPN Revision 2', 'Cisco Dynamic Route Supported', 'Cisco FlexVPN Supported',
    ]);
    expect(values(p, 'isakmp.notify.msgtype')).toEqual([16388, 16389]);
    expect(item(p, 'isakmp.notify.msgtype').label).toBe('Notify Message Type: NAT_DETECTION_SOURCE_IP (16388)');
    expect(item(p, 'isakmp.notify.protoid').label).toBe('Protocol ID: RESERVED (0)');
    expect(item(p, 'isakmp.typepayload', 13).label).toBe('Payload: Notify (41) - NAT_DETECTION_DESTINATION_IP');
    expect(item(p, 'isakmp.notify.data', 1)).toMatchObject({ pos: 380, size: 20 });
  });

  it('IKE_AUTH: the SK payload without keys shows a 4-byte IV and the rest as encrypted data', async () => {
    const { packets } = run(await frames('ndpi-ike-esp.pcapng'));
    const p = packets[2];
    expect(p.info).toBe('IKE_AUTH MID=01 Initiator Request');
    expect(item(p, 'isakmp.typepayload')).toMatchObject({ v: 46, pos: 70, size: 316, label: 'Payload: Encrypted and Authenticated (46)' });
    expect(item(p, 'isakmp.nextpayload', 1).label).toBe('Next payload: Vendor ID (43)');
    expect(item(p, 'isakmp.enc.iv')).toMatchObject({ pos: 74, size: 4, label: 'Initialization Vector: 28f64994' });
    expect(item(p, 'isakmp.enc.data')).toMatchObject({ pos: 78, size: 308, label: 'Encrypted Data' });
    expect(packets[3].info).toBe('IKE_AUTH MID=01 Responder Response');
  });

  it('REDIRECT and REDIRECTED_FROM notify data (RFC 5685), SIGNATURE_HASH_ALGORITHMS', async () => {
    const { packets } = run(await frames('scapy-ikev2-notify-redirect.pcap'));
    const r = packets[1];
    expect(item(r, 'isakmp.notify.data.redirect.gw_ident.type')).toMatchObject({ v: 3, label: 'Gateway Identity Type: FQDN (3)' });
    expect(item(r, 'isakmp.notify.data.redirect.gw_ident.len').v).toBe(28);
    expect(item(r, 'isakmp.notify.data.redirect.new_resp_gw_ident.fqdn').v).toBe('moneybin.duckburg.disney.com');
    expect(item(r, 'isakmp.notify.data.redirect.nonce_data')).toMatchObject({ pos: 108, size: 40 });
    const f = packets[2];
    expect(item(f, 'isakmp.notify.data.redirect.org_resp_gw_ident.ipv4').v).toBe(0x0a050234);
    expect(values(packets[0], 'isakmp.notify.data.signature_hash_algorithms')).toEqual([1, 2, 3, 4]);
    const empty = items(packets[0], 'isakmp.notify.data').find((i) => i.size === 0)!;
    expect(empty.label).toBe('Notification DATA: <MISSING>');
  });
});

describe.skipIf(!haveCaptures)('malformed and odd messages, as tshark treats them', () => {
  it('a payload length of 3 is reported, taken as 4, and the walk goes on until the bytes run out', async () => {
    const { packets } = run(await frames('zeekipsec-ikev1-payload-bad-length.pcap'));
    const p = packets[0];
    // Each payload item starts where its header is; the second claims 7297 bytes (tshark's item
    // spans them; ours stops at the end of the captured bytes).
    const pl = items(p, 'isakmp.typepayload');
    expect(pl.slice(-2).map((i) => [i.v, i.pos])).toEqual([[13, 130], [13, 134]]);
    expect(pl[pl.length - 2].size).toBe(3);
    expect(items(p, 'isakmp.payloadlength').slice(-2).map((i) => [i.v, i.pos])).toEqual([[3, 132], [7297, 136]]);
    expect(experts(p, 'isakmp.payloadlength.invalid')).toEqual(['Payload (bogus, length is 3, must be at least 4)']);
    expect(items(p, 'isakmp.nextpayload').pop()).toMatchObject({ v: 74, pos: 134, label: 'Next payload: Unassigned (74)' });
    expect(p.malformed).toBe(true);
  });

  it('a header length of 0 is not ISAKMP: the datagram is data', async () => {
    const { packets } = run(await frames('zeekipsec-ikev1-zero-length.pcap'));
    expect(packets[0].protocols).not.toContain('isakmp');
    expect(packets[0].protocols).toContain('data');
  });

  it('a chain without a NONE at the end stops at the header length (tcpdump-isakmp-no-none-np)', async () => {
    const { packets } = run(await frames('tcpdump-isakmp-no-none-np.pcapng'));
    const p = packets[0];
    expect(item(p, 'isakmp.length').v).toBe(84);
    expect(values(p, 'isakmp.typepayload')).toEqual([11, 11]);
    expect(values(p, 'isakmp.nextpayload')).toEqual([11, 11, 11]);
    expect(values(p, 'isakmp.notify.msgtype')).toEqual([5, 5]);
    expect(items(p, 'isakmp.extradata')).toHaveLength(0);
    expect(p.malformed).toBe(false);
  });

  it('an SA KEK payload whose inner length runs past the datagram (tcpdump-isakmp-sa-setup frame 3)', async () => {
    const { packets } = run(await frames('tcpdump-isakmp-sa-setup.pcap'));
    const p = packets[2];
    expect(item(p, 'isakmp.sak.payload_len').v).toBe(19055);
    expect(item(p, 'isakmp.sak.protoid').label).toBe('Protocol ID: Unassigned (203)');
    expect(item(p, 'isakmp.sak.src_id_length').v).toBe(246);
    expect(items(p, 'isakmp.sak.src_id_data')).toHaveLength(0);
    expect(p.malformed).toBe(true);
    expect(packets[4].malformed).toBe(false);
  });

  it('an IKEv2 proposal whose length runs past the message (tcpdump-ikev2pi2-segfault)', async () => {
    const { packets } = run(await frames('tcpdump-ikev2pi2-segfault.pcapng'));
    const p = packets[0];
    expect(item(p, 'isakmp.tf.id.encr').label).toBe('Transform ID (ENCR): Unknown (26380)');
    expect(item(p, 'isakmp.tf.type', 3).label).toBe('Transform Type: Reserved to IANA (67)');
    expect(item(p, 'isakmp.tf.id').v).toBe(170);
    const last = items(p, 'isakmp.typepayload').pop()!;
    expect(last).toMatchObject({ v: 2, pos: 104, label: 'Payload: Proposal (2)' });
    expect(items(p, 'isakmp.payloadlength').pop()).toMatchObject({ v: 43690, pos: 106 });
    expect(p.malformed).toBe(true);
  });

  it('a payload length of 0 in an edited message never loops: reported, taken as 4, and the walk ends', async () => {
    const fs = await frames('zeekipsec-ikev1-main-mode.pcap');
    // Frame 1: the first Vendor ID payload starts at 130; set its length to 0.
    fs[0].data[132] = 0;
    fs[0].data[133] = 0;
    const { packets } = run([fs[0]]);
    const p = packets[0];
    expect(experts(p, 'isakmp.payloadlength.invalid')).toContain('Payload (bogus, length is 0, must be at least 4)');
    expect(items(p, 'isakmp.typepayload').length).toBeLessThan(20);
  });

  it('a payload length past the end of the datagram is malformed, after the payload header is shown', async () => {
    const fs = await frames('zeekipsec-ikev1-main-mode.pcap');
    fs[0].data[192] = 0x02; // last Vendor ID: length 20 -> 532
    const { packets } = run([fs[0]]);
    const p = packets[0];
    expect(items(p, 'isakmp.typepayload').pop()).toMatchObject({ v: 13, pos: 190 });
    expect(items(p, 'isakmp.payloadlength').pop()).toMatchObject({ v: 532, pos: 192 });
    expect(items(p, 'isakmp.vid_bytes')).toHaveLength(3);
    expect(p.malformed).toBe(true);
  });
});

describe.skipIf(!haveCaptures)('robustness', () => {
  it('random byte edits of real IKE messages never throw past the engine nor hang', async () => {
    const sources = ['zeekipsec-ikev1-main-mode.pcap', 'ndpi-ike-esp.pcapng', 'scapy-ikev2-notify-redirect.pcap', 'zeekipsec-ikev1-certs.pcap'];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (const name of sources) {
      const base = await frames(name);
      for (let k = 0; k < 150; k++) {
        const ike = base.filter((x) => x.data.length > 70 && x.data[36] === 0x01 && x.data[37] === 0xf4);
        const f = ike[rnd(ike.length)];
        const data = Uint8Array.from(f.data);
        // Only the ISAKMP part (after Ethernet/IPv4/UDP) is edited, so the packet still reaches it.
        for (let e = 0; e < 1 + rnd(6); e++) data[42 + rnd(Math.max(1, data.length - 42))] = rnd(256);
        const { packets } = run([{ ...f, data }], k % 2 === 0);
        expect(packets[0].protocols).toContain('udp');
      }
    }
  });
});

describe.skipIf(!haveCaptures)('Cisco IKEv1 fragmentation (payload 132), reassembled', () => {
  it('a Main Mode message cut in two fragments is joined and dissected in the last one', async () => {
    const f = (await frames('zeekipsec-ikev1-main-mode.pcap'))[0];
    const ike = f.data.subarray(42);
    const pieces = [ike.subarray(0, 100), ike.subarray(100)];
    const fs = pieces.map((chunk, i) => {
      const body = new Uint8Array(8 + chunk.length);
      body.set([0, 0, (body.length >> 8) & 0xff, body.length & 0xff, 0x12, 0x34, i + 1, i === 1 ? 1 : 0], 0);
      body.set(chunk, 8);
      const data = new Uint8Array(42 + 28 + body.length);
      data.set(f.data.subarray(0, 42 + 28), 0);
      data[42 + 16] = 132;
      const ikeLen = 28 + body.length;
      data.set([ikeLen >>> 24, (ikeLen >> 16) & 0xff, (ikeLen >> 8) & 0xff, ikeLen & 0xff], 42 + 24);
      data.set(body, 42 + 28);
      data.set([((data.length - 14) >> 8) & 0xff, (data.length - 14) & 0xff], 16);
      data.set([((data.length - 34) >> 8) & 0xff, (data.length - 34) & 0xff, 0, 0], 38);
      return { ...f, data, len: data.length };
    });
    const { packets, engine } = run(fs);
    expect(packets[0].info).toBe('Identity Protection (Main Mode) (Message fragment 1)');
    expect(packets[1].info).toBe('Identity Protection (Main Mode) (Reassembled + Message fragment 2 - last)');
    expect(item(packets[1], 'isakmp.frag.packetid')).toMatchObject({ v: 0x1234, pos: 74, label: 'Frag ID: 0x1234' });
    expect(item(packets[1], 'isakmp.frag.last').label).toBe('Frag last: Last fragment (1)');
    expect(item(packets[1], 'isakmp.fragments').label).toBe('[2 Message fragments (168 bytes): #1(100), #2(68)]');
    // The whole message: its SA payload, from the reassembled buffer.
    const enc = item(packets[1], 'isakmp.ike.attr.encryption_algorithm');
    expect(enc).toMatchObject({ v: 7, pos: 58 });
    expect(packets[1].sources[enc.node.ds].name).toBe('Reassembled ISAKMP');
    expect(items(packets[0], 'isakmp.ike.attr.encryption_algorithm')).toHaveLength(0);
    expect(ikeSaTable(engine).summaries()[0].messages).toBe(2);
  });
});
