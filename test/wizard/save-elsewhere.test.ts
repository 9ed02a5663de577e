import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.ts';
import { anAnswer, aValidPlan } from './plans.ts';
import { endpoints, type Rig, startRig } from './rig.ts';

// Issue 13, item 4: after a failed save the draft stays in review, and besides retrying the user can save it
// elsewhere: a new file at a path typed relative to the project, never over an existing one.

const { create, remove } = endpoints;

let rig: Rig | undefined;
const roots: string[] = [];

afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A wizard on a project in a temp folder, reviewing a plan whose save has just failed (a file in the way). */
async function afterAFailedSave(): Promise<{ r: Rig; root: string; plan: string }> {
  const root = mkdtempSync(join(tmpdir(), 'wizard-elsewhere-'));
  roots.push(root);
  const plansDir = join(root, 'plans');
  const r = await startRig({
    endpoints: [create, remove],
    plansDir,
    root,
    unsavedFolders: [join(root, 'state')],
  });
  rig = r;
  r.press(keys.enter);
  await r.waitForRequests(1);
  const plan = aValidPlan(create);
  r.engine.send(anAnswer(plan));
  r.engine.finish();
  await r.waitForText('Review');
  rmSync(plansDir, { recursive: true, force: true });
  writeFileSync(plansDir, '');
  r.press('s');
  await r.waitForText('Not saved');
  return { r, root, plan };
}

/** Presses `w`, types `path` and submits it once the field shows it. */
async function saveElsewhere(r: Rig, path: string): Promise<void> {
  r.press('w');
  await r.waitForText('Save to:');
  r.press(path);
  await r.waitForText(path);
  r.press(keys.enter);
}

describe('saving a draft elsewhere after a failed save', () => {
  it('is offered only after a failed save', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wizard-elsewhere-'));
    roots.push(root);
    const r = await startRig({ endpoints: [create], root });
    rig = r;
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.send(anAnswer(aValidPlan(create)));
    r.engine.finish();
    const frame = await r.waitForText('Review');
    expect(frame).not.toContain('w save elsewhere');
    r.press('w', 'd');
    await r.waitForText('no earlier one to compare with');
    expect(r.frame()).not.toContain('Save to:');
  });

  it('writes a new file at the path typed, relative to the project, creating its folders', async () => {
    const { r, root, plan } = await afterAFailedSave();
    expect(r.frame()).toContain('w save elsewhere');
    expect(r.frame()).toContain('s retry the save');
    await saveElsewhere(r, 'notes/drafts/create.md');
    const frame = await r.waitForText('Saved');
    expect(frame).toContain('create.md');
    expect(readFileSync(join(root, 'notes', 'drafts', 'create.md'), 'utf8')).toBe(plan);
    // Written whole through a temp file that is gone afterwards.
    expect(readdirSync(join(root, 'notes', 'drafts'))).toEqual(['create.md']);
    r.press('q');
    const summary = await r.waitForText('Done in');
    expect(summary).toContain('1 saved');
  });

  it('never replaces a file that exists: says so and stays in review', async () => {
    const { r, root, plan } = await afterAFailedSave();
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, 'notes', 'mine.md'), 'written by hand\n');
    await saveElsewhere(r, 'notes/mine.md');
    const frame = await r.waitFor((f) => f.includes('mine.md already exists'));
    expect(frame.replace(/\n/g, ' ')).toContain(`Could not write into ${join(root, 'notes')}`);
    expect(readFileSync(join(root, 'notes', 'mine.md'), 'utf8')).toBe('written by hand\n');
    expect(frame).toContain('w save elsewhere');
    await saveElsewhere(r, 'notes/other.md');
    await r.waitForText('Saved');
    expect(readFileSync(join(root, 'notes', 'other.md'), 'utf8')).toBe(plan);
  });

  it('a folder that cannot be made: one plain sentence naming it, no errno code, still in review', async () => {
    const { r, root } = await afterAFailedSave();
    writeFileSync(join(root, 'blocked'), 'a file where the folder should be\n');
    await saveElsewhere(r, 'blocked/inner/plan.md');
    const frame = await r.waitFor((f) => !f.includes('Save to:') && f.includes('blocked'));
    const text = frame.replace(/\n/g, ' ');
    expect(text).toContain(
      `Not saved: Could not write into ${join(root, 'blocked', 'inner')} (a file is in the way).`,
    );
    expect(text).not.toMatch(/E[A-Z]{3,}/);
    expect(frame).toContain('Review');
    expect(frame).toContain('w save elsewhere');
  });
});
