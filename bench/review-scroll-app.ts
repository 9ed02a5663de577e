// The wizard in this process on a fake 80x24 terminal (the test rig: gated engine, real plans folder), reviewing a
// 400-line plan: each sample is one scroll key written to its input and the time until Ink has written the frame
// it causes. Bundled and run by review-scroll.ts with NODE_ENV=production, as the shipped CLI runs React.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { keys } from '../test/support/keys.ts';
import { aPlanAnswer } from '../test/support/plan-replies.ts';
import { endpoints, startRig } from '../test/wizard/rig.ts';

const SAMPLES = Number(process.env.SAMPLES ?? 200);

const rig = await startRig({ endpoints: [endpoints.list], columns: 80, rows: 24 });
rig.press(keys.enter);
await rig.waitForRequests(1);
let filler = 100;
let answer = aPlanAnswer(endpoints.list, { fillerParagraphs: filler });
while (answer.slice(answer.indexOf('</analysis>')).split('\n').length < 400) {
  filler += 10;
  answer = aPlanAnswer(endpoints.list, { fillerParagraphs: filler });
}
rig.engine.send(answer);
rig.engine.finish();
await rig.waitForText('Review 1 of 1');
const lines = answer.slice(answer.indexOf('</analysis>')).split('\n').length;
const round = [
  keys.down,
  keys.down,
  keys.space,
  keys.pageDown,
  keys.up,
  keys.pageUp,
  keys.end,
  keys.up,
  keys.home,
];
const samples: number[] = [];
let missed = 0;
for (let i = 0; i < SAMPLES; i++) {
  const key = round[i % round.length] ?? keys.down;
  const before = rig.stdout.writes.length;
  const started = performance.now();
  rig.press(key);
  while (rig.stdout.writes.length === before && performance.now() - started < 2000) await nextTurn();
  if (rig.stdout.writes.length === before) missed++;
  else samples.push(performance.now() - started);
  // Past Ink's 30 fps throttle, as between a reader's keypresses.
  await new Promise((done) => setTimeout(done, 40));
}
await rig.dispose();
process.stdout.write(`${JSON.stringify({ lines, samples, missed })}\n`);
process.exit(0);
