/**
 * The ISAKMP/IKE fields, declared once with Wireshark's display-filter names, labels, types and
 * bases. Fields that Wireshark registers twice under one name (an IKEv1 and an IKEv2 variant
 * with different value names) are declared once here with the IKEv1 names; the dissectors
 * write the IKEv2 label themselves (see label() in ctx.ts).
 */
import { defineProtocol, fieldsOf, type FieldDef, type ValueNames } from '../../core/fields.js';
import * as V from './values.js';

export const isakmpProto = defineProtocol({
  abbrev: 'isakmp',
  name: 'Internet Security Association and Key Management Protocol',
  short: 'ISAKMP',
  blurb: 'Negotiates and authenticates IPsec security associations: ISAKMP/IKEv1 and IKEv2',
  ref: 'RFC 2408, RFC 2409, RFC 7296',
});

const f = fieldsOf('isakmp');
const R1 = 'RFC 2408';
const R2 = 'RFC 7296';

/** The common part of a TV/TLV attribute (RFC 2408 §3.3): the item, its format bit, type, length and value. */
export interface AttrFields {
  all: FieldDef;
  format: FieldDef;
  type: FieldDef;
  length: FieldDef;
  value: FieldDef;
  /** Names of the attribute types, for the item's summary text. */
  typeNames: ValueNames;
}

function attrFields(prefix: string, label: string, typeNames: ValueNames, what: string, ref: string): AttrFields {
  return {
    all: f(prefix, label, 'none', { blurb: `One ${what} attribute, Type/Value or Type/Length/Value`, ref }),
    type: f(`${prefix}.type`, 'Type', 'uint16', { vals: typeNames, blurb: `The ${what} attribute type (format bit removed)`, ref }),
    format: f(`${prefix}.format`, 'Format', 'bool', {
      mask: 0x8000, bits: 16, tf: V.TF_ATTR_FORMAT,
      blurb: `Set when the ${what} attribute is Type/Value (a 2-byte value, no length)`, ref,
    }),
    length: f(`${prefix}.length`, 'Length', 'uint16', { blurb: `Length of the ${what} attribute value in octets (TLV format)`, ref }),
    value: f(`${prefix}.value`, 'Value', 'bytes', { blurb: `The raw ${what} attribute value`, ref }),
    typeNames,
  };
}

function lifeFields(prefix: string, ref: string) {
  return {
    life_type: f(`${prefix}.life_type`, 'Life Type', 'uint16', { vals: V.LIFE_TYPE, blurb: 'Unit of the following Life Duration: seconds or kilobytes', ref }),
    life_duration: f(`${prefix}.life_duration`, 'Life Duration', 'uint32', { blurb: 'SA lifetime, in the unit of the preceding Life Type (1 to 4 octets)', ref }),
    life_duration64: f(`${prefix}.life_duration64`, 'Life Duration', 'uint64', { blurb: 'SA lifetime, in the unit of the preceding Life Type (5 to 8 octets)', ref }),
    life_duration_bytes: f(`${prefix}.life_duration_bytes`, 'Life Duration', 'bytes', { blurb: 'SA lifetime longer than 8 octets, shown as bytes', ref }),
  };
}

export const hf = {
  // Header (RFC 2408 §3.1, RFC 7296 §3.1)
  ispi: f('ispi', 'Initiator SPI', 'bytes', { blurb: 'Initiator cookie (IKEv1) or initiator SPI (IKEv2) naming the IKE SA', ref: `${R1} §3.1` }),
  rspi: f('rspi', 'Responder SPI', 'bytes', { blurb: 'Responder cookie or SPI; zero in the first message of an exchange that creates the SA', ref: `${R1} §3.1` }),
  typepayload: f('typepayload', 'Payload', 'uint8', { vals: V.PAYLOAD_TYPE, blurb: 'Type of this payload, from the previous payload\'s Next Payload field', ref: `${R1} §3.2` }),
  nextpayload: f('nextpayload', 'Next payload', 'uint8', { vals: V.PAYLOAD_TYPE, blurb: 'Type of the payload that follows this one (0: none)', ref: `${R1} §3.2` }),
  criticalpayload: f('criticalpayload', 'Critical Bit', 'bool', { mask: 0x80, bits: 8, tf: V.TF_CRITICAL, blurb: 'IKEv2: the recipient must reject the message if it does not understand this payload', ref: `${R2} §3.2` }),
  reserved7: f('reserved7', 'Reserved', 'uint8', { base: 'hex', mask: 0x7f, blurb: 'Reserved bits after the IKEv2 critical bit; must be zero', ref: `${R2} §3.2` }),
  reserved: f('reserved', 'Reserved', 'bytes', { blurb: 'Reserved octets; must be zero', ref: `${R1} §3.2` }),
  reserved2: f('reserved2', 'Reserved2', 'bytes', { blurb: 'GDOI SA payload reserved octets', ref: 'RFC 6407 §5.1' }),
  extradata: f('extradata', 'Extra data', 'bytes', { blurb: 'Bytes left inside the message after a payload whose Next Payload was NONE', ref: `${R1} §3.2` }),
  datapayload: f('datapayload', 'Data Payload', 'bytes', { blurb: 'Body of a payload type that is not dissected', ref: `${R1} §3.2` }),
  version: f('version', 'Version', 'uint8', { base: 'hex', blurb: 'Major and minor protocol version: 0x10 for IKEv1, 0x20 for IKEv2', ref: `${R1} §3.1` }),
  mjver: f('mjver', 'MjVer', 'uint8', { base: 'hex', mask: 0xf0, blurb: 'Major version: 1 for ISAKMP/IKEv1, 2 for IKEv2', ref: `${R1} §3.1` }),
  mnver: f('mnver', 'MnVer', 'uint8', { base: 'hex', mask: 0x0f, blurb: 'Minor version (0)', ref: `${R1} §3.1` }),
  exchangetype: f('exchangetype', 'Exchange type', 'uint8', { vals: V.EXCHANGE_V1, blurb: 'The exchange this message belongs to (Main Mode, Quick Mode, IKE_SA_INIT, ...)', ref: `${R1} §3.1, ${R2} §3.1` }),
  flags: f('flags', 'Flags', 'uint8', { base: 'hex', blurb: 'Message flags', ref: `${R1} §3.1, ${R2} §3.1` }),
  flag_e: f('flag_e', 'Encryption', 'bool', { mask: 0x01, bits: 8, tf: V.TF_FLAG_E, blurb: 'IKEv1: the payloads after the header are encrypted', ref: `${R1} §3.1` }),
  flag_c: f('flag_c', 'Commit', 'bool', { mask: 0x02, bits: 8, tf: V.TF_FLAG_C, blurb: 'IKEv1: the sender wants a notification that the exchange completed before using the SA', ref: `${R1} §3.1` }),
  flag_a: f('flag_a', 'Authentication', 'bool', { mask: 0x04, bits: 8, tf: V.TF_FLAG_A, blurb: 'IKEv1: the payloads are authenticated but not encrypted', ref: `${R1} §3.1` }),
  flag_i: f('flag_i', 'Initiator', 'bool', { mask: 0x08, bits: 8, tf: V.TF_FLAG_I, blurb: 'IKEv2: set in messages sent by the original initiator of the IKE SA', ref: `${R2} §3.1` }),
  flag_v: f('flag_v', 'Version', 'bool', { mask: 0x10, bits: 8, tf: V.TF_FLAG_V, blurb: 'IKEv2: the sender can speak a higher major version', ref: `${R2} §3.1` }),
  flag_r: f('flag_r', 'Response', 'bool', { mask: 0x20, bits: 8, tf: V.TF_FLAG_R, blurb: 'IKEv2: this message is a response to a request with the same Message ID', ref: `${R2} §3.1` }),
  messageid: f('messageid', 'Message ID', 'uint32', { base: 'hex', blurb: 'Identifies the exchange (IKEv1 phase 2) or orders requests and matches responses (IKEv2)', ref: `${R1} §3.1, ${R2} §3.1` }),
  length: f('length', 'Length', 'uint32', { blurb: 'Length of the whole message, header and payloads, in octets', ref: `${R1} §3.1` }),
  payloadlength: f('payloadlength', 'Payload length', 'uint16', { blurb: 'Length of this payload including its 4-byte generic header', ref: `${R1} §3.2` }),

  // Security Association, Proposal, Transform (RFC 2408 §3.4-3.6, RFC 2407 §4.6.1, RFC 7296 §3.3)
  sa_doi: f('sa.doi', 'Domain of interpretation', 'uint32', { vals: V.DOI, blurb: 'The Domain of Interpretation the SA is negotiated under (1: IPsec)', ref: `${R1} §3.4` }),
  sa_situation: f('sa.situation', 'Situation', 'bytes', { blurb: 'The situation under which the negotiation takes place (IPsec DOI: 4-byte bitmap)', ref: 'RFC 2407 §4.2' }),
  sa_next_attribute_payload: f('sa.next_attribute_payload', 'SA Attribute Next Payload', 'bytes', { blurb: 'GDOI: type of the first SA attribute payload (SA KEK, SA TEK, GAP)', ref: 'RFC 6407 §5.1' }),
  sa_identity_only: f('sa.situation.identity_only', 'Identity Only', 'bool', { mask: 0x1, bits: 32, blurb: 'The SA is identified by source identity in an Identification payload', ref: 'RFC 2407 §4.2.1' }),
  sa_secrecy: f('sa.situation.secrecy', 'Secrecy', 'bool', { mask: 0x2, bits: 32, blurb: 'The SA is negotiated where labeled secrecy is required', ref: 'RFC 2407 §4.2.2' }),
  sa_integrity: f('sa.situation.integrity', 'Integrity', 'bool', { mask: 0x4, bits: 32, blurb: 'The SA is negotiated where labeled integrity is required', ref: 'RFC 2407 §4.2.3' }),
  prop_protoid: f('prop.protoid', 'Protocol ID', 'uint32', { vals: V.PROTO_V1, blurb: 'Protocol the proposal is for: ISAKMP/IKE, AH, ESP, IPCOMP', ref: `${R1} §3.5, ${R2} §3.3.1` }),
  prop_number: f('prop.number', 'Proposal number', 'uint8', { blurb: 'Proposal number; proposals sharing a number form one AND-ed bundle (IKEv1)', ref: `${R1} §3.5` }),
  spisize: f('spisize', 'SPI Size', 'uint8', { blurb: 'Length of the SPI that follows, in octets', ref: `${R1} §3.5` }),
  spi: f('spi', 'SPI', 'bytes', { blurb: 'Security Parameter Index of the SA the payload is about', ref: `${R1} §3.5` }),
  prop_transforms: f('prop.transforms', 'Proposal transforms', 'uint8', { blurb: 'Number of Transform payloads in this proposal', ref: `${R1} §3.5` }),
  trans_number: f('trans.number', 'Transform number', 'uint8', { blurb: 'IKEv1 transform number within the proposal', ref: `${R1} §3.6` }),
  trans_id: f('trans.id', 'Transform ID', 'uint8', { blurb: 'IKEv1 transform identifier, whose meaning depends on the proposal\'s protocol', ref: 'RFC 2407 §4.4' }),

  // Identification (RFC 2407 §4.6.2, RFC 7296 §3.5)
  id_type: f('id.type', 'ID type', 'uint8', { vals: V.ID_TYPE_V1, blurb: 'Kind of identity: IPv4/IPv6 address, FQDN, user FQDN, DN, key ID', ref: 'RFC 2407 §4.6.2.1, RFC 7296 §3.5' }),
  id_protoid: f('id.protoid', 'Protocol ID', 'uint8', { vals: V.IP_PROTOCOL, blurb: 'IKEv1: IP protocol the identity applies to (0: any)', ref: 'RFC 2407 §4.6.2' }),
  id_port: f('id.port', 'Port', 'uint16', { blurb: 'IKEv1: port the identity applies to (0: any)', ref: 'RFC 2407 §4.6.2' }),
  id_data: f('id.data', 'Identification Data:', 'none', { blurb: 'The identity, in the form its ID type says', ref: 'RFC 2407 §4.6.2' }),
  id_ipv4_addr: f('id.data.ipv4_addr', 'ID_IPV4_ADDR', 'ipv4', { blurb: 'An IPv4 address identity', ref: 'RFC 2407 §4.6.2.2' }),
  id_fqdn: f('id.data.fqdn', 'ID_FQDN', 'string', { blurb: 'A fully-qualified domain name identity', ref: 'RFC 2407 §4.6.2.3' }),
  id_user_fqdn: f('id.data.user_fqdn', 'ID_FQDN', 'string', { blurb: 'A user@fqdn identity (RFC 822 address)', ref: 'RFC 2407 §4.6.2.4' }),
  id_ipv4_subnet: f('id.data.ipv4_subnet', 'ID_IPV4_SUBNET', 'ipv4', { blurb: 'Netmask of an IPv4 subnet identity', ref: 'RFC 2407 §4.6.2.5' }),
  id_ipv4_range_start: f('id.data.ipv4_range_start', 'ID_IPV4_RANGE (Start)', 'ipv4', { blurb: 'First address of an IPv4 range identity', ref: 'RFC 2407 §4.6.2.7' }),
  id_ipv4_range_end: f('id.data.ipv4_range_end', 'ID_IPV4_RANGE (End)', 'ipv4', { blurb: 'Last address of an IPv4 range identity', ref: 'RFC 2407 §4.6.2.7' }),
  id_ipv6_addr: f('id.data.ipv6_addr', 'ID_IPV6_ADDR', 'ipv6', { blurb: 'An IPv6 address identity', ref: 'RFC 2407 §4.6.2.6' }),
  id_ipv6_subnet: f('id.data.ipv6_subnet', 'ID_IPV6A_ADDR_SUBNET', 'ipv6', { blurb: 'Netmask of an IPv6 subnet identity', ref: 'RFC 2407 §4.6.2.6' }),
  id_ipv6_range_start: f('id.data.ipv6_range_start', 'ID_IPV6_ADDR_RANGE (Start)', 'ipv6', { blurb: 'First address of an IPv6 range identity', ref: 'RFC 2407 §4.6.2.8' }),
  id_ipv6_range_end: f('id.data.ipv6_range_end', 'ID_IPV6_ADDR_RANGE (End)', 'ipv6', { blurb: 'Last address of an IPv6 range identity', ref: 'RFC 2407 §4.6.2.8' }),
  id_key_id: f('id.data.key_id', 'ID_KEY_ID', 'bytes', { blurb: 'An opaque key identifier, often naming the pre-shared key to use', ref: 'RFC 2407 §4.6.2.9' }),
  id_der_asn1_dn: f('id.data.der_asn1_dn', 'ID_DER_ASN1_DN', 'uint32', { blurb: 'A DER-encoded X.500 distinguished name (value: number of RDNs)', ref: 'RFC 2407 §4.6.2.10' }),

  // Certificates and requests, authentication, hash, signature, nonce
  cert_encoding: f('cert.encoding', 'Certificate Encoding', 'uint8', { vals: V.CERT_V1, blurb: 'Kind of certificate carried (X.509 signature, CRL, hash and URL, ...)', ref: `${R1} §3.9, ${R2} §3.6` }),
  cert_data: f('cert.data', 'Certificate Data', 'none', { blurb: 'The certificate, usually DER-encoded X.509', ref: `${R1} §3.9` }),
  cert_x509_hash: f('cert.x509.hash', 'Hash', 'bytes', { blurb: 'SHA-1 hash of the certificate fetched from the URL', ref: `${R2} §3.6` }),
  cert_x509_url: f('cert.x509.url', 'URL', 'string', { blurb: 'Where the certificate can be fetched', ref: `${R2} §3.6` }),
  certreq_type: f('certreq.type', 'Certificate Type', 'uint8', { vals: V.CERT_V1, blurb: 'Kind of certificate requested', ref: `${R1} §3.10, ${R2} §3.7` }),
  certreq_authority_sig: f('ike.certreq.authority.sig', 'Certificate Authority Signature', 'uint32', { blurb: 'IKEv1: distinguished name of an acceptable CA (value: number of RDNs)', ref: `${R1} §3.10` }),
  certreq_authority: f('ike.certreq.authority', 'Certificate Authority Data', 'bytes', { blurb: 'An acceptable certificate authority (IKEv2: SHA-1 hash of its public key)', ref: `${R2} §3.7` }),
  auth_method: f('auth.method', 'Authentication Method', 'uint8', { vals: V.AUTH_METHOD_V2, blurb: 'IKEv2: how the AUTH data was computed (RSA, shared key MIC, ECDSA, ...)', ref: `${R2} §3.8` }),
  auth_data: f('auth.data', 'Authentication Data', 'bytes', { blurb: 'IKEv2: signature or MAC proving the sender\'s identity', ref: `${R2} §3.8` }),
  auth_sig_asn1_len: f('auth.data.sig.asn1.len', 'ASN.1 Length', 'uint8', { blurb: 'Length of the AlgorithmIdentifier of a Digital Signature AUTH', ref: 'RFC 7427 §3' }),
  auth_sig_asn1_data: f('auth.data.sig.asn1.data', 'ASN.1 Data', 'bytes', { blurb: 'AlgorithmIdentifier of a Digital Signature AUTH', ref: 'RFC 7427 §3' }),
  auth_sig_value: f('auth.data.sig.value', 'Signature Value', 'bytes', { blurb: 'The signature of a Digital Signature AUTH', ref: 'RFC 7427 §3' }),
  hash: f('hash', 'Hash DATA', 'bytes', { blurb: 'IKEv1 HASH payload: keyed hash authenticating the exchange', ref: `${R1} §3.11` }),
  sig: f('sig', 'Signature DATA', 'bytes', { blurb: 'IKEv1 signature authenticating the exchange', ref: `${R1} §3.12` }),
  nonce: f('nonce', 'Nonce DATA', 'bytes', { blurb: 'Random data from the sender, mixed into the keys', ref: `${R1} §3.13, ${R2} §3.9` }),

  // Notify (RFC 2408 §3.14, RFC 7296 §3.10)
  notify_doi: f('notify.doi', 'Domain of interpretation', 'uint32', { vals: V.DOI, blurb: 'IKEv1: DOI under which the notification is sent', ref: `${R1} §3.14` }),
  notify_protoid: f('notify.protoid', 'Protocol ID', 'uint32', { vals: V.PROTO_V1, blurb: 'Protocol of the SA the notification is about', ref: `${R1} §3.14, ${R2} §3.10` }),
  notify_msgtype: f('notify.msgtype', 'Notify Message Type', 'uint16', { vals: V.NOTIFY_V1, blurb: 'The notification: errors below 16384, status types above', ref: `${R1} §3.14.1, ${R2} §3.10.1` }),
  notify_data: f('notify.data', 'Notification DATA', 'bytes', { blurb: 'Data of the notification, type-specific', ref: `${R1} §3.14` }),
  notify_dpd_ayt: f('notify.data.dpd.are_you_there', 'DPD ARE-YOU-THERE sequence', 'uint32', { blurb: 'Sequence number of a Dead Peer Detection R-U-THERE', ref: 'RFC 3706 §5' }),
  notify_dpd_ayt_ack: f('notify.data.dpd.are_you_there_ack', 'DPD ARE-YOU-THERE-ACK sequence', 'uint32', { blurb: 'Sequence number of a Dead Peer Detection R-U-THERE-ACK', ref: 'RFC 3706 §5' }),
  notify_unity_load_balance: f('notify.data.unity.load_balance', 'UNITY LOAD BALANCE', 'ipv4', { blurb: 'Cisco Unity: the gateway the client is redirected to', ref: 'Cisco Unity' }),
  notify_accepted_dh_group: f('notify.data.accepted_dh_group', 'Accepted DH group number', 'uint16', { vals: V.DH_GROUP, blurb: 'INVALID_KE_PAYLOAD: the DH group the responder wants', ref: `${R2} §1.3` }),
  notify_ipcomp_cpi: f('notify.data.ipcomp.cpi', 'IPCOMP CPI', 'uint16', { blurb: 'Compression parameter index offered', ref: `${R2} §2.22` }),
  notify_ipcomp_transform_id: f('notify.data.ipcomp.transform_id', 'IPCOMP Transform ID', 'uint8', { vals: V.IPCOMP_TRANSFORM, blurb: 'Compression algorithm offered', ref: `${R2} §2.22` }),
  notify_auth_lifetime: f('notify.data.auth_lifetime', 'Authentication Lifetime', 'uint32', { blurb: 'Seconds until the peer must re-authenticate', ref: 'RFC 4478 §3' }),
  notify_redirect_gw_type: f('notify.data.redirect.gw_ident.type', 'Gateway Identity Type', 'uint8', { vals: V.REDIRECT_GW_TYPE, blurb: 'Form of the gateway identity that follows', ref: 'RFC 5685 §8' }),
  notify_redirect_gw_len: f('notify.data.redirect.gw_ident.len', 'Gateway Identity Length', 'uint8', { blurb: 'Length of the gateway identity', ref: 'RFC 5685 §8' }),
  notify_redirect_new_ipv4: f('notify.data.redirect.new_resp_gw_ident.ipv4', 'New Responder Gateway Identity (IPv4)', 'ipv4', { blurb: 'Gateway the initiator is redirected to', ref: 'RFC 5685 §8.1' }),
  notify_redirect_new_ipv6: f('notify.data.redirect.new_resp_gw_ident.ipv6', 'New Responder Gateway Identity (IPv6)', 'ipv6', { blurb: 'Gateway the initiator is redirected to', ref: 'RFC 5685 §8.1' }),
  notify_redirect_new_fqdn: f('notify.data.redirect.new_resp_gw_ident.fqdn', 'New Responder Gateway Identity (FQDN)', 'string', { blurb: 'Gateway the initiator is redirected to', ref: 'RFC 5685 §8.1' }),
  notify_redirect_new_data: f('notify.data.redirect.new_resp_gw_ident.data', 'New Responder Gateway Identity (DATA)', 'bytes', { blurb: 'Gateway the initiator is redirected to, of an unknown identity type', ref: 'RFC 5685 §8.1' }),
  notify_redirect_nonce: f('notify.data.redirect.nonce_data', 'Redirect Nonce Data', 'bytes', { blurb: 'The initiator\'s nonce, echoed to bind the redirect to the request', ref: 'RFC 5685 §8.1' }),
  notify_redirect_org_ipv4: f('notify.data.redirect.org_resp_gw_ident.ipv4', 'Original Responder Gateway Identity (IPv4)', 'ipv4', { blurb: 'Gateway that redirected the initiator', ref: 'RFC 5685 §8.2' }),
  notify_redirect_org_ipv6: f('notify.data.redirect.org_resp_gw_ident.ipv6', 'Original Responder Gateway Identity (IPv6)', 'ipv6', { blurb: 'Gateway that redirected the initiator', ref: 'RFC 5685 §8.2' }),
  notify_redirect_org_data: f('notify.data.redirect.org_resp_gw_ident.data', 'Original Responder Gateway Identity (DATA)', 'bytes', { blurb: 'Gateway that redirected the initiator, of an unknown identity type', ref: 'RFC 5685 §8.2' }),
  notify_ticket_lifetime: f('notify.data.ticket_opaque.lifetime', 'TICKET OPAQUE Lifetime', 'uint32', { blurb: 'Seconds until the session resumption ticket expires', ref: 'RFC 5723 §6.2' }),
  notify_ticket_data: f('notify.data.ticket_opaque.data', 'TICKET OPAQUE Data', 'bytes', { blurb: 'The opaque session resumption ticket', ref: 'RFC 5723 §6.2' }),
  notify_qcd_token: f('notify.data.qcd.token_secret_data', 'Token Secret Data', 'bytes', { blurb: 'Quick crash detection token', ref: 'RFC 6290 §3' }),
  notify_ha_nonce: f('notify.data.ha.nonce_data', 'Nonce Data', 'uint32', { base: 'hex', blurb: 'Random value echoed in the message ID synchronisation response', ref: 'RFC 6311 §4.1' }),
  notify_ha_send_mid: f('notify.data.ha.expected_send_req_message_id', 'EXPECTED SEND REQ MESSAGE ID', 'uint32', { base: 'hex', blurb: 'Message ID the sender will use for its next request', ref: 'RFC 6311 §4.1' }),
  notify_ha_recv_mid: f('notify.data.ha.expected_recv_req_message_id', 'EXPECTED RECV REQ MESSAGE ID', 'uint32', { base: 'hex', blurb: 'Message ID the sender expects in the next request it receives', ref: 'RFC 6311 §4.1' }),
  notify_ha_sa_delta: f('notify.data.ha.incoming_ipsec_sa_delta_value', 'Incoming IPsec SA delta value', 'bytes', { blurb: 'Amount the peer should add to its replay counters for this sender', ref: 'RFC 6311 §4.2' }),
  notify_secure_password_methods: f('notify.data.secure_password_methods', 'Secure Password Methods', 'bytes', { blurb: 'Secure password authentication methods supported', ref: 'RFC 6467 §3' }),
  notify_signature_hash: f('notify.data.signature_hash_algorithms', 'Supported Signature Hash Algorithm', 'uint16', { vals: V.SIGNATURE_HASH, blurb: 'A hash algorithm the sender accepts in Digital Signature AUTH', ref: 'RFC 7427 §4' }),
  notify_3gpp_backoff_len: f('notify.priv.3gpp.backoff_timer_len', 'Length', 'uint8', { blurb: '3GPP BACKOFF_TIMER: length of the timer value', ref: '3GPP TS 24.302 §8.2.9.1' }),
  notify_3gpp_devid_len: f('notify.priv.3gpp.device_identity_len', 'Identity Length', 'uint16', { blurb: '3GPP DEVICE_IDENTITY: length of the identity', ref: '3GPP TS 24.302 §8.2.9.2' }),
  notify_3gpp_devid_type: f('notify.priv.3gpp.device_identity_type', 'Identity Type', 'uint8', { vals: V.DEVICE_IDENTITY, blurb: '3GPP DEVICE_IDENTITY: IMEI or IMEISV', ref: '3GPP TS 24.302 §8.2.9.2' }),
  notify_3gpp_imei: f('notify.priv.3gpp.device_identity_imei', 'IMEI', 'string', { blurb: '3GPP DEVICE_IDENTITY: the device IMEI', ref: '3GPP TS 24.302 §8.2.9.2' }),
  notify_3gpp_imeisv: f('notify.priv.3gpp.device_identity_imeisv', 'IMEISV', 'string', { blurb: '3GPP DEVICE_IDENTITY: the device IMEISV', ref: '3GPP TS 24.302 §8.2.9.2' }),

  // Delete, Vendor ID
  delete_doi: f('delete.doi', 'Domain of interpretation', 'uint32', { vals: V.DOI, blurb: 'IKEv1: DOI of the SAs being deleted', ref: `${R1} §3.15` }),
  delete_protoid: f('delete.protoid', 'Protocol ID', 'uint32', { vals: V.PROTO_V1, blurb: 'Protocol of the SAs being deleted', ref: `${R1} §3.15, ${R2} §3.11` }),
  delete_spi: f('delete.spi', 'Delete SPI', 'bytes', { blurb: 'SPI of an SA being deleted', ref: `${R1} §3.15` }),
  spinum: f('spinum', 'Number of SPIs', 'uint16', { blurb: 'Number of SPIs in the Delete payload', ref: `${R1} §3.15` }),
  vid_bytes: f('vid_bytes', 'Vendor ID', 'bytes', { blurb: 'Vendor ID: usually a hash announcing an implementation or an extension it supports', ref: `${R1} §3.16` }),
  vid_string: f('vid_string', 'Vendor ID', 'string', { blurb: 'What the Vendor ID is known to announce', ref: `${R1} §3.16` }),
  vid_cp_product: f('vid.cp.product', 'Checkpoint Product', 'uint32', { vals: V.CP_PRODUCT, blurb: 'Check Point product announced in its Vendor ID', ref: 'Check Point' }),
  vid_cp_version: f('vid.cp.version', 'Checkpoint Version', 'uint32', { vals: V.CP_VERSION, blurb: 'Check Point version announced in its Vendor ID', ref: 'Check Point' }),
  vid_cp_timestamp: f('vid.cp.timestamp', 'Checkpoint Timestamp', 'uint32', { blurb: 'Check Point timestamp (NGX only)', ref: 'Check Point' }),
  vid_cp_reserved: f('vid.cp.reserved', 'Checkpoint Reserved', 'uint32', { base: 'hex', blurb: 'Check Point reserved word', ref: 'Check Point' }),
  vid_cp_features: f('vid.cp.features', 'Checkpoint Features', 'uint32', { base: 'hex', blurb: 'Check Point feature bits', ref: 'Check Point' }),
  vid_cisco_unity_major: f('vid.cisco_unity.major', 'CISCO-UNITY Major version', 'uint8', { blurb: 'Cisco Unity client protocol major version', ref: 'Cisco Unity' }),
  vid_cisco_unity_minor: f('vid.cisco_unity.minor', 'CISCO-UNITY Minor version', 'uint8', { blurb: 'Cisco Unity client protocol minor version', ref: 'Cisco Unity' }),
  vid_ms_nt5: f('vid.ms_nt5_isakmpoakley', 'MS NT5 ISAKMPOAKLEY', 'uint32', { vals: V.MS_NT5, blurb: 'Windows version announced in the Microsoft Vendor ID', ref: 'MS-IKEE' }),
  vid_aruba_via_auth_profile: f('vid.aruba_via_auth_profile', 'Auth Profile', 'string', { blurb: 'Aruba VIA client authentication profile', ref: 'Aruba Networks' }),
  vid_fortigate_release: f('vid.fortinet.fortigate.release', 'Release', 'uint16', { blurb: 'FortiGate release announced in its Vendor ID', ref: 'Fortinet' }),
  vid_fortigate_build: f('vid.fortinet.fortigate.build', 'Build', 'uint16', { blurb: 'FortiGate build announced in its Vendor ID', ref: 'Fortinet' }),

  // Traffic selectors (RFC 7296 §3.13)
  ts_number: f('ts.number', 'Number of Traffic Selectors', 'uint8', { blurb: 'Number of traffic selectors in this TSi/TSr payload', ref: `${R2} §3.13` }),
  ts_type: f('ts.type', 'Traffic Selector Type', 'uint8', { vals: V.TS_TYPE, blurb: 'Address family of the selector', ref: `${R2} §3.13.1` }),
  ts_protoid: f('ts.protoid', 'Protocol ID', 'uint8', { vals: V.IP_PROTOCOL, blurb: 'IP protocol the selector matches (0: any)', ref: `${R2} §3.13.1` }),
  ts_selector_length: f('ts.selector_length', 'Selector Length', 'uint16', { blurb: 'Length of this selector in octets', ref: `${R2} §3.13.1` }),
  ts_start_port: f('ts.start_port', 'Start Port', 'uint16', { blurb: 'Lowest port the selector matches', ref: `${R2} §3.13.1` }),
  ts_end_port: f('ts.end_port', 'End Port', 'uint16', { blurb: 'Highest port the selector matches', ref: `${R2} §3.13.1` }),
  ts_start_ipv4: f('ts.start_ipv4', 'Starting Addr', 'ipv4', { blurb: 'Lowest IPv4 address the selector matches', ref: `${R2} §3.13.1` }),
  ts_end_ipv4: f('ts.end_ipv4', 'Ending Addr', 'ipv4', { blurb: 'Highest IPv4 address the selector matches', ref: `${R2} §3.13.1` }),
  ts_start_ipv6: f('ts.start_ipv6', 'Starting Addr', 'ipv6', { blurb: 'Lowest IPv6 address the selector matches', ref: `${R2} §3.13.1` }),
  ts_end_ipv6: f('ts.end_ipv6', 'Ending Addr', 'ipv6', { blurb: 'Highest IPv6 address the selector matches', ref: `${R2} §3.13.1` }),
  ts_start_fc: f('ts.start_fc', 'Starting Addr', 'uint32', { blurb: 'Lowest Fibre Channel address the selector matches', ref: 'RFC 4595 §4.4.1' }),
  ts_end_fc: f('ts.end_fc', 'Ending Addr', 'uint32', { blurb: 'Highest Fibre Channel address the selector matches', ref: 'RFC 4595 §4.4.1' }),
  ts_start_r_ctl: f('ts.start_r_ctl', 'Starting R_CTL', 'uint8', { blurb: 'Lowest Fibre Channel R_CTL the selector matches', ref: 'RFC 4595 §4.4.1' }),
  ts_end_r_ctl: f('ts.end_r_ctl', 'Ending R_CTL', 'uint8', { blurb: 'Highest Fibre Channel R_CTL the selector matches', ref: 'RFC 4595 §4.4.1' }),
  ts_start_type: f('ts.start_type', 'Starting Type', 'uint8', { blurb: 'Lowest Fibre Channel frame type the selector matches', ref: 'RFC 4595 §4.4.1' }),
  ts_end_type: f('ts.end_type', 'Ending Type', 'uint8', { blurb: 'Highest Fibre Channel frame type the selector matches', ref: 'RFC 4595 §4.4.1' }),
  ts_data: f('ts.data', 'Traffic Selector', 'none', { blurb: 'One traffic selector: a protocol, port range and address range', ref: `${R2} §3.13.1` }),

  // Fragmentation: IKEv2 (RFC 7383) and Cisco's IKEv1 fragments
  frag_number: f('frag.number', 'Fragment Number', 'uint16', { blurb: 'IKEv2 SKF: number of this fragment, from 1', ref: 'RFC 7383 §2.5' }),
  frag_total: f('frag.total', 'Total Fragments', 'uint16', { blurb: 'IKEv2 SKF: number of fragments the message was cut into', ref: 'RFC 7383 §2.5' }),
  frag_packetid: f('frag.packetid', 'Frag ID', 'uint16', { base: 'hex', blurb: 'Cisco IKEv1 fragmentation: identifier shared by the fragments of one message', ref: 'Cisco IKE fragmentation' }),
  frag_seq: f('frag.seq', 'Frag seq', 'uint8', { blurb: 'Cisco IKEv1 fragmentation: fragment number, from 1', ref: 'Cisco IKE fragmentation' }),
  frag_last: f('frag.last', 'Frag last', 'uint8', { vals: V.FRAG_LAST, blurb: 'Cisco IKEv1 fragmentation: 1 on the last fragment', ref: 'Cisco IKE fragmentation' }),
  fragments: f('fragments', 'Message fragments', 'none', { blurb: 'The fragments a reassembled message was built from', ref: 'Cisco IKE fragmentation' }),
  fragment: f('fragment', 'Message fragment', 'framenum', { blurb: 'A frame holding one fragment of the message', ref: 'Cisco IKE fragmentation' }),
  fragment_count: f('fragment.count', 'Message fragment count', 'uint32', { blurb: 'Number of fragments the message was built from', ref: 'Cisco IKE fragmentation' }),
  reassembled_in: f('reassembled.in', 'Reassembled in', 'framenum', { blurb: 'Frame in which this fragment\'s message was reassembled', ref: 'Cisco IKE fragmentation' }),
  reassembled_length: f('reassembled.length', 'Reassembled ISAKMP length', 'uint32', { blurb: 'Length of the reassembled message', ref: 'Cisco IKE fragmentation' }),

  // NAT traversal (RFC 3947, RFC 3948)
  nat_keepalive: f('ike.nat_keepalive', 'NAT Keepalive', 'none', { blurb: 'A one-byte 0xFF datagram keeping a NAT binding open', ref: 'RFC 3948 §2.3' }),
  nat_hash: f('ike.nat_hash', 'HASH of the address and port', 'bytes', { blurb: 'NAT-D: hash of the cookies, an IP address and a port, compared by the peer to find NATs', ref: 'RFC 3947 §3.2' }),
  nat_original_ipv4: f('ike.nat_original_address_ipv4', 'NAT Original IPv4 Address', 'ipv4', { blurb: 'NAT-OA: the sender\'s address before NAT, for transport-mode checksum fixing', ref: 'RFC 3947 §5.2' }),
  nat_original_ipv6: f('ike.nat_original_address_ipv6', 'NAT Original IPv6 Address', 'ipv6', { blurb: 'NAT-OA: the sender\'s address before NAT', ref: 'RFC 3947 §5.2' }),

  // IKEv2 transforms and key exchange (RFC 7296 §3.3.2, §3.4)
  tf_type: f('tf.type', 'Transform Type', 'uint8', { vals: V.TF_TYPE, blurb: 'Kind of algorithm this transform selects: ENCR, PRF, INTEG, D-H, ESN', ref: `${R2} §3.3.2` }),
  tf_encr: f('tf.id.encr', 'Transform ID (ENCR)', 'uint16', { vals: V.TF_ENCR, blurb: 'Encryption algorithm', ref: `${R2} §3.3.2` }),
  tf_prf: f('tf.id.prf', 'Transform ID (PRF)', 'uint16', { vals: V.TF_PRF, blurb: 'Pseudo-random function', ref: `${R2} §3.3.2` }),
  tf_integ: f('tf.id.integ', 'Transform ID (INTEG)', 'uint16', { vals: V.TF_INTEG, blurb: 'Integrity algorithm', ref: `${R2} §3.3.2` }),
  tf_dh: f('tf.id.dh', 'Transform ID (D-H)', 'uint16', { vals: V.DH_GROUP, blurb: 'Diffie-Hellman group', ref: `${R2} §3.3.2` }),
  tf_esn: f('tf.id.esn', 'Transform ID (ESN)', 'uint16', { vals: V.TF_ESN, blurb: 'Whether extended (64-bit) sequence numbers are used', ref: `${R2} §3.3.2` }),
  tf_id: f('tf.id', 'Transform ID', 'uint16', { blurb: 'Transform ID of a transform type without a known registry', ref: `${R2} §3.3.2` }),
  key_exchange_dh_group: f('key_exchange.dh_group', 'DH Group #', 'uint16', { vals: V.DH_GROUP, blurb: 'IKEv2: the Diffie-Hellman group of the public value', ref: `${R2} §3.4` }),
  key_exchange_data: f('key_exchange.data', 'Key Exchange Data', 'bytes', { blurb: 'The sender\'s Diffie-Hellman public value', ref: `${R1} §3.7, ${R2} §3.4` }),
  eap_data: f('eap.data', 'EAP Message', 'bytes', { blurb: 'An EAP message carried in IKEv2', ref: `${R2} §3.16` }),
  gspm_data: f('gspm.data', 'GSPM', 'bytes', { blurb: 'Generic Secure Password Method data', ref: 'RFC 6467 §3' }),

  // Configuration (draft-ietf-ipsec-isakmp-mode-cfg, RFC 7296 §3.15)
  cfg_type: f('cfg.type', 'Type', 'uint8', { vals: V.CFG_TYPE_V1, blurb: 'Kind of configuration message: request, reply, set, ack', ref: `${R2} §3.15` }),
  cfg_identifier: f('cfg.identifier', 'Identifier', 'uint16', { blurb: 'IKEv1 Mode Config: matches a reply to its request', ref: 'draft-dukes-ike-mode-cfg-02 §3.2' }),
  cfg_internal_ip4_address: f('cfg.attr.internal_ip4_address', 'INTERNAL IP4 ADDRESS', 'ipv4', { blurb: 'Address the client gets inside the protected network', ref: `${R2} §3.15.1` }),
  cfg_internal_ip4_netmask: f('cfg.attr.internal_ip4_netmask', 'INTERNAL IP4 NETMASK', 'ipv4', { blurb: 'Netmask of the protected network', ref: `${R2} §3.15.1` }),
  cfg_internal_ip4_dns: f('cfg.attr.internal_ip4_dns', 'INTERNAL IP4 DNS', 'ipv4', { blurb: 'A DNS server inside the protected network', ref: `${R2} §3.15.1` }),
  cfg_internal_ip4_nbns: f('cfg.attr.internal_ip4_nbns', 'INTERNAL IP4 NBNS', 'ipv4', { blurb: 'A NetBIOS name server inside the protected network', ref: `${R2} §3.15.1` }),
  cfg_internal_address_expiry: f('cfg.attr.internal_address_expiry', 'INTERNAL ADDRESS EXPIRY (Secs)', 'uint32', { blurb: 'Seconds the internal address may be used', ref: 'RFC 4306 §3.15.1' }),
  cfg_internal_ip4_dhcp: f('cfg.attr.internal_ip4_dhcp', 'INTERNAL IP4 DHCP', 'ipv4', { blurb: 'A DHCP server inside the protected network', ref: `${R2} §3.15.1` }),
  cfg_application_version: f('cfg.attr.application_version', 'APPLICATION VERSION', 'string', { blurb: 'Version or application text of the IPsec host', ref: `${R2} §3.15.1` }),
  cfg_internal_ip6_address: f('cfg.attr.internal_ip6_address', 'INTERNAL IP6 ADDRESS', 'ipv6', { blurb: 'IPv6 address the client gets inside the protected network', ref: `${R2} §3.15.1` }),
  cfg_internal_ip6_address_prefix: f('cfg.attr.internal_ip6_address.prefix', 'INTERNAL IP6 ADDRESS (PREFIX)', 'uint8', { blurb: 'Prefix length of the internal IPv6 address', ref: `${R2} §3.15.1` }),
  cfg_internal_ip6_netmask: f('cfg.attr.internal_ip6_netmask', 'INTERNAL IP4 NETMASK', 'ipv6', { blurb: 'IKEv1: netmask of the internal IPv6 network', ref: 'draft-dukes-ike-mode-cfg-02' }),
  cfg_internal_ip6_dns: f('cfg.attr.internal_ip6_dns', 'INTERNAL IP6 DNS', 'ipv6', { blurb: 'An IPv6 DNS server inside the protected network', ref: `${R2} §3.15.1` }),
  cfg_internal_ip6_nbns: f('cfg.attr.internal_ip6_nbns', 'INTERNAL IP6 NBNS', 'ipv6', { blurb: 'An IPv6 NetBIOS name server inside the protected network', ref: 'RFC 4306 §3.15.1' }),
  cfg_internal_ip6_dhcp: f('cfg.attr.internal_ip6_dhcp', 'INTERNAL IP6 DHCP', 'ipv6', { blurb: 'An IPv6 DHCP server inside the protected network', ref: `${R2} §3.15.1` }),
  cfg_internal_ip4_subnet_ip: f('cfg.attr.internal_ip4_subnet_ip', 'INTERNAL IP4 SUBNET (IP)', 'ipv4', { blurb: 'A subnet protected by the gateway (address)', ref: `${R2} §3.15.1` }),
  cfg_internal_ip4_subnet_netmask: f('cfg.attr.internal_ip4_subnet_netmask', 'INTERNAL IP4 SUBNET (NETMASK)', 'ipv4', { blurb: 'A subnet protected by the gateway (netmask)', ref: `${R2} §3.15.1` }),
  cfg_supported_attributes: f('cfg.attr.supported_attributes', 'SUPPORTED ATTRIBUTES', 'uint16', { blurb: 'A configuration attribute type the sender supports', ref: `${R2} §3.15.1` }),
  cfg_internal_ip6_subnet_ip: f('cfg.attr.internal_ip6_subnet_ip', 'INTERNAL_IP6_SUBNET (IP)', 'ipv6', { blurb: 'An IPv6 subnet protected by the gateway', ref: `${R2} §3.15.1` }),
  cfg_internal_ip6_subnet_prefix: f('cfg.attr.internal_ip6_subnet_prefix', 'INTERNAL_IP6_SUBNET (PREFIX)', 'uint8', { blurb: 'Prefix length of the protected IPv6 subnet', ref: `${R2} §3.15.1` }),
  cfg_internal_ip6_link_interface: f('cfg.attr.internal_ip6_link_interface', 'INTERNAL_IP6_LINK (Link-Local Interface ID)', 'uint64', { blurb: 'Interface ID of the sender\'s link-local address on the virtual link', ref: 'RFC 5739 §5.1' }),
  cfg_internal_ip6_link_id: f('cfg.attr.internal_ip6_link_id', 'INTERNAL_IP6_LINK (IKEv2 Link ID)', 'bytes', { blurb: 'Link ID chosen by the gateway', ref: 'RFC 5739 §5.1' }),
  cfg_internal_ip6_prefix_ip: f('cfg.attr.internal_ip6_prefix_ip', 'INTERNAL_IP6_PREFIX (IP)', 'ipv6', { blurb: 'An IPv6 prefix assigned to the virtual link', ref: 'RFC 5739 §5.2' }),
  cfg_internal_ip6_prefix_length: f('cfg.attr.internal_ip6_prefix_length', 'INTERNAL_IP6_PREFIX (Length)', 'uint8', { blurb: 'Length in bits of the assigned prefix', ref: 'RFC 5739 §5.2' }),
  cfg_p_cscf_ip4_address: f('cfg.attr.p_cscf_ip4_address', 'P_CSCF_IP4_ADDRESS (IP)', 'ipv4', { blurb: 'IPv4 address of a P-CSCF server', ref: 'RFC 7651 §3' }),
  cfg_p_cscf_ip6_address: f('cfg.attr.p_cscf_ip6_address', 'P_CSCF_IP6_ADDRESS (IP)', 'ipv6', { blurb: 'IPv6 address of a P-CSCF server', ref: 'RFC 7651 §3' }),
  cfg_xauth_type: f('cfg.attr.xauth.type', 'XAUTH TYPE', 'uint16', { vals: V.XAUTH_TYPE, blurb: 'Kind of extended authentication requested', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_user_name: f('cfg.attr.xauth.user_name', 'XAUTH USER NAME', 'string', { blurb: 'XAUTH user name', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_user_password: f('cfg.attr.xauth.user_password', 'XAUTH USER PASSWORD', 'string', { blurb: 'XAUTH user password, in clear inside the encrypted exchange', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_passcode: f('cfg.attr.xauth.passcode', 'XAUTH PASSCODE', 'string', { blurb: 'XAUTH token card passcode', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_message: f('cfg.attr.xauth.message', 'XAUTH MESSAGE', 'string', { blurb: 'Text from the gateway to the user', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_challenge: f('cfg.attr.xauth.challenge', 'XAUTH CHALLENGE', 'string', { blurb: 'Challenge to include in the password computation', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_domain: f('cfg.attr.xauth.domain', 'XAUTH DOMAIN', 'string', { blurb: 'Domain to authenticate in', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_status: f('cfg.attr.xauth.status', 'XAUTH STATUS', 'uint16', { vals: V.XAUTH_STATUS, blurb: 'Whether the extended authentication succeeded', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_next_pin: f('cfg.attr.xauth.next_pin', 'XAUTH TYPE', 'string', { blurb: 'Request to choose a new PIN', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_xauth_answer: f('cfg.attr.xauth.answer', 'XAUTH ANSWER', 'string', { blurb: 'User input sent to the gateway', ref: 'draft-beaulieu-ike-xauth-02 §6.1' }),
  cfg_unity_banner: f('cfg.attr.unity.banner', 'UNITY BANNER', 'string', { blurb: 'Cisco Unity login banner', ref: 'Cisco Unity' }),
  cfg_unity_def_domain: f('cfg.attr.unity.def_domain', 'UNITY DEF DOMAIN', 'string', { blurb: 'Cisco Unity default DNS domain', ref: 'Cisco Unity' }),

  // IKEv1 SA attributes (RFC 2409 Appendix A), IPsec DOI attributes (RFC 2407 §4.5)
  ike_attr_encryption_algorithm: f('ike.attr.encryption_algorithm', 'Encryption Algorithm', 'uint16', { vals: V.IKE_ENC_ALG, blurb: 'Cipher protecting the IKE SA', ref: 'RFC 2409 App. A' }),
  ike_attr_hash_algorithm: f('ike.attr.hash_algorithm', 'HASH Algorithm', 'uint16', { vals: V.IKE_HASH_ALG, blurb: 'Hash used for the IKE SA\'s PRF and HASH payloads', ref: 'RFC 2409 App. A' }),
  ike_attr_authentication_method: f('ike.attr.authentication_method', 'Authentication Method', 'uint16', { vals: V.IKE_AUTH_METHOD, blurb: 'How the peers authenticate: pre-shared key, signatures, public key encryption, XAUTH variants', ref: 'RFC 2409 App. A' }),
  ike_attr_group_description: f('ike.attr.group_description', 'Group Description', 'uint16', { vals: V.DH_GROUP, blurb: 'Diffie-Hellman group of the IKE SA', ref: 'RFC 2409 App. A' }),
  ike_attr_group_type: f('ike.attr.group_type', 'Group Type', 'uint16', { vals: V.GROUP_TYPE, blurb: 'Kind of a private Diffie-Hellman group: MODP, ECP, EC2N', ref: 'RFC 2409 App. A' }),
  ike_attr_group_prime: f('ike.attr.group_prime', 'Group Prime', 'bytes', { blurb: 'Prime of a private Diffie-Hellman group', ref: 'RFC 2409 App. A' }),
  ike_attr_group_generator_one: f('ike.attr.group_generator_one', 'Group Generator One', 'bytes', { blurb: 'First generator of a private group', ref: 'RFC 2409 App. A' }),
  ike_attr_group_generator_two: f('ike.attr.group_generator_two', 'Group Generator Two', 'bytes', { blurb: 'Second generator of a private EC2N group', ref: 'RFC 2409 App. A' }),
  ike_attr_group_curve_a: f('ike.attr.group_curve_a', 'Group Curve A', 'bytes', { blurb: 'Curve coefficient A of a private elliptic-curve group', ref: 'RFC 2409 App. A' }),
  ike_attr_group_curve_b: f('ike.attr.group_curve_b', 'Group Curve B', 'bytes', { blurb: 'Curve coefficient B of a private elliptic-curve group', ref: 'RFC 2409 App. A' }),
  ike_attr_prf: f('ike.attr.prf', 'PRF', 'bytes', { blurb: 'Pseudo-random function (no values defined)', ref: 'RFC 2409 App. A' }),
  ike_attr_key_length: f('ike.attr.key_length', 'Key Length', 'uint16', { blurb: 'Key length in bits of a variable-length cipher', ref: 'RFC 2409 App. A' }),
  ike_attr_field_size: f('ike.attr.field_size', 'Field Size', 'bytes', { blurb: 'Field size in bits of a private group', ref: 'RFC 2409 App. A' }),
  ike_attr_group_order: f('ike.attr.group_order', 'Group Order', 'bytes', { blurb: 'Order of a private elliptic-curve group', ref: 'RFC 2409 App. A' }),
  ike_attr_block_size: f('ike.attr.block_size', 'Block Size', 'bytes', { blurb: 'Block size of the cipher', ref: 'GB/T 36624' }),
  ike_attr_asym: f('ike.attr.asymmetric_cryptographic_algorithm_type', 'Asymmetric Cryptographic Algorithm Type', 'uint16', { vals: V.ASYM_ALG, blurb: 'Public-key algorithm (RSA, SM2)', ref: 'GM/T 0022' }),
  ipsec_attr_group_description: f('ipsec.attr.group_description', 'Group Description', 'uint16', { vals: V.DH_GROUP, blurb: 'Diffie-Hellman group for PFS in Quick Mode', ref: 'RFC 2407 §4.5' }),
  ipsec_attr_encap_mode: f('ipsec.attr.encap_mode', 'Encapsulation Mode', 'uint16', { vals: V.ENCAP_MODE, blurb: 'Tunnel or transport mode, possibly UDP-encapsulated', ref: 'RFC 2407 §4.5, RFC 3947 §5' }),
  ipsec_attr_auth_algorithm: f('ipsec.attr.auth_algorithm', 'Authentication Algorithm', 'uint16', { vals: V.IPSEC_AUTH_ALG, blurb: 'Integrity algorithm of the IPsec SA', ref: 'RFC 2407 §4.5' }),
  ipsec_attr_key_length: f('ipsec.attr.key_length', 'Key Length', 'uint16', { blurb: 'Key length in bits of the IPsec SA\'s cipher', ref: 'RFC 2407 §4.5' }),
  ipsec_attr_key_rounds: f('ipsec.attr.key_rounds', 'Key Rounds', 'uint16', { blurb: 'Number of rounds of the cipher', ref: 'RFC 2407 §4.5' }),
  ipsec_attr_cmpr_dict_size: f('ipsec.attr.cmpr_dict_size', 'Compress Dictionary Size', 'uint16', { blurb: 'Log2 of the compression dictionary size', ref: 'RFC 2407 §4.5' }),
  ipsec_attr_cmpr_algorithm: f('ipsec.attr.cmpr_algorithm', 'Compress Private Algorithm', 'bytes', { blurb: 'Private compression algorithm', ref: 'RFC 2407 §4.5' }),
  ipsec_attr_ecn_tunnel: f('ipsec.attr.ecn_tunnel', 'ECN Tunnel', 'uint16', { vals: V.ECN_TUNNEL, blurb: 'Whether ECN is copied in tunnel mode', ref: 'RFC 3168 §9.2.1.1' }),
  ipsec_attr_ext_seq_nbr: f('ipsec.attr.ext_seq_nbr', 'Extended (64-bit) Sequence Number', 'uint16', { vals: V.EXT_SEQ, blurb: 'Whether 64-bit sequence numbers are used', ref: 'RFC 4304 §2' }),
  ipsec_attr_auth_key_length: f('ipsec.attr.auth_key_length', 'Authentication Key Length', 'uint16', { blurb: 'Length in bits of the signature key', ref: 'RFC 4359 §4' }),
  ipsec_attr_sig_enco_algorithm: f('ipsec.attr.sig_enco_algorithm', 'Signature Encoding Algorithm', 'bytes', { blurb: 'Signature encoding of SIG-RSA authentication', ref: 'RFC 4359 §4' }),
  ipsec_attr_addr_preservation: f('ipsec.attr.addr_preservation', 'Address Preservation', 'uint16', { vals: V.ADDR_PRESERVATION, blurb: 'GDOI: which addresses tunnel mode preserves', ref: 'RFC 6407 §5.3' }),
  ipsec_attr_sa_direction: f('ipsec.attr.sa_direction', 'SA Direction', 'uint16', { vals: V.SA_DIRECTION, blurb: 'GDOI: direction the SA is used in', ref: 'RFC 6407 §5.3' }),
  ike2_attr_key_length: f('ike2.attr.key_length', 'Key Length', 'uint16', { blurb: 'Key length in bits of a variable-length cipher', ref: `${R2} §3.3.5` }),

  // ROHC (RFC 5857)
  rohc_max_cid: f('notify.data.rohc.attr.max_cid', 'Maximum Context Identifier', 'uint16', { blurb: 'Highest ROHC context ID', ref: 'RFC 5857 §3.1' }),
  rohc_profile: f('notify.data.rohc.attr.profile', 'ROHC Profile', 'uint16', { blurb: 'A supported ROHC profile', ref: 'RFC 5857 §3.1' }),
  rohc_integ: f('notify.data.rohc.attr.integ', 'ROHC Integrity Algorithm', 'uint16', { vals: V.ROHC_INTEG, blurb: 'Integrity algorithm for ROHC', ref: 'RFC 5857 §3.1' }),
  rohc_icv_len: f('notify.data.rohc.attr.icv_len', 'ROHC ICV Length in bytes', 'uint16', { blurb: 'Length of the ROHC ICV in octets', ref: 'RFC 5857 §3.1' }),
  rohc_mrru: f('notify.data.rohc.attr.mrru', 'MRRU', 'uint16', { blurb: 'Maximum reconstructed reception unit', ref: 'RFC 5857 §3.1' }),

  // GDOI SA KEK / SA TEK / Key Download / Sequence (RFC 6407)
  sak_nextpayload: f('sak.nextpayload', 'Next Payload', 'uint8', { blurb: 'GDOI SA KEK: next SA attribute payload', ref: 'RFC 6407 §5.3' }),
  sak_reserved: f('sak.reserved', 'Reserved', 'uint8', { blurb: 'GDOI SA KEK: reserved', ref: 'RFC 6407 §5.3' }),
  sak_payload_len: f('sak.payload_len', 'Payload length', 'uint16', { blurb: 'GDOI SA KEK: length of the payload', ref: 'RFC 6407 §5.3' }),
  sak_protoid: f('sak.protoid', 'Protocol ID', 'uint8', { vals: V.IP_PROTOCOL, blurb: 'GDOI SA KEK: IP protocol of the rekey traffic', ref: 'RFC 6407 §5.3' }),
  sak_src_id_type: f('sak.src_id_type', 'SRC ID Type', 'uint8', { vals: V.ID_TYPE_V1, blurb: 'GDOI SA KEK: source identity type', ref: 'RFC 6407 §5.3' }),
  sak_src_id_port: f('sak.src_id_port', 'SRC ID Port', 'uint16', { blurb: 'GDOI SA KEK: source port', ref: 'RFC 6407 §5.3' }),
  sak_src_id_length: f('sak.src_id_length', 'SRC ID Data Length', 'uint8', { blurb: 'GDOI SA KEK: length of the source identity', ref: 'RFC 6407 §5.3' }),
  sak_src_id_data: f('sak.src_id_data', 'SRC ID Data', 'bytes', { blurb: 'GDOI SA KEK: source identity', ref: 'RFC 6407 §5.3' }),
  sak_dst_id_type: f('sak.dst_id_type', 'DST ID Type', 'uint8', { vals: V.ID_TYPE_V1, blurb: 'GDOI SA KEK: destination identity type', ref: 'RFC 6407 §5.3' }),
  sak_dst_id_port: f('sak.dst_id_port', 'DST ID Port', 'uint16', { blurb: 'GDOI SA KEK: destination port', ref: 'RFC 6407 §5.3' }),
  sak_dst_id_length: f('sak.dst_id_length', 'DST ID Data Length', 'uint8', { blurb: 'GDOI SA KEK: length of the destination identity', ref: 'RFC 6407 §5.3' }),
  sak_dst_id_data: f('sak.dst_id_data', 'DST ID Data', 'bytes', { blurb: 'GDOI SA KEK: destination identity', ref: 'RFC 6407 §5.3' }),
  sak_spi: f('sak.spi', 'SPI', 'bytes', { blurb: 'GDOI SA KEK: SPI of the KEK', ref: 'RFC 6407 §5.3' }),
  sat_nextpayload: f('sat.nextpayload', 'Next Payload', 'uint8', { blurb: 'GDOI SA TEK: next SA attribute payload', ref: 'RFC 6407 §5.4' }),
  sat_reserved: f('sat.reserved', 'Reserved', 'uint8', { blurb: 'GDOI SA TEK: reserved', ref: 'RFC 6407 §5.4' }),
  sat_payload_len: f('sat.payload_len', 'Payload length', 'uint16', { blurb: 'GDOI SA TEK: length of the payload', ref: 'RFC 6407 §5.4' }),
  sat_protocol_id: f('sat.protocol_id', 'Protocol ID', 'uint8', { vals: V.SAT_PROTOCOL, blurb: 'GDOI SA TEK: ESP or AH', ref: 'RFC 6407 §5.4' }),
  sat_protocol: f('sat.protocol', 'Internet Protocol', 'uint8', { vals: V.IP_PROTOCOL, blurb: 'GDOI SA TEK: IP protocol of the protected traffic', ref: 'RFC 6407 §5.4.1' }),
  sat_src_id_type: f('sat.src_id_type', 'SRC ID Type', 'uint8', { vals: V.ID_TYPE_V1, blurb: 'GDOI SA TEK: source identity type', ref: 'RFC 6407 §5.4.1' }),
  sat_src_id_port: f('sat.src_id_port', 'SRC ID Port', 'uint16', { blurb: 'GDOI SA TEK: source port', ref: 'RFC 6407 §5.4.1' }),
  sat_src_id_length: f('sat.src_id_length', 'SRC ID Data Length', 'uint8', { blurb: 'GDOI SA TEK: length of the source identity', ref: 'RFC 6407 §5.4.1' }),
  sat_src_id_data: f('sat.src_id_data', 'SRC ID Data', 'bytes', { blurb: 'GDOI SA TEK: source identity', ref: 'RFC 6407 §5.4.1' }),
  sat_dst_id_type: f('sat.dst_id_type', 'DST ID Type', 'uint8', { vals: V.ID_TYPE_V1, blurb: 'GDOI SA TEK: destination identity type', ref: 'RFC 6407 §5.4.1' }),
  sat_dst_id_port: f('sat.dst_id_port', 'DST ID Port', 'uint16', { blurb: 'GDOI SA TEK: destination port', ref: 'RFC 6407 §5.4.1' }),
  sat_dst_id_length: f('sat.dst_id_length', 'DST ID Data Length', 'uint8', { blurb: 'GDOI SA TEK: length of the destination identity', ref: 'RFC 6407 §5.4.1' }),
  sat_dst_id_data: f('sat.dst_id_data', 'DST ID Data', 'bytes', { blurb: 'GDOI SA TEK: destination identity', ref: 'RFC 6407 §5.4.1' }),
  sat_transform_id: f('sat.transform_id', 'Transform ID', 'uint8', { blurb: 'GDOI SA TEK: ESP or AH transform', ref: 'RFC 6407 §5.4.1' }),
  sat_spi: f('sat.spi', 'SPI', 'bytes', { blurb: 'GDOI SA TEK: SPI of the TEK', ref: 'RFC 6407 §5.4.1' }),
  sat_payload: f('sat.payload', 'TEK Payload', 'bytes', { blurb: 'GDOI SA TEK of an unknown protocol', ref: 'RFC 6407 §5.4' }),
  kd_num_pkt: f('kd.num_pkt', 'Number of Key Packets', 'uint16', { blurb: 'GDOI Key Download: number of key packets', ref: 'RFC 6407 §5.6' }),
  kd_payload: f('kd.payload', 'Key Download Payload', 'none', { blurb: 'GDOI Key Download: one key packet', ref: 'RFC 6407 §5.6' }),
  kdp_type: f('kd.payload.type', 'Type', 'uint8', { vals: V.KEY_DOWNLOAD_TYPE, blurb: 'GDOI Key Download: kind of key packet (TEK, KEK, LKH, SID)', ref: 'RFC 6407 §5.6' }),
  kdp_length: f('kd.payload.length', 'Length', 'uint16', { blurb: 'GDOI Key Download: length of the key packet', ref: 'RFC 6407 §5.6' }),
  kdp_spi_size: f('kd.payload.spi_size', 'SPI Size', 'uint8', { blurb: 'GDOI Key Download: SPI length', ref: 'RFC 6407 §5.6' }),
  kdp_spi: f('kd.payload.spi', 'SPI', 'bytes', { blurb: 'GDOI Key Download: SPI the keys are for', ref: 'RFC 6407 §5.6' }),
  seq_seq: f('seq.seq', 'Sequence Number', 'uint32', { blurb: 'GDOI: sequence number of the rekey message', ref: 'RFC 6407 §5.7' }),

  // Encrypted data (IKEv1 E flag, IKEv2 SK payload, RFC 7296 §3.14)
  enc_decrypted: f('enc.decrypted', 'Decrypted Data', 'none', { blurb: 'The decrypted contents of an Encrypted payload', ref: `${R2} §3.14` }),
  enc_contained: f('enc.contained', 'Contained Data', 'none', { blurb: 'The payloads inside the decrypted data', ref: `${R2} §3.14` }),
  enc_padding: f('enc.padding', 'Padding', 'none', { blurb: 'Padding to the cipher block size', ref: `${R2} §3.14` }),
  enc_pad_length: f('enc.pad_length', 'Pad Length', 'uint8', { blurb: 'Number of padding octets', ref: `${R2} §3.14` }),
  enc_data: f('enc.data', 'Encrypted Data', 'none', { blurb: 'Encrypted payloads (IKEv1 after an E-flagged header, IKEv2 inside SK)', ref: `${R1} §3.1, ${R2} §3.14` }),
  enc_iv: f('enc.iv', 'Initialization Vector', 'bytes', { blurb: 'IV of the Encrypted payload (without keys its length is unknown; Wireshark shows 4 octets)', ref: `${R2} §3.14` }),
  enc_icd: f('enc.icd', 'Integrity Checksum Data', 'bytes', { blurb: 'MAC over the message up to the ICV', ref: `${R2} §3.14` }),
};

export const attr = {
  ike: attrFields('ike.attr', 'IKE Attribute', V.IKE_ATTR, 'IKEv1 SA', 'RFC 2409 App. A'),
  ipsec: attrFields('ipsec.attr', 'IPsec Attribute', V.IPSEC_ATTR, 'IPsec SA', 'RFC 2407 §4.5'),
  ike2: attrFields('ike2.attr', 'Transform Attribute', V.IKE2_ATTR, 'IKEv2 transform', `${R2} §3.3.5`),
  respIke: attrFields('notify.data.resp_lifetime.ike.attr', 'IKE Attribute', V.IKE_ATTR, 'responder-lifetime IKE SA', 'RFC 2407 §4.6.3.1'),
  respIpsec: attrFields('notify.data.resp_lifetime.ipsec.attr', 'IPsec Attribute', V.IPSEC_ATTR, 'responder-lifetime IPsec SA', 'RFC 2407 §4.6.3.1'),
  rohc: attrFields('notify.data.rohc.attr', 'ROHC Attribute Type', V.ROHC_ATTR, 'ROHC', 'RFC 5857 §3.1'),
  cfg: attrFields('cfg.attr', 'Config Attribute', V.CFG_ATTR_V1, 'configuration', `${R2} §3.15.1`),
  tek: attrFields('key_download.attr', 'Key download Tek Attribute', V.TEK_KEY_ATTR, 'key download', 'RFC 6407 §5.6.1'),
};

export const life = {
  ike: lifeFields('ike.attr', 'RFC 2409 App. A'),
  ipsec: lifeFields('ipsec.attr', 'RFC 2407 §4.5'),
  respIke: lifeFields('notify.data.resp_lifetime.ike.attr', 'RFC 2407 §4.6.3.1'),
  respIpsec: lifeFields('notify.data.resp_lifetime.ipsec.attr', 'RFC 2407 §4.6.3.1'),
};

/** vpnshark's own generated fields: analysis Wireshark does not do. */
export const an = {
  ikeSa: f('ike_sa', 'IKE SA', 'uint32', { blurb: 'vpnshark: number of the IKE SA (by initiator SPI/cookie) this message belongs to, from 0 in capture order', ref: `${R1} §3.1, ${R2} §2.6` }),
  ikeSaInitiator: f('ike_sa.initiator', 'IKE SA initiator', 'string', { blurb: 'vpnshark: address and port of the peer that started the IKE SA', ref: `${R2} §2.2` }),
  ikeSaResponder: f('ike_sa.responder', 'IKE SA responder', 'string', { blurb: 'vpnshark: address and port of the peer that answered', ref: `${R2} §2.2` }),
  ikeSaFirst: f('ike_sa.first_frame', 'First message of this IKE SA', 'framenum', { blurb: 'vpnshark: frame of the first message seen for this IKE SA', ref: `${R2} §2.2` }),
  natdEndpoint: f('nat_d.endpoint', 'Hashed endpoint', 'string', { blurb: 'vpnshark: the address and port this NAT detection hash should cover, as seen on the wire', ref: 'RFC 3947 §3.2, RFC 7296 §2.23' }),
  natdComputed: f('nat_d.computed', 'Computed hash', 'bytes', { blurb: 'vpnshark: the NAT detection hash worked out from the SPIs and the packet\'s own address and port', ref: 'RFC 3947 §3.2, RFC 7296 §2.23' }),
  natdMatch: f('nat_d.match', 'NAT detection', 'bool', {
    tf: ['Hash matches: no NAT changed this address', 'Hash does not match: a NAT changed this address or port'],
    blurb: 'vpnshark: whether the received NAT detection hash equals the computed one (a mismatch means a NAT is on the path)',
    ref: 'RFC 3947 §3.2, RFC 7296 §2.23',
  }),
  weak: f('weak_transform', 'Weak transform', 'string', { blurb: 'vpnshark: why this transform or attribute is weak (DES/3DES/NULL, MD5/SHA-1, small DH groups)', ref: 'RFC 8247 §2.1, RFC 9395' }),
};
