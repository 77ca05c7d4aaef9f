/** The frame layer every packet starts with (Wireshark's "frame" protocol), and the data dissector. */
import { defineProtocol, fieldsOf } from './fields.js';
import type { Packet } from './packet.js';
import { registerNamed } from './tables.js';
import type { Tree } from './tree.js';
import type { Tvb } from './tvb.js';

export const frameProto = defineProtocol({ abbrev: 'frame', name: 'Frame', short: '', blurb: 'One record of the capture file: when it was captured and how long it is' });
const f = fieldsOf('frame');
export const hfFrame = {
  interface_id: f('interface_id', 'Interface id', 'uint32', { blurb: 'pcapng interface the packet was captured on' }),
  encap_type: f('encap_type', 'Encapsulation type', 'int16', { blurb: 'Link-layer type of the record (LINKTYPE_*)' }),
  time: f('time', 'Arrival Time', 'abstime', { blurb: 'When the packet was captured, in UTC' }),
  time_epoch: f('time_epoch', 'Epoch Time', 'abstime', { unit: 'seconds', blurb: 'Capture time in seconds since 1970-01-01 UTC' }),
  time_delta: f('time_delta', 'Time delta from previous captured frame', 'reltime', { unit: 'seconds' }),
  time_relative: f('time_relative', 'Time since reference or first frame', 'reltime', { unit: 'seconds' }),
  number: f('number', 'Frame Number', 'uint32'),
  len: f('len', 'Frame Length', 'uint32', { unit: 'bytes', blurb: 'Length of the packet on the wire' }),
  cap_len: f('cap_len', 'Capture Length', 'uint32', { unit: 'bytes', blurb: 'Bytes of the packet kept in the capture' }),
  protocols: f('protocols', 'Protocols in frame', 'string', { blurb: 'The protocol layers found, outermost first' }),
  comment: f('comment', 'Comment', 'string', { blurb: 'A comment stored with the packet in a pcapng file' }),
};

const dataProto = defineProtocol({ abbrev: 'data', name: 'Data', short: '', blurb: 'Bytes no dissector claimed' });
const hfData = {
  data: fieldsOf('data')('data', 'Data', 'bytes'),
  len: fieldsOf('data')('len', 'Length', 'int32'),
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** tshark's absolute time: "Jul 16, 2014 13:50:49.812800000 UTC". */
export function absTime(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  if (Number.isNaN(d.getTime())) return `${sec}.${String(nsec).padStart(9, '0')}`;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(nsec).padStart(9, '0')} UTC`;
}

export function epochTime(sec: number, nsec: number): string {
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

export function dissectFrameLayer(tvb: Tvb, pkt: Packet, tree: Tree): Tree {
  const len = tvb.length;
  const t = tree.proto(frameProto, tvb, 0, len,
    tree.on ? `Frame ${pkt.num}: ${pkt.len} bytes on wire (${pkt.len * 8} bits), ${len} bytes captured (${len * 8} bits)` : undefined);
  // On the fast path nobody may want the frame's items: nothing below has any other effect.
  if (!t.wantsAnyOf(frameProto)) return t;
  // Wireshark brackets only the worked-out times; the rest are shown as plain items of the frame.
  if (pkt.comment !== undefined) t.add(hfFrame.comment, tvb, 0, 0, pkt.comment);
  t.add(hfFrame.interface_id, tvb, 0, 0, pkt.ifIndex);
  t.add(hfFrame.encap_type, tvb, 0, 0, pkt.linkType);
  if (t.wants(hfFrame.time)) t.add(hfFrame.time, tvb, 0, 0, absTime(pkt.tsSec, pkt.tsNsec));
  if (t.wants(hfFrame.time_epoch)) t.add(hfFrame.time_epoch, tvb, 0, 0, epochTime(pkt.tsSec, pkt.tsNsec));
  t.gen(hfFrame.time_delta, null, 0, 0, pkt.deltaSec);
  t.gen(hfFrame.time_relative, null, 0, 0, pkt.relSec);
  t.add(hfFrame.number, tvb, 0, 0, pkt.num);
  t.add(hfFrame.len, tvb, 0, 0, pkt.len);
  t.add(hfFrame.cap_len, tvb, 0, 0, len);
  return t;
}

/** frame.protocols is known only when all layers are done; the printers ask for it through this. */
export function protocolsOf(pkt: Packet): string {
  return pkt.protocols.join(':');
}

registerNamed('data', (tvb: Tvb, pkt: Packet, tree: Tree) => {
  if (tvb.length === 0) return;
  const t = tree.proto(dataProto, tvb, 0, tvb.length, tree.on ? `Data (${tvb.length} bytes)` : undefined);
  t.add(hfData.data, tvb, 0, tvb.length);
  t.gen(hfData.len, null, 0, 0, tvb.length);
  if (pkt.engine.columns && !pkt.info) pkt.setInfo(`Data (${tvb.length} bytes)`);
});
