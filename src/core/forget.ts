/**
 * Forgetting idle sessions. Commands that print per packet (the list, -T fields, -V, JSON, check,
 * flow) need a session's state only while more of its packets may come: once a tunnel, call, SA,
 * link or connection has been silent for a long while, keeping it would make memory grow with every
 * session the capture ever held instead of the ones still alive. Commands that summarise sessions
 * at the end (sessions, report) keep every session they summarise, bounded by each tracker's caps,
 * and forget the others (TCP connections, UDP conversations, ICMP requests).
 *
 * A session is forgotten when its last packet is both IDLE_SECONDS older than the newest capture
 * time seen and IDLE_FRAMES frames back. The frame condition keeps one wild timestamp in a
 * damaged file from wiping every session at once; the time condition keeps a busy capture's
 * long-lived but quiet sessions (an IKE SA between rekeys, a PPTP call between echoes) alive.
 * A packet of a forgotten session later on starts it afresh, as in a capture that began there.
 */
export const IDLE_SECONDS = 3600;
/** `-o session.idle_timeout:SECONDS` changes IDLE_SECONDS; 0 keeps every session. */
export const IDLE_TIMEOUT_SETTING = 'session.idle_timeout';
export const IDLE_FRAMES = 65_536;
/** How often (in frames) the engine asks the trackers to forget. */
export const SWEEP_FRAMES = 16_384;

/** Sessions whose last packet came before both marks may be forgotten. */
export interface IdleCut {
  /** Capture time, seconds since the epoch. */
  time: number;
  frame: number;
}

export type ForgetMode = 'all' | 'unsummarised' | 'none';

/** A per-run state object that can drop its idle sessions. */
export interface Forgetful {
  forgetIdle(cut: IdleCut): void;
  /** Its sessions appear in the end-of-run summaries (sessions, report), which keep them all. */
  readonly summarised?: boolean;
}

export function isForgetful(s: unknown): s is Forgetful {
  return typeof s === 'object' && s !== null && typeof (s as Forgetful).forgetIdle === 'function';
}

export function idleBefore(lastTime: number, lastFrame: number, cut: IdleCut): boolean {
  return lastTime < cut.time && lastFrame < cut.frame;
}

/** Delete the entries of a map whose value `idle` says may go. */
export function forgetEntries<K, V>(m: Map<K, V>, idle: (v: V) => boolean): void {
  for (const [k, v] of m) if (idle(v)) m.delete(k);
}
