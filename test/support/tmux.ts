import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { quote } from 'shell-quote';

// Runs under `node --experimental-strip-types` too (bench/wizard-start.ts): erasable TypeScript only.

/** Key names tmux understands; anything else passed to `sendKeys` is typed literally. */
export const TMUX_KEYS = [
  'Up',
  'Down',
  'Left',
  'Right',
  'S-Up',
  'S-Down',
  'Space',
  'Enter',
  'Escape',
  'BSpace',
  'Tab',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'C-c',
] as const;

/** A key name from `TMUX_KEYS`. */
export type TmuxKey = (typeof TMUX_KEYS)[number];

/** What to run in the terminal and how big the terminal is. */
export type TerminalOptions = {
  /** Program and arguments; run without a shell in between (the wrapper only records the exit code). */
  readonly command: readonly string[];
  readonly cwd: string;
  /** The whole environment of the command: nothing leaks in from the test process. */
  readonly env: Readonly<Record<string, string>>;
  readonly columns?: number;
  readonly rows?: number;
};

/** A command running in a detached tmux pane on a private server. */
export type Terminal = {
  /** Sends each key as its own tmux call: key names from `TMUX_KEYS`, any other string as literal text. */
  sendKeys(...keys: readonly (TmuxKey | (string & {}))[]): void;
  /** The visible screen as plain text, one line per row (trailing blanks trimmed). */
  capture(): string;
  /** Polls the screen until `predicate` holds; fails with the last screen after `timeoutMs`. */
  waitFor(predicate: (screen: string) => boolean, timeoutMs?: number, what?: string): Promise<string>;
  /** Waits until the screen contains `text`. */
  waitForText(text: string, timeoutMs?: number): Promise<string>;
  /** The command's exit code once it has ended, else undefined. */
  exitCode(): number | undefined;
  /** Waits for the command to end and returns its exit code. */
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Everything the command wrote to the terminal so far, escape sequences included. */
  rawOutput(): string;
  /** `stty -a` of the pane's terminal, taken by the wrapper after the command ended. */
  sttyAfterExit(): string | undefined;
  /** Whether the terminal shows its cursor (tmux's cursor_flag). */
  cursorVisible(): boolean;
  /** Kills the tmux server and removes the rig's temp files. */
  kill(): void;
};

/** Whether tmux can be run at all. */
export function tmuxAvailable(): boolean {
  const result = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return result.error === undefined && result.status === 0;
}

/** The message a test fails with when tmux is missing: the real-terminal test is never skipped silently. */
export const TMUX_MISSING =
  'tmux is not installed, and the real-terminal wizard test needs it: install tmux (e.g. `apt-get install tmux`, `brew install tmux`); CI installs it.';

const POLL_MS = 25;

/** Starts `command` in a detached tmux session of a fixed size, on a private socket so no user's tmux is touched. */
export function startTerminal(options: TerminalOptions): Terminal {
  if (!tmuxAvailable()) throw new Error(TMUX_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'ep-tmux-'));
  const socket = `ep-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const config = join(dir, 'tmux.conf');
  const exitFile = join(dir, 'exit-code');
  const sttyFile = join(dir, 'stty');
  // No status line: every row belongs to the app.
  writeFileSync(config, 'set -g status off\nset -g history-limit 0\n');
  const env = Object.entries(options.env).map(([name, value]) => `${name}=${value}`);
  // `env -i` so the tmux server's own environment (the test process's, maybe with a real key) stays out. The
  // wrapper then idles so the last screen can still be read: remain-on-exit would scroll it by a line to print
  // "Pane is dead".
  const wrapper = `${quote(['env', '-i', ...env, ...options.command])}; code=$?; stty -a > ${quote([sttyFile])} 2>&1; echo $code > ${quote([exitFile])}; exec sleep 86400`;
  const tmux = (...args: readonly string[]): string =>
    execFileSync('tmux', ['-L', socket, '-f', config, ...args], { encoding: 'utf8' });
  tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    String(options.columns ?? 120),
    '-y',
    String(options.rows ?? 36),
    '-c',
    options.cwd,
    `sh -c ${quote([wrapper])}`,
  );
  // Everything the command wrote, escape sequences included, for a failure that the screen alone cannot explain.
  const rawFile = join(dir, 'raw-output');
  tmux('pipe-pane', '-t', 'main', '-o', `cat > ${quote([rawFile])}`);
  let killed = false;

  const capture = (): string =>
    tmux('capture-pane', '-p', '-t', 'main')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  const exitCode = (): number | undefined => {
    if (!existsSync(exitFile)) return undefined;
    const text = readFileSync(exitFile, 'utf8').trim();
    return text === '' ? undefined : Number(text);
  };
  const waitFor = async (
    predicate: (screen: string) => boolean,
    timeoutMs = 20_000,
    what = 'the expected screen',
  ): Promise<string> => {
    const deadline = performance.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = capture();
      if (predicate(screen)) return screen;
      if (performance.now() > deadline) break;
      await delay(POLL_MS);
    }
    const ended = exitCode();
    throw new Error(
      `Timed out after ${timeoutMs} ms waiting for ${what}${ended === undefined ? '' : ` (the command exited ${ended})`}. Last screen:\n${screen}`,
    );
  };

  return {
    sendKeys(...keys) {
      for (const key of keys) {
        if ((TMUX_KEYS as readonly string[]).includes(key)) tmux('send-keys', '-t', 'main', key);
        else tmux('send-keys', '-t', 'main', '-l', key);
      }
    },
    capture,
    waitFor,
    waitForText: (text, timeoutMs) => waitFor((screen) => screen.includes(text), timeoutMs, `"${text}"`),
    exitCode,
    async waitForExit(timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const code = exitCode();
        if (code !== undefined) return code;
        if (performance.now() > deadline) {
          throw new Error(
            `The command did not exit within ${timeoutMs} ms. Last screen:\n${killed ? '' : capture()}`,
          );
        }
        await delay(POLL_MS);
      }
    },
    rawOutput: () => (existsSync(rawFile) ? readFileSync(rawFile, 'utf8') : ''),
    sttyAfterExit: () => (existsSync(sttyFile) ? readFileSync(sttyFile, 'utf8') : undefined),
    cursorVisible: () => tmux('display-message', '-p', '-t', 'main', '#{cursor_flag}').trim() === '1',
    kill() {
      if (killed) return;
      killed = true;
      spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
