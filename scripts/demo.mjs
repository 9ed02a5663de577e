// The README's first command: installs what is missing, builds, and runs the main job on the bundled example
// with the offline engine: the wizard in a terminal, batch generation of every endpoint elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync('node_modules/.package-lock.json')) run(npm, ['install', '--no-audit', '--no-fund']);
run(npm, ['run', '--silent', 'build']);
const interactive = process.stdin.isTTY && process.stdout.isTTY;
const args = interactive
  ? ['dist/cli.js', '--cwd', 'examples/flashcards', '--offline']
  : ['dist/cli.js', '--cwd', 'examples/flashcards', 'generate', '--offline', '--all', '--yes'];
console.log(`$ endpoint-planner ${args.slice(1).join(' ')}`);
run(process.execPath, args);
