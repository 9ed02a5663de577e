import { describe, expect, it } from 'vitest';
import { draftPlan } from '../../../src/core/plan/offline-draft.ts';
import { createOfflineEngine, OFFLINE_CHUNK_SIZE } from '../../../src/core/plan/offline-engine.ts';
import { detectStack } from '../../../src/core/plan/tech-stack.ts';
import type { LlmChunk } from '../../../src/core/ports.ts';
import {
  aColumn,
  anApiPlan,
  anEndpoint,
  aParam,
  aRelated,
  aSpec,
  aTable,
  aTypeDecl,
} from '../../support/builders.ts';

const endpoint = anEndpoint({
  method: 'POST',
  path: '/api/decks/{deckId}/cards',
  title: 'Add a card',
  params: [aParam('deckId', { type: 'uuid' })],
  requestBody: '{ "question": "string", "answer": "string" }',
  errorCodes: [400, 401, 404],
});
const related = aRelated({
  tables: [
    aTable('cards', [aColumn('id', 'uuid', 'PRIMARY KEY'), aColumn('question', 'varchar(300)', 'NOT NULL')]),
  ],
  types: [aTypeDecl('CreateCardCommand')],
});
const stack = detectStack('Astro 5 API routes with Supabase and zod');
const engine = createOfflineEngine({
  spec: aSpec({ api: anApiPlan([endpoint]) }),
  stack,
  language: 'en',
  related: () => related,
});

async function collect(
  chunks: AsyncIterable<LlmChunk>,
  onChunk: (chunk: LlmChunk) => void = () => {},
): Promise<LlmChunk[]> {
  const seen: LlmChunk[] = [];
  for await (const chunk of chunks) {
    seen.push(chunk);
    onChunk(chunk);
  }
  return seen;
}

describe('createOfflineEngine', () => {
  it('names itself offline', () => {
    expect(engine.name).toBe('offline');
    expect(engine.kind).toBe('offline');
  });

  it('streams an analysis block, then the draft in small chunks, then done', async () => {
    const chunks = await collect(
      engine.generate({ endpoint, instructions: undefined, problems: [] }, new AbortController().signal),
    );
    const last = chunks.at(-1);
    expect(last).toEqual({ type: 'done', usage: undefined, finishReason: 'stop' });
    const deltas = chunks.flatMap((chunk) => (chunk.type === 'delta' ? [chunk.text] : []));
    const text = deltas.join('');
    const [analysis, plan] = text.split('</analysis>\n\n');
    expect(analysis).toMatch(/^<analysis>\n/);
    expect(analysis).toContain('Required parameters: deckId (path)');
    expect(analysis).toContain('Body fields: question, answer');
    expect(analysis).toContain('Tables: cards (target)');
    expect(analysis).toContain('Types from the types file: CreateCardCommand (request)');
    expect(analysis).toContain('Status codes: 201*, 400, 401, 404, 500*');
    expect(plan).toBe(
      draftPlan({ endpoint, related, stack, rules: [], language: 'en', hasTypesFile: false }),
    );
    expect(deltas.length).toBeGreaterThan(3);
    for (const delta of deltas.slice(1)) expect(delta.length).toBeLessThanOrEqual(OFFLINE_CHUNK_SIZE);
  });

  it('stops yielding once the signal is aborted', async () => {
    const controller = new AbortController();
    const chunks = await collect(
      engine.generate({ endpoint, instructions: undefined, problems: [] }, controller.signal),
      () => controller.abort(),
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.type).toBe('delta');
  });

  it('yields nothing for an already aborted signal', async () => {
    expect(
      await collect(
        engine.generate({ endpoint, instructions: undefined, problems: [] }, AbortSignal.abort()),
      ),
    ).toEqual([]);
  });
});
