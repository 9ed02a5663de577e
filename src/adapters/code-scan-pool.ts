// Worker threads of the code scan. They start while the tree is still being listed and take files as the listing
// finds them, so loading the parsers and parsing overlap the listing. Parse costs differ too much by language and
// file to split the work up front: each worker pulls a batch at a time, starting on its own parser family's files
// (Babel or tree-sitter, so most workers load one parser) and taking the other family's when its own run out.
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileScan } from '../core/code/model.ts';

/** A file to read and scan: its path relative to the project, and on disk. */
export type ScanJob = { readonly rel: string; readonly abs: string };

/** The parser a file needs. */
export type ParserFamily = 'js' | 'tree';

/** What a worker is told when it starts: the family it starts on, whose parser it loads at once. */
export type WorkerStart = { readonly family: ParserFamily };

/** What a worker posts back for a batch: the scans of the files that contribute, and how many files it read. */
export type BatchResult = {
  readonly scans: readonly (readonly [string, FileScan])[];
  readonly count: number;
};

/** Workers that scan the files added to them. */
export type ScanPool = {
  add(job: ScanJob, family: ParserFamily): void;
  /** No more files will come: resolves with the scans of the files that contribute, by path. */
  finish(): Promise<Map<string, FileScan | null>>;
};

/** Files a worker is handed at a time: few enough to keep the workers evenly busy, enough that messages are cheap. */
const BATCH = 40;

/** The worker script beside this module: built JS in the package, TypeScript in a checkout. */
function workerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./code-scan-worker.ts', import.meta.url);
  const beside = new URL('./code-scan-worker.js', import.meta.url);
  try {
    statSync(beside);
    return beside;
  } catch {
    return new URL('../code-scan-worker.js', import.meta.url);
  }
}

/** Starts `threads` workers (half of them on each parser family) that report each scanned batch's size. */
export function startScanPool(threads: number, onScanned: (count: number) => void): ScanPool {
  const queues: Record<ParserFamily, ScanJob[]> = { js: [], tree: [] };
  const results = new Map<string, FileScan | null>();
  let scanned = 0;
  let finishing = false;
  let failure: Error | undefined;
  let settle:
    | { resolve: (value: Map<string, FileScan | null>) => void; reject: (error: Error) => void }
    | undefined;
  type Member = { readonly worker: Worker; readonly family: ParserFamily; inFlight: number; done: boolean };
  const members: Member[] = [];

  const take = (family: ParserFamily): ScanJob[] => {
    if (queues[family].length > 0) return queues[family].splice(0, BATCH);
    // The other family's files from the far end: its own workers keep going from the front, in language order.
    const other = queues[family === 'js' ? 'tree' : 'js'];
    return other.splice(Math.max(0, other.length - BATCH));
  };
  const settleIfDone = (): void => {
    if (settle === undefined) return;
    if (failure !== undefined) {
      settle.reject(failure);
      return;
    }
    if (members.some((m) => m.inFlight > 0) || queues.js.length + queues.tree.length > 0) return;
    for (const m of members) {
      m.done = true;
      void m.worker.terminate();
    }
    settle.resolve(results);
  };
  const dispatch = (): void => {
    for (const member of members) {
      // Two batches in flight: a worker has the next one at hand while its results wait for the main thread.
      while (member.inFlight < 2 && !member.done) {
        const waiting = queues.js.length + queues.tree.length;
        // While the listing goes on, a worker waits for a whole batch rather than take a few files at a time.
        if (waiting === 0 || (!finishing && waiting < BATCH)) return;
        member.inFlight++;
        member.worker.postMessage(take(member.family));
      }
    }
  };

  for (let index = 0; index < threads; index++) {
    const family: ParserFamily = index % 2 === 0 ? 'js' : 'tree';
    const worker = new Worker(workerUrl(), {
      workerData: { family } satisfies WorkerStart,
      // A parent started with `-e` code passes flags that a worker's file cannot take.
      execArgv: process.execArgv.filter((flag) => !flag.startsWith('--input-type')),
    });
    const member: Member = { worker, family, inFlight: 0, done: false };
    members.push(member);
    worker.on('message', ({ scans, count }: BatchResult) => {
      for (const [rel, scan] of scans) results.set(rel, scan);
      scanned += count;
      member.inFlight--;
      onScanned(scanned);
      dispatch();
      settleIfDone();
    });
    worker.once('error', (error) => {
      failure ??= error;
      settleIfDone();
    });
    worker.once('exit', (code) => {
      if (member.done) return;
      member.done = true;
      failure ??= new Error(`a code scan worker stopped (exit code ${code})`);
      settleIfDone();
    });
  }

  return {
    add(job, family) {
      queues[family].push(job);
      if (queues[family].length % BATCH === 0) dispatch();
    },
    finish() {
      finishing = true;
      // Files of one language side by side, so a worker taking tree-sitter files loads few grammars.
      queues.tree.sort((a, b) => compare(extname(a.rel), extname(b.rel)) || compare(a.rel, b.rel));
      return new Promise((resolve, reject) => {
        settle = { resolve, reject };
        dispatch();
        settleIfDone();
      });
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
