/**
 * Every protocol and every field with a blurb is explained in both languages, every message has
 * both texts with the same parameters, and the catalogues name only fields that exist.
 */
import { describe, expect, it } from 'vitest';
import '../../src/protocols/index.js';
import '../../src/core/engine.js';
import { allFields, fieldByName } from '../../src/core/fields.js';
import { CATALOGUES, texts } from '../../src/i18n/index.js';
import { messagesEn } from '../../src/i18n/en/messages.js';
import { messagesJa } from '../../src/i18n/ja/messages.js';
import { protocolsEn } from '../../src/i18n/en/protocols.js';
import { protocolsJa } from '../../src/i18n/ja/protocols.js';
import { fieldsEn } from '../../src/i18n/en/fields.js';
import { fieldsJa } from '../../src/i18n/ja/fields.js';
import { valuesEn } from '../../src/i18n/en/values.js';
import { valuesJa } from '../../src/i18n/ja/values.js';
import { langFromEnv } from '../../src/i18n/lang.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('explanations exist in English and Japanese', () => {
  const protocols = allFields().filter((f) => f.type === 'protocol');

  it('every protocol has a written text in both languages', () => {
    const missing = protocols.flatMap((p) => [
      ...(protocolsEn[p.abbrev] ? [] : [`en ${p.abbrev}`]),
      ...(protocolsJa[p.abbrev] && JAPANESE.test(protocolsJa[p.abbrev]) ? [] : [`ja ${p.abbrev}`]),
    ]);
    expect(missing).toEqual([]);
    expect(protocols.length).toBeGreaterThan(30);
  });

  it('every field with a blurb has a Japanese text, and an English one (its own or the blurb)', () => {
    const withBlurb = allFields().filter((f) => f.type !== 'protocol' && f.blurb);
    expect(withBlurb.length).toBeGreaterThan(1000);
    const missingJa = withBlurb.filter((f) => !fieldsJa[f.abbrev] || !JAPANESE.test(fieldsJa[f.abbrev])).map((f) => f.abbrev);
    expect(missingJa).toEqual([]);
    const en = texts('en');
    expect(withBlurb.filter((f) => !en.about(f)).map((f) => f.abbrev)).toEqual([]);
  });

  it('the English extra field texts all have Japanese ones and name real fields', () => {
    expect(Object.keys(fieldsEn).filter((k) => !fieldsJa[k])).toEqual([]);
    expect(Object.keys(fieldsEn).filter((k) => !fieldByName(k))).toEqual([]);
    expect(Object.keys(fieldsJa).filter((k) => !fieldByName(k))).toEqual([]);
  });

  it('value texts come in pairs and name real fields', () => {
    expect(Object.keys(valuesEn).sort()).toEqual(Object.keys(valuesJa).sort());
    const bad = Object.keys(valuesEn).filter((k) => !fieldByName(k.split('=')[0]) || !/^\d+$/.test(k.split('=')[1]));
    expect(bad).toEqual([]);
  });

  it('the Japanese value texts are Japanese', () => {
    expect(Object.entries(valuesJa).filter(([, v]) => !JAPANESE.test(v)).map(([k]) => k)).toEqual([]);
  });
});

describe('messages of flow, report, sessions and check exist in both languages', () => {
  it('the same ids, with the same parameters', () => {
    expect(Object.keys(messagesJa).sort()).toEqual(Object.keys(messagesEn).sort());
    const mismatched = (Object.keys(messagesEn) as (keyof typeof messagesEn)[])
      .filter((k) => params(messagesEn[k]).join() !== params(messagesJa[k]).join());
    expect(mismatched).toEqual([]);
    expect(Object.values(messagesJa).every((m) => m.length > 0)).toBe(true);
  });

  it('fills parameters', () => {
    expect(texts('en').msg('flow.data_run', { count: 309, carrier: 'GRE' })).toBe('309 GRE data packets');
    expect(texts('ja').msg('flow.data_run', { count: 309, carrier: 'GRE' })).toBe('GRE データパケット 309 個');
    expect(CATALOGUES.ja.messages['flow.retransmission']).toBe('再送');
  });
});

describe('the default language comes from the locale', () => {
  it('LC_ALL wins over LC_MESSAGES, which wins over LANG', () => {
    expect(langFromEnv({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'ja_JP', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(langFromEnv({ LC_ALL: 'ja', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(langFromEnv({ LANG: 'java' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });
});
