/**
 * Run one capture file on the fast path and summarise its sessions. With a display filter, a
 * first pass marks the frames that match and the second feeds only those to the dissectors and
 * trackers, so the summaries describe just the selected packets.
 */
import { createEngine } from '../engine-factory.js';
import '../protocols/index.js';
import { readCapture } from '../capture/reader.js';
import { CaptureError } from '../capture/types.js';
import { compileFilter } from '../filter/filter.js';
import { FindingCounter } from './findings.js';
import { exportRunHandshakes, type MsChapV2ExportFormat } from '../decrypt/mschapv2-export.js';
import { summarise, type SessionsDoc, type FileSummary } from './summary.js';

export interface SummariseOptions {
  settings?: Record<string, unknown>;
  filter?: string;
  /** Called now and then with the packets and bytes read so far. */
  progress?: (packets: number, bytes: number) => void;
  /** Also collect the captured MS-CHAPv2 handshakes in a cracker's input format. */
  exportMschapv2?: MsChapV2ExportFormat;
}

class FrameSet {
  private bits = new Uint8Array(1 << 12);
  add(n: number): void {
    if (n >> 3 >= this.bits.length) {
      const b = new Uint8Array(Math.max(this.bits.length * 2, (n >> 3) + 1));
      b.set(this.bits);
      this.bits = b;
    }
    this.bits[n >> 3] |= 1 << (n & 7);
  }
  has(n: number): boolean {
    return (n >> 3) < this.bits.length && (this.bits[n >> 3] & (1 << (n & 7))) !== 0;
  }
}

async function selectFrames(path: string, o: SummariseOptions): Promise<FrameSet> {
  const engine = createEngine({ tree: false, columns: false, settings: o.settings, forget: 'all' });
  const filter = compileFilter(o.filter!);
  for (const f of filter.fields) engine.want(f.id);
  const set = new FrameSet();
  await readCapture(path, (fr) => {
    const pkt = engine.dissect(fr);
    if (filter.matches(pkt)) set.add(pkt.num);
  });
  return set;
}

export async function summariseFile(path: string, o: SummariseOptions = {}): Promise<SessionsDoc> {
  const file: FileSummary = { file: path, packets: 0, bytes: 0, first_frame: 0, last_frame: 0, start: null, end: null, error: null };
  const findings = new FindingCounter();
  const engine = createEngine({ tree: false, columns: false, settings: o.settings, forget: 'unsummarised' });
  try {
    if (o.filter && path === '-') throw new CaptureError('sessions -Y needs a file, not standard input (it reads the capture twice)');
    const only = o.filter ? await selectFrames(path, o) : null;
    let n = 0;
    let bytes = 0;
    await readCapture(path, (fr) => {
      n++;
      bytes += fr.data.length;
      if (o.progress && (n & 0xffff) === 0) o.progress(n, bytes);
      if (only && !only.has(n)) {
        engine.skipFrame();
        return;
      }
      const pkt = engine.dissect(fr);
      file.packets++;
      file.bytes += fr.len;
      if (!file.first_frame) {
        file.first_frame = pkt.num;
        file.start = fr.tsSec + fr.tsNsec / 1e9;
      }
      file.last_frame = pkt.num;
      file.end = fr.tsSec + fr.tsNsec / 1e9;
      for (const e of pkt.experts) findings.add(e, pkt.num);
    });
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    file.error = e.message;
  }
  const doc = summarise(engine, file, findings.list());
  if (o.exportMschapv2) doc.mschapv2_export = exportRunHandshakes(engine, o.exportMschapv2);
  return doc;
}
