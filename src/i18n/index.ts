/**
 * vpnshark's words in one language: explanations of protocols, fields and values, and the
 * headings and messages of its own commands. Field labels are never translated: they stay
 * Wireshark's English, so that what a learner reads matches Wireshark and its display filters.
 */
import type { FieldDef, Value } from '../core/fields.js';
import type { Lang } from './lang.js';
import { messagesEn, type MessageId } from './en/messages.js';
import { protocolsEn } from './en/protocols.js';
import { valuesEn } from './en/values.js';
import { fieldsEn, extraRefs } from './en/fields.js';
import { messagesJa } from './ja/messages.js';
import { protocolsJa } from './ja/protocols.js';
import { valuesJa } from './ja/values.js';
import { fieldsJa } from './ja/fields.js';

export type { Lang } from './lang.js';
export type { MessageId } from './en/messages.js';

export interface Catalogue {
  messages: Readonly<Record<MessageId, string>>;
  protocols: Readonly<Record<string, string>>;
  fields: Readonly<Record<string, string>>;
  values: Readonly<Record<string, string>>;
}

export const CATALOGUES: Record<Lang, Catalogue> = {
  en: { messages: messagesEn, protocols: protocolsEn, fields: fieldsEn, values: valuesEn },
  ja: { messages: messagesJa, protocols: protocolsJa, fields: fieldsJa, values: valuesJa },
};

export type Params = Record<string, string | number>;

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export class Texts {
  private readonly cat: Catalogue;

  constructor(readonly lang: Lang) {
    this.cat = CATALOGUES[lang];
  }

  msg(id: MessageId, params?: Params): string {
    return fill(this.cat.messages[id] ?? messagesEn[id], params);
  }

  /**
   * What a protocol or field is for. English falls back to the registry's blurb; a Japanese text
   * missing at run time (a field added after the catalogue) falls back to the English, which the
   * catalogue test reports so that it is written.
   */
  about(f: FieldDef): string | undefined {
    const own = f.type === 'protocol' ? this.cat.protocols[f.abbrev] : this.cat.fields[f.abbrev];
    if (own) return own;
    const en = f.type === 'protocol' ? protocolsEn[f.abbrev] : fieldsEn[f.abbrev];
    return en ?? f.blurb;
  }

  /** What this particular value of the field means (which message, which mode), if anything is said. */
  value(f: FieldDef, v: Value): string | undefined {
    if (typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    const key = `${f.abbrev}=${typeof v === 'boolean' ? (v ? 1 : 0) : v}`;
    return this.cat.values[key] ?? valuesEn[key];
  }

  /** Where the field or protocol is defined: the registry's ref, else the catalogue's. */
  ref(f: FieldDef): string | undefined {
    const r = f.ref ?? extraRefs[f.abbrev];
    if (r === 'vpnshark') return this.msg('explain.vpnshark_ref');
    return r;
  }
}

const cache = new Map<Lang, Texts>();

export function texts(lang: Lang): Texts {
  let t = cache.get(lang);
  if (!t) {
    t = new Texts(lang);
    cache.set(lang, t);
  }
  return t;
}
