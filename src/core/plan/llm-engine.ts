import type { CodeMap } from '../code/model.ts';
import type { Endpoint, Spec } from '../docs/model.ts';
import { buildDossier } from '../dossier/build.ts';
import type { LlmClient, PlanEngine } from '../ports.ts';
import { buildMessages } from '../prompt/build-messages.ts';
import type { Template } from '../prompt/template.ts';

/** The model engine: one prompt per endpoint from the template, streamed through the LLM client. */
export function createLlmEngine(input: {
  readonly llm: LlmClient;
  readonly spec: Spec;
  readonly template: Template;
  readonly language: string;
  /** The project's scanned code, so dossiers name the handler and the code to reuse. */
  readonly code?: CodeMap | undefined;
  /** The decisions of plans saved so far, for one endpoint; read when its request starts. */
  readonly decisionsFor?: ((endpoint: Endpoint) => Promise<string>) | undefined;
  /** How far a context budget cuts every prompt of the run (the same cut for all, so the shared part stays one). */
  readonly budgetLevel?: number | undefined;
}): PlanEngine {
  const { llm, spec, template, language, code } = input;
  return {
    name: llm.model,
    kind: 'llm',
    async *generate(request, signal) {
      const decisions = (await input.decisionsFor?.(request.endpoint)) ?? '';
      const messages = buildMessages({
        template,
        spec,
        endpoint: request.endpoint,
        dossier: buildDossier({ spec, endpoint: request.endpoint, code }),
        language,
        instructions: request.instructions,
        problems: request.problems,
        planFile: planFileHint(request.endpoint),
        decisions,
        budgetLevel: input.budgetLevel,
      });
      yield* llm.stream({ model: llm.model, messages }, signal);
    },
  };
}

/** The file name the plan will get, with the number still open (it is taken at save time). */
export function planFileHint(endpoint: Endpoint): string {
  return `.ai/documents/api-plans/NNN-${endpoint.id}.md`;
}
