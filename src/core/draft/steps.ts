import type { CodeNames } from './code-names.ts';
import { operationText } from './data-flow.ts';
import type { DraftFacts, DraftInput } from './facts.ts';
import { type HandlerCode, handlerCode } from './handler.ts';
import { type PlacedFile, ruleSource } from './layout.ts';
import { at, code, fence } from './markdown.ts';
import { platformCall } from './platform.ts';
import { applyingPolicies } from './security.ts';
import type { DraftText } from './text.ts';

/** A Supabase service function for the main operation, mapping constraint violations to the docs' codes. */
function supabaseService(
  input: DraftInput,
  facts: DraftFacts,
  names: CodeNames,
  t: DraftText,
): string | undefined {
  const resource = facts.resource;
  if (resource === undefined) return undefined;
  const { dossier } = input;
  const body = facts.fields.some((rule) => rule.where === 'body');
  const keys = facts.fields.filter((rule) => rule.where === 'path' && rule.column?.table === resource.name);
  const filters = keys.map((rule) => `.eq('${rule.column?.column.name}', params.${rule.name})`).join('');
  const args = [
    'supabase: SupabaseClient',
    ...(facts.unauthenticated === undefined ? [] : ['userId: string']),
    ...(facts.fields.some((rule) => rule.where === 'path') ? ['params: Record<string, string>'] : []),
    ...(facts.fields.some((rule) => rule.where === 'query') ? ['query: Record<string, unknown>'] : []),
    ...(body ? [`body: ${facts.requestType?.name ?? 'Record<string, unknown>'}`] : []),
  ];
  const parents = facts.fields
    .filter(
      (rule) =>
        rule.where === 'path' &&
        rule.column !== undefined &&
        rule.column.table === resource.name &&
        rule.column.column.name !== 'id',
    )
    .map((rule) => `${rule.column?.column.name}: params.${rule.name}`);
  // Body fields go to their columns by name (`categoryId` → `category_id`); a field with no column is not stored.
  const bodyColumns = facts.fields
    .filter((rule) => rule.where === 'body' && rule.column?.table === resource.name)
    .map((rule) =>
      rule.column?.column.name === rule.name ? rule.name : `${rule.column?.column.name}: body.${rule.name}`,
    )
    .map((entry) => (entry.includes(':') ? entry : `${entry}: body.${entry}`));
  const row = (entries: readonly string[]): string =>
    entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  const set = new Set([
    ...facts.fields.flatMap((rule) =>
      rule.column?.table === resource.name ? [rule.column.column.name] : [],
    ),
  ]);
  // NOT NULL columns without a default that no input sets: the docs must say where their values come from.
  const unset =
    facts.operation === 'INSERT'
      ? resource.columns.filter(
          (column) =>
            !set.has(column.name) &&
            column.constraints.some((constraint) => /not null/i.test(constraint)) &&
            !column.constraints.some((constraint) =>
              /default|primary key|serial|identity|generated/i.test(constraint),
            ) &&
            !/serial|identity/i.test(column.type),
        )
      : [];
  // A column the INSERT policy ties to the caller (`WITH CHECK (auth.uid() = owner_id)`) is set from the user.
  const policies = applyingPolicies(input, facts).filter((policy) => policy.table === resource.name);
  const fromCaller = unset.filter(
    (column) =>
      facts.unauthenticated !== undefined &&
      policies.some((policy) =>
        new RegExp(
          `auth\\.uid\\(\\)\\s*=\\s*"?${column.name}"?\\b|\\b${column.name}"?\\s*=\\s*auth\\.uid\\(\\)`,
        ).test(policy.text),
      ),
  );
  const unknown = unset.filter((column) => !fromCaller.includes(column));
  let query: string;
  switch (facts.operation) {
    case 'INSERT':
      query = `.insert(${row([...bodyColumns, ...parents, ...fromCaller.map((column) => `${column.name}: userId`)])}).select().single()`;
      break;
    case 'UPDATE':
      query = `.update(${row(bodyColumns)})${filters}.select().maybeSingle()`;
      break;
    case 'DELETE':
      query = `.delete()${filters}`;
      break;
    case 'SELECT':
      query = `.select('*')${filters}${keys.some((rule) => rule.column?.column.name === 'id') ? '.maybeSingle()' : ''}`;
      break;
  }
  const listed =
    names.service.startsWith('list') &&
    !/(?:List|Page|Paginated|Response|Result)\w*$/.test(facts.responseType?.name ?? '');
  const resultType =
    facts.responseType === undefined ? undefined : `${facts.responseType.name}${listed ? '[]' : ''}`;
  const mapped: string[] = [];
  const comment = (text: string, source: { file: string; line: number } | undefined): string =>
    `// ${text}${source === undefined ? '' : ` (${at(source)})`}`;
  for (const unique of dossier.unique.filter((fact) => fact.table === resource.name)) {
    mapped.push(
      `if (error?.code === '23505') return { error: 'conflict', status: ${facts.unique.code} } as const; ${comment(`UNIQUE (${unique.columns.join(', ')}) on ${unique.table}`, unique.source)}`,
    );
    break;
  }
  const setByInput = new Set(facts.fields.map((rule) => rule.column?.column.name ?? rule.name));
  const fk = dossier.foreignKeys.find((key) => key.table === resource.name && setByInput.has(key.column));
  if (fk !== undefined)
    mapped.push(
      `if (error?.code === '23503') return { error: 'reference-not-found', status: ${facts.foreignKey.code} } as const; ${comment(`${fk.table}.${fk.column} → ${fk.references.table}`, fk.source)}`,
    );
  const check = dossier.checks.find((fact) => fact.table === resource.name);
  if (check !== undefined)
    mapped.push(
      `if (error?.code === '23514') return { error: 'check-violation', status: ${facts.check.code} } as const; ${comment(`CHECK on ${check.table}`, check.source)}`,
    );
  const notFound =
    facts.notFound !== undefined && facts.operation !== 'INSERT' && keys.length > 0
      ? [`if (!data) return { error: 'not-found', status: ${facts.notFound.code} } as const;`]
      : [];
  const destructure = facts.operation === 'DELETE' ? 'const { error }' : 'const { data, error }';
  return [
    `export async function ${names.service}(${args.join(', ')})${resultType === undefined ? '' : `: Promise<{ data: ${resultType} } | { error: string; status: number }>`} {`,
    ...unknown.map((column) => `  // ${column.name}: ${t.columnUnset}`),
    `  ${destructure} = await supabase.from('${resource.name}')${query};`,
    ...mapped.map((line) => `  ${line}`),
    '  if (error) throw error;',
    ...notFound.map((line) => `  ${line}`),
    `  return { data${facts.operation === 'DELETE' ? ': null' : ''} } as const;`,
    '}',
  ].join('\n');
}

/** Section 9: the order to build it in, with file paths from the rules or the stack and code skeletons. */
export function stepsSection(input: DraftInput, facts: DraftFacts, names: CodeNames, t: DraftText): string[] {
  const { dossier, layout, stack } = input;
  const where = (placed: PlacedFile | undefined): string => {
    if (placed === undefined) return '';
    const rule = ruleSource(placed);
    if (rule !== undefined) return ` (${t.fromRules} ${code(at(rule))})`;
    return placed.source === 'project' ? ` (${t.inProject})` : ` (${t.conventionOf(stack.label)})`;
  };
  const steps: string[][] = [];
  const reuse = dossier.code.reuse.slice(0, 6);
  if (reuse.length > 0) {
    steps.push([
      t.stepReuse(
        reuse
          .map(
            (asset) =>
              `${code(asset.file)}${asset.exports.length === 0 ? '' : ` (${asset.exports.slice(0, 5).join(', ')})`}`,
          )
          .join('; '),
      ),
    ]);
  }
  const types = [...dossier.types.request, ...dossier.types.response].map((type) => code(type.name));
  steps.push([
    types.length > 0
      ? t.stepTypes(types.join(', '), layout.types === undefined ? undefined : code(layout.types.path))
      : `${t.recommended}: ${t.stepDeclareTypes(layout.types === undefined ? undefined : code(layout.types.path))}`,
  ]);
  if (facts.fields.length > 0 && facts.validator !== undefined) {
    steps.push([
      t.stepSchema(
        layout.schema === undefined ? undefined : `${code(layout.schema.path)}${where(layout.schema)}`,
        facts.validator.library,
      ),
    ]);
  }
  const operations = [
    ...(facts.resource === undefined
      ? []
      : [
          code(
            operationText(
              facts.writes.includes(facts.resource) || facts.operation === 'SELECT'
                ? facts.operation
                : 'SELECT',
              facts.resource.name,
            ),
          ),
        ]),
    ...facts.writes.filter((table) => table !== facts.resource).map((table) => code(table.name)),
  ];
  const platform = facts.platform;
  if (platform !== undefined && platform.kind !== 'edge-function') {
    const call = platformCall(
      platform,
      dossier.method,
      facts.fields.some((rule) => rule.where === 'body'),
    );
    const served = [t.stepClientCall(code(dossier.method), code(dossier.path))];
    if (call !== undefined) served.push('', fence(call, 'ts'));
    steps.push(served);
    if (platform.kind === 'rest-table') {
      const names = applyingPolicies(input, facts).map((policy) => code(policy.name ?? policy.table));
      steps.push([
        names.length > 0
          ? t.stepPolicies(names.join(', '))
          : t.stepNoPolicy(code(platform.table), facts.operation),
      ]);
    }
  } else {
    const service = [
      t.stepService(
        code(names.service),
        layout.service === undefined ? undefined : `${code(layout.service.path)}${where(layout.service)}`,
        operations.join(', '),
      ),
    ];
    const supabase = stack.db.kind === 'supabase' || stack.db.kind === 'supabase-locals';
    const serviceCode =
      supabase && (stack.language === 'typescript' || stack.language === 'javascript')
        ? supabaseService(input, facts, names, t)
        : undefined;
    if (serviceCode !== undefined) service.push('', fence(serviceCode, 'ts'));
    steps.push(service);
    const handler: HandlerCode | undefined = handlerCode(input, facts, names);
    const implemented = dossier.code.implemented;
    const route = [
      implemented !== undefined
        ? t.stepRouteExisting(
            code(`${implemented.file}:${implemented.line}`),
            code(dossier.method),
            implemented.stub,
          )
        : layout.route === undefined
          ? t.stepRouteUnknown(code(dossier.method))
          : t.stepRoute(`${code(layout.route.path)}${where(layout.route)}`, code(dossier.method)),
    ];
    if (handler !== undefined) route.push('', fence(handler.code, handler.language));
    steps.push(route);
  }
  if (facts.unauthenticated !== undefined && layout.middleware !== undefined)
    steps.push([
      t.stepMiddleware(
        `${code(layout.middleware.path)}${where(layout.middleware)}`,
        facts.unauthenticated.code,
      ),
    ]);
  const codes = [...facts.errors.map((status) => status.code), ...facts.recommendedErrors].sort(
    (a, b) => a - b,
  );
  steps.push([t.stepErrors(codes.length === 0 ? '—' : codes.join(', '))]);
  const policies = applyingPolicies(input, facts);
  if (policies.length > 0 && facts.platform?.kind !== 'rest-table')
    steps.push([t.stepPolicies(policies.map((policy) => code(policy.name ?? policy.table)).join(', '))]);
  steps.push([`${t.recommended}: ${t.stepTests([facts.success.code, ...codes].join(', '))}`]);
  const ruleFiles = [
    layout.route,
    layout.service,
    layout.schema,
    layout.types,
    layout.middleware,
    layout.errors,
  ]
    .flatMap((placed) => {
      const rule = ruleSource(placed);
      return rule === undefined ? [] : [rule.file];
    })
    .filter((file, index, all) => all.indexOf(file) === index);
  if (ruleFiles.length > 0) steps.push([t.stepRules(ruleFiles.map(code).join(', '))]);
  return steps.flatMap((step, index) => [
    `${index + 1}. ${step[0]}`,
    ...step.slice(1).map((line) => (line === '' ? '' : line.replace(/^/gm, '   '))),
  ]);
}
