// Worker threads of the code scan. They start while the tree is still being listed and take files as the listing
// finds them, so loading the parsers and parsing overlap the listing. Parse costs differ too much by language and
// file to split the work up front: each worker pulls a batch at a time, starting on its own parser family's files
// (Babel or tree-sitter, so most workers load one parser) and taking the other family's when its own run out.
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult } from './code-scan.ts';

/** A file to read and scan: its path relative to the project, and on disk. */
export type ScanJob = { readonly rel: string; readonly abs: string };

/** The parser a file needs. */
export type ParserFamily = 'js' | 'tree';

/** What a worker is told when it starts: the family it starts on, whose parser it loads at once. */
export type WorkerStart = { readonly family: ParserFamily };

/** What a worker posts back for a batch: each readable file's stamp and scan, and how many files it was sent. */
export type BatchResult = {
  readonly results: readonly (readonly [string, FileResult])[];
  readonly count: number;
};

/**
 * The scans of a pool: every file's when it ended well; when a worker failed, the workers are stopped and the
 * scans done so far come with the failure, so the caller scans the rest itself.
 */
export type PoolOutcome = { readonly results: Map<string, FileResult>; readonly failure?: Error };

/** Workers that scan the files added to them. */
export type ScanPool = {
  /** Queues a file; `likelyParsed` when its path alone says it will be parsed (a route file, a service…). */
  add(job: ScanJob, family: ParserFamily, likelyParsed: boolean): void;
  /** No more files will come: resolves with each readable file's stamp and scan, by path, once all are done. */
  finish(): Promise<PoolOutcome>;
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

/**
 * Starts one worker with this process's Node flags, so a checkout's TypeScript loads as it did here. A flag a
 * worker cannot take (`-e` code's `--input-type`, V8 flags given on the command line) is left out: the worker then
 * starts with none.
 */
function startWorker(start: WorkerStart): Worker {
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  try {
    return new Worker(workerUrl(), { workerData: start, execArgv });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(workerUrl(), { workerData: start, execArgv: [] });
  }
}

/** Starts `threads` workers (half of them on each parser family) that report each scanned batch's size. */
export function startScanPool(threads: number, onScanned: (count: number) => void): ScanPool {
  const queues: Record<ParserFamily, ScanJob[]> = { js: [], tree: [] };
  const likely = new Set<ScanJob>();
  const results = new Map<string, FileResult>();
  let scanned = 0;
  let finishing = false;
  let failure: Error | undefined;
  let settle: ((outcome: PoolOutcome) => void) | undefined;
  type Member = { readonly worker: Worker; readonly family: ParserFamily; inFlight: number; done: boolean };
  const members: Member[] = [];

  const take = (family: ParserFamily): ScanJob[] => {
    // Smaller batches towards the end, so no worker is left with a long last batch while the others wait.
    const waiting = queues.js.length + queues.tree.length;
    const size = finishing ? Math.max(1, Math.min(BATCH, Math.ceil(waiting / (2 * threads)))) : BATCH;
    if (queues[family].length > 0) return queues[family].splice(0, size);
    // The other family's files from the far end, where the ones least likely to need its parser wait.
    const other = queues[family === 'js' ? 'tree' : 'js'];
    return other.splice(Math.max(0, other.length - size));
  };
  const settleIfDone = (): void => {
    if (settle === undefined) return;
    const busy = members.some((m) => m.inFlight > 0) || queues.js.length + queues.tree.length > 0;
    if (busy && failure === undefined) return;
    for (const m of members) {
      m.done = true;
      void m.worker.terminate();
    }
    settle(failure === undefined ? { results } : { results, failure });
    settle = undefined;
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
    let worker: Worker;
    try {
      worker = startWorker({ family });
    } catch (error) {
      failure ??= error as Error;
      continue;
    }
    const member: Member = { worker, family, inFlight: 0, done: false };
    members.push(member);
    worker.on('message', ({ results: batch, count }: BatchResult) => {
      for (const [rel, result] of batch) results.set(rel, result);
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
    add(job, family, likelyParsed) {
      queues[family].push(job);
      if (likelyParsed) likely.add(job);
      if (queues[family].length % BATCH === 0) dispatch();
    },
    finish() {
      finishing = true;
      // The files that will need a parser first, the ones a look at their text may settle last: a worker that
      // runs out of its own family's files takes from the end, and often needs no second parser for them. Tree
      // files of one language side by side, so a worker taking them loads few grammars.
      const rank = (job: ScanJob) => (likely.has(job) ? 0 : 1);
      queues.js.sort((a, b) => rank(a) - rank(b));
      queues.tree.sort((a, b) => rank(a) - rank(b) || compare(extname(a.rel), extname(b.rel)));
      return new Promise((resolve) => {
        settle = resolve;
        dispatch();
        settleIfDone();
      });
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
