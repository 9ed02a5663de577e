// A worker thread of the code scan: scans its share of the files and posts each file's scan back.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileScan } from '../core/code/model.ts';
import { createFileScanner, type ScanJob } from './code-scan.ts';

const jobs = workerData as readonly ScanJob[];
const scanFile = createFileScanner();
const results: [string, FileScan | null][] = [];
for (const job of jobs) results.push([job.rel, await scanFile(job)]);
parentPort?.postMessage(results);
