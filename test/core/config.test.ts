import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.ts';

const file = '.endpoint-planner.json';

function messageOf(config: unknown): string {
  const result = parseConfig(JSON.stringify(config), file);
  if (result.kind !== 'error') throw new Error('expected an error');
  return result.message;
}

describe('parseConfig: a bad config file gets one sentence per problem', () => {
  it.each([
    [{ concurrency: 'four' }, `${file}: "concurrency" should be a whole number from 1 to 32, found "four".`],
    [{ concurrency: 0 }, `${file}: "concurrency" should be a whole number from 1 to 32, found 0.`],
    [
      { baseURL: 'not a url' },
      `${file}: "baseURL" should be a URL such as "http://127.0.0.1:11434/v1", found "not a url".`,
    ],
    [
      { rules: '.cursor/rules/a.mdc' },
      `${file}: "rules" should be a list of paths, such as [".cursor/rules/backend.mdc"], found ".cursor/rules/a.mdc".`,
    ],
    [
      { apiPlan: '' },
      `${file}: "apiPlan" should be a path relative to the project, such as ".ai/api-plan.md", found an empty string.`,
    ],
    [{ idleTimeout: -5 }, `${file}: "idleTimeout" should be a positive number of seconds, found -5.`],
  ])('%j', (config, sentence) => {
    expect(messageOf(config)).toBe(sentence);
  });

  it('names an unknown key, the key it probably meant and the known keys', () => {
    const message = messageOf({ api_plan: 'x.md' });
    expect(message).toMatch(
      /^\.endpoint-planner\.json: unknown key "api_plan"\. Did you mean "apiPlan"\? Known keys: apiPlan, /,
    );
    expect(message.split('\n')).toHaveLength(1);
  });

  it('gives each bad key its own sentence, with no schema-library wording', () => {
    const message = messageOf({ concurrency: 'x', maxRetries: 1.5 });
    expect(message.split('\n')).toHaveLength(2);
    expect(message).not.toMatch(/Invalid input|received|expected (number|string)/);
  });
});
