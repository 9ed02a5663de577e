import type { CodeMap } from '../code/model.ts';
import type { Endpoint, Spec } from '../docs/model.ts';
import type { LlmClient, PlanEngine } from '../ports.ts';
import { buildMessages } from '../prompt/build-messages.ts';
import type { Template } from '../prompt/template.ts';

/** The model engine: one prompt per endpoint from the template, streamed through the LLM client. */
export function createLlmEngine(input: {
  readonly llm: LlmClient;
  readonly spec: Spec;
  readonly template: Template;
  readonly language: string;
  /** The project's scanned code, for the dossier's code facts. */
  readonly code?: CodeMap | undefined;
}): PlanEngine {
  const { llm, spec, template, language } = input;
  return {
    name: llm.model,
    kind: 'llm',
    generate(request, signal) {
      const messages = buildMessages({
        template,
        spec,
        endpoint: request.endpoint,
        language,
        code: input.code,
        instructions: request.instructions,
        problems: request.problems,
        planFile: planFileHint(request.endpoint),
      });
      return llm.stream({ model: llm.model, messages }, signal);
    },
  };
}

/** The file name the plan will get, with the number still open (it is taken at save time). */
export function planFileHint(endpoint: Endpoint): string {
  return `.ai/documents/api-plans/NNN-${endpoint.id}.md`;
}
