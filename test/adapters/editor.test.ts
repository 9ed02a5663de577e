import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEditor, parseEditorCommand, withWaitFlag } from '../../src/adapters/editor.ts';

let root: string;
let scratch: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'editor-test-'));
  scratch = join(root, 'scratch');
  mkdirSync(scratch);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes an executable shell script and returns its path. */
function script(name: string, body: string, dir = root): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A script that records its arguments, one per line, into `args.txt`. */
function recorder(name: string, dir = root): { path: string; args: () => string[] } {
  const log = join(root, `${name}-args.txt`);
  const path = script(name, `for a in "$@"; do printf '%s\\n' "$a" >> '${log}'; done`, dir);
  return { path, args: () => readFileSync(log, 'utf8').trimEnd().split('\n') };
}

describe('createEditor().edit', () => {
  it('returns what the editor wrote and removes the temp file', () => {
    const appender = script('append', 'printf "edited line\\n" >> "$1"');
    const editor = createEditor({ EDITOR: appender }, 'linux', scratch);
    const result = editor.edit('# Plan\n', '001-get-flashcards.md');
    expect(result).toEqual({ kind: 'ok', text: '# Plan\nedited line\n' });
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('names the temp file after the hint and makes it private to the user', () => {
    const spy = script(
      'spy',
      `basename "$1" > '${join(root, 'name.txt')}'; stat -c %a "$1" > '${join(root, 'mode.txt')}'`,
    );
    createEditor({ EDITOR: spy }, 'linux', scratch).edit('x', '../../etc/post flashcards');
    expect(readFileSync(join(root, 'name.txt'), 'utf8').trim()).toBe('post-flashcards.md');
    expect(readFileSync(join(root, 'mode.txt'), 'utf8').trim()).toBe('600');
  });

  it('prefers $VISUAL over $EDITOR', () => {
    const visual = script('visual', 'printf "visual" > "$1"');
    const editor = script('editor', 'printf "editor" > "$1"');
    expect(createEditor({ VISUAL: visual, EDITOR: editor }, 'linux', scratch).edit('', 'a.md')).toEqual({
      kind: 'ok',
      text: 'visual',
    });
  });

  it('reports a non-zero exit as failed with the exit code, leaving nothing behind', () => {
    const failing = script('fail', 'printf "half" > "$1"; exit 3');
    const result = createEditor({ EDITOR: failing }, 'linux', scratch).edit('draft', 'a.md');
    expect(result).toMatchObject({ kind: 'failed', exitCode: 3 });
    expect(result.kind === 'failed' && result.message).toContain('exited with code 3');
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('reports a missing editor as not-found', () => {
    const result = createEditor({ EDITOR: join(root, 'no-such-editor') }, 'linux', scratch).edit(
      'draft',
      'a.md',
    );
    expect(result).toEqual({ kind: 'not-found', command: join(root, 'no-such-editor') });
  });

  it('refuses a command line with shell operators', () => {
    const result = createEditor({ EDITOR: 'vi; rm -rf /' }, 'linux', scratch).edit('draft', 'a.md');
    expect(result).toMatchObject({ kind: 'failed' });
    expect(result.kind === 'failed' && result.message).toContain('";"');
  });

  it('runs a quoted path with spaces and passes its arguments before the file', () => {
    const spaced = recorder('ed', join(root, 'dir with spaces'));
    const result = createEditor({ EDITOR: `"${spaced.path}" -x --flag='a b'` }, 'linux', scratch).edit(
      't',
      'p.md',
    );
    expect(result.kind).toBe('ok');
    const args = spaced.args();
    expect(args.slice(0, 2)).toEqual(['-x', '--flag=a b']);
    expect(args[2]).toMatch(/p\.md$/);
  });

  it('adds the wait flag to a GUI editor that returns at once', () => {
    const code = recorder('code', join(root, 'bin'));
    createEditor({ EDITOR: code.path }, 'linux', scratch).edit('t', 'p.md');
    expect(code.args()[0]).toBe('--wait');
  });

  it('does not add the wait flag when opening files', () => {
    const code = recorder('code', join(root, 'bin'));
    const result = createEditor({ EDITOR: code.path }, 'linux', scratch).open([
      '/plans/001-a.md',
      '/plans/002-b.md',
    ]);
    expect(result).toEqual({ kind: 'ok', text: '' });
    expect(code.args()).toEqual(['/plans/001-a.md', '/plans/002-b.md']);
  });

  it('expands $VARS in the command from the environment', () => {
    const bin = recorder('myed', join(root, 'home', 'bin'));
    const result = createEditor(
      { EDITOR: '$HOME/bin/myed -n', HOME: join(root, 'home') },
      'linux',
      scratch,
    ).edit('t', 'p.md');
    expect(result.kind).toBe('ok');
    expect(bin.args()[0]).toBe('-n');
  });
});

describe('parseEditorCommand', () => {
  it.each([
    ['code --wait', { program: 'code', args: ['--wait'] }],
    ['subl -w', { program: 'subl', args: ['-w'] }],
    ['"/path with spaces/ed" -x', { program: '/path with spaces/ed', args: ['-x'] }],
    ["'/opt/my editor/bin/e'", { program: '/opt/my editor/bin/e', args: [] }],
    ['emacsclient -t -a ""', { program: 'emacsclient', args: ['-t', '-a', ''] }],
    ['nvim # the one true editor', { program: 'nvim', args: [] }],
  ])('%s', (value, expected) => {
    expect(parseEditorCommand(value, {}, 'linux')).toEqual({ kind: 'ok', ...expected });
  });

  it('keeps Windows backslashes', () => {
    expect(
      parseEditorCommand('"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst', {}, 'win32'),
    ).toEqual({
      kind: 'ok',
      program: 'C:\\Program Files\\Notepad++\\notepad++.exe',
      args: ['-multiInst'],
    });
  });

  it('rejects an empty value', () => {
    expect(parseEditorCommand('  ', {}, 'linux').kind).toBe('invalid');
  });
});

describe('withWaitFlag', () => {
  it.each([
    ['code', [], ['--wait']],
    ['code', ['--wait'], ['--wait']],
    ['code', ['-w'], ['-w']],
    ['/usr/local/bin/subl', [], ['-w']],
    ['subl', ['-w'], ['-w']],
    ['C:\\Tools\\Cursor.exe', [], ['--wait']],
    ['zed', ['--new'], ['--wait', '--new']],
    ['vim', [], []],
    ['nano', ['-R'], ['-R']],
  ])('%s %j → %j', (program, args, expected) => {
    expect(withWaitFlag(program, args)).toEqual(expected);
  });
});

describe('fallback', () => {
  it('uses vi then nano without $VISUAL or $EDITOR, notepad on Windows', () => {
    expect(createEditor({}, 'linux', scratch).command).toContain('vi or nano');
    expect(createEditor({}, 'win32', scratch).command).toBe('notepad');
    expect(createEditor({ EDITOR: '  ' }, 'darwin', scratch).command).toContain('vi or nano');
  });

  it('falls back from a missing vi to nano', () => {
    const bin = join(root, 'only-nano');
    script('nano', 'printf "by nano" > "$1"', bin);
    const editor = createEditor({ PATH: bin }, 'linux', scratch);
    const previous = process.env.PATH;
    process.env.PATH = bin;
    try {
      expect(editor.edit('x', 'a.md')).toEqual({ kind: 'ok', text: 'by nano' });
    } finally {
      process.env.PATH = previous;
    }
  });
});
