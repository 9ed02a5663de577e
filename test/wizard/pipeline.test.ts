import { afterEach, describe, expect, it } from 'vitest';
import { anEndpoint } from '../support/builders.ts';
import { keys } from '../support/keys.ts';
import { waitUntil } from '../support/wait-for-frame.ts';
import { anAnswer, aValidPlan } from './plans.ts';
import { endpoints, type Rig, startRig } from './rig.ts';

const { list, create, remove } = endpoints;
const usage = { promptTokens: 1200, completionTokens: 800, cachedTokens: undefined };

let rig: Rig | undefined;

async function start(options: Parameters<typeof startRig>[0] = {}): Promise<Rig> {
  rig = await startRig(options);
  return rig;
}

afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

/** Answers stream `at` (request order) with a whole plan. */
function answer(r: Rig, plan: string, at: number): void {
  r.engine.send(anAnswer(plan), at);
  r.engine.finish(usage, at);
}

describe('pipelined generation', () => {
  it('streams the next plan while this one is reviewed, and shows it at once when ready', async () => {
    const r = await start({ prefetch: 1, engineHost: 'localhost:11434' });
    r.press(keys.enter);
    await r.waitForRequests(1);
    answer(r, aValidPlan(list), 0);
    await r.waitForText('Review 1 of 3');
    await r.waitForRequests(2);
    expect(r.engine.requests[1]?.endpoint.id).toBe(create.id);
    let frame = await r.waitForText('next streaming');
    expect(frame).toContain('gpt-test @ localhost:11434');
    answer(r, aValidPlan(create), 1);
    frame = await r.waitForText('next ready');
    r.press('s');
    await r.waitForText('Saved 001-get-flashcards.md');
    r.press(keys.enter);
    frame = await r.waitForText('Review 2 of 3');
    expect(frame).toContain('POST /api/flashcards');
    await r.waitForRequests(3);
    expect(r.engine.requests[2]?.endpoint.id).toBe(remove.id);
  });

  it('a regenerate keeps the prefetch running; quitting cancels it and saves nothing of it', async () => {
    const r = await start({ prefetch: 1 });
    r.press(keys.enter);
    await r.waitForRequests(1);
    answer(r, aValidPlan(list), 0);
    await r.waitForText('Review 1 of 3');
    await r.waitForRequests(2);
    r.press('r');
    await r.waitForRequests(3);
    expect(r.engine.aborted()).toBe(0);
    answer(r, aValidPlan(list, 'Second take.'), 2);
    await r.waitForText('draft 2 of 2 (regenerated)');
    r.press('q');
    const frame = await r.waitForText('0 saved');
    await waitUntil(() => r.engine.aborted() === 1, 'the prefetch to be cancelled');
    expect(frame).toContain('1 prefetched plan not reviewed');
    expect(r.savedFiles()).toEqual([]);
  });
});

describe('the picker', () => {
  it('marks a stale plan and preselects it with the unplanned ones; the estimate says what is prefetched', async () => {
    const r = await start({
      prefetch: 1,
      planned: [
        { file: '001-get-flashcards.md', number: 1, endpointId: list.id, inputsHash: undefined },
        { file: '002-post-flashcards.md', number: 2, endpointId: create.id, inputsHash: undefined },
      ],
      stale: new Set([create.id]),
    });
    const frame = await r.waitForText('2 selected');
    expect(frame).toMatch(/002-post-flashcards\.md stale/);
    expect(frame).not.toMatch(/001-get-flashcards\.md stale/);
    expect(frame).toContain('1 ahead');
  });
});

describe('the picker at 80 columns', () => {
  it('gives way with the title, never the plan file name, and fits every key hint', async () => {
    const long = anEndpoint({
      method: 'POST',
      path: '/api/flashcards/{id}/review',
      title: 'Record how well the user remembered this flashcard and schedule its next review',
    });
    const r = await start({
      endpoints: [long, list],
      columns: 80,
      rows: 24,
      planned: [
        { file: '001-post-flashcards-id-review.md', number: 1, endpointId: long.id, inputsHash: undefined },
      ],
      stale: new Set([long.id]),
    });
    const frame = await r.waitForText('selected');
    for (const row of frame.split('\n')) expect(row.length).toBeLessThanOrEqual(80);
    expect(frame).toContain('001-post-flashcards-id-review.md stale');
    expect(frame).toContain('List flashcards');
    for (const hint of [
      '↑↓ move',
      'Space toggle',
      'a all/none',
      '/ filter',
      'K/J reorder',
      'Enter start',
      'q quit',
    ])
      expect(frame).toContain(hint);
  });
});

describe('draft history in the wizard', () => {
  it('an edit survives a regenerate: back to it with ← and save it', async () => {
    const r = await start({ endpoints: [list] });
    r.press(keys.enter);
    await r.waitForRequests(1);
    answer(r, aValidPlan(list), 0);
    await r.waitForText('draft 1 of 1 (generated)');
    r.press('e');
    await r.waitForText('draft 2 of 2 (edited)');
    await waitUntil(
      () =>
        r
          .keptOnDisk(list.id)
          ?.drafts.map((draft) => draft.origin)
          .join() === 'generated,edited',
      'the drafts to be kept on disk',
    );
    r.press('r');
    await r.waitForRequests(2);
    answer(r, aValidPlan(list, 'Regenerated.'), 1);
    await r.waitForText('draft 3 of 3 (regenerated)');
    r.press(keys.left);
    await r.waitForText('draft 2 of 3 (edited)');
    r.press('d');
    await r.waitForText('+ Edited by hand.');
    r.press('s');
    await r.waitForText('Saved 001-get-flashcards.md');
    expect(r.read('001-get-flashcards.md')).toContain('Edited by hand.');
    await waitUntil(() => r.keptOnDisk(list.id) === undefined, 'the kept drafts to be dropped');
  });

  it('offers drafts kept from an earlier session, without generating', async () => {
    const r = await start({
      kept: { [create.id]: [{ plan: aValidPlan(create, 'Kept.'), origin: 'edited' }] },
    });
    let frame = await r.waitForText('✎ 1 unsaved');
    r.press('a');
    await r.waitForText('0 selected');
    r.press(keys.down, keys.space);
    await r.waitForText('1 selected');
    r.press(keys.enter);
    frame = await r.waitForText('kept from an earlier session');
    expect(frame).toContain('Review 1 of 1');
    expect(r.engine.requests).toHaveLength(0);
  });
});

describe('keys typed ahead', () => {
  it('a chunk of keys typed while busy acts key by key, Enter included', async () => {
    const r = await start();
    await r.waitForText('3 selected');
    r.press('a j ');
    await r.waitForText('2 selected');
    r.press(' j \r');
    await r.waitForText('Planning 1 of 2');
    await r.waitForRequests(1);
    expect(r.engine.requests[0]?.endpoint.id).toBe(list.id);
  });

  it('a newline typed before the wizard had the terminal does not start it', async () => {
    const r = await start();
    await r.waitForText('3 selected');
    r.press('a\n');
    await r.waitForText('0 selected');
    r.press(keys.space);
    await r.waitForText('1 selected');
    expect(r.frame()).toContain('Endpoints');
  });
});
