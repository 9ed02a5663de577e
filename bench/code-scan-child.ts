// One sample of bench/code-scan.ts: scans a tree in this fresh process and prints wall and CPU time as JSON.
import { scanCode } from '../src/adapters/code-scan.ts';

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
