import type { PolicyFact } from '../dossier/model.ts';
import type { DraftFacts, DraftInput } from './facts.ts';
import { at, code, fence, oneLine } from './markdown.ts';
import type { DraftText } from './text.ts';

const applies = (policy: PolicyFact, operation: string): boolean =>
  policy.operation === undefined ||
  policy.operation.toUpperCase() === 'ALL' ||
  policy.operation.toUpperCase() === operation;

/** The policies this operation runs under: its command on the tables it writes, SELECT on those it reads. */
export function applyingPolicies(input: DraftInput, facts: DraftFacts): readonly PolicyFact[] {
  const touched = new Set(input.dossier.tables.map((table) => table.name));
  return input.dossier.policies.filter((policy) => {
    if (!touched.has(policy.table)) return false;
    const operation = facts.writes.some((table) => table.name === policy.table) ? facts.operation : 'SELECT';
    return applies(policy, operation);
  });
}

/** Section 6: authentication, authorization (RLS per operation), validation and rate limits, as the docs state them. */
export function securitySection(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { dossier } = input;
  const lines: string[] = [];
  const auth = facts.rules('auth');
  if (auth.length === 0 && facts.unauthenticated === undefined)
    lines.push(`- ${t.authentication}: ${t.authUnstated}`);
  else if (auth.length === 0)
    lines.push(`- ${t.authentication}: ${t.authFromCode(facts.unauthenticated?.code ?? 401)}`);
  else {
    lines.push(`- ${t.authentication}:`);
    for (const rule of auth) lines.push(`  - ${oneLine(rule.text)} (${code(at(rule.source))})`);
  }
  lines.push(`- ${t.authorization}:`);
  const touched = dossier.tables.map((table) => table.name);
  const policies = dossier.policies.filter((policy) => touched.includes(policy.table));
  const applying = applyingPolicies(input, facts);
  const written = new Set(facts.writes.map((table) => table.name));
  for (const policy of applying) {
    lines.push(
      `  - ${t.policyApplies(code(policy.name ?? policy.table), policy.operation ?? 'ALL', code(policy.table))} (${code(at(policy.source))})`,
    );
    // The statement is quoted for the tables the endpoint writes; a read's policy is named, not repeated.
    if (written.has(policy.table) || policy.table === facts.resource?.name) {
      lines.push('', fence(policy.text, 'sql').replace(/^/gm, '    '), '');
    }
  }
  const others = policies.filter((policy) => !applying.includes(policy));
  if (others.length > 0)
    lines.push(
      `  - ${t.otherPolicies}: ${others.map((policy) => `${code(policy.name ?? policy.table)} (${policy.operation ?? 'ALL'})`).join(', ')}`,
    );
  const unprotected = touched.filter((table) => !policies.some((policy) => policy.table === table));
  if (unprotected.length > 0) lines.push(`  - ${t.noPolicy(unprotected.map(code).join(', '))}`);
  if (touched.length === 0) lines.push(`  - ${t.noOwnershipRule}`);
  const forbidden = facts.errors.find((status) => status.code === 403);
  if (forbidden !== undefined)
    lines.push(`  - ${t.forbidden(oneLine(forbidden.meaning))} (${code(at(forbidden.source))})`);
  lines.push(
    `- ${t.inputValidation}: ${facts.fields.length === 0 ? t.nothingToValidate : t.validationBySchema(facts.validation.code)}`,
  );
  for (const rule of facts.rules('validation'))
    lines.push(`  - ${oneLine(rule.text)} (${code(at(rule.source))})`);
  const limits = facts.rules('rate-limit');
  if (limits.length === 0) lines.push(`- ${t.rateLimit}: ${t.rateLimitUnstated}`);
  else {
    lines.push(`- ${t.rateLimit}:`);
    for (const rule of limits) lines.push(`  - ${oneLine(rule.text)} (${code(at(rule.source))})`);
  }
  for (const rule of [...facts.rules('security'), ...facts.rules('other')])
    lines.push(`- ${oneLine(rule.text)} (${code(at(rule.source))})`);
  lines.push(`- ${t.recommended}: ${t.securityAdvice}`);
  return lines;
}
