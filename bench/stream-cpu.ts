// Issue 3 bar: the engine's CPU time per 10k streamed tokens (the openai adapter with its idle watchdog, then
// generatePlan's splitter and validator, with a progress callback like generate's) within 1.5 × a bare `openai`
// SDK loop that writes the same stream to /dev/null. Both read one answer of ~10k deltas (one token each, as
// real providers stream) from the fake server, which runs as its own process so only the client's CPU counts.
// Run: node --experimental-strip-types bench/stream-cpu.ts   (RUNS=15 for more runs)
import { closeSync, openSync, writeSync } from 'node:fs';
import OpenAI from 'openai';
import { createOpenAiLlm } from '../src/adapters/openai-llm.ts';
import { generatePlan } from '../src/core/plan/generate-plan.ts';
import type { ChatMessage, PlanEngine } from '../src/core/ports.ts';
import { anEndpoint } from '../test/support/builders.ts';
import type { FakeReply } from '../test/support/fake-openai-server.ts';
import { aPlanAnswer } from '../test/support/plan-replies.ts';
import { type FakeProcess, median, startFakeProcess } from './support.ts';

const TOKENS = 10_000;
const CHARS_PER_TOKEN = 4;
const BAR_RATIO = 1.5;
const MODEL = 'gpt-4.1-mini';
const KEY = 'sk-bench';

const endpoint = anEndpoint({ method: 'GET', path: '/api/flashcards', errorCodes: [400, 401] });
const messages: readonly ChatMessage[] = [
  { role: 'system', content: 'You plan REST endpoints.' },
  { role: 'user', content: 'Plan this endpoint: GET /api/flashcards' },
];

/** One answer of about TOKENS deltas: a valid plan padded with step details. */
function longAnswer(): string {
  let paragraphs = 1;
  let text = aPlanAnswer(endpoint, { fillerParagraphs: paragraphs });
  while (text.length < TOKENS * CHARS_PER_TOKEN) {
    paragraphs *= 2;
    text = aPlanAnswer(endpoint, { fillerParagraphs: paragraphs });
  }
  return text.slice(0, text.lastIndexOf('\n', TOKENS * CHARS_PER_TOKEN) + 1);
}

type Fake = FakeProcess;

function startFake(reply: FakeReply): Promise<Fake> {
  return startFakeProcess([], { ...process.env, FAKE_OPENAI_SCRIPT: JSON.stringify({ fallback: reply }) });
}

type Sample = { readonly cpuMs: number; readonly deltas: number; readonly chars: number };

async function measure(run: () => Promise<{ deltas: number; chars: number }>): Promise<Sample> {
  const before = process.cpuUsage();
  const { deltas, chars } = await run();
  const used = process.cpuUsage(before);
  return { cpuMs: (used.user + used.system) / 1000, deltas, chars };
}

/** The SDK loop alone; `devNull` undefined drops the text instead of writing it (a floor, for information). */
function bareLoop(
  baseURL: string,
  devNull: number | undefined,
): () => Promise<{ deltas: number; chars: number }> {
  const client = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0 });
  return async () => {
    let deltas = 0;
    let chars = 0;
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) {
        if (devNull !== undefined) writeSync(devNull, text);
        deltas++;
        chars += text.length;
      }
    }
    return { deltas, chars };
  };
}

function engineRun(baseURL: string): () => Promise<{ deltas: number; chars: number }> {
  const llm = createOpenAiLlm({
    apiKey: KEY,
    baseURL,
    model: MODEL,
    timeoutMs: 60_000,
    idleTimeoutMs: 60_000,
    maxRetries: 0,
  });
  const engine: PlanEngine = {
    name: llm.model,
    kind: 'llm',
    generate: (_request, signal) => llm.stream({ model: llm.model, messages }, signal),
  };
  return async () => {
    let deltas = 0;
    let line = '';
    const outcome = await generatePlan({
      engine,
      endpoint,
      signal: new AbortController().signal,
      restart: { maxRestarts: 0, delayMs: () => 0, sleep: async () => {} },
      // What generate's progress line does for every chunk.
      onProgress: (p) => {
        deltas++;
        line = `… ${endpoint.method} ${endpoint.path}  ${p.phase === 'plan' ? 'writing the plan' : 'analysing'}, ${p.chars.toLocaleString('en-US')} chars`;
      },
    });
    if (outcome.kind !== 'ok') throw new Error(`the engine run failed: ${JSON.stringify(outcome)}`);
    if (outcome.generated.regenerated || outcome.generated.problems.length > 0) {
      throw new Error(
        `the benchmark answer does not validate: ${JSON.stringify(outcome.generated.problems)}`,
      );
    }
    if (line === '') throw new Error('no progress was reported');
    return { deltas, chars: outcome.generated.plan.length + outcome.generated.analysis.length };
  };
}

async function main(): Promise<void> {
  const runs = Number(process.env.RUNS ?? 11);
  const text = longAnswer();
  const fake = await startFake({ kind: 'text', text, chunkSize: CHARS_PER_TOKEN });
  const devNull = openSync('/dev/null', 'w');
  const bare = bareLoop(fake.baseURL, devNull);
  const floor = bareLoop(fake.baseURL, undefined);
  const engine = engineRun(fake.baseURL);
  const bareSamples: Sample[] = [];
  const floorSamples: Sample[] = [];
  const engineSamples: Sample[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      await measure(bare);
      await measure(floor);
      await measure(engine);
    }
    // Alternating, so drift of the machine hits all alike.
    for (let i = 0; i < runs; i++) {
      bareSamples.push(await measure(bare));
      floorSamples.push(await measure(floor));
      engineSamples.push(await measure(engine));
    }
  } finally {
    closeSync(devNull);
    fake.child.kill('SIGTERM');
  }
  const per10k = (s: Sample): number => (s.cpuMs * 10_000) / s.deltas;
  const bareMs = median(bareSamples.map(per10k));
  const floorMs = median(floorSamples.map(per10k));
  const engineMs = median(engineSamples.map(per10k));
  const ratio = engineMs / bareMs;
  const deltas = bareSamples[0]?.deltas ?? 0;
  console.log(
    `node ${process.version}, one answer of ${deltas.toLocaleString('en-US')} deltas (${text.length.toLocaleString('en-US')} chars), ${runs} runs each after 3 warm-ups\n`,
  );
  console.log(
    `${'bare openai SDK loop → /dev/null'.padEnd(44)} median ${bareMs.toFixed(1).padStart(7)} ms CPU per 10k tokens`,
  );
  console.log(
    `${'bare openai SDK loop, text dropped (floor)'.padEnd(44)} median ${floorMs.toFixed(1).padStart(7)} ms CPU per 10k tokens`,
  );
  console.log(
    `${'engine: adapter + generatePlan'.padEnd(44)} median ${engineMs.toFixed(1).padStart(7)} ms CPU per 10k tokens`,
  );
  const ok = ratio <= BAR_RATIO;
  console.log(
    `${'engine / bare'.padEnd(44)} ${ratio.toFixed(2)}× (bar ≤ ${BAR_RATIO}×: ${ok ? 'ok' : 'MISSED'})`,
  );
  if (!ok) process.exitCode = 1;
}

await main();
