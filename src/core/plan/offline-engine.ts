import { draftLanguage } from '../docs/language.ts';
import type { Endpoint } from '../docs/model.ts';
import type { Dossier } from '../dossier/model.ts';
import { draftAnalysis, draftPlan } from '../draft/draft-plan.ts';
import { planLayout, type RuleText, readRulePaths, withRulesValidator } from '../draft/layout.ts';
import type { GenerateRequest, LlmChunk, PlanEngine } from '../ports.ts';
import type { StackProfile } from './tech-stack.ts';

/** What the offline engine drafts from: each endpoint's dossier, the detected stack and the rules files. */
export type OfflineEngineInput = {
  readonly dossierOf: (endpoint: Endpoint) => Dossier;
  readonly stack: StackProfile;
  readonly rules: readonly RuleText[];
  /** The language the user asked for (`--language`, config); undefined drafts in the docs' language. */
  readonly language: string | undefined;
  /** The project's types file, relative to its root, when it has one. */
  readonly typesFile: string | undefined;
  /** Files that plans already saved decided for this endpoint's resource, read when its draft starts. */
  readonly decidedFor?: ((endpoint: Endpoint) => Promise<DecidedFiles>) | undefined;
};

/** Files saved plans decided, by the layout slot they fill. */
export type DecidedFiles = Parameters<typeof planLayout>[4];

/** Size of the plan chunks the engine yields: a few hundred characters, like a model stream. */
export const OFFLINE_CHUNK_SIZE = 320;

/** The embedded plan engine: streams `<analysis>…</analysis>` then a draft built only from the dossier, then `done`. */
export function createOfflineEngine(input: OfflineEngineInput): PlanEngine {
  const stack = withRulesValidator(input.stack, input.rules);
  const rulePaths = readRulePaths(input.rules);
  return {
    name: 'offline',
    kind: 'offline',
    async *generate(request: GenerateRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
      if (signal.aborted) return;
      const dossier = input.dossierOf(request.endpoint);
      const decided = (await input.decidedFor?.(request.endpoint)) ?? {};
      const draft = {
        dossier,
        description: request.endpoint.description,
        stack,
        layout: planLayout(stack, rulePaths, dossier, input.typesFile, decided),
        language: draftLanguage(input.language ?? dossier.language),
      };
      yield { type: 'delta', text: draftAnalysis(draft) };
      for (const text of chunks(draftPlan(draft), OFFLINE_CHUNK_SIZE)) {
        if (signal.aborted) return;
        yield { type: 'delta', text };
      }
      if (signal.aborted) return;
      yield { type: 'done', usage: undefined, finishReason: 'stop' };
    },
  };
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
