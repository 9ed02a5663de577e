import { describe, expect, it } from 'vitest';
import {
  carryDecisions,
  decisionConflicts,
  extractDecisions,
  resourceOf,
} from '../../../src/core/plan/decisions.ts';

const createPlan = `# API Endpoint Implementation Plan: Create an invoice

## 4. Response Details

\`\`\`json
{ "data": { "id": 1, "total": 20 }, "meta": { "requestId": "x" } }
\`\`\`

## 9. Implementation Steps

1. Create \`src/lib/schemas/invoice.schema.ts\` with \`createInvoiceSchema\`.
2. Add \`createInvoice()\` to \`src/lib/services/invoices.service.ts\`:

\`\`\`ts
// src/lib/services/invoices.service.ts
export async function createInvoice(db: SupabaseClient, input: CreateInvoiceCommand) {
  return db.from('invoices').insert(input).select().single();
}
export const createInvoiceSchema = z.object({ total: z.number().positive() });
export class ApiError extends Error {}
\`\`\`

3. Create the route \`src/pages/api/invoices/index.ts\` and answer errors with \`errorResponse()\` from \`src/lib/errors.ts\`.
`;

const laterPlan = `# Plan: List invoices

Steps: put \`listInvoices()\` in \`src/services/invoice-service.ts\`; the route is \`src/pages/api/invoices/index.ts\`.

\`\`\`json
{ "items": [], "total": 0 }
\`\`\`
`;

describe('decisions of saved plans', () => {
  it('finds the resource of a path after its prefix and parameters', () => {
    expect(resourceOf('/api/v1/invoices/{id}/lines')).toBe('invoices');
    expect(resourceOf('/rest/v1/doctors?id=eq.{id}')).toBe('doctors');
  });

  it('reads files by role, names by kind and the response envelope', () => {
    const d = extractDecisions(createPlan, '003-post-invoices.md', '/api/invoices');
    expect(d.number).toBe(3);
    expect(d.resource).toBe('invoices');
    expect(d.decisions.find((x) => x.value === 'src/lib/services/invoices.service.ts')?.line).toBe(12);
    expect(d.decisions.map(({ role, value }) => ({ role, value }))).toEqual(
      expect.arrayContaining([
        { role: 'schema-file', value: 'src/lib/schemas/invoice.schema.ts' },
        { role: 'service-file', value: 'src/lib/services/invoices.service.ts' },
        { role: 'route-file', value: 'src/pages/api/invoices/index.ts' },
        { role: 'error-file', value: 'src/lib/errors.ts' },
        { role: 'function', value: 'createInvoice' },
        { role: 'schema', value: 'createInvoiceSchema' },
        { role: 'error-helper', value: 'ApiError' },
        { role: 'error-helper', value: 'errorResponse' },
        { role: 'envelope', value: '{ data, meta }' },
      ]),
    );
  });

  it('lets the later plan win where two disagree, and says so', () => {
    const plans = [
      extractDecisions(createPlan, '003-post-invoices.md', '/api/invoices'),
      extractDecisions(laterPlan, '005-get-invoices.md', '/api/invoices'),
    ];
    expect(decisionConflicts(plans)).toEqual(
      expect.arrayContaining([
        {
          role: 'service-file',
          scope: 'invoices',
          earlier: { value: 'src/lib/services/invoices.service.ts', planFile: '003-post-invoices.md' },
          later: { value: 'src/services/invoice-service.ts', planFile: '005-get-invoices.md' },
        },
      ]),
    );
    const carried = carryDecisions(plans, '/api/invoices/{id}');
    expect(carried).toContain('`src/services/invoice-service.ts` (005-get-invoices.md)');
    expect(carried).not.toContain('`src/lib/services/invoices.service.ts`');
    expect(carried).toContain('`createInvoice` (003-post-invoices.md)');
  });

  it('carries only project-wide decisions to other resources, and nothing when no plan is saved', () => {
    const plans = [extractDecisions(createPlan, '003-post-invoices.md', '/api/invoices')];
    const carried = carryDecisions(plans, '/api/customers');
    expect(carried).toContain('`ApiError`');
    expect(carried).toContain('`{ data, meta }`');
    expect(carried).not.toContain('createInvoice');
    expect(carryDecisions([], '/api/customers')).toBe('');
  });

  it('caps what it carries', () => {
    const plans = [extractDecisions(createPlan, '003-post-invoices.md', '/api/invoices')];
    const carried = carryDecisions(plans, '/api/invoices', { maxLines: 2 });
    expect(
      carried.split('\n').filter((line) => line.startsWith('- `') || line.startsWith('- ')),
    ).toHaveLength(3);
    expect(carried).toMatch(/… and \d+ more/);
  });
});
