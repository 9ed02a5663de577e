import { assertNever } from '../assert-never.ts';
import type { Endpoint, Related, Spec } from '../docs/model.ts';
import type { GenerateRequest, LlmChunk, PlanEngine } from '../ports.ts';
import {
  type DraftFacts,
  type DraftInput,
  draftFacts,
  draftPlan,
  type TableUse,
  withEndpointTypes,
} from './offline-draft.ts';
import type { StackProfile } from './tech-stack.ts';

/** What the offline engine drafts from: the docs, the detected stack, and how to relate an endpoint to them. */
export type OfflineEngineInput = {
  readonly spec: Spec;
  readonly stack: StackProfile;
  readonly language: 'en' | 'pl';
  readonly related: (endpoint: Endpoint) => Related;
};

/** Size of the plan chunks the engine yields: a few hundred characters, like a model stream. */
export const OFFLINE_CHUNK_SIZE = 320;

/** The embedded plan engine: streams `<analysis>…</analysis>` then a draft built only from the docs, then `done`. */
export function createOfflineEngine(input: OfflineEngineInput): PlanEngine {
  return {
    name: 'offline',
    kind: 'offline',
    async *generate(request: GenerateRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
      if (signal.aborted) return;
      const related = input.related(request.endpoint);
      const draft: DraftInput = {
        endpoint: request.endpoint,
        related: {
          ...related,
          types: withEndpointTypes(related.types, input.spec.types?.decls ?? [], request.endpoint),
        },
        stack: input.stack,
        rules: input.spec.rules,
        language: input.language,
        hasTypesFile: input.spec.sources.types !== undefined,
      };
      yield { type: 'delta', text: analysis(draft, draftFacts(draft)) };
      for (const text of chunks(draftPlan(draft), OFFLINE_CHUNK_SIZE)) {
        if (signal.aborted) return;
        yield { type: 'delta', text };
      }
      if (signal.aborted) return;
      yield { type: 'done', usage: undefined, finishReason: 'stop' };
    },
  };
}

/** The key facts the draft rests on, in the analysis block a model would write first. */
function analysis(input: DraftInput, facts: DraftFacts): string {
  const { endpoint, related, stack } = input;
  const list = (items: readonly string[]): string => (items.length === 0 ? '-' : items.join(', '));
  const lines = [
    '<analysis>',
    `Endpoint: ${endpoint.method} ${endpoint.path} (${endpoint.id}), API plan lines ${endpoint.lines.start}-${endpoint.lines.end}.`,
    `Required parameters: ${list(facts.required.map((param) => `${param.name} (${param.in})`))}.`,
    `Optional parameters: ${list(facts.optional.map((param) => `${param.name} (${param.in})`))}.`,
    `Body fields: ${list(facts.bodyFields.map((field) => field.name))}.`,
    `Types from the types file: ${list(facts.typeUses.map((use) => `${use.decl.name} (${use.role})`))}.`,
    `Tables: ${list(facts.tableUses.map(tableUseText))}; RLS policies: ${list(related.policies.map((policy) => policy.name ?? policy.table))}; indexes: ${list(related.indexes.map((index) => index.name ?? index.table))}.`,
    `Status codes: ${facts.statuses.map((status) => `${status.code}${status.source === 'spec' ? '' : '*'}`).join(', ')} (* standard, not in the API plan).`,
    `Stack: ${stack.framework === 'unknown' ? 'not recognised' : stack.label}${stack.evidence.length === 0 ? '' : ` (${stack.evidence.join(', ')})`}; handler: ${facts.handlerFile ?? '-'}; service: ${facts.serviceFile ?? '-'}; validation: ${facts.validation ?? '-'}.`,
    `Rules: ${list(input.rules.map((picked) => picked.rule.path))}.`,
    'Drafted offline from the docs only: nothing here was invented by a model.',
    '</analysis>',
    '',
    '',
  ];
  return lines.join('\n');
}

function tableUseText(use: TableUse): string {
  switch (use.kind) {
    case 'target':
      return `${use.table.name} (target)`;
    case 'parent':
      return `${use.table.name} (parent named by ${use.param})`;
    case 'reference':
      return `${use.table.name} (referenced by ${use.column})`;
    case 'cascade':
      return `${use.table.name} (ON DELETE ${use.onDelete})`;
    case 'read':
      return `${use.table.name} (named by the endpoint)`;
    case 'context':
      return `${use.table.name} (not touched)`;
    default:
      return assertNever(use);
  }
}

/** Splits text into pieces of about `size` characters, breaking after a newline when one is near. */
function chunks(text: string, size: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const newline = text.lastIndexOf('\n', end);
      if (newline > start + size / 2) end = newline + 1;
    }
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
