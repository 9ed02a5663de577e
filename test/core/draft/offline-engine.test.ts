import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../src/core/dossier/model.ts';
import { draftPlan } from '../../../src/core/draft/draft-plan.ts';
import { planLayout, readRulePaths } from '../../../src/core/draft/layout.ts';
import {
  createOfflineEngine,
  OFFLINE_CHUNK_SIZE,
  type OfflineEngineInput,
} from '../../../src/core/plan/offline-engine.ts';
import { detectStack } from '../../../src/core/plan/tech-stack.ts';
import type { LlmChunk } from '../../../src/core/ports.ts';
import { anEndpoint, aParam } from '../../support/builders.ts';
import { aDossier, aField, aStatus, aTableFact } from '../../support/dossier.ts';

const endpoint = anEndpoint({
  method: 'POST',
  path: '/api/decks/{deckId}/cards',
  title: 'Add a card',
  description: 'Adds a card to a deck.',
  params: [aParam('deckId', { type: 'uuid' })],
});

function dossierIn(language: string): Dossier {
  return aDossier({
    method: 'POST',
    path: '/api/decks/{deckId}/cards',
    title: 'Add a card',
    language,
    fields: {
      path: [aField('deckId', { required: true })],
      query: [],
      body: [aField('question'), aField('answer')],
    },
    statusCodes: [aStatus(201), aStatus(400), aStatus(404)],
    tables: [
      aTableFact('cards', [
        ['id', 'uuid', 'primary key'],
        ['question', 'varchar(300)', 'not null'],
      ]),
    ],
  });
}

const stack = detectStack('Astro 5 API routes with Supabase and zod');

function engineFor(overrides: Partial<OfflineEngineInput> = {}) {
  return createOfflineEngine({
    dossierOf: () => dossierIn('en'),
    stack,
    rules: [],
    language: undefined,
    typesFile: undefined,
    ...overrides,
  });
}

async function collect(chunks: AsyncIterable<LlmChunk>, onChunk: (chunk: LlmChunk) => void = () => {}) {
  const seen: LlmChunk[] = [];
  for await (const chunk of chunks) {
    seen.push(chunk);
    onChunk(chunk);
  }
  return seen;
}

const request = { endpoint, instructions: undefined, problems: [] };
const textOf = (chunks: readonly LlmChunk[]): string =>
  chunks.flatMap((chunk) => (chunk.type === 'delta' ? [chunk.text] : [])).join('');

describe('createOfflineEngine', () => {
  it('names itself offline', () => {
    const engine = engineFor();
    expect(engine.name).toBe('offline');
    expect(engine.kind).toBe('offline');
  });

  it('streams an analysis block, then the dossier draft in small chunks, then done', async () => {
    const chunks = await collect(engineFor().generate(request, new AbortController().signal));
    expect(chunks.at(-1)).toEqual({ type: 'done', usage: undefined, finishReason: 'stop' });
    const [analysis, plan] = textOf(chunks).split('</analysis>\n\n');
    expect(analysis).toMatch(/^<analysis>\n/);
    expect(analysis).toContain('Required parameters: deckId (path)');
    expect(analysis).toContain('Tables: cards (read)');
    expect(analysis).toContain('Status codes: 201, 400, 404');
    const dossier = dossierIn('en');
    expect(plan).toBe(
      draftPlan({
        dossier,
        description: 'Adds a card to a deck.',
        stack,
        layout: planLayout(stack, readRulePaths([]), dossier, undefined),
        language: 'en',
      }),
    );
    const deltas = chunks.flatMap((chunk) => (chunk.type === 'delta' ? [chunk.text] : []));
    expect(deltas.length).toBeGreaterThan(3);
    for (const delta of deltas.slice(1)) expect(delta.length).toBeLessThanOrEqual(OFFLINE_CHUNK_SIZE);
  });

  it("drafts in the docs' language unless the user chose one", async () => {
    const polishDocs = engineFor({ dossierOf: () => dossierIn('pl') });
    const polish = textOf(await collect(polishDocs.generate(request, new AbortController().signal)));
    expect(polish).toContain('# Plan implementacji endpointu API: Add a card');
    expect(polish).toContain('## 2. Szczegóły żądania');
    const chosen = engineFor({ dossierOf: () => dossierIn('pl'), language: 'en' });
    const english = textOf(await collect(chosen.generate(request, new AbortController().signal)));
    expect(english).toContain('## 2. Request Details');
  });

  it('stops yielding once the signal is aborted', async () => {
    const controller = new AbortController();
    const chunks = await collect(engineFor().generate(request, controller.signal), () => controller.abort());
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.type).toBe('delta');
  });

  it('yields nothing for an already aborted signal', async () => {
    expect(await collect(engineFor().generate(request, AbortSignal.abort()))).toEqual([]);
  });
});
