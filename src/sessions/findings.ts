/** Expert items counted by id across a run: severity, group, first message and the first frames. */
import type { Expert, Severity } from '../core/expert.js';
import { SEVERITY_RANK } from '../core/expert.js';

export interface Finding {
  severity: Severity;
  group: string;
  id: string;
  message: string;
  count: number;
  first_frame: number;
  frames: number[];
}

const FRAMES_KEPT = 20;

export class FindingCounter {
  private readonly byId = new Map<string, Finding>();

  add(e: Pick<Expert, 'severity' | 'group' | 'id' | 'message'>, frame: number): void {
    let f = this.byId.get(e.id);
    if (!f) {
      f = { severity: e.severity, group: e.group, id: e.id, message: e.message, count: 0, first_frame: frame, frames: [] };
      this.byId.set(e.id, f);
    }
    f.count++;
    if (f.frames.length < FRAMES_KEPT && f.frames[f.frames.length - 1] !== frame) f.frames.push(frame);
  }

  /** Most severe first, then in order of first appearance. */
  list(): Finding[] {
    return [...this.byId.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.first_frame - b.first_frame);
  }
}
