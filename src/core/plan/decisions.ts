import { assetKindByPath } from '../code/assets.ts';
import { pathSegments } from '../routes/paths.ts';

/** What a decision is about: a file of some role, or a name of some kind, or the response envelope. */
export type DecisionRole =
  | 'route-file'
  | 'service-file'
  | 'schema-file'
  | 'error-file'
  | 'middleware-file'
  | 'types-file'
  | 'other-file'
  | 'service'
  | 'function'
  | 'schema'
  | 'error-helper'
  | 'envelope';

/** One decision a saved plan made: a file it creates or edits, a name it introduces, the envelope it answers in. */
export type Decision = {
  readonly role: DecisionRole;
  readonly value: string;
  /** The plan's line that first says it. */
  readonly line: number;
};

/** The decisions of one saved plan. */
export type PlanDecisions = {
  /** The plan's file name (`003-post-orders.md`); its number orders plans (later wins). */
  readonly planFile: string;
  readonly number: number;
  /** The first resource segment of the planned endpoint's path (`orders` for `/api/orders/{id}`). */
  readonly resource: string;
  readonly decisions: readonly Decision[];
};

/** Two saved plans that decided differently; the later one wins. */
export type DecisionConflict = {
  readonly role: DecisionRole;
  readonly scope: string;
  readonly earlier: { readonly value: string; readonly planFile: string };
  readonly later: { readonly value: string; readonly planFile: string };
};

const SOURCE_FILE = /`((?:[\w@.+()[\]-]+\/)*[\w@.+()[\]-]+\.(?:tsx?|jsx?|mjs|cjs|py|cs|java|go|rb|php))`/g;
const CODE_FILE_COMMENT =
  /^\s*(?:\/\/|#)\s*((?:[\w@.+()[\]-]+\/)+[\w@.+()[\]-]+\.(?:tsx?|jsx?|mjs|cjs|py|cs|java))\s*$/gm;
const EXPORTED_FUNCTION = /\bexport\s+(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g;
const EXPORTED_CONST = /\bexport\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(z\.|yup\.|Joi\.|v\.|t\.)?/g;
const CLASS = /\b(?:export\s+)?(?:abstract\s+)?class\s+([A-Z][\w$]*)(?:\s+extends\s+([\w$.]+))?/g;
const PY_DEF = /^\s*(?:async\s+)?def\s+([a-z_]\w*)\s*\(/gm;
const CALLED_NAME = /`([a-z_$][\w$]*)\(\)?[^`]*`/g;
const ENVELOPE_KEYS = new Set([
  'data',
  'items',
  'results',
  'meta',
  'pagination',
  'error',
  'errors',
  'success',
  'total',
]);

/** The resource an endpoint path names: its first literal segment after the API prefix. */
export function resourceOf(path: string): string {
  const first = pathSegments(path).find((segment) => !segment.param);
  return (first?.name ?? '').toLowerCase();
}

const ROUTE_FILE =
  /(?:^|\/)(?:pages\/api|app\/api|routes?|routers?|controllers?)\/|(?:^|\/)\+server\.[jt]s$|(?:^|\/)route\.[jt]sx?$|Controller\.(?:cs|java|ts)$/i;

function fileRole(path: string): DecisionRole {
  if (assetKindByPath(path) === undefined && ROUTE_FILE.test(path)) return 'route-file';
  switch (assetKindByPath(path)) {
    case 'service':
      return 'service-file';
    case 'schema':
      return 'schema-file';
    case 'error-helper':
      return 'error-file';
    case 'middleware':
      return 'middleware-file';
    case 'db-types':
      return 'types-file';
    case undefined:
      return /(?:^|\/)types?(?:\.d)?\.ts$/.test(path) ? 'types-file' : 'other-file';
  }
}

function nameRole(name: string, schemaFactory: boolean, base: string | undefined): DecisionRole {
  if (schemaFactory || /Schema$/.test(name)) return 'schema';
  if (/(?:Error|Exception)$/.test(name) || /Error$|Exception$/.test(base ?? '')) return 'error-helper';
  if (/^(?:handle|create|to|send|map|format)?(?:Api)?(?:Error|Http(?:Error)?)(?:Response)?$/i.test(name))
    return 'error-helper';
  if (/error/i.test(name) && /^(?:handle|create|to|send|map|format|throw|json)/i.test(name))
    return 'error-helper';
  if (/Service$/.test(name)) return 'service';
  return 'function';
}

/** Top-level keys of the first JSON object in a response example, when they form an envelope (`data`, `meta`…). */
function envelopeOf(plan: string): string | undefined {
  for (const block of plan.matchAll(/```(?:json|jsonc)?\s*\n(\{[\s\S]*?\})\s*\n```/g)) {
    const text = block[1] ?? '';
    const keys: string[] = [];
    let depth = 0;
    for (const match of text.matchAll(/[{}[\]]|"([\w$]+)"\s*:/g)) {
      const token = match[0];
      if (token === '{' || token === '[') depth++;
      else if (token === '}' || token === ']') depth--;
      else if (depth === 1 && match[1] !== undefined) keys.push(match[1]);
    }
    if (
      keys.length > 0 &&
      keys.some((key) => ENVELOPE_KEYS.has(key)) &&
      keys.every((key) => key.length < 30)
    ) {
      return `{ ${keys.join(', ')} }`;
    }
  }
  return undefined;
}

/** Reads the decisions a saved plan made: the files it names, the names its code introduces, its envelope. */
export function extractDecisions(plan: string, planFile: string, endpointPath: string): PlanDecisions {
  const decisions: Decision[] = [];
  const seen = new Set<string>();
  const lineAt = (text: string) => {
    const at = plan.indexOf(text);
    return at < 0 ? 1 : plan.slice(0, at).split('\n').length;
  };
  const add = (role: DecisionRole, value: string) => {
    const key = `${role} ${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    decisions.push({ role, value, line: lineAt(value) });
  };
  for (const match of [...plan.matchAll(SOURCE_FILE), ...plan.matchAll(CODE_FILE_COMMENT)]) {
    const path = (match[1] ?? '').replace(/^\.\//, '');
    if (path.includes('/')) add(fileRole(path), path);
  }
  const code = [...plan.matchAll(/```[\w-]*\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').join('\n');
  for (const match of code.matchAll(EXPORTED_FUNCTION))
    add(nameRole(match[1] ?? '', false, undefined), match[1] ?? '');
  for (const match of code.matchAll(EXPORTED_CONST)) {
    const name = match[1] ?? '';
    if (/^(?:GET|POST|PUT|PATCH|DELETE|prerender)$/.test(name)) continue;
    add(nameRole(name, match[2] !== undefined, undefined), name);
  }
  for (const match of code.matchAll(CLASS)) add(nameRole(match[1] ?? '', false, match[2]), match[1] ?? '');
  for (const match of code.matchAll(PY_DEF)) add(nameRole(match[1] ?? '', false, undefined), match[1] ?? '');
  for (const match of plan.matchAll(CALLED_NAME)) {
    const name = match[1] ?? '';
    // A called name in prose is a decision when it names something (`createInvoice()`), not a library call (`fetch()`).
    if (/[a-z][A-Z]/.test(name)) add(nameRole(name, false, undefined), name);
  }
  for (const match of plan.matchAll(/`([A-Z][\w$]*(?:Error|Exception|Service|Schema))`/g)) {
    add(nameRole(match[1] ?? '', false, undefined), match[1] ?? '');
  }
  const envelope = envelopeOf(plan);
  if (envelope !== undefined) add('envelope', envelope);
  const number = Number(/^(\d+)/.exec(planFile)?.[1] ?? 0);
  return { planFile, number, resource: resourceOf(endpointPath), decisions };
}

/** The files saved plans decided for a resource's service, schema, error helper and middleware; the later plan wins. */
export function decidedFiles(
  plans: readonly PlanDecisions[],
  endpointPath: string,
): ReadonlyMap<DecisionRole, { readonly path: string; readonly planFile: string; readonly line: number }> {
  const resource = resourceOf(endpointPath);
  const files = new Map<DecisionRole, { path: string; planFile: string; line: number }>();
  for (const plan of [...plans].sort((a, b) => a.number - b.number)) {
    for (const d of plan.decisions) {
      const sameResource = plan.resource === resource;
      const wanted =
        ((d.role === 'service-file' || d.role === 'schema-file') && sameResource) ||
        d.role === 'error-file' ||
        d.role === 'middleware-file';
      if (wanted) files.set(d.role, { path: d.value, planFile: plan.planFile, line: d.line });
    }
  }
  return files;
}

/** Roles decided once per resource (a resource has one service file); the others once per project. */
const PER_RESOURCE: ReadonlySet<DecisionRole> = new Set(['service-file', 'schema-file', 'service']);
const PER_PROJECT: ReadonlySet<DecisionRole> = new Set([
  'error-file',
  'error-helper',
  'envelope',
  'middleware-file',
]);

/** Where two plans disagree about a single-valued decision: a resource's service file, the error helper, the envelope. */
export function decisionConflicts(plans: readonly PlanDecisions[]): readonly DecisionConflict[] {
  const ordered = [...plans].sort((a, b) => a.number - b.number);
  const current = new Map<string, { value: string; planFile: string }>();
  const conflicts: DecisionConflict[] = [];
  for (const plan of ordered) {
    const firstOfRole = new Map<DecisionRole, string>();
    for (const d of plan.decisions) if (!firstOfRole.has(d.role)) firstOfRole.set(d.role, d.value);
    for (const [role, value] of firstOfRole) {
      const scope = PER_RESOURCE.has(role) ? plan.resource : PER_PROJECT.has(role) ? 'project' : undefined;
      if (scope === undefined) continue;
      const key = `${role} ${scope}`;
      const before = current.get(key);
      if (before !== undefined && before.value !== value) {
        conflicts.push({ role, scope, earlier: before, later: { value, planFile: plan.planFile } });
      }
      current.set(key, { value, planFile: plan.planFile });
    }
  }
  return conflicts;
}

const ROLE_LABEL: Readonly<Record<DecisionRole, string>> = {
  'route-file': 'route file',
  'service-file': 'service file',
  'schema-file': 'validation schema file',
  'error-file': 'error helper file',
  'middleware-file': 'middleware',
  'types-file': 'types file',
  'other-file': 'file',
  service: 'service',
  function: 'function',
  schema: 'schema',
  'error-helper': 'error helper',
  envelope: 'response envelope',
};

/**
 * The decisions to carry into the request for an endpoint: those of plans of the same resource first, then the
 * project-wide ones (error helpers, envelope) of any plan, capped at `maxPlans` plans and `maxLines` lines. Where
 * plans disagree, the later plan's decision is the one given.
 */
export function carryDecisions(
  plans: readonly PlanDecisions[],
  endpointPath: string,
  options: { readonly maxPlans?: number; readonly maxLines?: number } = {},
): string {
  const resource = resourceOf(endpointPath);
  const maxPlans = options.maxPlans ?? 6;
  const maxLines = options.maxLines ?? 30;
  const byRecency = [...plans].sort((a, b) => b.number - a.number);
  const related = byRecency.filter((p) => p.resource === resource).slice(0, maxPlans);
  const others = byRecency.filter((p) => p.resource !== resource);
  const lines: string[] = [];
  const given = new Set<string>();
  const overridden = new Set(decisionConflicts(plans).map((c) => `${c.role} ${c.scope} ${c.earlier.value}`));
  const give = (plan: PlanDecisions, d: Decision) => {
    const scope = PER_RESOURCE.has(d.role) ? plan.resource : 'project';
    if (overridden.has(`${d.role} ${scope} ${d.value}`) || given.has(d.value)) return;
    given.add(d.value);
    lines.push(`- ${ROLE_LABEL[d.role]} \`${d.value}\` (${plan.planFile})`);
  };
  for (const plan of related) for (const d of plan.decisions) if (d.role !== 'other-file') give(plan, d);
  for (const plan of others) for (const d of plan.decisions) if (PER_PROJECT.has(d.role)) give(plan, d);
  if (lines.length === 0) return '';
  const kept = lines.slice(0, maxLines);
  return [
    'Plans already saved in this project decided these; reuse them instead of inventing other names:',
    ...kept,
    ...(lines.length > kept.length ? [`- … and ${lines.length - kept.length} more`] : []),
  ].join('\n');
}
