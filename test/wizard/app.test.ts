import { afterEach, describe, expect, it } from 'vitest';
import { anEndpoint } from '../support/builders.ts';
import { keys } from '../support/keys.ts';
import { anAnswer, aValidPlan } from './plans.ts';
import { aFakeEditor, endpoints, type Rig, startRig } from './rig.ts';

const { list, create } = endpoints;
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

/** Streams a whole answer for the current request and waits for the review screen. */
async function answer(r: Rig, plan: string, requests: number): Promise<string> {
  await r.waitForRequests(requests);
  r.engine.send(anAnswer(plan));
  r.engine.finish(usage);
  return r.waitForText('Review');
}

describe('the wizard', () => {
  it('picks, reorders and starts in the chosen order', async () => {
    const r = await start({
      planned: [{ file: '007-post-flashcards.md', number: 7, endpointId: create.id, inputsHash: undefined }],
    });
    let frame = await r.waitForText('2 selected');
    expect(frame).toContain('✓ 007-post-flashcards.md');
    expect(frame).toContain('~6,000 tokens');
    r.press(keys.down, keys.space);
    await r.waitForText('3 selected');
    r.press(keys.shiftUp);
    frame = await r.waitFor((f) => f.indexOf('POST   /api/flashcards') < f.indexOf('GET    /api/flashcards'));
    r.press('J', 'K', keys.down, keys.space);
    await r.waitForText('2 selected');
    r.press(keys.enter);
    await r.waitForText('Planning 1 of 2');
    await r.waitForRequests(1);
    expect(r.engine.requests[0]?.endpoint.id).toBe(create.id);
  });

  it('streams the analysis and the plan live, then reviews and saves the exact plan', async () => {
    const r = await start();
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.send('<analysis>\nThe endpoint lists cards');
    let frame = await r.waitForText('The endpoint lists cards');
    expect(frame).toContain('Planning 1 of 3');
    expect(frame).toContain('gpt-test');
    r.clock.time += 2000;
    r.engine.send('.\n</analysis>\n# API Endpoint Implementation Plan: GET /api/flashcards\n');
    frame = await r.waitForText('Implementation Plan: GET');
    expect(frame).toMatch(/\d+ tok\/s/);
    const plan = aValidPlan(list);
    r.engine.send(anAnswer(plan).slice(anAnswer(plan).indexOf('## 1.')));
    r.engine.finish(usage);
    frame = await r.waitForText('Review 1 of 3');
    expect(frame).toContain('All checks passed');
    r.press('s');
    frame = await r.waitForText('Saved 001-get-flashcards.md');
    expect(r.savedFiles()).toEqual(['001-get-flashcards.md']);
    const saved = r.read('001-get-flashcards.md');
    expect(saved).toBe(
      `# API Endpoint Implementation Plan: GET /api/flashcards\n${plan.slice(plan.indexOf('## 1.'))}`,
    );
    r.press(keys.enter);
    await r.waitForText('Planning 2 of 3');
  });

  it('saves byte-for-byte what was streamed as the plan', async () => {
    const r = await start({ endpoints: [list] });
    r.press(keys.enter);
    const plan = aValidPlan(list);
    await answer(r, plan, 1);
    r.press('s');
    await r.waitForText('Saved');
    expect(r.read('001-get-flashcards.md')).toBe(plan);
  });

  it('Esc cancels: the draft is incomplete and cannot be saved', async () => {
    const r = await start();
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.send('<analysis>a</analysis>\n# API Endpoint Implementation Plan: half\n');
    await r.waitForText('Implementation Plan: half');
    r.press(keys.escape);
    let frame = await r.waitForText('incomplete (cancelled)');
    expect(frame).toContain('s save (unavailable: incomplete)');
    r.press('s');
    frame = await r.waitForText('This draft is incomplete');
    expect(r.savedFiles()).toEqual([]);
    expect(r.engine.aborted()).toBe(1);
  });

  it('regenerate shows what changed against the previous draft', async () => {
    const r = await start({ endpoints: [create] });
    r.press(keys.enter);
    await answer(
      r,
      '# API Endpoint Implementation Plan: POST /api/flashcards\n\n## 1. Endpoint Overview\n\nShort.\n',
      1,
    );
    let frame = r.frame();
    expect(frame).toMatch(/problems? found/);
    r.press('r');
    await r.waitForText('Planning 1 of 1');
    await r.waitForRequests(2);
    expect(r.engine.requests[1]?.problems.length).toBeGreaterThan(0);
    r.engine.send(anAnswer(aValidPlan(create)));
    r.engine.finish(usage);
    frame = await r.waitForText('Changed:');
    expect(frame).toMatch(/Changed: .*\+\d+/);
  });

  it('regenerates with typed instructions', async () => {
    const r = await start({ endpoints: [list] });
    r.press(keys.enter);
    await answer(r, aValidPlan(list), 1);
    r.press('i');
    await r.waitForText('Instructions:');
    r.press('u', 's', 'e', ' ', 'x', keys.backspace, 'c', 'u', 'r', 's', 'o', 'r', 's');
    await r.waitForText('use cursors');
    r.press(keys.enter);
    await r.waitForRequests(2);
    expect(r.engine.requests[1]?.instructions).toBe('use cursors');
    await r.waitForText('with instructions: use cursors');
  });

  it('edits in the editor: the edited draft is shown and saved', async () => {
    const r = await start({ endpoints: [list] });
    r.press(keys.enter);
    const plan = aValidPlan(list);
    await answer(r, plan, 1);
    r.press('e');
    await r.waitForText('Edited:');
    r.press('s');
    await r.waitForText('Saved');
    expect(r.read('001-get-flashcards.md')).toBe(`${plan}\nEdited by hand.\n`);
  });

  it('an editor that fails leaves the draft unchanged and says why', async () => {
    const editor = aFakeEditor();
    editor.result = { kind: 'failed', command: 'vim', exitCode: 3, message: 'vim exited with code 3.' };
    const r = await start({ endpoints: [list], editor });
    r.press(keys.enter);
    await answer(r, aValidPlan(list), 1);
    r.press('e');
    const frame = await r.waitForText('The draft is unchanged');
    expect(frame).toContain('vim exited with code 3');
    editor.result = { kind: 'not-found', command: 'nano' };
    r.press('e');
    await r.waitForText('No editor found (nano)');
  });

  it('skips, then summarises saved and skipped with paths, tokens and cost, opens all and exits 0', async () => {
    const r = await start({ endpoints: [list, create] });
    r.press(keys.enter);
    await answer(r, aValidPlan(list), 1);
    r.press('s');
    await r.waitForText('Saved 001-get-flashcards.md');
    r.press(keys.enter);
    await answer(r, aValidPlan(create), 2);
    r.clock.time += 65_000;
    r.press('k');
    const frame = await r.waitForText('Done in');
    expect(frame).toContain('1 saved, 1 skipped, 0 failed');
    expect(frame).toContain(`${r.plansDir}/001-get-flashcards.md`);
    expect(frame).toContain('POST /api/flashcards');
    expect(frame).toContain('Tokens: 4,000');
    expect(frame).toContain('$0.0040');
    expect(frame).toContain('1 min 05 s');
    r.press('o');
    await expect.poll(() => r.editor.opened).toEqual([[`${r.plansDir}/001-get-flashcards.md`]]);
    r.press(keys.enter);
    expect(await r.exitCode).toBe(0);
    expect(r.stdin.rawMode).toBe(false);
    expect(r.frame()).toContain('1 saved, 1 skipped, 0 failed');
    expect(r.frame()).not.toContain('Enter or q exit');
  });

  it('an engine failure can be retried or skipped, and is listed as failed', async () => {
    const r = await start({ endpoints: [list] });
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.fail({ kind: 'auth', message: 'bad key' });
    let frame = await r.waitForText('Failed 1 of 1');
    expect(frame).toContain('API key was rejected');
    r.press('r');
    await r.waitForRequests(2);
    r.engine.fail({ kind: 'rate-limited', retryAfterMs: 1000 });
    await r.waitFor((f) => f.includes('Failed 1 of 1') && !f.includes('API key was rejected'));
    r.press('k');
    frame = await r.waitForText('Done in');
    expect(frame).toContain('0 saved, 0 skipped, 1 failed');
  });

  it('Ctrl+C once cancels the generation, twice within 2 s quits with 130 and saves nothing', async () => {
    const r = await start();
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.send('<analysis>a</analysis>\n# partial\n');
    await r.waitForText('# partial');
    r.press(keys.ctrlC);
    const frame = await r.waitForText('incomplete (cancelled)');
    expect(frame).toContain('Press Ctrl+C again within 2 s to quit.');
    r.clock.time += 1500;
    r.press(keys.ctrlC);
    expect(await r.exitCode).toBe(130);
    expect(r.savedFiles()).toEqual([]);
    expect(r.frame()).toContain('Stopped with Ctrl+C: nothing partial was saved.');
    expect(r.frame()).toContain('0 saved, 0 skipped, 0 failed, 3 not reached');
    expect(r.stdin.rawMode).toBe(false);
  });

  it('two Ctrl+C more than 2 s apart do not quit', async () => {
    const r = await start();
    r.press(keys.ctrlC);
    await r.waitForText('Press Ctrl+C again');
    r.clock.time += 2500;
    r.press(keys.ctrlC);
    r.press(keys.down);
    await r.waitFor((f) => f.includes('❯') && !f.includes('Press Ctrl+C again'));
    r.press('q');
    expect(await r.exitCode).toBe(0);
  });

  it('without a model offers the offline engine for the run', async () => {
    const r = await start({ engine: 'none', endpoints: [list] });
    let frame = await r.waitForText('No model is configured');
    expect(frame).toContain('OPENAI_API_KEY');
    r.press('o');
    frame = await r.waitForText('engine: offline');
    expect(frame).toContain('offline engine: no tokens, no cost');
    r.press(keys.enter);
    await r.waitForRequests(1);
    expect(r.offline.requests).toHaveLength(1);
  });

  it('keeps every frame shorter than the terminal and reflows on resize', async () => {
    const many = Array.from({ length: 60 }, (_, index) =>
      anEndpoint({ method: 'GET', path: `/api/items/${index}`, title: `Item ${index}` }),
    );
    const r = await start({ endpoints: many, rows: 20, columns: 80 });
    let frame = await r.waitForText('60 selected');
    expect(frame.split('\n').length).toBeLessThanOrEqual(19);
    for (let i = 0; i < 30; i += 1) r.press(keys.down);
    frame = await r.waitForText('/api/items/30 ');
    expect(frame.split('\n').length).toBeLessThanOrEqual(19);
    r.stdout.resize(80, 12);
    frame = await r.waitFor((f) => f.split('\n').length <= 11 && f.includes('/api/items/30 '));
    r.stdout.resize(120, 40);
    frame = await r.waitFor((f) => f.split('\n').length > 30);
    expect(frame.split('\n').length).toBeLessThanOrEqual(39);
    const longLine = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(150)}`).join('\n');
    r.press(keys.enter);
    await r.waitForRequests(1);
    r.engine.send(`<analysis>${longLine}</analysis>\n# Plan\n${longLine}`);
    frame = await r.waitForText('line 199');
    expect(frame.split('\n').length).toBeLessThanOrEqual(39);
    r.engine.finish();
    frame = await r.waitForText('Review 1 of 60');
    expect(frame.split('\n').length).toBeLessThanOrEqual(39);
  });

  it('drops the chunks of a replaced generation', async () => {
    const r = await start({ endpoints: [list] });
    r.press(keys.enter);
    await answer(r, aValidPlan(list), 1);
    r.press('r');
    await r.waitForRequests(2);
    r.engine.send('<analysis>second</analysis>\n# second draft\n');
    await r.waitForText('# second draft');
    expect(r.frame()).not.toContain('Review');
  });
});
