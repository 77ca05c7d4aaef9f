/**
 * L2TP value names (RFC 2661, RFC 3931 and the IANA "L2TP parameters" registry), worded as
 * Wireshark 4.0 words them so that tree text and field values read the same in both tools.
 */
import { names } from '../core/fields.js';

/** Control message types (RFC 2661 §6, RFC 3931 §6, RFC 4951, RFC 4045, RFC 5515). */
export const MSG = {
  SCCRQ: 1, SCCRP: 2, SCCCN: 3, StopCCN: 4, HELLO: 6, OCRQ: 7, OCRP: 8, OCCN: 9, ICRQ: 10, ICRP: 11,
  ICCN: 12, CDN: 14, WEN: 15, SLI: 16, ACK: 20,
} as const;

export const MESSAGE_TYPE_NAMES = names({
  1: 'Start_Control_Request', 2: 'Start_Control_Reply', 3: 'Start_Control_Connected',
  4: 'Stop_Control_Notification', 5: 'Reserved', 6: 'Hello', 7: 'Outgoing_Call_Request',
  8: 'Outgoing_Call_Reply', 9: 'Outgoing_Call_Connected', 10: 'Incoming_Call_Request',
  11: 'Incoming_Call_Reply', 12: 'Incoming_Call_Connected', 13: 'Reserved',
  14: 'Call_Disconnect_Notification', 15: 'WAN_Error_Notify', 16: 'Set_Link_Info', 17: 'Modem_Status',
  18: 'Service_Relay_Request_Msg', 19: 'Service_Relay_Reply_Message', 20: 'Explicit_Acknowledgement',
  21: 'Failover_Session_Query_Message', 22: 'Failover_Session_Response_Message',
  23: 'Multicast-Session-Request', 24: 'Multicast-Session-Response', 25: 'Multicast-Session-Establishment',
  26: 'Multicast-Session-Information', 27: 'Multicast-Session-End-Notify',
  28: 'Connect-Speed-Update-Notification', 29: 'Connect-Speed-Update-Request',
});

/** The short forms the Info column uses. */
export const MESSAGE_TYPE_SHORT = names({
  1: 'SCCRQ', 2: 'SCCRP', 3: 'SCCCN', 4: 'StopCCN', 5: 'Reserved', 6: 'Hello', 7: 'OCRQ', 8: 'OCRP',
  9: 'OCCN', 10: 'ICRQ', 11: 'ICRP', 12: 'ICCN', 13: 'Reserved', 14: 'CDN', 15: 'WEN', 16: 'SLI',
  17: 'MDMST', 18: 'SRRQ', 19: 'SRRP', 20: 'ACK', 21: 'FSQ', 22: 'FSR', 23: 'MSRQ', 24: 'MSRP',
  25: 'MSE', 26: 'MSI', 27: 'MSEN', 28: 'CSUN', 29: 'CSURQ',
});

export function shortMessageName(t: number): string {
  return MESSAGE_TYPE_SHORT.get(t) ?? `Unknown (${t})`;
}

/** IETF attribute types (RFC 2661 §4.4, RFC 3931 §5.4, IANA). */
export const AVP = {
  CONTROL_MESSAGE: 0, RESULT_ERROR_CODE: 1, PROTOCOL_VERSION: 2, FRAMING_CAPABILITIES: 3,
  BEARER_CAPABILITIES: 4, TIE_BREAKER: 5, FIRMWARE_REVISION: 6, HOST_NAME: 7, VENDOR_NAME: 8,
  ASSIGNED_TUNNEL_ID: 9, RECEIVE_WINDOW_SIZE: 10, CHALLENGE: 11, CAUSE_CODE: 12, CHALLENGE_RESPONSE: 13,
  ASSIGNED_SESSION: 14, CALL_SERIAL_NUMBER: 15, MINIMUM_BPS: 16, MAXIMUM_BPS: 17, BEARER_TYPE: 18,
  FRAMING_TYPE: 19, CALLED_NUMBER: 21, CALLING_NUMBER: 22, SUB_ADDRESS: 23, TX_CONNECT_SPEED: 24,
  PHYSICAL_CHANNEL: 25, INITIAL_RECEIVED_LCP_CONFREQ: 26, LAST_SENT_LCP_CONFREQ: 27,
  LAST_RECEIVED_LCP_CONFREQ: 28, PROXY_AUTHEN_TYPE: 29, PROXY_AUTHEN_NAME: 30, PROXY_AUTHEN_CHALLENGE: 31,
  PROXY_AUTHEN_ID: 32, PROXY_AUTHEN_RESPONSE: 33, CALL_STATUS_AVPS: 34, ACCM: 35, RANDOM_VECTOR: 36,
  PRIVATE_GROUP_ID: 37, RX_CONNECT_SPEED: 38, SEQUENCING_REQUIRED: 39, PPP_DISCONNECT_CAUSE_CODE: 46,
  EXTENDED_VENDOR_ID: 58, MESSAGE_DIGEST: 59, ROUTER_ID: 60, ASSIGNED_CONTROL_CONN_ID: 61,
  PW_CAPABILITY_LIST: 62, LOCAL_SESSION_ID: 63, REMOTE_SESSION_ID: 64, ASSIGNED_COOKIE: 65,
  REMOTE_END_ID: 66, PW_TYPE: 68, L2_SPECIFIC_SUBLAYER: 69, DATA_SEQUENCING: 70, CIRCUIT_STATUS: 71,
  PREFERRED_LANGUAGE: 72, CTL_MSG_AUTH_NONCE: 73, TX_CONNECT_SPEED_V3: 74, RX_CONNECT_SPEED_V3: 75,
  CONNECT_SPEED_UPDATE: 97,
} as const;

export const AVP_TYPE_NAMES = names({
  0: 'Control Message', 1: 'Result-Error Code', 2: 'Protocol Version', 3: 'Framing Capabilities',
  4: 'Bearer Capabilities', 5: 'Tie Breaker', 6: 'Firmware Revision', 7: 'Host Name', 8: 'Vendor Name',
  9: 'Assigned Tunnel ID', 10: 'Receive Window Size', 11: 'Challenge', 12: 'Cause Code',
  13: 'Challenge Response', 14: 'Assigned Session', 15: 'Call Serial Number', 16: 'Minimum BPS',
  17: 'Maximum BPS', 18: 'Bearer Type', 19: 'Framing Type', 20: 'Reserved', 21: 'Called Number',
  22: 'Calling Number', 23: 'Sub-Address', 24: 'Connect Speed', 25: 'Physical Channel',
  26: 'Initial Received LCP CONFREQ', 27: 'Last Sent LCP CONFREQ', 28: 'Last Received LCP CONFREQ',
  29: 'Proxy Authen Type', 30: 'Proxy Authen Name', 31: 'Proxy Authen Challenge', 32: 'Proxy Authen ID',
  33: 'Proxy Authen Response', 34: 'Call status AVPs', 35: 'ACCM', 36: 'Random Vector',
  37: 'Private group ID', 38: 'RxConnect Speed', 39: 'Sequencing Required', 46: 'PPP Disconnect Cause Code',
  58: 'Extended Vendor ID', 59: 'Message Digest', 60: 'Router ID', 61: 'Assigned Control Connection ID',
  62: 'Pseudowire Capability List', 63: 'Local Session ID', 64: 'Remote Session ID', 65: 'Assigned Cookie',
  66: 'Remote End ID', 68: 'Pseudowire Type', 69: 'Layer2 Specific Sublayer', 70: 'Data Sequencing',
  71: 'Circuit Status', 72: 'Preferred Language', 73: 'Control Message Authentication Nonce',
  74: 'Tx Connect Speed Version 3', 75: 'Rx Connect Speed Version 3', 76: 'Failover Capability',
  77: 'Tunnel Recovery', 78: 'Suggested Control Sequence', 79: 'Failover Session State',
  80: 'Multicast Capability', 81: 'New Outgoing Sessions', 82: 'New Outgoing Sessions Acknowledgement',
  83: 'Withdraw Outgoing Sessions', 84: 'Multicast Packets Priority', 85: 'Frame-Relay Header Length',
  86: 'ATM Maximum Concatenated Cells', 87: 'OAM Emulation Required', 88: 'ATM Alarm Status',
  89: 'Attachment Group Identifier', 90: 'Local End Identifier', 91: 'Interface Maximum Transmission Unit',
  92: 'FCS Retention', 93: 'Tunnel Switching Aggregator ID', 94: 'Maximum Receive Unit (MRU)',
  95: 'Maximum Reassembled Receive Unit (MRRU)', 96: 'VCCV Capability', 97: 'Connect Speed Update',
  98: 'Connect Speed Update Enable', 99: 'TDM Pseudowire', 100: 'RTP AVP', 101: 'PW Switching Point',
});

/** Result codes of a StopCCN (RFC 2661 §4.4.2, RFC 3308). */
export const STOPCCN_RESULT_NAMES = names({
  0: 'Reserved', 1: 'General request to clear control connection',
  2: 'General error, Error Code indicates the problem', 3: 'Control connection already exists',
  4: 'Requester is not authorized to establish a control connection',
  5: 'The protocol version of the requester is not supported', 6: 'Requester is being shut down',
  7: 'Finite state machine error or timeout', 8: 'Control connection due to mismatching CCDS value',
});

/** Result codes of a CDN (RFC 2661 §4.4.2, RFC 3931 and the pseudowire RFCs). */
export const CDN_RESULT_NAMES = names({
  0: 'Reserved', 1: 'Session disconnected due to loss of carrier or circuit disconnect',
  2: 'Session disconnected for the reason indicated in Error Code',
  3: 'Session disconnected for administrative reasons',
  4: 'Appropriate facilities unavailable (temporary condition)',
  5: 'Appropriate facilities unavailable (permanent condition)', 6: 'Invalid destination',
  7: 'Call failed due to no carrier detected', 8: 'Call failed due to detection of a busy signal',
  9: 'Call failed due to lack of a dial tone', 10: 'Call was not established within time allotted by LAC',
  11: 'Call was connected but no appropriate framing was detected',
  12: 'Disconnecting call due to mismatching SDS value', 13: 'Session not established due to losing tie breaker',
  14: 'Session not established due to unsupported PW type',
  15: 'Session not established, sequencing required without valid L2-Specific Sublayer',
  16: 'Finite state machine error or timeout', 17: 'FR PVC was deleted permanently (no longer provisioned) ',
  18: 'FR PVC has been INACTIVE for an extended period of time', 19: 'Mismatched FR Header Length',
  20: 'HDLC Link was deleted permanently (no longer provisioned)',
  21: 'HDLC Link has been INACTIVE for an extended period of time',
  22: 'Session not established due to other LCCE can not support the OAM Cell Emulation',
  23: 'Mismatching interface MTU', 24: 'Attempt to connect to non-existent forwarder',
  25: 'Attempt to connect to unauthorized forwarder', 26: 'Loop Detected',
  27: 'Attachment Circuit bound to different PE',
  28: 'Attachment Circuit bound to different remote Attachment Circuit', 29: 'Unassigned',
  30: 'Return code to indicate connection was refused because of TDM PW parameters. The error code indicates the problem.',
  31: 'Sequencing not supported',
});

/** General error codes (RFC 2661 §4.4.2, RFC 3931 §5.4.2). */
export const ERROR_CODE_NAMES = names({
  0: 'No General Error', 1: 'No control connection exists yet for this pair of LCCEs', 2: 'Length is wrong',
  3: 'One of the field values was out of range', 4: 'Insufficient resources to handle this operation now',
  5: 'Invalid Session ID', 6: 'A generic vendor-specific error occurred', 7: 'Try another',
  8: 'Receipt of an unknown AVP with the M bit set', 9: 'Try another directed', 10: 'Next hop unreachable',
  11: 'Next hop busy', 12: 'TSA busy',
});

export const AUTHEN_TYPE_NAMES = names({
  0: 'Reserved', 1: 'Textual username/password exchange', 2: 'PPP CHAP', 3: 'PPP PAP', 4: 'No Authentication',
  5: 'Microsoft CHAP Version 1', 6: 'Reserved', 7: 'EAP',
});

export const CAUSE_DIRECTION_NAMES = names({ 0: 'global error', 1: 'at peer', 2: 'at local' });

/** L2TPv3 pseudowire types (RFC 3931 §10.6, IANA). */
export const PW = { DEFAULT: 0, ETH_VLAN: 4, ETH: 5, PPP: 7, IP: 11 } as const;

export const PW_TYPE_NAMES = names({
  1: 'Frame Relay DLCI', 2: 'ATM AAL5 SDU VCC transport', 3: 'ATM Cell transparent Port Mode',
  4: 'Ethernet VLAN', 5: 'Ethernet', 6: 'HDLC', 7: 'PPP', 9: 'ATM Cell transport VCC Mode',
  10: 'ATM Cell transport VPC Mode', 11: 'IP Transport', 12: 'MPEG-TS Payload Type (MPTPW)',
  13: 'Packet Streaming Protocol (PSPPW)', 17: 'Structure-agnostic E1 circuit',
  18: 'Structure-agnostic T1 (DS1) circuit', 19: 'Structure-agnostic E3 circuit',
  20: 'Structure-agnostic T3 (DS3) circuit', 21: 'CESoPSN basic mode', 22: 'Unassigned',
  23: 'CESoPSN TDM with CAS',
});

export const L2_SUBLAYER_NAMES = names({
  0: 'No L2-Specific Sublayer', 1: 'Default L2-Specific Sublayer present', 2: 'ATM-Specific Sublayer present',
  3: 'MPT-Specific Sublayer', 4: 'PSP-Specific Sublayer',
});

export const DATA_SEQUENCING_NAMES = names({
  0: 'No incoming data packets require sequencing', 1: 'Only non-IP data packets require sequencing',
  2: 'All incoming data packets require sequencing',
});

/** SMI network management private enterprise codes that L2TP vendor AVPs use. */
export const VENDOR = { IETF: 0, CISCO: 9, ERICSSON: 193, BROADBAND_FORUM: 3561, CABLELABS: 4491 } as const;

export const ENTERPRISE_NAMES = names({
  0: 'Reserved', 9: 'ciscoSystems', 193: 'Ericsson AB', 311: 'Microsoft', 529: 'Ascend Communications Inc.',
  1872: 'Alteon Networks, Inc.', 2011: 'HUAWEI Technology Co.,Ltd', 2352: 'Ericsson, Inc.',
  2636: 'Juniper Networks, Inc.', 3076: 'Altiga Networks, Inc.', 3561: 'Broadband Forum (previously \'DSL Forum\')',
  4491: 'Cable Television Laboratories, Inc.', 5567: 'Riverstone Networks', 6527: 'Nokia', 8164: 'Starent Networks',
  14988: 'MikroTik', 25506: 'H3C',
});

export function enterpriseName(id: number): string {
  return ENTERPRISE_NAMES.get(id) ?? 'Unknown';
}

export const CISCO_AVP = {
  ACK: 0, ASSIGNED_CONNECTION_ID: 1, PW_CAPABILITY_LIST: 2, LOCAL_SESSION_ID: 3, REMOTE_SESSION_ID: 4,
  ASSIGNED_COOKIE: 5, REMOTE_END_ID: 6, PW_TYPE: 7, CIRCUIT_STATUS: 8, SESSION_TIE_BREAKER: 9,
  DRAFT_AVP_VERSION: 10, MESSAGE_DIGEST: 12, AUTH_NONCE: 13, INTERFACE_MTU: 14,
} as const;

export const CISCO_AVP_NAMES = names({
  0: 'Cisco ACK', 1: 'Assigned Connection ID', 2: 'Pseudowire Capabilities List', 3: 'Local Session ID',
  4: 'Remote Session ID', 5: 'Assigned Cookie', 6: 'Remote End ID', 7: 'Pseudowire Type', 8: 'Circuit Status',
  9: 'Session Tie Breaker', 10: 'Draft AVP Version', 12: 'Message Digest',
  13: 'Control Message Authentication Nonce', 14: 'Interface MTU',
});

export const BROADBAND_AVP_NAMES = names({
  1: 'Agent-Circuit-Id', 2: 'Agent-Remote-Id', 129: 'Actual-Data-Rate-Upstream', 130: 'Actual-Data-Rate-Downstream',
  131: 'Minimum-Data-Rate-Upstream', 132: 'Minimum-Data-Rate-Downstream', 133: 'Attainable-Data-Rate-Upstream',
  134: 'Attainable-Data-Rate-Downstream', 135: 'Maximum-Data-Rate-Upstream', 136: 'Maximum-Data-Rate-Downstream',
  137: 'Minimum-Data-Rate-Upstream-Low-Power', 138: 'Minimum-Data-Rate-Downstream-Low-Power',
  139: 'Maximum-Interleaving-Delay-Upstream', 140: 'Actual-Interleaving-Delay-Upstream',
  141: 'Maximum-Interleaving-Delay-Downstream', 142: 'Actual-Interleaving-Delay-Downstream',
  144: 'Access-Loop-Encapsulation', 145: 'ANCP Access Line Type', 254: 'IWF-Session',
});

export const ERICSSON_AVP_NAMES = names({
  0: 'Message Type', 1: 'Transport Configuration', 2: 'Packet Loss', 3: 'Protocol Version', 4: 'Connection Type',
  5: 'CRC32 Enabled', 6: 'STN Name', 7: 'Abis Lower Mode', 8: 'TEI to SC Map', 9: 'Channel Status List',
  10: 'Extended Protocol Version', 11: 'Channel Status List 2',
});

export const ERICSSON_MSG_NAMES = names({
  0: 'Transport Configuration Notification', 1: 'Performance Notification', 2: 'Transport Configuration Request',
  3: 'Transport Configuration Response', 4: 'Abis Lower Transport Config Request',
  5: 'Abis Lower Transport Config Response', 6: 'Local Connect Channel Status Notification',
});

export const ERICSSON_MSG_SHORT = names({ 0: 'TCN', 1: 'PN', 2: 'TCRQ', 3: 'TCRP', 4: 'ALTCRQ', 5: 'ALTCRP', 6: 'LCCSN' });

export const CABLELABS_AVP_NAMES = names({
  0: 'Reserved', 1: 'DEPI Result Code', 2: 'DEPI Resource Allocation Request', 3: 'DEPI Resource Allocation Reply',
  4: 'DEPI Local MTU', 5: 'DOCSIS SYNC Control', 6: 'EQAM Capability Bits', 7: 'DEPI Remote MTU',
  8: 'DEPI Local UDP Port', 9: 'DPR Session Type', 10: 'DPR Session Status', 100: 'Downstream QAM Channel TSID Group',
  101: 'Downstream QAM Channel Frequency', 102: 'Downstream QAM Channel Power', 103: 'Downstream QAM Channel Modulation',
  104: 'Downstream QAM Channel J.83 Annex', 105: 'Downstream QAM Channel Symbol Rate',
  106: 'Downstream QAM Channel Interleave Depth', 107: 'Downstream QAM Channel RF Block Muting53',
  200: 'DEPI Redundancy Capabilities',
});
