/** A host on the capture's Ethernet segment: its addresses and the IPv4 Identification counter it uses. */
import { ETHERTYPE_IPV4, ethernet, ipv4Packet } from './net.js';

export class Host {
  constructor(
    readonly mac: Uint8Array,
    readonly ip: Uint8Array,
    private ipId: number,
    readonly ttl: number,
  ) {}

  nextIpId(): number {
    const id = this.ipId;
    this.ipId = (this.ipId + 1) & 0xffff;
    return id;
  }

  /** An IPv4 packet from this host to `to`, without the Ethernet header. */
  ip4(to: { ip: Uint8Array }, proto: number, payload: Uint8Array): Uint8Array {
    return ipv4Packet({ src: this.ip, dst: to.ip, proto, id: this.nextIpId(), ttl: this.ttl }, payload);
  }

  /** The same packet framed in Ethernet, as seen on the wire between the two hosts. */
  frame(to: { mac: Uint8Array; ip: Uint8Array }, proto: number, payload: Uint8Array): Uint8Array {
    return ethernet(to.mac, this.mac, ETHERTYPE_IPV4, this.ip4(to, proto, payload));
  }
}
