/**
 * PPP edge cases and security findings on built LINKTYPE_PPP frames. The expected texts and
 * offsets were checked against tshark 4.0 on the same bytes written to a pcap.
 */
import { describe, expect, it } from 'vitest';
import { pppLinks } from '../../../src/sessions/ppp-negotiation.js';
import { dissectFrames, experts, field, fields, hex, texts, cpPacket, pppFrame, bytes, LINKTYPE_PPP } from './helpers.js';

const LCP = 0xc021, PAP = 0xc023, CHAP = 0xc223, CCP = 0x80fd, EAP = 0xc227, IPCP = 0x8021;
const ipv4 = '4500001400000000400100000102030405060708';

describe('option lists that cannot be walked', () => {
  it('a zero-length option ends the list with an expert item (no loop)', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [pppFrame(LCP, cpPacket(1, 2, '010405dc 05000000'))]);
    const p = packets[0];
    expect(field(p, 'lcp.opt.mru')).toMatchObject({ v: 1500, pos: 10, size: 2 });
    const e = experts(p, 'ppp.opt.len.invalid');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ severity: 'warn', group: 'malformed', message: 'Magic Number (with too-short option length = 0 bytes)' });
    expect(texts(p)).toContain('Options: (8 bytes), Maximum Receive Unit');
    expect(fields(p, 'lcp.opt.magic_number')).toHaveLength(0);
    expect(p.malformed).toBe(false);
  });

  it('an option running past the list, and one whose length byte is missing', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(LCP, cpPacket(1, 4, '010405dc 05090000')),
      pppFrame(LCP, cpPacket(1, 5, '010405dc 05')),
    ]);
    expect(experts(packets[0], 'ppp.opt.len.invalid')[0].message).toBe('Magic Number (option length = 9 bytes says option goes past end of options)');
    expect(experts(packets[1], 'ppp.opt.len.invalid')[0].message).toBe('Magic Number (length byte past end of options)');
  });

  it('a fixed-length option of the wrong size is shown as such and the walk goes on', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [pppFrame(LCP, cpPacket(1, 6, '0103 05 0506 01020304'))]);
    const p = packets[0];
    expect(experts(p, 'ppp.opt.len.invalid')[0].message).toBe('Maximum Receive Unit (with option length = 3 bytes; should be 4)');
    expect(field(p, 'lcp.opt.magic_number')).toMatchObject({ v: 0x01020304, pos: 13, size: 4 });
  });

  it('random option lists always terminate and never read out of bounds', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const frames: Uint8Array[] = [];
    for (let i = 0; i < 400; i++) {
      const n = rnd() % 40;
      const opts = Uint8Array.from({ length: n }, rnd);
      const proto = [LCP, IPCP, CCP, 0x8057][i % 4];
      frames.push(pppFrame(proto, cpPacket(1 + (i % 4), i & 255, opts)));
    }
    expect(() => dissectFrames(LINKTYPE_PPP, frames)).not.toThrow();
  });
});

describe('framing', () => {
  it('Protocol-Field-Compression: a one-byte odd protocol number', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [bytes(`21${ipv4}`)]);
    expect(field(packets[0], 'ppp.protocol')).toMatchObject({ v: 0x21, pos: 0, size: 1 });
    expect(field(packets[0], 'ppp')).toMatchObject({ pos: 0, size: 1 });
    expect(field(packets[0], 'ip.dst').pos).toBe(17);
  });

  it('an unknown protocol goes to data with Wireshark\'s columns', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [pppFrame(0x1234, '616263')]);
    expect(packets[0].protocol).toBe('0x1234');
    expect(packets[0].info).toBe('PPP Unknown (0x1234)');
    expect(hex(field(packets[0], 'data.data').v)).toBe('616263');
  });

  it('a 16-bit FCS is checked when the setting says frames carry one', () => {
    const good = bytes('ff03c021 09010008 01020304');
    let fcs = 0xffff;
    for (const b of good) {
      fcs ^= b;
      for (let i = 0; i < 8; i++) fcs = fcs & 1 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
    }
    fcs = ~fcs & 0xffff;
    const frame = Uint8Array.from([...good, fcs & 255, fcs >> 8]);
    const bad = Uint8Array.from([...good, (fcs & 255) ^ 1, fcs >> 8]);
    const { packets } = dissectFrames(LINKTYPE_PPP, [frame, bad], { 'ppp.fcs_type': '16-bit' });
    expect(field(packets[0], 'ppp.fcs_16')).toMatchObject({ v: fcs, pos: 12, size: 2 });
    expect(field(packets[0], 'ppp.fcs.status').v).toBe(1);
    expect(field(packets[0], 'lcp.magic_number')).toMatchObject({ v: 0x01020304, pos: 8 });
    expect(field(packets[1], 'ppp.fcs.status').v).toBe(0);
    expect(experts(packets[1], 'ppp.bad_checksum')).toHaveLength(1);
  });
});

describe('LCP codes', () => {
  it('Code-Reject, Time-Remaining and Vendor-Specific', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(LCP, cpPacket(7, 9, '0901000861626364')),
      pppFrame(LCP, cpPacket(13, 9, '01020304ffffffff627965')),
      pppFrame(LCP, cpPacket(0, 9, '01020304 000102 05 7878')),
    ]);
    expect(field(packets[0], 'ppp.data').text).toBe('Rejected Packet (8 bytes): 0901000861626364');
    expect(field(packets[1], 'lcp.secs_remaining')).toMatchObject({ v: 0xffffffff, pos: 12, size: 4, text: 'Seconds Remaining: 4294967295 (forever)' });
    expect(field(packets[1], 'lcp.message')).toMatchObject({ v: 'bye', pos: 16, size: 3 });
    expect(field(packets[2], 'ppp.oui')).toMatchObject({ v: 0x000102, pos: 12, size: 3, text: 'OUI: 00:01:02' });
    expect(field(packets[2], 'ppp.kind')).toMatchObject({ v: 5, pos: 15 });
  });

  it('RFC 1570 and RFC 1990 options', () => {
    const opts = '0305c22305 0206000a0000 090306 0a0300 110405dc 1202 130901616263646566 0b0305 060600000064';
    const { packets } = dissectFrames(LINKTYPE_PPP, [pppFrame(LCP, cpPacket(1, 1, opts))]);
    const p = packets[0];
    expect(field(p, 'lcp.opt.algorithm')).toMatchObject({ v: 5, pos: 12 });
    expect(field(p, 'lcp.opt.asyncmap_bytes').text).toBe('Async Control Character Map: 0x000a0000DC3 (XOFF), DC1 (XON))');
    expect(field(p, 'lcp.opt.asyncmap').text).toBe('Async Control Character Map: 0x000a0000, DC3 (XOFF), DC1 (XON)');
    expect(field(p, 'lcp.opt.asyncmap.dc1').v).toBe(true);
    expect(field(p, 'lcp.opt.fcs_alternatives').text).toBe('FCS Alternatives: 0x06, CCITT 32-bit, CCITT 16-bit');
    expect(field(p, 'lcp.opt.self_desc_pad').text).toBe('Self Describing Pad: 0 octets [invalid]');
    expect(field(p, 'lcp.opt.mrru')).toMatchObject({ v: 1500, pos: 27 });
    expect(field(p, 'lcp.opt.ep_disc_class').v).toBe(1);
    expect(hex(field(p, 'lcp.opt.data').v)).toBe('616263646566');
    expect(field(p, 'lcp.opt.window').text).toBe('Window: 5 frames');
    expect(field(p, 'lcp.opt.reporting_period').text).toBe('Reporting Period: 100 microseconds');
  });
});

describe('security findings', () => {
  it('PAP: password in clear, and a Nak reported as a failed login with the user', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(PAP, cpPacket(1, 1, '03626f6206736563726574')),
      pppFrame(PAP, cpPacket(3, 1, '0a62616420706173737764')),
    ]);
    expect(experts(packets[0], 'pap.cleartext_password')[0].message).toContain("'bob'");
    const nak = experts(packets[1], 'pap.auth_failed');
    expect(nak).toHaveLength(1);
    expect(nak[0]).toMatchObject({ severity: 'warn', group: 'security' });
    expect(nak[0].message).toBe("PAP authentication failed for Peer-ID 'bob': bad passwd");
  });

  it('MS-CHAP (v1) agreed by LCP: response parts, the finding, and a parsed Failure', () => {
    const resp = `31${'00'.repeat(24)}${Array.from({ length: 24 }, (_, i) => i.toString(16).padStart(2, '0')).join('')}01626f62`;
    const { packets, engine } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(LCP, cpPacket(2, 1, '0305c22380')),
      pppFrame(CHAP, cpPacket(1, 7, '080102030405060708736572766572')),
      pppFrame(CHAP, cpPacket(2, 7, resp)),
      pppFrame(CHAP, cpPacket(4, 7, Buffer.from('E=691 R=1 C=0011223344556677 V=2').toString('hex'))),
    ]);
    const r = packets[2];
    expect(field(r, 'chap.mschap.lm_response')).toMatchObject({ pos: 9, size: 24 });
    expect(hex(field(r, 'chap.mschap.nt_response').v)).toBe('000102030405060708090a0b0c0d0e0f1011121314151617');
    expect(field(r, 'chap.mschap.flags')).toMatchObject({ v: 1, pos: 57 });
    expect(experts(r, 'chap.mschapv1')[0]).toMatchObject({ severity: 'warn', group: 'security' });
    const fail = packets[3];
    expect(field(fail, 'chap.mschap.error_code')).toMatchObject({ v: 691, pos: 10, size: 3 });
    expect(field(fail, 'chap.mschap.retry')).toMatchObject({ v: 1, pos: 16, size: 1 });
    expect(field(fail, 'chap.mschap.challenge')).toMatchObject({ v: '0011223344556677', pos: 20, size: 16 });
    expect(field(fail, 'chap.mschap.version')).toMatchObject({ v: 2, pos: 39, size: 1 });
    expect(experts(fail, 'chap.failure')[0].message).toBe("CHAP authentication failed for user 'bob' (E=691 ERROR_AUTHENTICATION_FAILURE)");
    const link = [...pppLinks(engine).values()][0];
    expect(link.chap[0]).toMatchObject({ algorithm: 'MS-CHAP', user: 'bob', result: 'failure', errorCode: 691 });
  });

  it('CHAP-MD5 is not taken for MS-CHAP: no parts, no MS-CHAP finding', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(LCP, cpPacket(2, 1, '0305c22305')),
      pppFrame(CHAP, cpPacket(1, 8, `10${'11'.repeat(16)}736572766572`)),
      pppFrame(CHAP, cpPacket(2, 8, `10${'22'.repeat(16)}626f62`)),
      pppFrame(CHAP, cpPacket(3, 8, '57656c636f6d65')),
    ]);
    expect(fields(packets[2], 'chap.mschapv2.nt_response')).toHaveLength(0);
    expect(packets.flatMap((p) => p.experts.filter((e) => e.group === 'security'))).toHaveLength(0);
    expect(field(packets[3], 'chap.message').v).toBe('Welcome');
  });

  it('LCP: a Nak asking for PAP is a downgrade, a Reject of authentication a refusal', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(LCP, cpPacket(3, 5, '0304c023')),
      pppFrame(LCP, cpPacket(4, 6, '0305c22381')),
    ]);
    expect(experts(packets[0], 'lcp.auth_downgrade')[0]).toMatchObject({ severity: 'warn', group: 'security' });
    expect(experts(packets[1], 'lcp.auth_refused')[0].message).toBe('The peer rejects authentication (MS-CHAP-2): the link would come up without authenticating it');
  });

  it('CCP: 40-bit MPPE, and MPPC without encryption', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(CCP, cpPacket(2, 1, '120600000020')),
      pppFrame(CCP, cpPacket(2, 2, '120600000001')),
      pppFrame(CCP, cpPacket(2, 3, '120601000040')),
    ]);
    expect(experts(packets[0], 'ccp.mppe_weak')[0].message).toContain('40-bit');
    expect(experts(packets[1], 'ccp.mppe_none')).toHaveLength(1);
    expect(packets[2].experts.filter((e) => e.group === 'security')).toHaveLength(0);
  });

  it('IP in clear is reported once per link, and differently once MPPE was agreed', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(IPCP, cpPacket(2, 1, '03060a000001')),
      bytes(`ff030021${ipv4}`),
      bytes(`ff030021${ipv4}`),
    ]);
    expect(experts(packets[1], 'ppp.cleartext_data')).toHaveLength(1);
    expect(experts(packets[1], 'ppp.cleartext_data')[0].message).toContain('no MPPE encryption was negotiated');
    expect(experts(packets[2], 'ppp.cleartext_data')).toHaveLength(0);
    const second = dissectFrames(LINKTYPE_PPP, [pppFrame(CCP, cpPacket(2, 3, '120601000040')), bytes(`ff030021${ipv4}`)]);
    expect(experts(second.packets[1], 'ppp.cleartext_data')[0].message).toContain('agreed MPPE encryption');
  });

  it('the Protocol-Reject copy neither moves the columns nor the negotiation', () => {
    const { packets, engine } = dissectFrames(LINKTYPE_PPP, [pppFrame(LCP, cpPacket(8, 2, `80fd${hex(cpPacket(2, 1, '120600000020'))}`))]);
    expect(packets[0].protocol).toBe('PPP LCP');
    expect(packets[0].info).toBe('Protocol Reject');
    expect(field(packets[0], 'ccp.opt.supported_bits').v).toBe(0x20);
    expect(experts(packets[0], 'ccp.mppe_weak')).toHaveLength(0);
    expect([...pppLinks(engine).values()].every((l) => l.mppeAcked.length === 0)).toBe(true);
  });
});

describe('EAP over PPP', () => {
  it('Identity, Nak and MD5', () => {
    const { packets } = dissectFrames(LINKTYPE_PPP, [
      pppFrame(EAP, cpPacket(2, 1, '01616c696365')),
      pppFrame(EAP, cpPacket(2, 2, '03041a')),
      pppFrame(EAP, cpPacket(1, 2, `0410${'ab'.repeat(16)}737276`)),
    ]);
    expect(field(packets[0], 'eap.identity')).toMatchObject({ v: 'alice', pos: 9, size: 5 });
    expect(packets[0].info).toBe('Response, Identity');
    expect(fields(packets[1], 'eap.desired_type').map((h) => h.v)).toEqual([4, 26]);
    expect(field(packets[2], 'eap.md5.value')).toMatchObject({ pos: 10, size: 16 });
    expect(hex(field(packets[2], 'eap.md5.extra_data').v)).toBe('737276');
    expect(experts(packets[2], 'eap.md5')).toHaveLength(1);
  });
});
