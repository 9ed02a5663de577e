// A worker thread of the code scan: loads the parser of the family it starts on, then scans each batch of files it
// is sent and posts the batch's scans back.
import { parentPort, workerData } from 'node:worker_threads';
import { createFileScanner, type FileResult } from './code-scan.ts';
import type { BatchResult, ScanJob, WorkerStart } from './code-scan-pool.ts';

const scanFile = createFileScanner();
// Babel loads while the first batch is on its way; a tree-sitter grammar waits for a file of its language.
if ((workerData as WorkerStart).family === 'js') await import('../core/code/js-scan.ts');
parentPort?.on('message', async (batch: readonly ScanJob[]) => {
  const results: [string, FileResult][] = [];
  for (const job of batch) {
    const result = await scanFile(job);
    if (result !== undefined) results.push([job.rel, result]);
  }
  parentPort?.postMessage({ results, count: batch.length } satisfies BatchResult);
});
