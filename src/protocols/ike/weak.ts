/**
 * Which IKE and IPsec algorithms are weak: single DES and 3DES (56-bit key; 64-bit block open to
 * Sweet32), NULL encryption, MD5 and SHA-1 for integrity or as the PRF, and Diffie-Hellman groups
 * 1, 2, 5 and 22-24 or any private MODP group under 2048 bits (RFC 8247 §2.1-2.4, RFC 8221 §5,
 * RFC 9395 for IKEv1 as a whole). Each answer names the algorithm so a finding can say what is weak.
 */

/** DH groups RFC 8247 §2.4 says MUST NOT or SHOULD NOT be used, with their strength in words. */
const WEAK_DH: ReadonlyMap<number, string> = new Map([
  [1, 'DH group 1 (768-bit MODP)'],
  [2, 'DH group 2 (1024-bit MODP)'],
  [5, 'DH group 5 (1536-bit MODP)'],
  [22, 'DH group 22 (1024-bit MODP, 160-bit subgroup)'],
  [23, 'DH group 23 (2048-bit MODP, 224-bit subgroup)'],
  [24, 'DH group 24 (2048-bit MODP, 256-bit subgroup)'],
]);

export function weakDhGroup(group: number): string | undefined {
  return WEAK_DH.get(group);
}

/** An IKEv1 private group given by its prime (RFC 2409 App. A Group-Prime): weak under 2048 bits. */
export function weakPrivateModp(primeBytes: Uint8Array): string | undefined {
  let i = 0;
  while (i < primeBytes.length && primeBytes[i] === 0) i++;
  if (i === primeBytes.length) return undefined;
  const bits = (primeBytes.length - i - 1) * 8 + (32 - Math.clz32(primeBytes[i]));
  return bits < 2048 ? `private ${bits}-bit MODP group` : undefined;
}

/** IKEv2 transforms (RFC 7296 §3.3.2) by transform type and ID. */
export function weakIkev2Transform(type: number, id: number): string | undefined {
  switch (type) {
    case 1: // ENCR
      if (id === 1 || id === 2 || id === 9) return 'DES encryption';
      if (id === 3) return '3DES encryption';
      if (id === 11) return 'NULL encryption';
      if (id === 21) return 'NULL encryption (AES-GMAC integrity only)';
      return undefined;
    case 2: // PRF
      if (id === 1) return 'MD5 PRF';
      if (id === 2) return 'SHA-1 PRF';
      return undefined;
    case 3: // INTEG
      if (id === 1 || id === 4 || id === 6) return 'MD5 integrity';
      if (id === 2 || id === 7) return 'SHA-1 integrity';
      if (id === 3) return 'DES-MAC integrity';
      return undefined;
    case 4: // D-H
      return weakDhGroup(id);
    default:
      return undefined;
  }
}

/** IKEv1 phase 1 Encryption-Algorithm attribute (RFC 2409 App. A). */
export function weakIkev1Cipher(id: number): string | undefined {
  if (id === 1) return 'DES encryption';
  if (id === 5) return '3DES encryption';
  return undefined;
}

/** IKEv1 phase 1 Hash-Algorithm attribute: used for the PRF and the HASH payloads. */
export function weakIkev1Hash(id: number): string | undefined {
  if (id === 1) return 'MD5 hash';
  if (id === 2) return 'SHA-1 hash';
  return undefined;
}

/** IKEv1 phase 2 ESP transform IDs (RFC 2407 §4.4.4). */
export function weakEspTransform(id: number): string | undefined {
  if (id === 1 || id === 2 || id === 9) return 'DES encryption';
  if (id === 3) return '3DES encryption';
  if (id === 11) return 'NULL encryption';
  return undefined;
}

/** IKEv1 phase 2 AH transform IDs (RFC 2407 §4.4.3). */
export function weakAhTransform(id: number): string | undefined {
  if (id === 2) return 'MD5 integrity';
  if (id === 3) return 'SHA-1 integrity';
  if (id === 4) return 'DES-MAC integrity';
  return undefined;
}

/** IKEv1 phase 2 Authentication Algorithm attribute (RFC 2407 §4.5). */
export function weakIpsecAuth(id: number): string | undefined {
  if (id === 1) return 'MD5 integrity';
  if (id === 2) return 'SHA-1 integrity';
  if (id === 3) return 'DES-MAC integrity';
  if (id === 4) return 'MD5 integrity (KPDK)';
  return undefined;
}

/** IKEv1 authentication methods that rest on a pre-shared key (RFC 2409 App. A, XAUTH draft). */
export function isPskMethod(method: number): boolean {
  return method === 1 || method === 65001 || method === 65002;
}
