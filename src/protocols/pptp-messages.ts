/**
 * PPTP control messages (RFC 2637 §2): the fields, their value names, and the layout of each of
 * the 15 message types. Names, labels and bases are Wireshark's (packet-pptp.c); the value names
 * are RFC 2637's codes as Wireshark words them.
 */
import { defineProtocol, fieldsOf, names, type FieldDef } from '../core/fields.js';

export const pptpProto = defineProtocol({
  abbrev: 'pptp', name: 'Point-to-Point Tunnelling Protocol', short: 'PPTP',
  blurb: 'The control connection (TCP 1723) that sets up and tears down PPTP tunnels and calls; the data goes in enhanced GRE',
  ref: 'RFC 2637',
});

export const MAGIC_COOKIE = 0x1a2b3c4d;
export const HEADER_LEN = 12;

export const MESSAGE_NAMES = names({
  1: 'Start-Control-Connection-Request', 2: 'Start-Control-Connection-Reply',
  3: 'Stop-Control-Connection-Request', 4: 'Stop-Control-Connection-Reply',
  5: 'Echo-Request', 6: 'Echo-Reply',
  7: 'Outgoing-Call-Request', 8: 'Outgoing-Call-Reply',
  9: 'Incoming-Call-Request', 10: 'Incoming-Call-Reply', 11: 'Incoming-Call-Connected',
  12: 'Call-Clear-Request', 13: 'Call-Disconnect-Notify', 14: 'WAN-Error-Notify', 15: 'Set-Link-Info',
});

const FRAMING = names({ 1: 'Asynchronous Framing supported', 2: 'Synchronous Framing supported', 3: 'Either Framing supported' });
const BEARER = names({ 1: 'Analog access supported', 2: 'Digital access supported', 3: 'Either access supported' });
const OK_GENERAL = names({ 1: 'OK', 2: 'General error' });

/** Result Code of a Start-Control-Connection-Reply (§2.2). */
export const CONTROL_RESULT = names({
  1: 'Successful channel establishment', 2: 'General error', 3: 'Command channel already exists',
  4: 'Requester not authorized', 5: 'Protocol version not supported',
});
/** General Error Codes (§2.16). */
export const ERROR_CODES = names({
  0: 'None', 1: 'Not-Connected', 2: 'Bad-Format', 3: 'Bad-Value', 4: 'No-Resource', 5: 'Bad-Call ID', 6: 'PAC-Error',
});
export const STOP_REASON = names({ 1: 'None', 2: 'Stop-Protocol', 3: 'Stop-Local-Shutdown' });
export const OUT_RESULT = names({
  1: 'Connected', 2: 'General Error', 3: 'No Carrier', 4: 'Busy', 5: 'No Dial Tone', 6: 'Time-out', 7: 'Do Not Accept',
});
export const IN_RESULT = names({ 1: 'Connect', 2: 'General error', 3: 'Do Not Accept' });
export const DISC_RESULT = names({ 1: 'Lost Carrier', 2: 'General Error', 3: 'Admin Shutdown', 4: 'Request' });

const f = fieldsOf('pptp');
const R = (s: string) => `RFC 2637 §${s}`;
export const hfPptp = {
  length: f('length', 'Length', 'uint16', { blurb: 'Total length in octets of this PPTP message', ref: R('1.4') }),
  type: f('type', 'Message type', 'uint16', { vals: { 1: 'Control Message', 2: 'Management Message' }, blurb: 'PPTP message type', ref: R('1.4') }),
  magic_cookie: f('magic_cookie', 'Magic Cookie', 'uint32', { base: 'hex', blurb: 'This constant value is used as a sanity check on received messages (always 0x1A2B3C4D)', ref: R('1.4') }),
  control_message_type: f('control_message_type', 'Control Message Type', 'uint16', { vals: MESSAGE_NAMES, blurb: 'Which of the 15 control messages this is', ref: R('1.4') }),
  reserved: f('reserved', 'Reserved', 'bytes', { blurb: 'This field MUST be 0', ref: R('2') }),
  protocol_version: f('protocol_version', 'Protocol version', 'uint16', { blurb: 'The version of the PPTP protocol (major.minor, 1.0 = 0x0100)', ref: R('2.1') }),
  framing_capabilities: f('framing_capabilities', 'Framing Capabilities', 'uint32', { vals: FRAMING, blurb: 'A set of bits indicating the type of framing', ref: R('2.1') }),
  bearer_capabilities: f('bearer_capabilities', 'Bearer Capabilities', 'uint32', { vals: BEARER, blurb: 'A set of bits indicating the type of bearer', ref: R('2.1') }),
  maximum_channels: f('maximum_channels', 'Maximum Channels', 'uint16', { blurb: 'The total number of individual PPP sessions this PAC can support', ref: R('2.1') }),
  firmware_revision: f('firmware_revision', 'Firmware Revision', 'uint16', { blurb: 'This field contains the firmware revision', ref: R('2.1') }),
  host_name: f('host_name', 'Host Name', 'string', { blurb: 'A 64 octet field containing the DNS name', ref: R('2.1') }),
  vendor_name: f('vendor_name', 'Vendor Name', 'string', { blurb: 'A 64 octet field containing a vendor', ref: R('2.1') }),
  control_result: f('control_result', 'Result Code', 'uint8', { vals: CONTROL_RESULT, blurb: 'Indicates the result of the command channel establishment attempt', ref: R('2.2') }),
  error: f('error', 'Error Code', 'uint8', { vals: ERROR_CODES, blurb: 'General error code, set when the Result Code says General Error', ref: R('2.16') }),
  reason: f('reason', 'Reason', 'uint8', { vals: STOP_REASON, blurb: 'Indicates the reason for the control connection being close', ref: R('2.3') }),
  stop_result: f('stop_result', 'Result Code', 'uint8', { vals: OK_GENERAL, blurb: 'Indicates the result of the attempt to close the control connection', ref: R('2.4') }),
  identifier: f('identifier', 'Identifier', 'uint32', { blurb: 'Matches an Echo-Reply to its Echo-Request', ref: R('2.5') }),
  echo_result: f('echo_result', 'Result Code', 'uint8', { vals: OK_GENERAL, blurb: 'Indicates the result of the receipt of the Echo-Request', ref: R('2.6') }),
  call_id: f('call_id', 'Call ID', 'uint16', { blurb: 'A unique identifier, unique to a particular PAC-PNS pair assigned by the PNS', ref: R('2.7') }),
  call_serial_number: f('call_serial_number', 'Call Serial Number', 'uint16', { blurb: 'An identifier assigned by the PNS to this session for the purpose of identifying this particular session in logged session information', ref: R('2.7') }),
  minimum_bps: f('minimum_bps', 'Minimum BPS', 'uint32', { blurb: 'The lowest acceptable line speed (in bits/second) for this session', ref: R('2.7') }),
  maximum_bps: f('maximum_bps', 'Maximum BPS', 'uint32', { blurb: 'The highest acceptable line speed (in bits/second) for this session', ref: R('2.7') }),
  bearer_type: f('bearer_type', 'Bearer Type', 'uint32', { vals: BEARER, blurb: 'A value indicating the bearer capability required for this outgoing call', ref: R('2.7') }),
  framing_type: f('framing_type', 'Framing Type', 'uint32', { vals: FRAMING, blurb: 'A value indicating the type of PPP framing to be used for this outgoing call', ref: R('2.7') }),
  packet_receive_window_size: f('packet_receive_window_size', 'Packet Receive Window Size', 'uint16', { blurb: 'How many GRE packets the sender of this message can buffer: the peer must not have more than this unacknowledged', ref: R('2.7, §4.2') }),
  packet_processing_delay: f('packet_processing_delay', 'Packet Processing Delay', 'uint16', { blurb: 'A measure of the packet processing delay that might be imposed on data sent to the PNS from the PAC', ref: R('2.7') }),
  phone_number_length: f('phone_number_length', 'Phone Number Length', 'uint16', { blurb: 'The actual number of valid digits in the Phone Number field', ref: R('2.7') }),
  phone_number: f('phone_number', 'Phone Number', 'string', { blurb: 'The number to be dialed to establish the outgoing session', ref: R('2.7') }),
  subaddress: f('subaddress', 'Subaddress', 'string', { blurb: 'A 64 octet field used to specify additional dialing information.', ref: R('2.7') }),
  peer_call_id: f('peer_call_id', 'Peer Call ID', 'uint16', { blurb: 'This field is set to the value received in the Call ID field of the corresponding Outgoing-Call-Request message', ref: R('2.8') }),
  out_result: f('out_result', 'Result Code', 'uint8', { vals: OUT_RESULT, blurb: 'Indicates the result of the receipt of the Outgoing-Call-Request attempt', ref: R('2.8') }),
  cause: f('cause', 'Cause Code', 'uint16', { blurb: 'This field gives additional information (typically a Q.931 cause code)', ref: R('2.8') }),
  connect_speed: f('connect_speed', 'Connect Speed', 'uint32', { blurb: 'The actual connection speed used, in bits/second.', ref: R('2.8') }),
  physical_channel_id: f('physical_channel_id', 'Physical Channel ID', 'uint32', { blurb: 'This field is set by the PAC in a vendor-specific manner to the physical channel number used to place this call', ref: R('2.8') }),
  dialed_number_length: f('dialed_number_length', 'Dialed Number Length', 'uint16', { blurb: 'The actual number of valid digits in the Dialed Number field', ref: R('2.9') }),
  dialed_number: f('dialed_number', 'Dialed Number', 'string', { blurb: 'The number that was dialed by the caller', ref: R('2.9') }),
  dialing_number_length: f('dialing_number_length', 'Dialing Number Length', 'uint16', { blurb: 'The actual number of valid digits in the Dialing Number field', ref: R('2.9') }),
  dialing_number: f('dialing_number', 'Dialing Number', 'string', { blurb: 'The number from which the call was placed', ref: R('2.9') }),
  in_result: f('in_result', 'Result Code', 'uint8', { vals: IN_RESULT, blurb: 'This value indicates the result of the Incoming-Call-Request attempt', ref: R('2.10') }),
  disc_result: f('disc_result', 'Result Code', 'uint8', { vals: DISC_RESULT, blurb: 'This value indicates the reason for the disconnect', ref: R('2.13') }),
  call_statistics: f('call_Statistics', 'Call Statistics', 'string', { blurb: 'This field is an ASCII string containing vendor-specific call statistics that can be logged for diagnostic purpose', ref: R('2.13') }),
  crc_errors: f('crc_errors', 'CRC Errors', 'uint32', { blurb: 'Number of PPP frames received with CRC errors since session was established', ref: R('2.14') }),
  framing_errors: f('framing_errors', 'Framing Errors', 'uint32', { blurb: 'Number of improperly framed PPP packets received', ref: R('2.14') }),
  hardware_overruns: f('hardware_overruns', 'Hardware overruns', 'uint32', { blurb: 'Number of receive buffer over-runs since session was established', ref: R('2.14') }),
  buffer_overruns: f('buffer_overruns', 'Buffer overruns', 'uint32', { blurb: 'Number of buffer over-runs detected since session was established', ref: R('2.14') }),
  timeout_errors: f('timeout_errors', 'Time-out Errors', 'uint32', { blurb: 'Number of time-outs since call was established', ref: R('2.14') }),
  alignment_errors: f('alignment_errors', 'Alignment Errors', 'uint32', { blurb: 'Number of Alignment errors since call was established', ref: R('2.14') }),
  send_accm: f('send_accm', 'Send ACCM', 'uint32', { base: 'hex', blurb: 'The send ACCM value the client should use to process outgoing PPP packets', ref: R('2.15') }),
  receive_accm: f('receive_accm', 'Receive ACCM', 'uint32', { base: 'hex', blurb: 'The Receive ACCM value the client should use to process incoming PPP packets', ref: R('2.15') }),
  // vpnshark's analysis: what links this message to a call and to its request.
  analysis_call: f('analysis.call', 'PPTP call', 'uint32', { blurb: 'Index of the PPTP call this message belongs to, in the order calls appear in the capture (matches gre.analysis.call)', ref: R('2.7–2.15') }),
  analysis_request_frame: f('analysis.request_frame', 'Request In', 'framenum', { blurb: 'The frame of the request this reply answers (SCCRQ, StopCCRQ, Echo-Request, OCRQ, ICRQ, ICRP, CCRQ)', ref: R('2') }),
  analysis_response_time: f('analysis.response_time', 'Response Time', 'reltime', { blurb: 'Time between the request and this reply', ref: R('2') }),
  analysis_unknown_call: f('analysis.unknown_call', 'Unknown call', 'none', { blurb: 'Names a call ID that no call on this control connection set up, although the whole connection is in the capture', ref: R('2.11–2.15') }),
};

export type Item = readonly [FieldDef, number];

export interface MessageLayout {
  /** The message's length in octets, header included (§2). */
  length: number;
  /** Fields after the 12-octet header, in order, with their sizes. */
  items: readonly Item[];
}

const h = hfPptp;
const res2: Item = [h.reserved, 2];
const host: Item[] = [[h.host_name, 64], [h.vendor_name, 64]];

/** Every control message after its header, by Control Message Type. */
export const LAYOUTS: ReadonlyMap<number, MessageLayout> = new Map<number, MessageLayout>([
  [1, { length: 156, items: [[h.protocol_version, 2], res2, [h.framing_capabilities, 4], [h.bearer_capabilities, 4], [h.maximum_channels, 2], [h.firmware_revision, 2], ...host] }],
  [2, { length: 156, items: [[h.protocol_version, 2], [h.control_result, 1], [h.error, 1], [h.framing_capabilities, 4], [h.bearer_capabilities, 4], [h.maximum_channels, 2], [h.firmware_revision, 2], ...host] }],
  [3, { length: 16, items: [[h.reason, 1], [h.reserved, 1], res2] }],
  [4, { length: 16, items: [[h.stop_result, 1], [h.error, 1], res2] }],
  [5, { length: 16, items: [[h.identifier, 4]] }],
  [6, { length: 20, items: [[h.identifier, 4], [h.echo_result, 1], [h.error, 1], res2] }],
  [7, { length: 168, items: [[h.call_id, 2], [h.call_serial_number, 2], [h.minimum_bps, 4], [h.maximum_bps, 4], [h.bearer_type, 4], [h.framing_type, 4], [h.packet_receive_window_size, 2], [h.packet_processing_delay, 2], [h.phone_number_length, 2], res2, [h.phone_number, 64], [h.subaddress, 64]] }],
  [8, { length: 32, items: [[h.call_id, 2], [h.peer_call_id, 2], [h.out_result, 1], [h.error, 1], [h.cause, 2], [h.connect_speed, 4], [h.packet_receive_window_size, 2], [h.packet_processing_delay, 2], [h.physical_channel_id, 4]] }],
  [9, { length: 220, items: [[h.call_id, 2], [h.call_serial_number, 2], [h.bearer_type, 4], [h.physical_channel_id, 4], [h.dialed_number_length, 2], [h.dialing_number_length, 2], [h.dialed_number, 64], [h.dialing_number, 64], [h.subaddress, 64]] }],
  [10, { length: 24, items: [[h.call_id, 2], [h.peer_call_id, 2], [h.in_result, 1], [h.error, 1], [h.packet_receive_window_size, 2], [h.packet_processing_delay, 2], res2] }],
  [11, { length: 28, items: [[h.peer_call_id, 2], res2, [h.connect_speed, 4], [h.packet_receive_window_size, 2], [h.packet_processing_delay, 2], [h.framing_type, 4]] }],
  [12, { length: 16, items: [[h.call_id, 2], res2] }],
  // RFC 2637 gives Call Statistics 128 octets (the message is 148 long); Wireshark 4.0 shows only the first 64.
  [13, { length: 148, items: [[h.call_id, 2], [h.disc_result, 1], [h.error, 1], [h.cause, 2], res2, [h.call_statistics, 128]] }],
  [14, { length: 40, items: [[h.peer_call_id, 2], res2, [h.crc_errors, 4], [h.framing_errors, 4], [h.hardware_overruns, 4], [h.buffer_overruns, 4], [h.timeout_errors, 4], [h.alignment_errors, 4]] }],
  [15, { length: 24, items: [[h.peer_call_id, 2], res2, [h.send_accm, 4], [h.receive_accm, 4]] }],
]);

/** The result field of each reply, and the value that means success. */
export const RESULT_FIELDS: ReadonlyMap<FieldDef, number> = new Map([
  [h.control_result, 1], [h.stop_result, 1], [h.echo_result, 1], [h.out_result, 1], [h.in_result, 1],
]);
