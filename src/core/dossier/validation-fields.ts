import { fold } from '../docs/api-plan/labels.ts';
import type { FieldFact } from './model.ts';
import type { PlanIndex } from './plan-index.ts';

const OBJECT_NAME =
  /^(?:partial\s+|częściowy\s+|czesciowy\s+|updated\s+|new\s+)?`?([A-Z][A-Za-z]+|[a-z][a-z_]+)`?\s*(?:object|obiekt|dto|payload|model|data|entity)?\.?$/i;
const VALIDATION_TITLE =
  /\b(?:validation|validate|walidacj\w*|rules?|reguly|constraints?|ograniczeni\w*|fields?|pola)\b/;
const FIELD_LIST =
  /^[*_]*(required|optional|wymagane|opcjonalne|obowiazkowe)?\s*(?:fields?|pola)[*_]*\s*[:：]\s*(.+)$/i;

/**
 * Body fields of a request written only as a resource name ("Review object", "Partial Profile object"): the
 * fields the plan's validation section for that resource lists (`### Review Validation` → `Required fields:
 * review_text`).
 */
export function validationSectionFields(index: PlanIndex, requestBody: string, file: string): FieldFact[] {
  const named = OBJECT_NAME.exec(requestBody.trim().replace(/[*_]/g, ''));
  const resource = named?.[1];
  if (resource === undefined || /^(?:none|brak|empty|n\/a)$/i.test(resource)) return [];
  // `GameHistory` → game, history: every word must be in the section's title.
  const stems = fold(
    resource.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/(?:Dto|DTO|Command|Cmd|Request)$/, ''),
  )
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => (word.length > 4 ? word.replace(/(?:ies|es|s)$/, '') : word));
  if (stems.length === 0) return [];
  const facts: FieldFact[] = [];
  for (const statement of index.free) {
    if (statement.excluded || statement.kind !== 'text') continue;
    const title = fold(statement.sections[statement.sections.length - 1] ?? '');
    const words = title.split(/[^a-z0-9]+/);
    if (!VALIDATION_TITLE.test(title) || !stems.every((stem) => words.some((word) => word.startsWith(stem))))
      continue;
    const list = FIELD_LIST.exec(statement.text.replace(/^[-*+]\s+/, ''));
    if (list === null) continue;
    const required = list[1] === undefined ? undefined : /^(?:required|wymagane|obowiazkowe)$/i.test(list[1]);
    for (const raw of (list[2] ?? '').split(/,|\band\b|\bi\b/)) {
      const name = raw.replace(/[`*]/g, '').replace(/\.$/, '').trim();
      if (!/^[A-Za-z_$][\w$]*$/.test(name) || facts.some((fact) => fact.name === name)) continue;
      facts.push({
        name,
        type: undefined,
        required,
        description: undefined,
        source: { file, line: statement.line },
      });
    }
  }
  return facts;
}
