/**
 * The ESP algorithms vpnshark can decrypt and verify, under the names Wireshark's esp_sa table uses
 * (packet-esp.c esp_encryption_type_vals / esp_authentication_type_vals) and the names Linux prints
 * in `ip xfrm state`. One record per algorithm says what the ESP layout needs: IV, block, salt and
 * ICV lengths.
 */

export type EspCipherId = 'null' | 'aes-cbc' | 'aes-ctr' | 'aes-gcm' | '3des-cbc' | 'des-cbc' | 'chacha20-poly1305';

export interface EspCipher {
  id: EspCipherId;
  /** Wireshark's display name (the text of the esp_sa file and of "<...>" in the tree). */
  name: string;
  /** Bytes of explicit IV after the sequence number. */
  ivLen: number;
  /** Ciphertext must be a multiple of this (1 for stream modes). */
  blockLen: number;
  /** Bytes at the end of the configured key that are the nonce/salt, not cipher key (RFC 3686, 4106, 7634). */
  saltLen: number;
  /** Allowed cipher key lengths in bytes, salt excluded. */
  keyLens: number[];
  /** AEAD: the ICV is the cipher's tag, of this many bytes (0: not AEAD, or the length comes from the auth entry). */
  tagLen: number;
  aead: boolean;
}

export type EspAuthId =
  | 'null' | 'hmac-md5-96' | 'hmac-sha1-96' | 'hmac-sha256-96' | 'hmac-sha256-128' | 'hmac-sha384-192' | 'hmac-sha512-256'
  | 'any-64' | 'any-96' | 'any-128' | 'any-192' | 'any-256';

export interface EspAuth {
  id: EspAuthId;
  name: string;
  /** node:crypto hash for the HMAC; null when the ICV is not checked (NULL, "ANY n bit"). */
  hash: 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512' | null;
  icvLen: number;
}

const AES_KEYS = [16, 24, 32];

export const ESP_CIPHERS: readonly EspCipher[] = [
  { id: 'null', name: 'NULL', ivLen: 0, blockLen: 1, saltLen: 0, keyLens: [0], tagLen: 0, aead: false },
  { id: '3des-cbc', name: 'TripleDES-CBC [RFC2451]', ivLen: 8, blockLen: 8, saltLen: 0, keyLens: [24], tagLen: 0, aead: false },
  { id: 'aes-cbc', name: 'AES-CBC [RFC3602]', ivLen: 16, blockLen: 16, saltLen: 0, keyLens: AES_KEYS, tagLen: 0, aead: false },
  { id: 'aes-ctr', name: 'AES-CTR [RFC3686]', ivLen: 8, blockLen: 1, saltLen: 4, keyLens: AES_KEYS, tagLen: 0, aead: false },
  { id: 'des-cbc', name: 'DES-CBC [RFC2405]', ivLen: 8, blockLen: 8, saltLen: 0, keyLens: [8], tagLen: 0, aead: false },
  // Wireshark's deprecated entry without an ICV length: the length comes from an "ANY n bit" entry.
  { id: 'aes-gcm', name: 'AES-GCM [RFC4106]', ivLen: 8, blockLen: 1, saltLen: 4, keyLens: AES_KEYS, tagLen: 0, aead: true },
  { id: 'aes-gcm', name: 'AES-GCM with 8 octet ICV [RFC4106]', ivLen: 8, blockLen: 1, saltLen: 4, keyLens: AES_KEYS, tagLen: 8, aead: true },
  { id: 'aes-gcm', name: 'AES-GCM with 12 octet ICV [RFC4106]', ivLen: 8, blockLen: 1, saltLen: 4, keyLens: AES_KEYS, tagLen: 12, aead: true },
  { id: 'aes-gcm', name: 'AES-GCM with 16 octet ICV [RFC4106]', ivLen: 8, blockLen: 1, saltLen: 4, keyLens: AES_KEYS, tagLen: 16, aead: true },
  // Not in Wireshark 4.0's list; the name follows its pattern.
  { id: 'chacha20-poly1305', name: 'ChaCha20 with Poly1305 [RFC7634]', ivLen: 8, blockLen: 1, saltLen: 4, keyLens: [32], tagLen: 16, aead: true },
];

export const ESP_AUTHS: readonly EspAuth[] = [
  { id: 'null', name: 'NULL', hash: null, icvLen: 0 },
  { id: 'hmac-sha1-96', name: 'HMAC-SHA-1-96 [RFC2404]', hash: 'sha1', icvLen: 12 },
  { id: 'hmac-sha256-96', name: 'HMAC-SHA-256-96 [draft-ietf-ipsec-ciph-sha-256-00]', hash: 'sha256', icvLen: 12 },
  { id: 'hmac-sha256-128', name: 'HMAC-SHA-256-128 [RFC4868]', hash: 'sha256', icvLen: 16 },
  { id: 'hmac-sha384-192', name: 'HMAC-SHA-384-192 [RFC4868]', hash: 'sha384', icvLen: 24 },
  { id: 'hmac-sha512-256', name: 'HMAC-SHA-512-256 [RFC4868]', hash: 'sha512', icvLen: 32 },
  { id: 'hmac-md5-96', name: 'HMAC-MD5-96 [RFC2403]', hash: 'md5', icvLen: 12 },
  { id: 'any-64', name: 'ANY 64 bit authentication [no checking]', hash: null, icvLen: 8 },
  { id: 'any-96', name: 'ANY 96 bit authentication [no checking]', hash: null, icvLen: 12 },
  { id: 'any-128', name: 'ANY 128 bit authentication [no checking]', hash: null, icvLen: 16 },
  { id: 'any-192', name: 'ANY 192 bit authentication [no checking]', hash: null, icvLen: 24 },
  { id: 'any-256', name: 'ANY 256 bit authentication [no checking]', hash: null, icvLen: 32 },
];

/**
 * Finds a cipher by its esp_sa name. Case-insensitive because strongSwan's save-keys plugin writes
 * "TripleDes-CBC [RFC2451]" where Wireshark writes "TripleDES-CBC [RFC2451]".
 */
export function espCipherByName(name: string): EspCipher | undefined {
  const n = name.trim().toLowerCase();
  return ESP_CIPHERS.find((c) => c.name.toLowerCase() === n);
}

export function espAuthByName(name: string): EspAuth | undefined {
  const n = name.trim().toLowerCase();
  return ESP_AUTHS.find((a) => a.name.toLowerCase() === n);
}

export function espCipherById(id: EspCipherId, tagLen = 0): EspCipher {
  return ESP_CIPHERS.find((c) => c.id === id && (!c.aead || c.tagLen === tagLen || (id === 'chacha20-poly1305')))!;
}

export function espAuthById(id: EspAuthId): EspAuth {
  return ESP_AUTHS.find((a) => a.id === id)!;
}
