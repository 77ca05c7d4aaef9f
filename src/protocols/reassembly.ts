/**
 * IP fragment reassembly for IPv4 and IPv6, with bounded memory: at most MAX_TRAINS datagrams
 * in progress, each at most 65,535 bytes + header room, and a train that has not completed
 * within TIMEOUT_FRAMES frames is dropped. The datagram is dissected whole in the frame that
 * completes it, from a new data source ("Reassembled IPv4"), as Wireshark does.
 */
import { fieldsOf } from '../core/fields.js';
import type { Packet } from '../core/packet.js';
import type { Tree } from '../core/tree.js';
import { Tvb } from '../core/tvb.js';
import { AgedMap } from '../core/aged-map.js';

const MAX_TRAINS = 4096;
const MAX_DATAGRAM = 65535 + 8;
const TIMEOUT_FRAMES = 20000;

interface Part {
  frame: number;
  offset: number;
  bytes: Uint8Array;
}

interface Train {
  parts: Part[];
  total: number; // -1 until the last fragment is seen
  firstFrame: number;
  size: number;
}

interface FragmentInfo {
  offset: number;
  more: boolean;
  proto: number;
}

function fragmentFields(p: 'ip' | 'ipv6') {
  const f = fieldsOf(p);
  const name = p === 'ip' ? 'IPv4' : 'IPv6';
  return {
    fragments: f('fragments', `${name} Fragments`, 'bytes'),
    fragment: f('fragment', `${name} Fragment`, 'framenum'),
    count: f('fragment.count', 'Fragment count', 'uint32'),
    length: f('reassembled.length', `Reassembled ${name} length`, 'uint32', { blurb: 'The total length of the reassembled payload' }),
    data: f('reassembled.data', `Reassembled ${name} data`, 'bytes', { blurb: 'The reassembled payload' }),
    overlap: f('fragment.overlap', 'Fragment overlap', 'bool', { blurb: 'Fragment overlaps with other fragments' }),
    toolong: f('fragment.toolongfragment', 'Fragment too long', 'bool', { blurb: 'Fragment contained data past end of packet' }),
  };
}

const hf4 = fragmentFields('ip');
const hf6 = fragmentFields('ipv6');

class FragmentTable {
  private readonly trains = new AgedMap<string, Train>();
  constructor(private readonly name: 'IPv4' | 'IPv6') {}

  /** Add one fragment; returns the whole datagram once every byte of it has arrived. */
  add(key: string, frag: FragmentInfo, bytes: Uint8Array, pkt: Packet, tree: Tree): { data: Uint8Array; parts: Part[] } | null {
    this.expire(pkt);
    let tr = this.trains.get(key);
    if (!tr) {
      if (this.trains.size >= MAX_TRAINS) {
        this.trains.dropOldest();
        pkt.engine.expertOnce(pkt, tree, 'note', 'reassemble', 'ip.reassembly_evicted',
          `${this.name} reassembly: more than ${MAX_TRAINS} datagrams in progress; the oldest were dropped`);
      }
      tr = { parts: [], total: -1, firstFrame: pkt.num, size: 0 };
      this.trains.set(key, tr);
    }
    const end = frag.offset + bytes.length;
    if (end > MAX_DATAGRAM) {
      pkt.engine.expert(pkt, tree, 'error', 'malformed', 'ip.fragment.toolongfragment',
        `${this.name} fragment ends at byte ${end}, past the largest possible datagram`);
      return null;
    }
    if (!frag.more) tr.total = end;
    tr.parts.push({ frame: pkt.num, offset: frag.offset, bytes: Uint8Array.from(bytes) });
    tr.size += bytes.length;
    if (tr.total < 0) return null;
    // Complete when the parts cover [0, total) without a gap.
    const sorted = [...tr.parts].sort((a, b) => a.offset - b.offset);
    let covered = 0;
    for (const p of sorted) {
      if (p.offset > covered) return null;
      covered = Math.max(covered, p.offset + p.bytes.length);
    }
    if (covered < tr.total) return null;
    const data = new Uint8Array(tr.total);
    for (const p of sorted) data.set(p.bytes.subarray(0, Math.max(0, Math.min(p.bytes.length, tr.total - p.offset))), p.offset);
    this.trains.delete(key);
    return { data, parts: sorted };
  }

  private expire(pkt: Packet): void {
    for (const [k, tr] of this.trains) {
      if (pkt.num - tr.firstFrame <= TIMEOUT_FRAMES) break;
      this.trains.delete(k);
    }
  }
}

function show(hf: ReturnType<typeof fragmentFields>, name: string, whole: { data: Uint8Array; parts: Part[] }, pkt: Packet, tree: Tree): Tvb {
  const ds = pkt.addSource(`Reassembled ${name} (${whole.data.length} bytes)`, whole.data);
  const tvb = new Tvb(whole.data, 0, whole.data.length, whole.data.length, ds, 0);
  if (tree.on || pkt.interest[hf.fragment.id] || pkt.interest[hf.count.id] || pkt.interest[hf.length.id]) {
    const t = tree.add(hf.fragments, tvb, 0, whole.data.length, whole.data,
      `[${whole.parts.length} ${name} Fragments (${whole.data.length} bytes): ${whole.parts.map((p) => `#${p.frame}(${p.bytes.length})`).join(', ')}]`);
    for (const p of whole.parts) {
      t.add(hf.fragment, tvb, p.offset, Math.min(p.bytes.length, whole.data.length - p.offset), p.frame,
        `[Frame: ${p.frame}, payload: ${p.offset}-${p.offset + p.bytes.length - 1} (${p.bytes.length} bytes)]`);
    }
    t.gen(hf.count, null, 0, 0, whole.parts.length);
    t.gen(hf.length, null, 0, 0, whole.data.length);
    t.add(hf.data, tvb, 0, whole.data.length, whole.data);
  }
  return tvb;
}

/** An IPv4 fragment: returns the reassembled payload when this fragment completes it. */
export function ipv4Fragment(payload: Tvb, pkt: Packet, tree: Tree,
  k: { src: number; dst: number; id: number; proto: number; offset: number; more: boolean }): Tvb | null {
  const table = pkt.engine.state('ip.reassembly', () => new FragmentTable('IPv4'));
  const got = table.add(`${k.src}/${k.dst}/${k.id}/${k.proto}`, k, payload.bytes(0, payload.length), pkt, tree);
  return got ? show(hf4, 'IPv4', got, pkt, tree) : null;
}

/** An IPv6 fragment (RFC 8200 §4.5). */
export function ipv6Fragment(payload: Tvb, pkt: Packet, tree: Tree,
  k: { src: string; dst: string; id: number; proto: number; offset: number; more: boolean }): Tvb | null {
  const table = pkt.engine.state('ipv6.reassembly', () => new FragmentTable('IPv6'));
  const got = table.add(`${k.src}/${k.dst}/${k.id}`, k, payload.bytes(0, payload.length), pkt, tree);
  return got ? show(hf6, 'IPv6', got, pkt, tree) : null;
}
