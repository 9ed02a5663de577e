import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.ts';
import { anAnswer, aValidPlan } from './plans.ts';
import { endpoints, type Rig, startRig } from './rig.ts';

// The wizard's side of issue 13: run-level failures keep the queue and offer retry or quit, retries are
// visible while they wait, the plans folder is checked before the first generation, and a failed save keeps
// the draft in review with the path of a copy.

const { list, create, remove } = endpoints;

let rig: Rig | undefined;

async function start(options: Parameters<typeof startRig>[0] = {}): Promise<Rig> {
  rig = await startRig(options);
  return rig;
}

afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe('the wizard fails fast and loses nothing', () => {
  it('a run-level failure offers retry or quit, never skip, and quitting keeps the whole queue as not reached', async () => {
    const r = await start();
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.fail({ kind: 'auth', message: 'Incorrect API key provided' });
    const frame = await r.waitForText('Failed 1 of 3');
    expect(frame).toContain('The API key was rejected');
    expect(frame).toContain('Retry');
    expect(frame).not.toContain('Skip');
    r.press('k');
    r.press('r');
    await r.waitForRequests(2);
    expect(r.engine.requests[1]?.endpoint.id).toBe(list.id);
    r.engine.fail({ kind: 'connection', code: 'ECONNREFUSED', baseURL: 'http://127.0.0.1:1/v1' });
    await r.waitForText('connection refused');
    r.press('q');
    const summary = await r.waitForText('Done in');
    expect(summary).toContain('0 saved, 0 skipped, 0 failed, 3 not reached');
  });

  it('shows a retry while it waits: when, which attempt and why', async () => {
    const r = await start({ endpoints: [list] });
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.retry({
      attempt: 2,
      maxAttempts: 5,
      delayMs: 4_000,
      error: { kind: 'stream-dropped', message: 'terminated' },
    });
    await r.waitForText('retrying in 4 s (2 of 5): the server closed the connection');
    r.engine.send(anAnswer(aValidPlan(list)));
    await r.waitFor((f) => !f.includes('retrying in'));
  });

  it('checks the plans folder before the first generation and says why in the picker', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wizard-blocked-'));
    writeFileSync(join(root, 'plans'), 'a file where the folder should be\n');
    const plansDir = join(root, 'plans', 'api');
    const r = await start({ plansDir });
    r.press(keys.enter);
    const frame = await r.waitForText('Cannot write plans into');
    expect(frame).toContain('(a file is in the way)');
    expect(r.engine.requests).toHaveLength(0);
    rmSync(join(root, 'plans'));
    r.press(keys.enter);
    await r.waitForRequests(1);
    expect(existsSync(plansDir)).toBe(true);
  });

  it('a save that fails keeps the draft in review, names where a copy is, and can be tried again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wizard-save-'));
    const plansDir = join(root, 'plans');
    const state = join(root, 'state');
    const r = await start({ endpoints: [create, remove], plansDir, unsavedFolders: [state] });
    r.press(keys.enter);
    await r.waitForRequests(1);
    const plan = aValidPlan(create);
    r.engine.send(anAnswer(plan));
    r.engine.finish();
    await r.waitForText('Review');
    // The folder passed the check before the first generation; it is gone (a file in its way) by the save.
    rmSync(plansDir, { recursive: true, force: true });
    writeFileSync(plansDir, '');
    r.press('s');
    const frame = await r.waitForText('Not saved');
    expect(frame).toContain('a file is in the way');
    const kept = /The plan is kept at (\S+?)\.?\s/.exec(frame.replace(/\n/g, ' '))?.[1];
    expect(kept, frame).toBeDefined();
    expect(readFileSync(kept ?? '', 'utf8').trim()).toBe(plan.trim());
    rmSync(plansDir);
    mkdirSync(plansDir);
    r.press('s');
    await r.waitForText('Saved');
    expect(r.savedFiles()).toEqual([`001-${create.id}.md`]);
  });

  it('two Ctrl+C leave the tally of the run on screen', async () => {
    const r = await start();
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.send(anAnswer(aValidPlan(list)));
    r.engine.finish();
    await r.waitForText('Review');
    r.press('s');
    await r.waitForText('Saved');
    r.press(keys.ctrlC);
    r.press(keys.ctrlC);
    expect(await r.exitCode).toBe(130);
    const frame = r.frame();
    expect(frame).toContain('Stopped with Ctrl+C: nothing partial was saved.');
    expect(frame).toContain('1 saved, 0 skipped, 0 failed, 2 not reached');
    expect(frame).toContain(join(r.plansDir, `001-${list.id}.md`));
  });
});
