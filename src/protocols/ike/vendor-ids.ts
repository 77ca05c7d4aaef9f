/**
 * Known Vendor ID payloads (RFC 2408 §3.16). Most are an MD5 hash of a text naming an
 * implementation or an extension (NAT-T drafts, DPD, XAUTH, fragmentation); a few carry
 * a version after a fixed prefix. A Vendor ID matches an entry when the entry is a prefix
 * of it; the first matching entry wins, in the order below (as Wireshark looks them up),
 * so that e.g. a 16-byte XAUTH draft ID is named before the 8-byte XAUTH prefix.
 */

export interface VendorId {
  bytes: Uint8Array;
  name: string;
}

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** ASCII text as bytes, for the Vendor IDs that are plain strings rather than hashes. */
function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export const VID_CISCO_UNITY = hex('12f5f28c457168a9702d9fe274cc');
export const VID_MS_NT5_ISAKMPOAKLEY = hex('1e2b516905991c7d7c96fcbfb587e461');
export const VID_CP_01_R65 = hex('f4ed19e0c114eb516faaac0ee37daf2807b4381f');
export const VID_ARUBA_VIA_AUTH_PROFILE = ascii('VIA Auth Profile : ');
export const VID_FORTINET_FORTIGATE = hex('8299031757a36082c6a621de');
export const VID_RFC3947_NAT_T = hex('4a131c81070358455c5728f20e95452f');

const TABLE: [string | Uint8Array, string][] = [
  ['fbf47614984031fa8e3bb6198089b223', 'Ssh Communications Security IPSEC Express version 1.1.0'],
  ['1952dc91ac20f646fb01cf42a33aee30', 'Ssh Communications Security IPSEC Express version 1.1.1'],
  ['e8bffa643e5c8f2cd10fda7370b6ebe5', 'Ssh Communications Security IPSEC Express version 1.1.2'],
  ['c1111b2dee8cbc3d620573ec57aab9cb', 'Ssh Communications Security IPSEC Express version 1.2.1'],
  ['09ec27bfbc09c75823cfecbffe565a2e', 'Ssh Communications Security IPSEC Express version 1.2.2'],
  ['7f21a596e4e318f0b2f4944c2384cb84', 'SSH Communications Security IPSEC Express version 2.0.0'],
  ['2836d1fd2807bc9e5ae30786320451ec', 'SSH Communications Security IPSEC Express version 2.1.0'],
  ['a68de756a9c5229bae66498040951ad5', 'SSH Communications Security IPSEC Express version 2.1.1'],
  ['3f2372867e237c1cd8250a75559cae20', 'SSH Communications Security IPSEC Express version 2.1.2'],
  ['0e58d5774df602007d0b02443660f7eb', 'SSH Communications Security IPSEC Express version 3.0.0'],
  ['f5ce31ebc210f44350cf71265b57380f', 'SSH Communications Security IPSEC Express version 3.0.1'],
  ['f64260af2e2742daddd56987068a99a0', 'SSH Communications Security IPSEC Express version 4.0.0'],
  ['7a54d3bdb3b1e6d923892064be2d981c', 'SSH Communications Security IPSEC Express version 4.0.1'],
  ['9aa1f3b43472a45d5f506aeb260cf214', 'SSH Communications Security IPSEC Express version 4.1.0'],
  ['89f7b760d86b012acf263382394d962f', 'SSH Communications Security IPSEC Express version 4.1.1'],
  ['6880c7d026099114e486c55430e7abee', 'SSH Communications Security IPSEC Express version 4.2.0'],
  ['b037a21aceccb5570f602546f97bde8c', 'SSH Communications Security IPSEC Express version 5.0'],
  ['2b2dad97c4d140930053287f996850b0', 'SSH Communications Security IPSEC Express version 5.0.0'],
  ['45e17f3abe93944cb202910c59ef806b', 'SSH Communications Security IPSEC Express version 5.1.0'],
  ['5925859f7377ed7816d2fb81c01fa551', 'SSH Communications Security IPSEC Express version 5.1.1'],
  ['054182a07c7ae206f9d2cf9d2432c482', 'SSH Sentinel'],
  ['b91623e693ca18a54c6a2778552305e8', 'SSH Sentinel 1.1'],
  ['5430888de01a31a6fa8f60224e449958', 'SSH Sentinel 1.2'],
  ['7ee5cb85f71ce259c94a5c731ee4e752', 'SSH Sentinel 1.3'],
  ['63d9a1a7009491b5a0a6fdeb2a8284f0', 'SSH Sentinel 1.4'],
  ['eb4b0d96276b4e220ad16221a7b2a5e6', 'SSH Sentinel 1.4.1'],
  ['37eba0c4136184e7daf8562a77060b4a', 'SSH Communications Security QuickSec 0.9.0'],
  ['5d72925e55948a9661a7fc48fdec7ff9', 'SSH Communications Security QuickSec 1.1.0'],
  ['777fbf4c5af6d1cdd4b895a05bf82594', 'SSH Communications Security QuickSec 1.1.1'],
  ['2cdf08e712ede8a5978761267cd19b91', 'SSH Communications Security QuickSec 1.1.2'],
  ['59e454a8c2cf02a34959121f1890bc87', 'SSH Communications Security QuickSec 1.1.3'],
  ['6a7434c19d7e36348090a02334c9c805', 'draft-huttunen-ipsec-esp-in-udp-00.txt'],
  ['50760f624c63e5c53eea386c685ca083', 'draft-huttunen-ipsec-esp-in-udp-01.txt (ESPThruNAT)'],
  ['27bab5dc01ea0760ea4e3190ac27c0d0', 'draft-stenberg-ipsec-nat-traversal-01'],
  ['6105c422e76847e43f9684801292aecd', 'draft-stenberg-ipsec-nat-traversal-02'],
  ['4df37928e9fc4fd1b3262170d515c662', 'draft-ietf-ipsec-nat-t-ike'],
  ['4485152d18b6bbcd0be8a8469579ddcc', 'draft-ietf-ipsec-nat-t-ike-00'],
  ['16f6ca16e4a4066d83821a0f0aeaa862', 'draft-ietf-ipsec-nat-t-ike-01'],
  ['cd60464335df21f87cfdb2fc68b6a448', 'draft-ietf-ipsec-nat-t-ike-02'],
  // The MD5 of the draft name with a trailing newline; Wireshark names it with a literal "\n".
  ['90cb80913ebb696e086381b5ec427b1f', 'draft-ietf-ipsec-nat-t-ike-02\\n'],
  ['7d9419a65310ca6f2c179d9215529d56', 'draft-ietf-ipsec-nat-t-ike-03'],
  ['9909b64eed937c6573de52ace952fa6b', 'draft-ietf-ipsec-nat-t-ike-04'],
  ['80d0bb3def54565ee84645d4c85ce3ee', 'draft-ietf-ipsec-nat-t-ike-05'],
  ['4d1e0e136deafa34c4f3ea9f02ec7285', 'draft-ietf-ipsec-nat-t-ike-06'],
  ['439b59f8ba676c4c7737ae22eab8f582', 'draft-ietf-ipsec-nat-t-ike-07'],
  ['8f8d83826d246b6fc7a8a6a428c11de8', 'draft-ietf-ipsec-nat-t-ike-08'],
  ['42ea5b6f898d9773a575df26e7dd19e1', 'draft-ietf-ipsec-nat-t-ike-09'],
  ['c40fee00d5d39ddb1fc762e09b7cfea7', 'Testing NAT-T RFC'],
  [VID_RFC3947_NAT_T, 'RFC 3947 Negotiation of NAT-Traversal in the IKE'],
  ['09002689dfd6b71280a224dec33b81e5', 'draft-beaulieu-ike-xauth-02.txt'],
  ['09002689dfd6b712', 'XAUTH'],
  ['afcad71368a1f1c96b8696fc77570100', 'RFC 3706 DPD (Dead Peer Detection)'],
  ['325df29a2319f2dd', 'draft-ietf-ipsec-antireplay-00.txt'],
  ['8db7a41811221660', 'draft-ietf-ipsec-heartbeats-00.txt'],
  ['ba290499c24e84e53a1d83a05e5f00c9', 'IKE Challenge/Response for Authenticated Cryptographic Keys'],
  ['0d33611a5d521b5e3c9c03d2fc107e12', 'IKE Challenge/Response for Authenticated Cryptographic Keys'],
  ['ad3251042cdc4652c9e0734ce5de4c7d', 'IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)'],
  ['013f11823f966fa91900f024ba66a86b', 'IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)'],
  ['4048b7d56ebce88525e7de7f00d6c2d3', 'Cisco Fragmentation'],
  [ascii('FLEXVPN-SUPPORTED'), 'Cisco FlexVPN Supported'],
  [ascii('CISCO-DELETE-REASON'), 'Cisco Delete Reason Supported'],
  [ascii('CISCO-DYNAMIC-ROUTE'), 'Cisco Dynamic Route Supported'],
  [ascii('CISCOVPN-REV-02'), 'Cisco VPN Revision 2'],
  [ascii('CISCO(COPYRIGHT)&Copyright (c) 2009 Cisco Systems, Inc.'), 'Cisco Copyright'],
  [ascii('CISCO-GRE-MODE'), 'Cisco GRE Mode Supported'],
  ['26244d38eddb61b3172a36e3d0cfb819', 'Microsoft Vid-Initial-Contact'],
  ['b46d8914f3aaa3f2fedeb7c7db2943ca', 'A GSS-API Authentication Method for IKE'],
  ['ad2c0dd0b9c32083ccba25b8861ec455', 'A GSS-API Authentication Method for IKE'],
  ['621b04bb09882ac1e15935fefa24aeee', 'GSSAPI'],
  [VID_MS_NT5_ISAKMPOAKLEY, 'MS NT5 ISAKMPOAKLEY'],
  [VID_CISCO_UNITY, 'CISCO-UNITY'],
  ['1f07f70eaa6514d3b0fa96542a500100', 'CISCO-CONCENTRATOR'],
  ['4048b7d56ebce88525e7de7f00d6c2d380000000', 'Cisco Fragmentation'],
  [VID_CP_01_R65, 'CryptoPro/GOST 0.1 / Check Point R65'],
  ['031017e07f7a82e3aa6950c999990100', 'CryptoPro/GOST 1.0 / Check Point R71'],
  ['031017e07f7a82e3aa6950c999990101', 'CryptoPro/GOST 1.1'],
  ['9aa1f3b43472a45d5f506aeb26c0f214', 'CyberGuard'],
  ['f14b94b7bff1fef02773b8c49feded26', 'Shrew Soft'],
  ['882fe56d6fd20dbc2251613b2ebe5beb', 'strongSwan'],
  ['7003cbc1097dbe9c2600ba6983bc8b35', 'KAME/racoon'],
  ['20a3622c1cea7ce37bee3ca484425276', 'IPSec-Tools'],
  ['299ee8289f40a8973bc78687e2e7226b532c3b76', 'Netscreen-1'],
  ['3a15e1f3cf2a63582e3ac82d1c64cbe3b6d779e7', 'Netscreen-2'],
  ['47d2b126bfcd83489760e2cf8c5d4d5a03497c15', 'Netscreen-3'],
  ['4a4340b543e02b84c88a8b96a8af9ebe77d9accc', 'Netscreen-4'],
  ['64405f46f03b7660a23be116a1975058e69e8387', 'Netscreen-5'],
  ['699369228741c6d4ca094c93e242c9de19e7b7c6', 'Netscreen-6'],
  ['8c0dc6cf62a0ef1b5c6eabd1b67ba69866adf16a', 'Netscreen-7'],
  ['92d27a9ecb31d99246986d3453d0c3d57a222a61', 'Netscreen-8'],
  ['9b096d9ac3275a7d6fe8b91c583111b09efed1a0', 'Netscreen-9'],
  ['bf03746108d746c904f1f3547de24f78479fed12', 'Netscreen-10'],
  ['c2e80500f4cc5fbf5daaeed3bb59abaeee56c652', 'Netscreen-11'],
  ['c8660a62b03b1b6130bf781608d32a6a8d0fb89f', 'Netscreen-12'],
  ['f885da40b1e7a9abd17655ec5bbec0f21f0ed52e', 'Netscreen-13'],
  ['2a2bcac19b8e91b426107807e02e7249569d6fd3', 'Netscreen-14'],
  ['166f932d55eb64d8e4df4fd37e2313f0d0fd8451', 'Netscreen-15'],
  ['a35bfd05ca1ac0b3d2f24e9e82bfcbff9c9e52b5', 'Netscreen-16'],
  ['625027749d5ab97f5616c1602765cf480a3b7d0b', 'ZYWALL'],
  ['8404adf9cda05760b2ca292e4bff537b', 'SIDEWINDER'],
  ['404bf439522ca3f6', 'SonicWALL'],
  [ascii('HeartBeat_Notify'), 'Heartbeat Notify'],
  ['2d7922c6b301d9b0e1342739e9cfbbd5', 'DWR: Delete with reason'],
  ['ca3e2b854ba8030017dc1023a4fde2041f9f7463', 'Remote AP (Aruba Networks)'],
  ['3c8e70bdf9c7d74add53e4100915dc2e4bb51274', 'Controller (Aruba Networks)'],
  ['88f0e3149b3fa48b05aa7f685f0b766be186ccb8', 'VIA Client (Aruba Networks)'],
  [VID_ARUBA_VIA_AUTH_PROFILE, 'VIA Auth Profile (Aruba Networks)'],
  ['e3a5966a76379fe707228231e5ce8652', 'IKE CGA Version 1'],
  ['fb1de3cdf341b7ea16b7e5be0855f120', 'MS-Negotiation Discovery Capable'],
  [VID_FORTINET_FORTIGATE, 'Fortigate (Fortinet)'],
  ['4c53427b6d465d1b337bb755a37a7fef', 'Forticlient connect license (Fortinet)'],
  ['b4f01ca951e9da8d0bafbbd34ad3044e', 'Endpoint Control (Fortinet)'],
];

const VENDOR_IDS: VendorId[] = TABLE.map(([b, name]) => ({ bytes: typeof b === 'string' ? hex(b) : b, name }));

/** True when prefix is a prefix of data. */
export function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix[i]) return false;
  return true;
}

/** The name of the first known Vendor ID that data starts with, or undefined. */
export function vendorIdName(data: Uint8Array): string | undefined {
  for (const v of VENDOR_IDS) if (startsWith(data, v.bytes)) return v.name;
  return undefined;
}
