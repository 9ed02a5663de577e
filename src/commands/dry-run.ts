import type { Endpoint, Spec } from '../core/docs/model.ts';
import { plannedByEndpoint } from '../core/plan/planned.ts';
import type { PlannedFile, Usage } from '../core/ports.ts';
import { EXPECTED_COMPLETION_TOKENS, promptTokens } from '../core/prompt/estimate.ts';
import type { Template } from '../core/prompt/template.ts';
import type { Tokenizer } from '../core/prompt/tokens.ts';
import type { Settings } from '../core/settings.ts';
import type { Io } from '../io.ts';
import { colors, paintMethod } from '../terminal/colors.ts';

/** `generate --dry-run`: what would be sent, with estimated tokens and cost; nothing is sent or written. */
export function previewGenerate(input: {
  io: Io;
  spec: Spec;
  settings: Settings;
  targets: readonly Endpoint[];
  template: Template | undefined;
  planned: readonly PlannedFile[];
  force: boolean;
  tokenizer: Tokenizer | undefined;
  costOf: (model: string, usage: Usage) => number | undefined;
}): number {
  const { io, settings, template } = input;
  const paint = colors(io.color);
  const byId = plannedByEndpoint(input.planned);
  let prompt = 0;
  let count = 0;
  for (const endpoint of input.targets) {
    const existing = byId.get(endpoint.id);
    if (existing !== undefined && !input.force) {
      io.out(
        `  ${paintMethod(endpoint.method, paint)} ${endpoint.path}  ${paint.dim(`skip: already planned in ${existing.file}`)}\n`,
      );
      continue;
    }
    count++;
    if (template === undefined || input.tokenizer === undefined) {
      io.out(`  ${paintMethod(endpoint.method, paint)} ${endpoint.path}  ${paint.dim('offline draft')}\n`);
      continue;
    }
    const tokens = promptTokens({
      spec: input.spec,
      settings,
      template,
      endpoint,
      tokenizer: input.tokenizer,
    });
    prompt += tokens;
    io.out(
      `  ${paintMethod(endpoint.method, paint)} ${endpoint.path}  ${paint.dim(`${tokens.toLocaleString('en-US')} prompt tokens`)}\n`,
    );
  }
  if (template === undefined || input.tokenizer === undefined) {
    io.out(
      `\nDry run: ${count} plan(s) would be written by the offline engine into ${settings.out}; no model, no cost.\n`,
    );
    return 0;
  }
  const completion = EXPECTED_COMPLETION_TOKENS * count;
  const cost = input.costOf(settings.model, {
    promptTokens: prompt,
    completionTokens: completion,
    cachedTokens: undefined,
  });
  const money = cost === undefined ? `no price known for ${settings.model}` : `~$${cost.toFixed(4)}`;
  io.out(
    `\nDry run: ${count} request(s) to ${settings.model}${settings.baseURL ? ` at ${settings.baseURL}` : ''}; ` +
      `${prompt.toLocaleString('en-US')} prompt tokens + ~${completion.toLocaleString('en-US')} completion tokens (estimated) · ${money}. Nothing was sent.\n`,
  );
  if (!settings.modelConfigured) {
    io.out(
      'A real run needs OPENAI_API_KEY (or --base-url for a local server, or --offline for no model).\n',
    );
  }
  return 0;
}
