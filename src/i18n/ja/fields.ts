/**
 * 各フィールドの日本語説明（キーはフィールド名 = Wireshark の表示フィルタ名）。ラベル自体は
 * Wireshark の英語のまま訳さない。プロトコル群ごとに fields/ の下のファイルに分けてある。
 */
import { baseJa } from './fields/base.js';
import { greJa } from './fields/gre.js';
import { pptpJa } from './fields/pptp.js';
import { pppJa } from './fields/ppp.js';
import { l2tpJa } from './fields/l2tp.js';
import { isakmpJa } from './fields/isakmp.js';
import { ipsecJa } from './fields/ipsec.js';

export const fieldsJa: Record<string, string> = {
  ...baseJa, ...greJa, ...pptpJa, ...pppJa, ...l2tpJa, ...isakmpJa, ...ipsecJa,
};
