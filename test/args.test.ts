import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../src/args.ts';

describe('parseCliArgs', () => {
  it('takes global flags before or after the command', () => {
    expect(parseCliArgs(['--cwd', 'app', 'list', '--json'])).toMatchObject({
      kind: 'list',
      json: true,
      flags: { cwd: 'app' },
    });
    expect(parseCliArgs(['list', '--cwd', 'app'])).toMatchObject({
      kind: 'list',
      json: false,
      flags: { cwd: 'app' },
    });
    expect(parseCliArgs(['--cwd=app', 'generate', '--all'])).toMatchObject({
      kind: 'generate',
      all: true,
      flags: { cwd: 'app' },
    });
  });

  it('treats a flag value that looks like a command as a value', () => {
    expect(parseCliArgs(['--cwd', 'list'])).toMatchObject({ kind: 'wizard', flags: { cwd: 'list' } });
  });

  it('collects repeated --rules and endpoint targets', () => {
    expect(
      parseCliArgs(['generate', 'get-a', 'POST /api/b', '--rules', 'x.mdc', '--rules', 'y.md']),
    ).toMatchObject({
      kind: 'generate',
      targets: ['get-a', 'POST /api/b'],
      flags: { rules: ['x.mdc', 'y.md'] },
    });
  });

  it('answers --version and --help before checking anything else', () => {
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseCliArgs(['generate', '--help'])).toEqual({ kind: 'help', command: 'generate' });
    expect(parseCliArgs(['help', 'list'])).toEqual({ kind: 'help', command: 'list' });
  });

  it.each([
    [['--nope'], 'Unknown flag --nope.'],
    [['list', '--force'], 'Unknown flag --force for "list": it is a flag of "generate".'],
    [['deploy'], 'Unknown command "deploy"'],
    [['lsit'], 'Unknown command "lsit". Did you mean "list"?'],
    [['genrate', '--all'], 'Did you mean "generate"?'],
    [['help', 'nope'], 'Unknown command "nope".'],
    [['help', 'shwo'], 'Did you mean "show"?'],
    [['generate', '--all', '--dry-rnu'], 'Unknown flag --dry-rnu for "generate". Did you mean --dry-run?'],
    [['list', '--jsn'], 'Did you mean --json?'],
    [['--offlin'], 'Did you mean --offline?'],
    [['generate', '--all', '--max-retries=-1'], '--max-retries takes a whole number of at least 0'],
    [['generate', '--all', '--max-retries', '-1'], '--max-retries needs a value'],
    [['generate', '--all', '--idle-timeout', 'soon'], '--idle-timeout takes a number of at least 1'],
    [['prompt'], 'Say which endpoint'],
    [['prompt', 'a', 'b'], 'takes one endpoint'],
  ])('rejects %j with a message naming the problem', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
