// Issue 2 bar: ten times the document costs at most twelve times the parse time (the parser is linear).
// Run: node --experimental-strip-types --no-warnings bench/parse-scaling.ts
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { parseApiPlan } from '../src/core/spec/api-plan.ts';
import { median } from './support.ts';

const RESOURCES = ['flashcards', 'decks', 'sessions', 'reviews', 'tags', 'profiles', 'imports', 'reports'];
const PER_GROUP = 6;

/** One endpoint in the style the 10xDevs plans use, rotating through the common ways of writing it. */
function endpointMarkdown(index: number): string {
  const resource = `${RESOURCES[index % RESOURCES.length]}${Math.floor(index / RESOURCES.length)}`;
  const style = index % 4;
  const body = [
    '- **Description**: Reads or changes one resource of the signed-in user.',
    '- **Query Parameters**:',
    '  - `page` (integer, optional): page number, default 1',
    '  - `limit` (integer, optional): page size, max 100',
    '- **Request Body**:',
    '',
    '```json',
    '{',
    '  "name": "string (1-120 chars)",',
    '  "tags": ["string"],',
    '  "dueAt": "2025-01-01T00:00:00Z"',
    '}',
    '```',
    '',
    '- **Response** (200 OK):',
    '',
    '```json',
    '{ "id": "uuid", "name": "string", "updatedAt": "2025-01-01T00:00:00Z" }',
    '```',
    '',
    '- **Errors**:',
    '  - `400 Bad Request`: validation failed',
    '  - `401 Unauthorized`: no session',
    '  - `404 Not Found`: not yours or missing',
    '',
  ];
  switch (style) {
    case 0:
      return [`#### GET /api/${resource}/{${resource}Id}`, '', ...body].join('\n');
    case 1:
      return [
        `#### Update ${resource}`,
        '',
        '- **Method**: `PATCH`',
        `- **Path**: \`/api/${resource}/:id\``,
        ...body,
      ].join('\n');
    case 2:
      return [`#### Create ${resource}`, '', `**Endpoint**: \`POST /api/${resource}\``, '', ...body].join(
        '\n',
      );
    default:
      return [
        `- **DELETE \`/api/${resource}/{id}\`**`,
        '  - Description: Deletes it.',
        '  - Errors: 401, 404',
        '',
      ].join('\n');
  }
}

/** A realistic API plan with `count` endpoints: resources, grouped endpoint sections, then the usual closing chapters. */
export function generateApiPlan(count: number): string {
  const parts = [
    '# REST API Plan',
    '',
    '## 1. Resources',
    '',
    ...RESOURCES.map((name) => `- **${name}**`),
    '',
  ];
  parts.push('## 2. Endpoints', '');
  for (let index = 0; index < count; index++) {
    if (index % PER_GROUP === 0)
      parts.push(`### 2.${index / PER_GROUP + 1} Group ${index / PER_GROUP + 1}`, '');
    parts.push(endpointMarkdown(index));
  }
  parts.push(
    '## 3. Authentication and Authorization',
    '',
    '- Supabase JWT in the `Authorization` header; RLS limits rows to `auth.uid()`.',
    '- Rate limiting applies to POST/PUT/PATCH/DELETE requests.',
    '',
    '## 4. Validation and Business Logic',
    '',
    '- No bulk DELETE on collections in the MVP.',
    '',
  );
  return parts.join('\n');
}

function timeParse(text: string, runs: number): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    parseApiPlan(text, 'api-plan.md');
    times.push(performance.now() - start);
  }
  return median(times);
}

if (import.meta.main) {
  const runs = Number(process.env.RUNS ?? 9);
  const small = generateApiPlan(100);
  const large = generateApiPlan(1000);
  const check = parseApiPlan(large, 'api-plan.md').endpoints.length;
  // Warm the JIT on the small plan so the ratio compares steady states.
  timeParse(small, 3);
  const smallMs = timeParse(small, runs);
  const largeMs = timeParse(large, runs);
  const ratio = largeMs / smallMs;
  console.log(`node ${process.version}, median of ${runs} runs`);
  console.log(
    `100 endpoints    ${(small.length / 1024).toFixed(0).padStart(5)} KB  ${smallMs.toFixed(1).padStart(7)} ms`,
  );
  console.log(
    `1,000 endpoints  ${(large.length / 1024).toFixed(0).padStart(5)} KB  ${largeMs.toFixed(1).padStart(7)} ms  (${check} found)`,
  );
  console.log(`ratio 10x doc / 1x doc: ${ratio.toFixed(2)} (bar <= 12: ${ratio <= 12 ? 'ok' : 'MISSED'})`);
  process.exitCode = ratio <= 12 && check === 1000 ? 0 : 1;
}
