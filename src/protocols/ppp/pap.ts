/**
 * PAP, the Password Authentication Protocol (RFC 1334 §2): the peer sends its name and password
 * in clear, the authenticator answers Ack or Nak. Every Authenticate-Request is therefore a
 * finding, and so is a Nak (a failed login).
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { linkFor, linkKeyFor } from '../../sessions/ppp-negotiation.js';
import { inErrorPacket } from './cp-options.js';
import { PPP } from './ppp-protocols.js';
import { asciiString, formatText } from './text.js';

export const papProto = defineProtocol({
  abbrev: 'pap', name: 'PPP Password Authentication Protocol', short: 'PPP PAP',
  blurb: 'Authenticates a PPP peer by a name and password sent in clear', ref: 'RFC 1334 §2',
});
const f = fieldsOf('pap');
const REF = 'RFC 1334 §2.2';
export const hfPap = {
  code: f('code', 'Code', 'uint8', { vals: { 1: 'Authenticate-Request', 2: 'Authenticate-Ack', 3: 'Authenticate-Nak' }, blurb: 'The Code field is one octet and identifies the type of PAP packet', ref: REF }),
  identifier: f('identifier', 'Identifier', 'uint8', { blurb: 'The Identifier field is one octet and aids in matching requests and replies.', ref: REF }),
  length: f('length', 'Length', 'uint16', { blurb: 'The Length field is two octets and indicates the length of the PAP packet', ref: REF }),
  data: f('data', 'Data', 'none', { blurb: 'The format of the Data field is determined by the Code field', ref: REF }),
  peer_id_length: f('peer_id.length', 'Peer-ID-Length', 'uint8', { blurb: 'The Peer-ID-Length field is one octet and indicates the length of the Peer-ID field', ref: 'RFC 1334 §2.2.1' }),
  peer_id: f('peer_id', 'Peer-ID', 'string', { blurb: 'The Peer-ID field is zero or more octets and indicates the name of the peer to be authenticated', ref: 'RFC 1334 §2.2.1' }),
  password_length: f('password.length', 'Password-Length', 'uint8', { blurb: 'The Password-Length field is one octet and indicates the length of the Password field', ref: 'RFC 1334 §2.2.1' }),
  password: f('password', 'Password', 'string', { blurb: 'The Password field is zero or more octets and indicates the password to be used for authentication', ref: 'RFC 1334 §2.2.1' }),
  message_length: f('message.length', 'Message-Length', 'uint8', { blurb: 'The Message-Length field is one octet and indicates the length of the Message field', ref: 'RFC 1334 §2.2.2' }),
  message: f('message', 'Message', 'string', { blurb: 'The Message field is zero or more octets, and its contents are implementation dependent.', ref: 'RFC 1334 §2.2.2' }),
  stuff: f('stuff', 'stuff', 'bytes', { blurb: 'Body of a PAP packet with an unknown code', ref: REF }),
};

/** A length-prefixed string of the PAP body; returns its text and the offset after it. */
function counted(t: Tree, hfLen: typeof hfPap.peer_id_length, hfStr: typeof hfPap.peer_id, tvb: Tvb, off: number): [string, number] {
  const n = tvb.u8(off);
  t.add(hfLen, tvb, off, 1, n);
  const s = tvb.latin1(off + 1, n);
  t.add(hfStr, tvb, off + 1, n, asciiString(tvb.bytes(off + 1, n)));
  return [s, off + 1 + n];
}

export function dissectPap(tvb: Tvb, pkt: Packet, tree: Tree, data?: unknown): number {
  const code = tvb.u8(0);
  const columns = pkt.engine.columns;
  if (columns) pkt.setInfo(hfPap.code.vals?.get(code) ?? 'Unknown');
  const t = tree.proto(papProto, tvb, 0, -1);
  t.add(hfPap.code, tvb, 0, 1, code);
  const identifier = tvb.u8(1);
  t.add(hfPap.identifier, tvb, 1, 1, identifier);
  t.add(hfPap.length, tvb, 2, 2);
  const dt = t.add(hfPap.data, tvb, 4, tvb.remaining(4), null);
  const record = !inErrorPacket(data);
  switch (code) {
    case 1: {
      const [peer, next] = counted(dt, hfPap.peer_id_length, hfPap.peer_id, tvb, 4);
      const [password] = counted(dt, hfPap.password_length, hfPap.password, tvb, next);
      if (columns) pkt.appendInfo(` (Peer-ID='${formatText(peer)}', Password='${formatText(password)}')`);
      if (record) {
        linkFor(pkt, linkKeyFor(pkt, data)).papUser = peer;
        pkt.engine.expert(pkt, t, 'warn', 'security', 'pap.cleartext_password',
          `PAP sends the password in clear text (Peer-ID '${formatText(peer)}'): anyone on the path can read it`);
      }
      break;
    }
    case 2:
    case 3: {
      const [message] = counted(dt, hfPap.message_length, hfPap.message, tvb, 4);
      if (columns) pkt.appendInfo(` (Message='${formatText(message)}')`);
      if (record) {
        const link = linkFor(pkt, linkKeyFor(pkt, data));
        link.papResult = code === 2 ? 'success' : 'failure';
        if (code === 3) {
          pkt.engine.expert(pkt, t, 'warn', 'security', 'pap.auth_failed',
            `PAP authentication failed${link.papUser !== null ? ` for Peer-ID '${formatText(link.papUser)}'` : ''}${message ? `: ${formatText(message)}` : ''}`);
        }
      }
      break;
    }
    default:
      dt.add(hfPap.stuff, tvb, 4, tvb.remaining(4));
      break;
  }
  return tvb.length;
}

register('ppp.protocol', PPP.PAP, 'pap', dissectPap);
