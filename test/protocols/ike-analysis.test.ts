/**
 * What vpnshark adds to ISAKMP beyond Wireshark: the IKE SA table for session summaries, NAT
 * detection from the NAT-D hashes (checked here against hashes computed independently with
 * node:crypto), and the security findings, on real captures and on real packets edited to show
 * each weak algorithm.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ikeSaTable } from '../../src/sessions/ike-sa.js';
import { experts, frames, haveCaptures, hex, item, items, run } from './ike-helpers.js';

function natd(digest: string, spis: string, ip: number[], port: number): string {
  return createHash(digest).update(Buffer.from(spis, 'hex')).update(Uint8Array.from(ip)).update(Uint8Array.of(port >> 8, port & 0xff)).digest('hex');
}

describe.skipIf(!haveCaptures)('IKE SA table', () => {
  it('IKEv1 Main + Quick Mode: SPIs, exchanges, the chosen proposal, the auth method, no NAT', async () => {
    const { engine } = run(await frames('zeekipsec-ikev1-main-mode.pcap'), false);
    const sas = ikeSaTable(engine).summaries();
    expect(sas).toHaveLength(1);
    expect(sas[0]).toMatchObject({
      index: 0, version: 1,
      initiator: '192.168.12.1:500', responder: '192.168.12.2:500',
      ispi: 'e47a591fd057587f', rspi: 'a00b8ef0902bb8ec',
      messages: 9,
      exchanges: { 'Identity Protection (Main Mode)': 6, 'Quick Mode': 3 },
      chosenProposal: 'ISAKMP: AES-CBC-128, SHA, Alternate 1024-bit MODP group, Pre-shared key',
      authMethod: 'Pre-shared key',
      natDetected: false, behindNat: [], natTraversal: false,
      errors: [], rekeys: 0,
      firstFrame: 1, lastFrame: 9,
    });
    expect(sas[0].vendorIds).toContain('RFC 3947 Negotiation of NAT-Traversal in the IKE');
    expect(sas[0].findings).toEqual(['isakmp.ikev1', 'isakmp.weak_proposal']);
    expect(sas[0].lastTime).toBeGreaterThan(sas[0].firstTime);
  });

  it('IKEv2 with CREATE_CHILD_SA rekeys and an IKE SA rekeyed to new SPIs (strongSwan capture)', async () => {
    const { engine } = run(await frames('ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng'), false);
    const sas = ikeSaTable(engine).summaries();
    expect(sas.map((s) => [s.ispi, s.rspi])).toEqual([
      ['e9358399c8646ff8', '872b87736900e8cf'], ['c06ea8f059bc3318', 'e35dfba55d4eaed5'],
    ]);
    expect(sas[0]).toMatchObject({
      version: 2, initiator: '10.200.1.1:500', responder: '10.200.1.2:500',
      exchanges: { IKE_SA_INIT: 2, IKE_AUTH: 2, CREATE_CHILD_SA: 4, INFORMATIONAL: 4 },
      chosenProposal: 'IKE: ENCR_AES_CBC-128, AUTH_HMAC_SHA2_256_128, PRF_HMAC_SHA2_256, 2048 bit MODP group',
      rekeys: 2, natTraversal: true,
    });
    expect(sas[0].authMethod).toBeNull();
  });

  it('errors notified: IKEv1 INVALID-MAJOR-VERSION twice (tcpdump-isakmp-no-none-np)', async () => {
    const { engine } = run(await frames('tcpdump-isakmp-no-none-np.pcapng'), false);
    expect(ikeSaTable(engine).summaries()[0].errors).toEqual([
      { type: 5, name: 'INVALID-MAJOR-VERSION', frame: 1 }, { type: 5, name: 'INVALID-MAJOR-VERSION', frame: 1 },
    ]);
  });
});

describe.skipIf(!haveCaptures)('NAT detection from NAT-D hashes', () => {
  it('IKEv1 NAT-T (tcpdump-isakmp4500-natt): the initiator\'s own hash does not match its address', async () => {
    const { packets, engine } = run(await frames('tcpdump-isakmp4500-natt.pcap'));
    const p = packets[4];
    const spis = hex(item(p, 'isakmp.ispi').v) + hex(item(p, 'isakmp.rspi').v);
    expect(items(p, 'isakmp.nat_d.endpoint').map((i) => i.v)).toEqual(['192.1.2.23:500', '192.1.2.254:500']);
    expect(items(p, 'isakmp.nat_d.match').map((i) => i.v)).toEqual([true, false]);
    // The hashes are MD5, the negotiated hash: recompute them here.
    expect(hex(item(p, 'isakmp.nat_d.computed', 0).v)).toBe(natd('md5', spis, [192, 1, 2, 23], 500));
    expect(hex(item(p, 'isakmp.ike.nat_hash', 0).v)).toBe(natd('md5', spis, [192, 1, 2, 23], 500));
    expect(hex(item(p, 'isakmp.ike.nat_hash', 1).v)).not.toBe(natd('md5', spis, [192, 1, 2, 254], 500));
    expect(item(p, 'isakmp.nat_d.match', 1).label).toBe('[NAT detection: Hash does not match: a NAT changed this address or port]');
    const sa = ikeSaTable(engine).summaries()[0];
    expect(sa).toMatchObject({ natDetected: true, behindNat: ['initiator'], natTraversal: true });
    expect(sa.exchanges).toMatchObject({ 'Identity Protection (Main Mode)': 6, Informational: 1 });
  });

  it('IKEv2 behind a NAT, moving to UDP 4500 (zeekipsec-ikev2-natt-ip-fragments)', async () => {
    const { packets, engine } = run(await frames('zeekipsec-ikev2-natt-ip-fragments.pcap'));
    const [req, resp] = packets.filter((p) => p.info.startsWith('IKE_SA_INIT'));
    // The request's hashes cover the client's own private address: both match here.
    expect(items(req, 'isakmp.nat_d.match').map((i) => i.v)).toEqual([true, true]);
    const spis = hex(item(req, 'isakmp.ispi').v) + '0000000000000000';
    expect(items(req, 'isakmp.nat_d.computed').map((i) => hex(i.v))).toContain(natd('sha1', spis, [192, 168, 0, 10], 500));
    // The responder hashed the address it saw (the NAT's): the destination hash of its answer does not match.
    const dst = items(resp, 'isakmp.nat_d.endpoint').findIndex((i) => i.v === '192.168.0.10:500');
    expect(item(resp, 'isakmp.nat_d.match', dst).v).toBe(false);
    expect(ikeSaTable(engine).summaries()[0]).toMatchObject({ natDetected: true, behindNat: ['initiator'], natTraversal: true });
  });

  it('the destination hash of an IKEv2 IKE_SA_INIT matches (strongSwan, no NAT on the path)', async () => {
    const { packets } = run(await frames('ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng'));
    const p = packets[2];
    const dst = items(p, 'isakmp.nat_d.endpoint').findIndex((i) => i.v === '10.200.1.2:500');
    expect(item(p, 'isakmp.nat_d.match', dst).v).toBe(true);
    expect(hex(item(p, 'isakmp.nat_d.computed', dst).v)).toBe('41ec7a6f697898a3d32e45462a83cda94bd956ad');
  });
});

describe.skipIf(!haveCaptures)('security findings', () => {
  it('IKEv1 in use: a note on the first message of each IKEv1 SA only', async () => {
    const { packets } = run(await frames('zeekipsec-ikev1-main-mode.pcap'));
    expect(experts(packets[0], 'isakmp.ikev1')).toEqual(['IKEv1 is in use: it is deprecated (RFC 9395); IKEv2 should replace it']);
    expect(packets[0].experts.find((e) => e.id === 'isakmp.ikev1')).toMatchObject({ severity: 'note', group: 'security' });
    expect(experts(packets[1], 'isakmp.ikev1')).toEqual([]);
    const v2 = run(await frames('ndpi-ike-esp.pcapng')).packets;
    expect(v2.flatMap((p) => experts(p, 'isakmp.ikev1'))).toEqual([]);
  });

  it('Aggressive Mode with a pre-shared key, on both SA-carrying messages', async () => {
    const { packets, engine } = run(await frames('zeekipsec-ikev1-aggressive-mode.pcap'));
    expect(packets.map((p) => experts(p, 'isakmp.aggressive_psk').length)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(packets[0].experts.find((e) => e.id === 'isakmp.aggressive_psk')).toMatchObject({ severity: 'warn', group: 'security' });
    expect(ikeSaTable(engine).summaries()[0].findings).toContain('isakmp.aggressive_psk');
    // Main Mode with the same PSK is not flagged.
    const mm = run(await frames('zeekipsec-ikev1-main-mode.pcap')).packets;
    expect(mm.flatMap((p) => experts(p, 'isakmp.aggressive_psk'))).toEqual([]);
  });

  it('weak proposals name the weak transform (suricata weak-DH IKE_SA_INIT, IKEv1 MD5/3DES)', async () => {
    const dh = run(await frames('suricata-ikev2-sa-init-rawip.pcap')).packets[0];
    expect(experts(dh, 'isakmp.weak_proposal')).toEqual([
      'Weak transform offered: DH group 2 (1024-bit MODP) (Alternate 1024-bit MODP group, IKE)',
    ]);
    expect(items(dh, 'isakmp.weak_transform').map((i) => i.v)).toContain('DH group 2 (1024-bit MODP)');
    const v1 = run(await frames('zeekipsec-ikev1-certs.pcap')).packets[1];
    expect(experts(v1, 'isakmp.weak_proposal')).toEqual([
      'Weak transform chosen: 3DES encryption (3DES-CBC, ISAKMP)',
      'Weak transform chosen: MD5 hash (MD5, ISAKMP)',
      'Weak transform chosen: DH group 2 (1024-bit MODP) (Alternate 1024-bit MODP group, ISAKMP)',
    ]);
  });

  it('each weak IKEv2 algorithm, in an edited IKE_SA_INIT (ndpi-ike-esp frame 1)', async () => {
    const fs = await frames('ndpi-ike-esp.pcapng');
    const f = fs[0];
    f.data.set([0, 3], 88); // ENCR_AES_CBC -> ENCR_3DES
    f.data.set([0, 2], 100); // PRF_HMAC_SHA2_384 -> PRF_HMAC_SHA1
    f.data.set([0, 1], 108); // AUTH_HMAC_SHA2_384_192 -> AUTH_HMAC_MD5_96
    f.data.set([0, 1], 116); // 384-bit ECP -> group 1
    const p = run([f]).packets[0];
    expect(experts(p, 'isakmp.weak_proposal')).toEqual([
      'Weak transform offered: 3DES encryption (ENCR_3DES-256, IKE)',
      'Weak transform offered: SHA-1 PRF (PRF_HMAC_SHA1, IKE)',
      'Weak transform offered: MD5 integrity (AUTH_HMAC_MD5_96, IKE)',
      'Weak transform offered: DH group 1 (768-bit MODP) (Default 768-bit MODP group, IKE)',
    ]);
    const g = (await frames('ndpi-ike-esp.pcapng'))[0];
    g.data.set([0, 11], 88); // ENCR_NULL
    g.data.set([0, 2], 88);
    expect(experts(run([g]).packets[0], 'isakmp.weak_proposal')).toEqual(['Weak transform offered: DES encryption (ENCR_DES-256, IKE)']);
    const n = (await frames('ndpi-ike-esp.pcapng'))[0];
    n.data.set([0, 11], 88);
    expect(experts(run([n]).packets[0], 'isakmp.weak_proposal')).toEqual(['Weak transform offered: NULL encryption (ENCR_NULL-256, IKE)']);
  });

  it('an IKEv1 transform edited to DES is flagged', async () => {
    const f = (await frames('zeekipsec-ikev1-main-mode.pcap'))[0];
    f.data.set([0, 1], 100); // Encryption-Algorithm AES-CBC -> DES-CBC
    expect(experts(run([f]).packets[0], 'isakmp.weak_proposal')).toContain('Weak transform offered: DES encryption (DES-CBC-128, ISAKMP)');
  });

  it('a responder choosing a weak transform when a strong one was offered', async () => {
    const { packets } = run(await frames('tcpdump-ikev2four-loopback.pcap'));
    expect(experts(packets[3], 'isakmp.weak_choice')).toEqual([
      'Responder chose SHA-1 PRF (PRF_HMAC_SHA1) although PRF_AES128_CBC was offered',
      'Responder chose SHA-1 integrity (AUTH_HMAC_SHA1_96) although AUTH_AES_XCBC_96 was offered',
      'Responder chose DH group 2 (1024-bit MODP) (Alternate 1024-bit MODP group) although 2048 bit MODP group was offered',
    ]);
    // Edited: the ndpi responder answers group 2 to an offer of the 384-bit ECP group only.
    const fs = await frames('ndpi-ike-esp.pcapng');
    fs[1].data.set([0, 2], 116);
    const edited = run(fs.slice(0, 2)).packets;
    expect(experts(edited[1], 'isakmp.weak_choice')).toEqual([
      'Responder chose DH group 2 (1024-bit MODP) (Alternate 1024-bit MODP group) although 384-bit random ECP group was offered',
    ]);
    expect(experts(edited[0], 'isakmp.weak_choice')).toEqual([]);
  });
});
