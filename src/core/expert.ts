/** Expert info, with Wireshark's severities and groups. */

export type Severity = 'comment' | 'chat' | 'note' | 'warn' | 'error';
export type ExpertGroup =
  | 'checksum' | 'sequence' | 'response' | 'request' | 'undecoded' | 'reassemble'
  | 'protocol' | 'malformed' | 'debug' | 'security' | 'comment' | 'decryption' | 'assumption' | 'deprecated';

export const SEVERITY_RANK: Record<Severity, number> = { comment: 0, chat: 1, note: 2, warn: 3, error: 4 };

export const SEVERITY_LABEL: Record<Severity, string> = {
  comment: 'Comment', chat: 'Chat', note: 'Note', warn: 'Warning', error: 'Error',
};

export interface Expert {
  severity: Severity;
  group: ExpertGroup;
  /** A stable identifier for the kind of finding, e.g. "pptp.bad_magic", used by check rules and counts. */
  id: string;
  message: string;
  /** The protocol that raised it. */
  proto: string;
}
