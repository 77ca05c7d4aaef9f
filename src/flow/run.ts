/** Reading a capture into ladder-diagram sessions, on the fast path (no tree is built). */
import { createEngine } from '../engine-factory.js';
import { readCapture } from '../capture/reader.js';
import { CaptureError } from '../capture/types.js';
import { FlowBuilder, type FlowSession } from './model.js';

export async function flowSessions(file: string, settings: Record<string, unknown> = {}): Promise<FlowSession[]> {
  const engine = createEngine({ tree: false, columns: false, settings, forget: 'all' });
  const builder = new FlowBuilder(engine);
  try {
    await readCapture(file, (frame) => {
      builder.add(engine.dissect(frame));
    }, { onWarning: (m) => process.stderr.write(`vpnshark: ${file}: ${m}\n`) });
  } catch (e) {
    if (e instanceof CaptureError) throw new CaptureError(`${file}: ${e.message}`);
    throw e;
  }
  return builder.finish();
}
