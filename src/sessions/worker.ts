/** A worker thread for `sessions -j N`: summarises one file and posts the document back. */
import { parentPort, workerData } from 'node:worker_threads';
import { summariseFile, type SummariseOptions } from './run.js';

const { path, opts } = workerData as { path: string; opts: Omit<SummariseOptions, 'progress'> };
summariseFile(path, opts).then(
  (doc) => parentPort!.postMessage({ ok: true, doc }),
  (e: unknown) => parentPort!.postMessage({ ok: false, error: (e as Error).message }),
);
