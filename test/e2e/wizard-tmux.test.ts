import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, copyExample } from '../support/cli.ts';
import { type FakeReply, type FakeServer, startFakeOpenAI } from '../support/fake-openai-server.ts';
import {
  ANALYSIS_MARKER,
  aPlan,
  aPlanAnswer,
  endpointKey,
  endpointOfRequest,
  type PlannedEndpoint,
  type PlanShape,
} from '../support/plan-replies.ts';
import { filesUnder, plansDir, plansIn } from '../support/project.ts';
import { readOnlyFolders } from '../support/read-only.ts';
import { startTerminal, type Terminal, TMUX_MISSING, tmuxAvailable } from '../support/tmux.ts';

// The wizard in a real terminal: the built CLI runs in a detached tmux pane, keys go in through send-keys and the
// screen comes back through capture-pane. One key per step, then a wait for the frame it causes: keys sent in one
// burst reach Ink as one chunk, which it reads as typed text.

const KEY = 'sk-test-SECRET123';
const MODEL = 'gpt-4.1-mini';
const EDIT_MARKER = 'Edited by the tmux test editor.';
/** The second answer for an endpoint differs from the first by this filler, so the change summary has work. */
const SECOND: PlanShape = { fillerParagraphs: 2 };

const terminals: Terminal[] = [];
const servers: FakeServer[] = [];
afterEach(async () => {
  for (const terminal of terminals.splice(0)) terminal.kill();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

beforeAll(() => {
  if (!tmuxAvailable()) throw new Error(TMUX_MISSING);
});

/** An `EDITOR` that logs the files it is given and appends a marker line to a draft (never to a saved plan). */
function fakeEditor(): { readonly command: string; readonly log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ep-editor-'));
  const log = join(dir, 'opened.log');
  const command = join(dir, 'fake-editor.sh');
  writeFileSync(
    command,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$@" >> '${log}'`,
      'case "$1" in',
      '  */api-plans/*) ;;',
      `  *) printf '\\n${EDIT_MARKER}\\n' >> "$1" ;;`,
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(command, 0o755);
  return { command, log };
}

function wizard(project: string, args: readonly string[], env: Record<string, string>): Terminal {
  const terminal = startTerminal({
    command: [process.execPath, cliPath, ...args],
    cwd: project,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: mkdtempSync(join(tmpdir(), 'ep-home-')),
      TERM: 'screen-256color',
      LANG: 'C.UTF-8',
      ...env,
    },
  });
  terminals.push(terminal);
  return terminal;
}

/** Answers each endpoint's first request with `first`, later ones with the `SECOND` plan, both paced. */
async function fakeServer(
  pacing: (endpoint: PlannedEndpoint, nth: number) => FakeReply,
): Promise<FakeServer> {
  const seen = new Map<string, number>();
  const server = await startFakeOpenAI({
    script: (request) => {
      const endpoint = endpointOfRequest(request) ?? { method: 'GET', path: '/unknown' };
      const nth = seen.get(endpointKey(endpoint)) ?? 0;
      seen.set(endpointKey(endpoint), nth + 1);
      return pacing(endpoint, nth);
    },
  });
  servers.push(server);
  return server;
}

const answer = (endpoint: PlannedEndpoint, nth: number, spreadMs: number): FakeReply => ({
  kind: 'text',
  text: aPlanAnswer(endpoint, nth === 0 ? {} : SECOND),
  chunkSize: 6,
  spreadMs,
});

/** Whether the picker's count line says `count` selected ("10 selected" must not pass for 0). */
const selected =
  (count: number) =>
  (screen: string): boolean =>
    new RegExp(`^${count} selected`, 'm').test(screen);

/** The row the cursor is on. */
const cursorLine = (screen: string): string => screen.split('\n').find((line) => line.startsWith('❯')) ?? '';

async function waitForLog(file: string, text: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const log = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (log.includes(text)) return log;
    await delay(25);
  }
  throw new Error(
    `The editor was never given ${text}; its log:\n${existsSync(file) ? readFileSync(file, 'utf8') : '(none)'}`,
  );
}

describe('the wizard in a real terminal (tmux)', () => {
  it('picks and reorders, streams live, edits, regenerates, saves, opens, cancels and sums up', async () => {
    const project = copyExample('flashcards');
    const editor = fakeEditor();
    const server = await fakeServer((endpoint, nth) =>
      // The third endpoint streams slowly enough to be cancelled half way.
      answer(endpoint, nth, endpoint.path === '/api/generations/{id}' ? 8000 : nth === 0 ? 1500 : 300),
    );
    const t = wizard(project, ['--base-url', server.baseURL, '--model', MODEL], {
      OPENAI_API_KEY: KEY,
      EDITOR: editor.command,
    });

    // Pick: everything unplanned starts selected; take none, then three, in a new order.
    await t.waitFor((s) => s.includes('Endpoints (10)') && selected(10)(s), 10_000, 'the picker');
    expect(t.capture()).toContain('engine: gpt-4.1-mini');
    t.sendKeys('a');
    await t.waitFor(selected(0), undefined, '0 selected');
    t.sendKeys('Space');
    await t.waitFor(selected(1), undefined, '1 selected');
    t.sendKeys('Down');
    await t.waitFor((s) => cursorLine(s).includes('/api/flashcards/{id}'));
    t.sendKeys('Down');
    await t.waitFor((s) => cursorLine(s).includes('POST   /api/flashcards'));
    t.sendKeys('Space');
    await t.waitFor(selected(2), undefined, '2 selected');
    t.sendKeys('S-Up');
    await t.waitFor((s) => cursorLine(s).includes(' 2 POST   /api/flashcards'));
    t.sendKeys('K');
    await t.waitFor((s) => cursorLine(s).includes(' 1 POST   /api/flashcards'));
    // Filter to the one endpoint, select it, and clear the filter again.
    t.sendKeys('/');
    await t.waitForText('Filter: █');
    t.sendKeys('generations/{');
    await t.waitFor(
      (s) => s.includes('Filter: generations/{█') && cursorLine(s).includes('/api/generations/{id}'),
    );
    t.sendKeys('Enter');
    await t.waitForText('Filter: "generations/{"');
    t.sendKeys('Space');
    await t.waitFor(selected(3), undefined, '3 selected');
    t.sendKeys('Escape');
    await t.waitFor((s) => !s.includes('Filter:') && s.includes('1 POST   /api/flashcards'));
    t.sendKeys('Enter');

    // Generate: the analysis and the plan stream live; a frame half way through is seen.
    const partial = await t.waitFor(
      (s) =>
        s.includes('Planning 1 of 3') &&
        s.includes(ANALYSIS_MARKER) &&
        s.includes('## 2. Request Details') &&
        !s.includes('## 9. Implementation Steps'),
      10_000,
      'a partly streamed plan',
    );
    expect(partial).toMatch(/tok\/s/);

    // Review → edit: the edited draft is what the review shows. Meanwhile the next plan is already asked for
    // (prefetch, on by default with a model): the fake server has its request before the first plan is saved.
    const review = await t.waitFor((s) => s.includes('Review 1 of 3') && s.includes('All checks passed'));
    expect(review).toContain(`gpt-4.1-mini @ ${new URL(server.baseURL).host}`);
    await t.waitFor(() => server.chatRequests().length >= 2, 10_000, 'the prefetch request');
    const prefetched = server.chatRequests()[1];
    expect(prefetched === undefined ? undefined : endpointOfRequest(prefetched)?.path).toBe(
      '/api/flashcards',
    );
    await t.waitFor((s) => /next (streaming|ready)/.test(s), 10_000, 'the prefetch on the status line');
    t.sendKeys('e');
    await t.waitForText('Edited:');
    t.sendKeys('End');
    await t.waitForText(EDIT_MARKER);
    // Regenerate: the second answer is a third draft, and the change is summed up; the edit is still there.
    t.sendKeys('r');
    const changed = await t.waitFor((s) => s.includes('Review 1 of 3') && s.includes('Changed:'));
    expect(changed).not.toContain('Edited:');
    expect(changed).toContain('draft 3 of 3 (regenerated)');
    t.sendKeys('Left');
    await t.waitForText('draft 2 of 3 (edited)');
    t.sendKeys('d');
    await t.waitForText(`+ ${EDIT_MARKER}`);
    t.sendKeys('s');
    await t.waitForText('Saved 001-post-flashcards.md');
    t.sendKeys('o');
    await waitForLog(editor.log, join(plansDir(project), '001-post-flashcards.md'));
    await t.waitForText('Enter next endpoint');
    t.sendKeys('Enter');

    // Second endpoint: edit, then save the edit.
    await t.waitFor((s) => s.includes('Review 2 of 3') && s.includes('GET /api/flashcards'));
    t.sendKeys('e');
    await t.waitForText('Edited:');
    t.sendKeys('s');
    await t.waitForText('Saved 002-get-flashcards.md');
    t.sendKeys('Enter');

    // Third endpoint: Ctrl+C once cancels the generation; the review says the draft is incomplete.
    await t.waitFor((s) => s.includes('Planning 3 of 3') && s.includes('## 1. Endpoint Overview'));
    t.sendKeys('C-c');
    const cancelled = await t.waitFor(
      (s) => s.includes('Review 3 of 3') && s.includes('incomplete (cancelled)'),
    );
    expect(cancelled).toContain('Press Ctrl+C again within 2 s to quit.');
    t.sendKeys('k');

    // Summary, then q exits 0.
    const summary = await t.waitForText('2 saved, 1 skipped, 0 failed');
    expect(summary).toContain('→ .ai/documents/api-plans/002-get-flashcards.md');
    t.sendKeys('q');
    expect(await t.waitForExit()).toBe(0);
    expect(t.sttyAfterExit()).toMatch(/(^|\s)icanon\s/);

    // On disk: numbered in the chosen order; the last draft of each, the edit only where it was kept.
    expect(plansIn(project).sort()).toEqual(['001-post-flashcards.md', '002-get-flashcards.md']);
    const first = readFileSync(join(plansDir(project), '001-post-flashcards.md'), 'utf8');
    const second = readFileSync(join(plansDir(project), '002-get-flashcards.md'), 'utf8');
    const post = { method: 'POST', path: '/api/flashcards' };
    const get = { method: 'GET', path: '/api/flashcards' };
    expect(first).toBe(
      `${aPlan({ ...post, errorCodes: errorCodesAsked(server, post) })}\n\n${EDIT_MARKER}\n`,
    );
    expect(second).toBe(`${aPlan({ ...get, errorCodes: errorCodesAsked(server, get) })}\n\n${EDIT_MARKER}\n`);
    for (const text of [first, second]) expect(text).not.toContain(ANALYSIS_MARKER);
    expect(server.chatRequests()).toHaveLength(4);
    expect(server.chatRequests()[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    const leaking = [...filesUnder(project), editor.log].filter((file) =>
      readFileSync(file, 'utf8').includes(KEY),
    );
    expect(leaking).toEqual([]);
  }, 60_000);

  it('offers the offline engine without a key, and saves an offline draft; NO_COLOR holds', async () => {
    const project = copyExample('flashcards');
    const t = wizard(project, [], { NO_COLOR: '1' });
    await t.waitForText('No model is configured.');
    t.sendKeys('o');
    await t.waitFor((s) => s.includes('engine: offline') && selected(10)(s));
    t.sendKeys('a');
    await t.waitFor(selected(0), undefined, '0 selected');
    t.sendKeys('Down');
    await t.waitFor((s) => cursorLine(s).includes('/api/flashcards/{id}'));
    t.sendKeys('Space');
    await t.waitFor(selected(1), undefined, '1 selected');
    t.sendKeys('Enter');
    await t.waitFor((s) => s.includes('Review 1 of 1') && s.includes('All checks passed'));
    t.sendKeys('s');
    await t.waitForText('Saved 001-get-flashcards-id.md');
    t.sendKeys('Enter');
    await t.waitForText('1 saved, 0 skipped, 0 failed');
    t.sendKeys('Enter');
    expect(await t.waitForExit()).toBe(0);
    // Bold and inverse are not colour; no foreground or background colour was ever written.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences of colours
    expect(t.rawOutput()).not.toMatch(/\u001B\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;\d+)*m/);
    expect(plansIn(project)).toEqual(['001-get-flashcards-id.md']);
    const plan = readFileSync(join(plansDir(project), '001-get-flashcards-id.md'), 'utf8');
    expect(plan).toMatch(/^# API Endpoint Implementation Plan: .*\n/);
    expect(plan).toContain('GET');
  }, 30_000);

  it('ends with the reason and exit code 2 when a doc read after the first frame is missing', async () => {
    const project = copyExample('flashcards');
    const t = wizard(project, ['--offline', '--db-plan', 'missing-db-plan.md'], {});
    expect(await t.waitForExit()).toBe(2);
    await t.waitForText('--db-plan missing-db-plan.md: no such file');
    expect(t.sttyAfterExit()).toMatch(/(^|\s)icanon\s/);
  }, 20_000);

  it('ends with the template error and exit code 2 when the project prompt template is broken', async () => {
    const project = copyExample('flashcards');
    mkdirSync(join(project, '.ai', 'prompts'), { recursive: true });
    writeFileSync(join(project, '.ai', 'prompts', 'endpoint-plan.md'), '<!-- @system -->\nHello {{nope}}\n');
    const t = wizard(project, ['--base-url', 'http://127.0.0.1:9/v1', '--model', 'gpt-4.1-mini'], {
      OPENAI_API_KEY: 'sk-test',
    });
    expect(await t.waitForExit()).toBe(2);
    await t.waitForText('unknown placeholder {{nope}}');
    expect(t.sttyAfterExit()).toMatch(/(^|\s)icanon\s/);
  }, 20_000);

  it('quits on Ctrl+C twice with 130, the terminal restored and nothing partial on disk', async () => {
    const project = copyExample('flashcards');
    const server = await fakeServer((endpoint, nth) =>
      answer(endpoint, nth, endpoint.method === 'GET' ? 200 : 20_000),
    );
    const t = wizard(project, ['--base-url', server.baseURL, '--model', MODEL], { OPENAI_API_KEY: KEY });
    await t.waitFor(selected(10), undefined, '10 selected');
    t.sendKeys('a');
    await t.waitFor(selected(0), undefined, '0 selected');
    t.sendKeys('Space');
    await t.waitFor(selected(1), undefined, '1 selected');
    t.sendKeys('Down');
    await t.waitFor((s) => cursorLine(s).includes('/api/flashcards/{id}'));
    t.sendKeys('Down');
    await t.waitFor((s) => cursorLine(s).includes('POST   /api/flashcards'));
    t.sendKeys('Space');
    await t.waitFor(selected(2), undefined, '2 selected');
    t.sendKeys('Enter');
    await t.waitFor((s) => s.includes('Review 1 of 2') && s.includes('All checks passed'));
    t.sendKeys('s');
    await t.waitForText('Saved 001-get-flashcards.md');
    t.sendKeys('Enter');
    await t.waitFor((s) => s.includes('Planning 2 of 2') && s.includes('## 1. Endpoint Overview'));
    t.sendKeys('C-c');
    await t.waitForText('Press Ctrl+C again within 2 s to quit.');
    t.sendKeys('C-c');
    expect(await t.waitForExit()).toBe(130);
    expect(t.capture()).toContain('Stopped with Ctrl+C: nothing partial was saved.');
    // The tally stays on screen: what was saved, where, and what was not reached.
    expect(t.capture()).toMatch(/1 saved, 0 skipped, 0 failed, 1 not reached/);
    // Ink left raw mode and showed the cursor again.
    expect(t.sttyAfterExit()).toMatch(/(^|\s)icanon\s/);
    expect(t.sttyAfterExit()).toMatch(/(^|\s)echo\s/);
    expect(t.cursorVisible()).toBe(true);
    expect(readdirSync(plansDir(project)).filter((name) => !name.startsWith('.'))).toEqual([
      '001-get-flashcards.md',
    ]);
    expect(readdirSync(plansDir(project)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 30_000);
});

describe('the wizard in a real terminal: a plans folder that cannot take plans (tmux)', () => {
  const readOnly = readOnlyFolders();
  it('says so in the picker before the first request, and writes no escape sequence to a redirected stderr', async (context) => {
    const folder = readOnly();
    if ('skip' in folder) {
      context.skip(folder.skip);
      return;
    }
    const project = copyExample('flashcards');
    const server = await fakeServer((endpoint, nth) => answer(endpoint, nth, 100));
    const errFile = join(mkdtempSync(join(tmpdir(), 'ep-stderr-')), 'stderr.log');
    const cli = [
      process.execPath,
      cliPath,
      '--base-url',
      server.baseURL,
      '--model',
      MODEL,
      '--out',
      folder.dir,
    ];
    const t = startTerminal({
      command: ['sh', '-c', `exec "$@" 2>'${errFile}'`, 'sh', ...cli],
      cwd: project,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: mkdtempSync(join(tmpdir(), 'ep-home-')),
        TERM: 'screen-256color',
        LANG: 'C.UTF-8',
        OPENAI_API_KEY: KEY,
      },
    });
    terminals.push(t);
    await t.waitFor(selected(10), 10_000, 'the picker');
    t.sendKeys('Enter');
    const screen = await t.waitForText('Cannot write plans into');
    expect(screen.replace(/\n/g, ' ')).toContain('(read-only file system)');
    expect(server.requests).toHaveLength(0);
    t.sendKeys('q');
    expect(await t.waitForExit()).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(readFileSync(errFile, 'utf8')).not.toContain('\u001b');
    expect(t.cursorVisible()).toBe(true);
  }, 30_000);

  it("shows the context budget's warning on the picker, never on stderr under the frame", async () => {
    const project = copyExample('flashcards');
    const server = await fakeServer((endpoint, nth) => answer(endpoint, nth, 0));
    const errFile = join(mkdtempSync(join(tmpdir(), 'ep-stderr-')), 'stderr.log');
    const cli = [process.execPath, cliPath, '--base-url', server.baseURL, '--model', MODEL];
    const t = startTerminal({
      command: ['sh', '-c', `exec "$@" --context-window 1024 2>'${errFile}'`, 'sh', ...cli],
      cwd: project,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: mkdtempSync(join(tmpdir(), 'ep-home-')),
        TERM: 'screen-256color',
        LANG: 'C.UTF-8',
        OPENAI_API_KEY: KEY,
      },
    });
    terminals.push(t);
    const flat = (screen: string): string => screen.replace(/\s+/g, ' ');
    const screen = await t.waitFor(
      (s) => flat(s).includes("the endpoint's own facts do not fit") && selected(10)(s),
      10_000,
      "the picker with the budget's warning",
    );
    expect(flat(screen)).toContain('a 1,024-token window leaves');
    t.sendKeys('q');
    expect(await t.waitForExit()).toBe(0);
    expect(readFileSync(errFile, 'utf8')).not.toContain('do not fit');
    expect(server.chatRequests()).toHaveLength(0);
  }, 20_000);
});

describe('generate on a terminal with stderr redirected (tmux)', () => {
  it('writes the stop plain into the file: no color, no cursor sequence', async () => {
    const project = copyExample('flashcards');
    const errFile = join(mkdtempSync(join(tmpdir(), 'ep-stderr-')), 'stderr.log');
    const probe = await startFakeOpenAI();
    const baseURL = probe.baseURL;
    await probe.close();
    const cli = [process.execPath, cliPath, 'generate', '--all', '--yes', '--base-url', baseURL];
    const t = startTerminal({
      command: ['sh', '-c', `exec "$@" 2>'${errFile}'`, 'sh', ...cli],
      cwd: project,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: mkdtempSync(join(tmpdir(), 'ep-home-')),
        TERM: 'screen-256color',
        LANG: 'C.UTF-8',
        OPENAI_API_KEY: KEY,
        ENDPOINT_PLANNER_RETRY_MS: '20',
      },
    });
    terminals.push(t);
    expect(await t.waitForExit()).toBe(1);
    const stderr = readFileSync(errFile, 'utf8');
    expect(stderr).toMatch(/^Stopped: Could not connect to /m);
    expect(stderr).not.toContain('\u001b');
  }, 30_000);
});

/** The error codes the request for `endpoint` asked the plan to cover, as the fake read them. */
function errorCodesAsked(server: FakeServer, endpoint: { method: string; path: string }): readonly number[] {
  const request = server
    .chatRequests()
    .find((r) => endpointKey(endpointOfRequest(r) ?? { method: '', path: '' }) === endpointKey(endpoint));
  return (request === undefined ? undefined : endpointOfRequest(request)?.errorCodes) ?? [];
}
