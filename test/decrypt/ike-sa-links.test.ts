/**
 * With --keys the IKE SA table learns what only the encrypted IKE_AUTH and CREATE_CHILD_SA
 * messages say: the peers' identities and the child SA SPIs, which link the ESP SAs seen on the
 * wire to the IKE SA that negotiated them (strongSwan capture; tshark shows the same IDs and SPIs
 * in the decrypted payloads).
 */
import { describe, expect, it } from 'vitest';
import { CAPTURES, dissectAll, haveCaptures, loadFrames } from '../protocols/ipsec-helpers.js';
import { ikeSaTable } from '../../src/sessions/ike-sa.js';
import { trackedIpsecSas } from '../../src/sessions/ipsec-sa.js';
import { resolve } from 'node:path';

const CAP = 'ipsec-strongswan-ikev2-aes128-sha256-modp2048.pcapng';
const KEYS = resolve(CAPTURES, 'keys/ipsec-strongswan-ikev2-aes128-sha256-modp2048');

describe.skipIf(!haveCaptures)('IKE SA table with and without keys', () => {
  it('with keys: IDi/IDr, four child SPIs, and every ESP SA linked to the first IKE SA', async () => {
    const { engine } = dissectAll(await loadFrames(CAP), { tree: false, settings: { keys: KEYS } });
    const [first, rekeyed] = ikeSaTable(engine).records();
    expect([first.initiatorId, first.responderId]).toEqual(['alice@hx.test', 'bob@hx.test']);
    expect(first.childSas.map((c) => `${c.protocol} ${c.spi} to ${c.to} (frame ${c.frame})`)).toEqual([
      'ESP 0xaead6004 to 10.200.1.1 (frame 5)',
      'ESP 0xf6d48d10 to 10.200.1.2 (frame 6)',
      'ESP 0x4962f8e4 to 10.200.1.1 (frame 15)',
      'ESP 0x04756d3a to 10.200.1.2 (frame 16)',
    ]);
    expect(rekeyed.childSas).toEqual([]);
    const sas = trackedIpsecSas(engine);
    expect(sas.map((s) => `${s.spi} ${s.dst} → IKE SA ${s.ikeSa}`)).toEqual([
      `0xf6d48d10 10.200.1.2 → IKE SA ${first.index}`,
      `0xaead6004 10.200.1.1 → IKE SA ${first.index}`,
      `0x04756d3a 10.200.1.2 → IKE SA ${first.index}`,
      `0x4962f8e4 10.200.1.1 → IKE SA ${first.index}`,
    ]);
    expect(first.summary()).toMatchObject({ initiatorId: 'alice@hx.test', responderId: 'bob@hx.test' });
  });

  it('without keys nothing of that is visible', async () => {
    const { engine } = dissectAll(await loadFrames(CAP), { tree: false });
    const [first] = ikeSaTable(engine).records();
    expect([first.initiatorId, first.responderId, first.childSas.length]).toEqual([null, null, 0]);
    expect(trackedIpsecSas(engine).every((s) => s.ikeSa === null)).toBe(true);
  });
});
