import { describe, expect, it } from 'vitest';
import { parseApiPlan } from '../../../../src/core/docs/api-plan.ts';
import { buildDossier } from '../../../../src/core/dossier/build.ts';
import { renderDossier, wrapMarkdown } from '../../../../src/core/dossier/render.ts';

const PLAN = [
  '# API',
  '',
  '## Endpoints',
  '',
  '#### POST /api/notes',
  '- Description: Pin a note',
  '- Request: { text: string, color?: string }',
  '- Errors: 400 invalid body, 409 note exists',
  '',
  '## Security',
  '',
  '- All endpoints require a valid JWT in the Authorization header.',
  '',
].join('\n');

function dossier() {
  const api = parseApiPlan(PLAN, 'api.md');
  const endpoint = api.endpoints[0];
  if (endpoint === undefined) throw new Error('no endpoint');
  const sources = { apiPlan: 'api.md', dbPlan: undefined, types: undefined, techStack: undefined, rules: [] };
  const spec = {
    sources,
    api,
    apiText: PLAN,
    db: undefined,
    dbText: undefined,
    types: undefined,
    typesText: undefined,
  };
  return buildDossier({ spec, endpoint });
}

describe('renderDossier', () => {
  it('lists fields, codes with why and where, the rules that cover it and the docs language', () => {
    const text = renderDossier(dossier());

    expect(text).toContain('Docs language: English (en).');
    expect(text).toContain('- `text` (string) (api.md:7)');
    expect(text).toContain('- `color` (string, optional) (api.md:7)');
    expect(text).toContain(
      '- 401 authentication required (implied by a requirement that covers it, api.md:12)',
    );
    expect(text).toContain('- 409 note exists (stated for this endpoint, api.md:8)');
    expect(text).toContain(
      '- auth (api.md:12): All endpoints require a valid JWT in the Authorization header.',
    );
  });
});

describe('wrapMarkdown', () => {
  it('wraps prose and list items with a hanging indent, and leaves code blocks and table rows whole', () => {
    const text = [
      '- one two three four five six seven eight',
      '```json',
      '{ "a very long line": "that must not be cut anywhere at all" }',
      '```',
      '| a table row | that is longer than the width |',
    ].join('\n');

    expect(wrapMarkdown(text, 20).split('\n')).toEqual([
      '- one two three four',
      '  five six seven',
      '  eight',
      '```json',
      '{ "a very long line": "that must not be cut anywhere at all" }',
      '```',
      '| a table row | that is longer than the width |',
    ]);
  });
});
