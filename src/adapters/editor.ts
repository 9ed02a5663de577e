import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, quote } from 'shell-quote';
import type { Editor, EditorResult } from '../core/ports.ts';

/** The variables the editor is chosen from; the rest of the environment expands `$VAR` inside them. */
export type EditorEnv = {
  readonly VISUAL?: string | undefined;
  readonly EDITOR?: string | undefined;
  readonly [name: string]: string | undefined;
};

/** A parsed editor command line, or why it cannot be run. */
type CommandLine =
  | { readonly kind: 'ok'; readonly program: string; readonly args: readonly string[] }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * GUI editors that return at once unless told to wait; without the flag `edit` would read the temp file
 * back before the user typed anything.
 */
const WAIT_FLAGS = {
  code: ['--wait', '-w'],
  'code-insiders': ['--wait', '-w'],
  'code-oss': ['--wait', '-w'],
  codium: ['--wait', '-w'],
  cursor: ['--wait', '-w'],
  windsurf: ['--wait', '-w'],
  subl: ['-w', '--wait'],
  atom: ['--wait', '-w'],
  zed: ['--wait', '-w'],
  mate: ['-w', '--wait'],
  gedit: ['--wait', '-w'],
  kate: ['--block', '-b'],
  gvim: ['-f', '--nofork'],
  mvim: ['-f', '--nofork'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

type GuiEditor = keyof typeof WAIT_FLAGS;

function guiEditorName(program: string): GuiEditor | undefined {
  const name = basename(program.replace(/\\/g, '/'))
    .toLowerCase()
    .replace(/\.(exe|cmd|bat)$/, '');
  return Object.hasOwn(WAIT_FLAGS, name) ? (name as GuiEditor) : undefined;
}

/** Splits an `$EDITOR` value into program and arguments the way a shell would, `$VAR`s expanded from `env`. */
export function parseEditorCommand(value: string, env: EditorEnv, platform: NodeJS.Platform): CommandLine {
  // Windows paths are full of backslashes, which would otherwise be read as escapes.
  const entries = parse(value, env, platform === 'win32' ? { escape: '^' } : {});
  const words: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') words.push(entry);
    else if ('op' in entry && entry.op === 'glob') words.push(entry.pattern);
    else if ('comment' in entry) break;
    else {
      return {
        kind: 'invalid',
        message: `The editor command "${value}" contains "${entry.op}"; set it to a program and its arguments only.`,
      };
    }
  }
  const [program, ...args] = words;
  if (program === undefined || program === '') {
    return { kind: 'invalid', message: 'The editor command is empty; set $VISUAL or $EDITOR.' };
  }
  return { kind: 'ok', program, args };
}

/** Adds the wait flag a GUI editor needs so it blocks until the file is closed. */
export function withWaitFlag(program: string, args: readonly string[]): readonly string[] {
  const gui = guiEditorName(program);
  if (gui === undefined) return args;
  const flags: readonly string[] = WAIT_FLAGS[gui];
  if (args.some((arg) => flags.includes(arg))) return args;
  return [flags[0] ?? '--wait', ...args];
}

function candidates(env: EditorEnv, platform: NodeJS.Platform): readonly string[] {
  const configured = [env.VISUAL, env.EDITOR].find((value) => value !== undefined && value.trim() !== '');
  if (configured !== undefined) return [configured];
  return platform === 'win32' ? ['notepad'] : ['vi', 'nano'];
}

function safeFileName(hint: string): string {
  const name = basename(hint.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]+/g, '-');
  const trimmed = name.replace(/^[.-]+/, '');
  const base = trimmed === '' ? 'plan' : trimmed;
  return base.endsWith('.md') ? base : `${base}.md`;
}

/**
 * The user's editor: `$VISUAL`, then `$EDITOR`, then `vi`/`nano` (`notepad` on Windows). Runs synchronously with
 * the terminal inherited, because an async child lets Node keep reading stdin while the editor owns the terminal.
 */
export function createEditor(env: EditorEnv, platform: NodeJS.Platform, tmpDir: string): Editor {
  const commands = candidates(env, platform);
  const display =
    commands.length === 1 ? (commands[0] ?? '') : `${commands.join(' or ')} (no $VISUAL or $EDITOR set)`;

  function run(files: readonly string[], wait: boolean): EditorResult {
    let lastMissing = display;
    for (const value of commands) {
      const parsed = parseEditorCommand(value, env, platform);
      if (parsed.kind === 'invalid') {
        return { kind: 'failed', command: value, exitCode: undefined, message: parsed.message };
      }
      const args = wait ? withWaitFlag(parsed.program, parsed.args) : parsed.args;
      const result = spawnSync(parsed.program, [...args, ...files], { stdio: 'inherit' });
      const shown = quote([parsed.program, ...args]);
      if (result.error !== undefined) {
        const code = (result.error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          lastMissing = shown;
          continue;
        }
        return {
          kind: 'failed',
          command: shown,
          exitCode: undefined,
          message: `${shown} could not start: ${result.error.message}.`,
        };
      }
      if (result.signal !== null) {
        return {
          kind: 'failed',
          command: shown,
          exitCode: undefined,
          message: `${shown} was stopped by ${result.signal}.`,
        };
      }
      if (result.status !== 0) {
        const exitCode = result.status ?? undefined;
        return {
          kind: 'failed',
          command: shown,
          exitCode,
          message: `${shown} exited with code ${String(exitCode)}.`,
        };
      }
      return { kind: 'ok', text: '' };
    }
    return { kind: 'not-found', command: lastMissing };
  }

  return {
    command: display,
    edit(text, fileNameHint) {
      const dir = mkdtempSync(join(tmpDir, 'endpoint-planner-'));
      const file = join(dir, safeFileName(fileNameHint));
      try {
        writeFileSync(file, text, { mode: 0o600 });
        const result = run([file], true);
        if (result.kind !== 'ok') return result;
        try {
          return { kind: 'ok', text: readFileSync(file, 'utf8') };
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return {
            kind: 'failed',
            command: display,
            exitCode: 0,
            message: `The edited file could not be read back: ${reason}.`,
          };
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    open(paths) {
      // Opening needs no wait: a GUI editor may keep the files while the wizard goes on.
      return run(paths, false);
    },
  };
}
