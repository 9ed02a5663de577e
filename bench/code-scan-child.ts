// One sample of bench/code-scan.ts: scans a tree in this fresh process and prints wall and CPU time as JSON. The
// scan is the built package's (the chunk named in SCAN_MODULE) when given, else the source's.
import type { scanCode as ScanCode } from '../src/adapters/code-scan.ts';

const { scanCode } = (await import(process.env.SCAN_MODULE ?? '../src/adapters/code-scan.ts')) as {
  scanCode: typeof ScanCode;
};

const [root, cacheFile] = process.argv.slice(2);
const c0 = process.cpuUsage();
const t0 = performance.now();
const map = await scanCode(root ?? '.', { cacheFile });
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    ms: performance.now() - t0,
    cpu: (cpu.user + cpu.system) / 1000,
    handlers: map.handlers.length,
    files: map.files,
  }),
);
