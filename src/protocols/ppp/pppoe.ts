/**
 * PPPoE, PPP over Ethernet (RFC 2516): the Discovery stage (EtherType 0x8863: PADI, PADO, PADR,
 * PADS, PADT and the RFC 4938 credit codes) with all its tags, including the DSL Forum
 * vendor-specific sub-tags (TR-101), and the Session stage (EtherType 0x8864) whose payload is a
 * PPP frame with only a Protocol field.
 *
 * The session payload ends at Payload Length; Ethernet pads short frames past it, and those pad
 * bytes are not PPP. A PPPoE session is one PPP link, named by its Session ID and the two MACs.
 */
import { defineProtocol, fieldsOf } from '../../core/fields.js';
import type { Packet } from '../../core/packet.js';
import { register } from '../../core/tables.js';
import type { Tree } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { etherToString } from '../../core/value.js';
import { LINKTYPE } from '../../capture/linktypes.js';
import { ETHERTYPE } from '../ethertypes.js';
import './ppp.js';
import { asciiString, formatText } from './text.js';

defineProtocol({ abbrev: 'pppoe', name: 'PPP-over-Ethernet', short: 'PPPoE', blurb: 'Runs PPP sessions over an Ethernet', ref: 'RFC 2516' });
export const pppoedProto = defineProtocol({ abbrev: 'pppoed', name: 'PPP-over-Ethernet Discovery', short: 'PPPoED', blurb: 'Finds an access concentrator and sets up a PPPoE session', ref: 'RFC 2516 §5' });
export const pppoesProto = defineProtocol({ abbrev: 'pppoes', name: 'PPP-over-Ethernet Session', short: 'PPPoES', blurb: 'Carries the PPP frames of an established PPPoE session', ref: 'RFC 2516 §6' });

const CODES = {
  0x00: 'Session Data', 0x07: 'Active Discovery Offer (PADO)', 0x09: 'Active Discovery Initiation (PADI)',
  0x0a: 'Active Discovery Session-Grant (PADG)', 0x0b: 'Active Discovery Session-Credit Resp.(PADC)', 0x0c: 'Active Discovery Quality (PADQ)',
  0x19: 'Active Discovery Request (PADR)', 0x65: 'Active Discovery Session-confirmation (PADS)', 0xa7: 'Active Discovery Terminate (PADT)',
  0xd3: 'Active Discovery Message (PADM)', 0xd4: 'Active Discovery Network (PADN)',
};
const TAGS = {
  0x0000: 'End-Of-List', 0x0101: 'Service-Name', 0x0102: 'AC-Name', 0x0103: 'Host-Uniq', 0x0104: 'AC-Cookie', 0x0105: 'Vendor-Specific',
  0x0106: 'Credits', 0x0107: 'Metrics', 0x0108: 'Sequence Number', 0x0109: 'Credit Scale Factor', 0x0110: 'Relay-Session-Id',
  0x0111: 'HURL', 0x0112: 'MOTM', 0x0120: 'PPP-Max-Payload', 0x0121: 'IP Route Add', 0x0201: 'Service-Name-Error',
  0x0202: 'AC-System-Error', 0x0203: 'Generic-Error',
};
const DSLF_TAGS = {
  0x01: 'Circuit-ID', 0x02: 'Remote-ID', 0x81: 'Actual-Data-Rate-Up', 0x82: 'Actual-Data-Rate-Down', 0x83: 'Min-Data-Rate-Up',
  0x84: 'Min-Data-Rate-Down', 0x85: 'Attainable-Data-Rate-Up', 0x86: 'Attainable-Data-Rate-Down', 0x87: 'Max-Data-Rate-Up',
  0x88: 'Max-Data-Rate-Down', 0x89: 'Min-Data-Rate-Up-Low-Power', 0x8a: 'Min-Data-Rate-Down-Low-Power', 0x8b: 'Max-Interleaving-Delay-Up',
  0x8c: 'Actual-Interleaving-Delay-Up', 0x8d: 'Max-Interleaving-Delay-Down', 0x8e: 'Actual-Interleaving-Delay-Down', 0x90: 'Access-Loop-Encapsulation',
};
const RATE_UNITS = { 0: 'kilobits per second', 1: 'megabits per second', 2: 'gigabits per second', 3: 'terabits per second' };

const fe = fieldsOf('pppoe');
export const hfPppoe = {
  version: fe('version', 'Version', 'uint8', { mask: 0xf0, blurb: 'PPPoE version (1)', ref: 'RFC 2516 §4' }),
  type: fe('type', 'Type', 'uint8', { mask: 0x0f, blurb: 'PPPoE type (1)', ref: 'RFC 2516 §4' }),
  code: fe('code', 'Code', 'uint8', { base: 'hex', vals: CODES, blurb: 'Discovery packet kind, or 0 for session data', ref: 'RFC 2516 §4' }),
  session_id: fe('session_id', 'Session ID', 'uint16', { base: 'hex', blurb: 'Session the access concentrator assigned (0 during discovery)', ref: 'RFC 2516 §4' }),
  payload_length: fe('payload_length', 'Payload Length', 'uint16', { blurb: 'Length of the payload, Ethernet padding excluded', ref: 'RFC 2516 §4' }),
  payload_length_bad: fe('payload_length.bad', 'Possible bad payload length', 'none', { hidden: true, blurb: 'Payload Length disagrees with the bytes after the header', ref: 'RFC 2516 §4' }),
};
const fd = fieldsOf('pppoed');
const TAG_REF = 'RFC 2516 Appendix A';
const DSLF_REF = 'DSL Forum TR-101 §3.9.3';
const dslfRate = (suffix: string, name: string) => fd(`tags.${suffix}`, name, 'uint32', { blurb: `${name} (kbit/s or ms), from the access node`, ref: DSLF_REF });
export const hfPppoed = {
  tags: fd('tags', 'PPPoE Tags', 'none', { blurb: 'The discovery packet\'s tags', ref: TAG_REF }),
  tag: fd('tag', 'Tag', 'uint16', { base: 'hex', vals: TAGS, blurb: 'Tag type', ref: TAG_REF }),
  tag_length: fd('tag_length', 'Tag Length', 'uint16', { blurb: 'Length of the tag value', ref: TAG_REF }),
  tag_length_8: fd('tag_length_8', 'Tag Length', 'uint8', { blurb: 'Length of a vendor sub-tag value', ref: DSLF_REF }),
  tag_length_invalid: fd('tag_length.invalid', 'Wrong length', 'none', { hidden: true, blurb: 'A tag whose length does not fit its type', ref: TAG_REF }),
  unknown_data: fd('tag.unknown_data', 'Unknown Data', 'bytes', { blurb: 'Value of a tag of unknown type', ref: TAG_REF }),
  service_name: fd('tags.service_name', 'Service-Name', 'string', { blurb: 'Service requested or offered (empty: any)', ref: TAG_REF }),
  ac_name: fd('tags.ac_name', 'AC-Name', 'string', { blurb: 'Name of the access concentrator', ref: TAG_REF }),
  host_uniq: fd('tags.host_uniq', 'Host-Uniq', 'bytes', { blurb: 'Host\'s value to match replies to its requests', ref: TAG_REF }),
  ac_cookie: fd('tags.ac_cookie', 'AC-Cookie', 'bytes', { blurb: 'Access concentrator\'s cookie against denial of service', ref: TAG_REF }),
  vendor_id: fd('tags.vendor_id', 'Vendor id', 'uint32', { blurb: 'Enterprise number of a Vendor-Specific tag', ref: TAG_REF }),
  vendor_unspecified: fd('tags.vendor_unspecified', 'Vendor unspecified', 'bytes', { blurb: 'Value of a Vendor-Specific tag of an unknown vendor', ref: TAG_REF }),
  vspec_tags: fd('tags.vendorspecific.tags', 'Vendor Specific PPPoE Tags', 'none', { blurb: 'DSL Forum sub-tags', ref: DSLF_REF }),
  vspec_tag: fd('tags.vendorspecific.tag', 'Tag', 'uint8', { base: 'hex', vals: DSLF_TAGS, blurb: 'DSL Forum sub-tag type', ref: DSLF_REF }),
  circuit_id: fd('tags.circuit_id', 'Circuit ID', 'string', { blurb: 'Access line the subscriber is on', ref: DSLF_REF }),
  remote_id: fd('tags.remote_id', 'Remote ID', 'string', { blurb: 'Subscriber identifier', ref: DSLF_REF }),
  act_data_rate_up: dslfRate('act_data_rate_up', 'Actual Data Rate Upstream'),
  act_data_rate_down: dslfRate('act_data_rate_down', 'Actual Data Rate Downstream'),
  min_data_rate_up: dslfRate('min_data_rate_up', 'Minimum Data Rate Upstream'),
  min_data_rate_down: dslfRate('min_data_rate_down', 'Minimum Data Rate Downstream'),
  attainable_data_rate_up: dslfRate('attainable_data_rate_up', 'Attainable DataRate Upstream'),
  attainable_data_rate_down: dslfRate('attainable_data_rate_down', 'Attainable DataRate Downstream'),
  max_data_rate_up: dslfRate('max_data_rate_up', 'Maximum Data Rate Upstream'),
  max_data_rate_down: dslfRate('max_data_rate_down', 'Maximum Data Rate Downstream'),
  min_data_rate_up_lp: dslfRate('min_data_rate_up_lp', 'Min DataRate Upstream in low power state'),
  min_data_rate_down_lp: dslfRate('min_data_rate_down_lp', 'Minimum Data Rate Downstream in low power state'),
  max_int_delay_up: dslfRate('max_int_delay_up', 'Max Interleaving Delay Upstream'),
  act_int_delay_up: dslfRate('act_int_delay_up', 'Actual Interleaving Delay Upstream'),
  max_int_delay_down: dslfRate('max_int_delay_down', 'Maximum Interleaving Delay Downstream'),
  act_int_delay_down: dslfRate('act_int_delay_down', 'Actual Interleaving Delay Downstream'),
  access_loop_encap: fd('tags.access_loop_encap', 'Access-Loop-Encapsulation', 'none', { blurb: 'How the access loop is encapsulated', ref: DSLF_REF }),
  access_loop_data_link: fd('tags.access_loop_encap.data_link', 'Data link', 'uint8', { base: 'hex', vals: { 0: 'ATM AAL5', 1: 'Ethernet' }, blurb: 'Access loop data link', ref: DSLF_REF }),
  access_loop_encap_1: fd('tags.access_loop_encap.encap_1', 'Encaps 1', 'uint8', { base: 'hex', vals: { 0: 'NA', 1: 'Untagged Ethernet', 2: 'Single-tagged Ethernet', 3: 'Double-tagged Ethernet' }, blurb: 'Access loop encapsulation 1', ref: DSLF_REF }),
  access_loop_encap_2: fd('tags.access_loop_encap.encap_2', 'Encaps 2', 'uint8', { base: 'hex', vals: { 0: 'NA', 1: 'PPPoA LLC', 2: 'PPPoA Null', 3: 'IPoA LLC', 4: 'IPoA Null', 5: 'Ethernet over AAL5 LLC w FCS', 6: 'Ethernet over AAL5 LLC w/o FCS', 7: 'Ethernet over AAL5 Null w FCS', 8: 'Ethernet over AAL5 Null w/o FCS' }, blurb: 'Access loop encapsulation 2', ref: DSLF_REF }),
  credits: fd('tags.credits', 'Credits', 'bytes', { blurb: 'Credits tag of unexpected length', ref: 'RFC 4938 §5.1' }),
  credits_fcn: fd('tags.credits.fcn', 'FCN', 'uint16', { blurb: 'Forward credit number', ref: 'RFC 4938 §5.1' }),
  credits_bcn: fd('tags.credits.bcn', 'BCN', 'uint16', { blurb: 'Backward credit number', ref: 'RFC 4938 §5.1' }),
  metrics: fd('tags.metrics', 'Metrics', 'bytes', { blurb: 'Metrics tag of unexpected length', ref: 'RFC 4938 §5.2' }),
  metrics_r: fd('tags.metrics.r', 'Receive Only', 'bool', { mask: 0x0001, bits: 16, blurb: 'The radio link only receives', ref: 'RFC 4938 §5.2' }),
  metrics_mdr_units: fd('tags.metrics.mdr_units', 'MDR Units', 'uint16', { base: 'hex', mask: 0x0018, vals: RATE_UNITS, blurb: 'Unit of the maximum data rate', ref: 'RFC 4938 §5.2' }),
  metrics_cdr_units: fd('tags.metrics.cdr_units', 'CDR Units', 'uint16', { base: 'hex', mask: 0x0006, vals: RATE_UNITS, blurb: 'Unit of the current data rate', ref: 'RFC 4938 §5.2' }),
  metrics_rlq: fd('tags.metrics.rlq', 'Relative Link Quality', 'uint8', { blurb: 'Link quality, 0 to 100', ref: 'RFC 4938 §5.2' }),
  metrics_resource: fd('tags.metrics.resource', 'Resource', 'uint8', { blurb: 'Resources left, 0 to 100', ref: 'RFC 4938 §5.2' }),
  metrics_latency: fd('tags.metrics.latency', 'Latency', 'uint16', { blurb: 'Transmission delay in milliseconds', ref: 'RFC 4938 §5.2' }),
  metrics_curr_drate: fd('tags.metrics.curr_drate', 'Curr. datarate', 'uint16', { blurb: 'Current data rate', ref: 'RFC 4938 §5.2' }),
  metrics_max_drate: fd('tags.metrics.max_drate', 'Max. datarate', 'uint16', { blurb: 'Maximum data rate', ref: 'RFC 4938 §5.2' }),
  seq_num: fd('tags.seq_num', 'Sequence Number', 'uint16', { base: 'hex', blurb: 'Sequence number of a credit packet', ref: 'RFC 4938 §5.3' }),
  credit_scale: fd('tags.credit_scale', 'Credit Scale Factor', 'uint16', { blurb: 'Bytes per credit', ref: 'RFC 4938 §5.4' }),
  relay_session_id: fd('tags.relay_session_id', 'Relay-Session-Id', 'bytes', { blurb: 'Added by a relay to match replies', ref: TAG_REF }),
  hurl: fd('tags.hurl', 'HURL', 'bytes', { blurb: 'URL for the user', ref: 'RFC 4937 §3.1' }),
  motm: fd('tags.motm', 'MOTM', 'bytes', { blurb: 'Message of the minute', ref: 'RFC 4937 §3.2' }),
  max_payload: fd('tags.max_payload', 'PPP-Max-Payload', 'bytes', { blurb: 'Largest PPP payload the host can take (over 1492)', ref: 'RFC 4638 §4' }),
  ip_route_add: fd('tags.ip_route_add', 'IP Route Add', 'bytes', { blurb: 'Route the host should add', ref: 'RFC 4937 §3.3' }),
  service_name_error: fd('tags.service_name_error', 'Service-Name-Error', 'string', { blurb: 'The requested service cannot be given', ref: TAG_REF }),
  ac_system_error: fd('tags.ac_system_error', 'AC-System-Error', 'string', { blurb: 'The access concentrator failed to serve the request', ref: TAG_REF }),
  generic_error: fd('tags.generic_error', 'Generic-Error', 'string', { blurb: 'An unrecoverable error', ref: TAG_REF }),
};
const fs = fieldsOf('pppoes');
export const hfPppoes = {
  tags: fs('tags', 'PPPoE Tags', 'none', { blurb: 'Credits tag leading a session packet', ref: 'RFC 4938 §7' }),
  credits_fcn: fs('tags.credits.fcn', 'FCN', 'uint16', { blurb: 'Forward credit number', ref: 'RFC 4938 §7' }),
  credits_bcn: fs('tags.credits.bcn', 'BCN', 'uint16', { blurb: 'Backward credit number', ref: 'RFC 4938 §7' }),
};

const TAG = { EOL: 0x0000, CREDITS: 0x0106 };
const DSLF_VENDOR = 3561;
const PPP_LCP = 0xc021;
const PPP_IPCP = 0x8021;

function header(t: Tree, tvb: Tvb): number {
  const b0 = tvb.u8(0);
  t.add(hfPppoe.version, tvb, 0, 1, b0 >> 4);
  t.add(hfPppoe.type, tvb, 0, 1, b0 & 15);
  t.add(hfPppoe.code, tvb, 1, 1);
  t.add(hfPppoe.session_id, tvb, 2, 2);
  return tvb.u16(4);
}

function wrongLength(pkt: Packet, t: Tree, tvb: Tvb, off: number, len: number, message: string): void {
  const e = t.on ? t.text(message, tvb, off, len) : t;
  e.add(hfPppoed.tag_length_invalid, tvb, off, 0, null);
  pkt.engine.expert(pkt, e, 'warn', 'malformed', 'pppoed.tag_length.invalid', message);
}

function dslfSubtags(tvb: Tvb, pkt: Packet, t: Tree, off: number, len: number, showTags: boolean): void {
  const st = t.add(hfPppoed.vspec_tags, tvb, off, len, null);
  const RATES: Record<number, typeof hfPppoed.act_data_rate_up> = {
    0x81: hfPppoed.act_data_rate_up, 0x82: hfPppoed.act_data_rate_down, 0x83: hfPppoed.min_data_rate_up, 0x84: hfPppoed.min_data_rate_down,
    0x85: hfPppoed.attainable_data_rate_up, 0x86: hfPppoed.attainable_data_rate_down, 0x87: hfPppoed.max_data_rate_up,
    0x88: hfPppoed.max_data_rate_down, 0x89: hfPppoed.min_data_rate_up_lp, 0x8a: hfPppoed.min_data_rate_down_lp,
    0x8b: hfPppoed.max_int_delay_up, 0x8c: hfPppoed.act_int_delay_up, 0x8d: hfPppoed.max_int_delay_down, 0x8e: hfPppoed.act_int_delay_down,
  };
  for (let at = off; at <= off + len - 2;) {
    const tag = tvb.u8(at);
    const n = tvb.u8(at + 1);
    if (showTags) {
      st.add(hfPppoed.vspec_tag, tvb, at, 1, tag);
      st.add(hfPppoed.tag_length_8, tvb, at + 1, 1, n);
    }
    const name = hfPppoed.vspec_tag.vals?.get(tag) ?? 'Unknown';
    if (tag === 0x01 || tag === 0x02) {
      if (n <= 63) st.add(tag === 1 ? hfPppoed.circuit_id : hfPppoed.remote_id, tvb, at + 2, n, asciiString(tvb.bytes(at + 2, n)));
      else wrongLength(pkt, st, tvb, at, 2 + n, `${name}: Wrong length: ${n} (expected <= 63)`);
    } else if (RATES[tag]) {
      if (n === 4) st.add(RATES[tag], tvb, at + 2, 4);
      else wrongLength(pkt, st, tvb, at, 2 + n, `${name}: Wrong length: ${n} (expected == 4)`);
    } else if (tag === 0x90) {
      const e = st.add(hfPppoed.access_loop_encap, tvb, at + 2, 3, null);
      if (n !== 3) {
        e.add(hfPppoed.tag_length_invalid, tvb, at + 2, 0, null);
        pkt.engine.expert(pkt, e, 'warn', 'malformed', 'pppoed.tag_length.invalid', `${name}: Wrong length: ${n} (expected 3)`);
      }
      e.add(hfPppoed.access_loop_data_link, tvb, at + 2, 1);
      e.add(hfPppoed.access_loop_encap_1, tvb, at + 3, 1);
      e.add(hfPppoed.access_loop_encap_2, tvb, at + 4, 1);
    } else if (n > 0) {
      if (!showTags) {
        st.add(hfPppoed.vspec_tag, tvb, at, 1, tag);
        st.add(hfPppoed.tag_length_8, tvb, at + 1, 1, n);
      }
      st.add(hfPppoed.unknown_data, tvb, at + 2, n);
    }
    at += 2 + n;
  }
}

function metrics(t: Tree, tvb: Tvb, at: number): void {
  const rsv = tvb.u16(at);
  t.add(hfPppoed.metrics_mdr_units, tvb, at, 2, (rsv & 0x18) >> 3);
  t.add(hfPppoed.metrics_cdr_units, tvb, at, 2, (rsv & 0x06) >> 1);
  t.add(hfPppoed.metrics_r, tvb, at, 2, (rsv & 1) !== 0);
  t.add(hfPppoed.metrics_rlq, tvb, at + 2, 1);
  t.add(hfPppoed.metrics_resource, tvb, at + 3, 1);
  t.add(hfPppoed.metrics_latency, tvb, at + 4, 2);
  const unit = (u: number) => [' kbps', ' mbps', ' gbps', ' tbps'][u];
  const cdr = tvb.u16(at + 6);
  t.add(hfPppoed.metrics_curr_drate, tvb, at + 6, 2, cdr, t.on ? `Curr. datarate: ${cdr}${unit((rsv & 0x06) >> 1)}` : undefined);
  const mdr = tvb.u16(at + 8);
  t.add(hfPppoed.metrics_max_drate, tvb, at + 8, 2, mdr, t.on ? `Max. datarate: ${mdr}${unit((rsv & 0x18) >> 3)}` : undefined);
}

/** The tag list of a discovery packet: tags from 6 up to `end` (6 + Payload Length); End-Of-List stops it. */
function tags(tvb: Tvb, pkt: Packet, parent: Tree, end: number): void {
  // Wireshark's preference of the same name (off by default): also show each tag's type and length.
  const showTags = /^(true|1|yes)$/i.test(String(pkt.engine.settings['pppoed.show_tags_and_lengths'] ?? ''));
  const t = parent.add(hfPppoed.tags, tvb, 6, end - 6, null);
  for (let at = 6; at <= end - 2;) {
    const tag = tvb.u16(at);
    const n = tvb.u16(at + 2);
    if (showTags) {
      t.add(hfPppoed.tag, tvb, at, 2, tag);
      t.add(hfPppoed.tag_length, tvb, at + 2, 2, n);
    }
    const v = at + 4;
    switch (tag) {
      case 0x0101:
        if (n > 0) t.add(hfPppoed.service_name, tvb, v, n, asciiString(tvb.bytes(v, n)));
        break;
      case 0x0102: {
        const name = asciiString(tvb.bytes(v, n));
        t.add(hfPppoed.ac_name, tvb, v, n, name);
        if (pkt.engine.columns) pkt.appendInfo(` AC-Name='${formatText(name)}'`);
        break;
      }
      case 0x0103: t.add(hfPppoed.host_uniq, tvb, v, n); break;
      case 0x0104: t.add(hfPppoed.ac_cookie, tvb, v, n); break;
      case 0x0105:
        if (n >= 4) t.add(hfPppoed.vendor_id, tvb, v, 4);
        if (n > 4) {
          if (tvb.u32(v) === DSLF_VENDOR) dslfSubtags(tvb, pkt, t, v + 4, n - 4, showTags);
          else t.add(hfPppoed.vendor_unspecified, tvb, v + 4, n - 4);
        }
        break;
      case TAG.CREDITS:
        if (n === 4) {
          t.add(hfPppoed.credits_fcn, tvb, v, 2);
          t.add(hfPppoed.credits_bcn, tvb, v + 2, 2);
        } else {
          t.add(hfPppoed.credits, tvb, v, n);
        }
        break;
      case 0x0107:
        if (n === 10) metrics(t, tvb, v);
        else t.add(hfPppoed.metrics, tvb, v, n);
        break;
      case 0x0108:
      case 0x0109:
        if (n === 2) t.add(tag === 0x0108 ? hfPppoed.seq_num : hfPppoed.credit_scale, tvb, v, 2);
        else wrongLength(pkt, t, tvb, v, n, `${tag === 0x0108 ? 'Sequence Number' : 'Credit Scale Factor'} tag: Wrong length: ${n} (expected 2)`);
        break;
      case 0x0110: t.add(hfPppoed.relay_session_id, tvb, v, n); break;
      case 0x0111: t.add(hfPppoed.hurl, tvb, v, n); break;
      case 0x0112: t.add(hfPppoed.motm, tvb, v, n); break;
      case 0x0120: t.add(hfPppoed.max_payload, tvb, v, n); break;
      case 0x0121: t.add(hfPppoed.ip_route_add, tvb, v, n); break;
      case 0x0201: t.add(hfPppoed.service_name_error, tvb, v, n, asciiString(tvb.bytes(v, n))); break;
      case 0x0202: t.add(hfPppoed.ac_system_error, tvb, v, n, asciiString(tvb.bytes(v, n))); break;
      case 0x0203: t.add(hfPppoed.generic_error, tvb, v, n, asciiString(tvb.bytes(v, n))); break;
      case TAG.EOL:
        return;
      default:
        if (n > 0) {
          if (!showTags) {
            t.add(hfPppoed.tag, tvb, at, 2, tag);
            t.add(hfPppoed.tag_length, tvb, at + 2, 2, n);
          }
          t.add(hfPppoed.unknown_data, tvb, v, n);
        }
        break;
    }
    at += 4 + n;
  }
}

export function dissectPppoed(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const code = tvb.u8(1);
  if (pkt.engine.columns) pkt.setInfo(hfPppoe.code.vals?.get(code) ?? 'Unknown');
  const len = tvb.u16(4);
  const t = tree.proto(pppoedProto, tvb, 0, len + 6);
  header(t, tvb);
  t.add(hfPppoe.payload_length, tvb, 4, 2, len);
  if (len > 0) tags(tvb, pkt, t, 6 + len);
  return tvb.length;
}

/** Session ID and the two station addresses: one PPP link. */
function sessionKey(tvb: Tvb, pkt: Packet, sid: number): string {
  const frame = pkt.sources[0]?.bytes;
  if (pkt.linkType === LINKTYPE.ETHERNET && tvb.ds === 0 && frame && frame.length >= 12) {
    const a = etherToString(frame.subarray(0, 6));
    const b = etherToString(frame.subarray(6, 12));
    return `pppoe 0x${sid.toString(16).padStart(4, '0')} ${a < b ? a : b} ${a < b ? b : a}`;
  }
  return `pppoe 0x${sid.toString(16).padStart(4, '0')}`;
}

export function dissectPppoes(tvb: Tvb, pkt: Packet, tree: Tree): number {
  const code = tvb.u8(1);
  if (pkt.engine.columns) pkt.setInfo(hfPppoe.code.vals?.get(code) ?? 'Unknown');
  const sid = tvb.u16(2);
  const payloadLength = tvb.u16(4);
  const actual = tvb.reportedRemaining(6);
  const t = tree.proto(pppoesProto, tvb, 0, 6);
  header(t, tvb);
  // Short frames are padded by Ethernet; only a larger disagreement (LCP and IPCP excepted, whose
  // length fields bound them anyway) is worth reporting, allowing for a 4-byte FCS left in place.
  let bad = false;
  if (tvb.reported > 46 && tvb.has(6, 2)) {
    const cp = tvb.u16(6);
    bad = cp !== PPP_LCP && cp !== PPP_IPCP && payloadLength !== actual && payloadLength + 4 !== actual;
  }
  const credits = tvb.has(6, 2) && tvb.u16(6) === TAG.CREDITS;
  const note = bad ? ` [incorrect, should be ${actual}]` : '';
  let flagged = t.add(hfPppoe.payload_length, tvb, 4, 2, payloadLength,
    t.on && bad && !credits ? `Payload Length: ${payloadLength}${note}` : undefined);
  let creditOffset = 0;
  if (credits) {
    const n = tvb.u16(8);
    // Wireshark hangs the payload-length finding on the tags item when a Credits tag leads.
    flagged = t.add(hfPppoes.tags, tvb, 6, 8, null, t.on ? `PPPoE Tags${note}` : undefined);
    if (n === 4) {
      flagged.add(hfPppoes.credits_fcn, tvb, 10, 2);
      flagged.add(hfPppoes.credits_bcn, tvb, 12, 2);
    } else {
      flagged.add(hfPppoed.credits, tvb, 10, n);
    }
    creditOffset = 8;
  }
  if (bad) {
    const msg = `Possible bad payload length ${payloadLength} != ${actual}`;
    flagged.add(hfPppoe.payload_length_bad, tvb, 4, 0, null, msg);
    pkt.engine.expert(pkt, flagged, 'warn', 'malformed', 'pppoe.payload_length.bad', msg);
  }
  const captured = Math.min(tvb.remaining(6), actual, payloadLength);
  const reported = Math.min(actual, payloadLength);
  if (reported - creditOffset <= 0) return tvb.length;
  const payload = tvb.sub(6 + creditOffset, Math.max(captured - creditOffset, 0), reported - creditOffset);
  pkt.engine.callNamed('ppp_raw', payload, pkt, tree, { linkKey: sessionKey(tvb, pkt, sid) });
  return tvb.length;
}

register('ethertype', ETHERTYPE.PPPOED, 'pppoed', dissectPppoed);
register('ethertype', ETHERTYPE.PPPOES, 'pppoes', dissectPppoes);
register('wtap.encap', LINKTYPE.PPP_ETHER, 'pppoes', dissectPppoes);
