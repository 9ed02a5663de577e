import { assertNever } from '../assert-never.ts';
import type {
  Column,
  Endpoint,
  ForeignKey,
  HttpMethod,
  IndexDef,
  PickedRule,
  Related,
  RlsPolicy,
  Table,
  TypeDecl,
} from '../spec/model.ts';
import { endpointFile, literalSegments, resourceName, type StackProfile, serviceFile } from './tech-stack.ts';

/** Everything the offline engine knows about one endpoint; all of it comes from the project's docs. */
export type DraftInput = {
  readonly endpoint: Endpoint;
  readonly related: Related;
  readonly stack: StackProfile;
  readonly rules: readonly PickedRule[];
  readonly language: 'en' | 'pl';
  /** False when the project has no types file at all, so the draft does not talk about one as if it existed. */
  readonly hasTypesFile: boolean;
};

/** A top-level field of a request body as written in the API plan. */
export type BodyField = {
  readonly name: string;
  readonly value: string;
  /** The sketch marks it optional: `name?:`, or `optional` / `opcjonalne` in its value. */
  readonly optional: boolean;
};

/** A status code the plan mentions, and whether it came from the API plan or the standard set. */
export type PlannedStatus = { readonly code: number; readonly source: 'spec' | 'standard' };

/** What a path parameter identifies: the resource segment it follows, and that segment's table when the docs have one. */
export type ParamTarget = {
  readonly param: string;
  readonly segment: string | undefined;
  readonly table: Table | undefined;
};

/** Why a related table takes part in the operation; `context` tables are related in the docs but not touched. */
export type TableUse =
  | { readonly kind: 'target'; readonly table: Table }
  | {
      readonly kind: 'parent';
      readonly table: Table;
      readonly param: string;
      /** The target's foreign key to this table, set from the path parameter. */
      readonly link: ForeignKey | undefined;
    }
  | { readonly kind: 'reference'; readonly table: Table; readonly column: string }
  | { readonly kind: 'cascade'; readonly table: Table; readonly column: string; readonly onDelete: string }
  /** Named in the endpoint's text (other endpoints' paths aside): read for a GET, else used as the plan describes. */
  | { readonly kind: 'read'; readonly table: Table }
  | { readonly kind: 'context'; readonly table: Table; readonly via: string | undefined };

/** How a declaration of the types file serves this endpoint. */
export type TypeRole = 'request' | 'response' | 'resource' | 'referenced' | 'elsewhere';

/** A related declaration and its role; `elsewhere` ones document other endpoints and are named, not quoted. */
export type TypeUse = { readonly decl: TypeDecl; readonly role: TypeRole };

/** The facts a draft is built from, also shown in the offline engine's analysis block. */
export type DraftFacts = {
  readonly title: string;
  readonly resource: string;
  readonly required: readonly ParamLine[];
  readonly optional: readonly ParamLine[];
  readonly bodyFields: readonly BodyField[];
  readonly primaryTable: Table | undefined;
  readonly paramTargets: readonly ParamTarget[];
  readonly tableUses: readonly TableUse[];
  readonly typeUses: readonly TypeUse[];
  readonly successStatus: number;
  readonly statuses: readonly PlannedStatus[];
  readonly handlerFile: string | undefined;
  readonly serviceFile: string | undefined;
  readonly validation: string | undefined;
};

/** A parameter as the draft lists it. */
export type ParamLine = {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly type: string | undefined;
  readonly description: string | undefined;
  /** Path parameters always are; query parameters when the plan says so. */
  readonly required: boolean;
  /** True when the plan does not say whether a query parameter is required. */
  readonly unstated: boolean;
};

/** Writes a complete nine-section implementation plan in markdown, from the docs only; same input, same bytes. */
export function draftPlan(input: DraftInput): string {
  const facts = draftFacts(input);
  const t = draftText(input.language);
  const sections = [
    `# ${t.title(facts.title)}`,
    section(1, t.headings.overview, overview(input, facts, t)),
    section(2, t.headings.request, requestDetails(input, facts, t)),
    section(3, t.headings.types, usedTypes(input, facts, t)),
    section(4, t.headings.response, responseDetails(input, facts, t)),
    section(5, t.headings.dataFlow, dataFlow(input, facts, t)),
    section(6, t.headings.security, security(input, facts, t)),
    section(7, t.headings.errors, errorHandling(input, facts, t)),
    section(8, t.headings.performance, performance(input, facts, t)),
    section(9, t.headings.steps, steps(input, facts, t)),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** The facts the draft rests on: parameters, body fields, status codes, tables and file paths. */
export function draftFacts(input: DraftInput): DraftFacts {
  const { endpoint, related, stack } = input;
  const params = paramLines(endpoint);
  const successStatus = endpoint.successStatus ?? defaultSuccess(endpoint.method);
  const main = primaryTable(related.tables, endpoint.path);
  const resource = main?.segment ?? resourceName(endpoint.path);
  const table = main?.table ?? related.tables[0];
  const targets = paramTargets(endpoint, related.tables, table);
  return {
    title: endpoint.title.trim() === '' ? `${endpoint.method} ${endpoint.path}` : endpoint.title.trim(),
    resource,
    required: params.filter((param) => param.required),
    optional: params.filter((param) => !param.required),
    bodyFields: endpoint.requestBody === undefined ? [] : topLevelFields(endpoint.requestBody),
    primaryTable: table,
    paramTargets: targets,
    tableUses: tableUses(endpoint, related.tables, table, targets),
    typeUses: typeUses(endpoint, related.types),
    successStatus,
    statuses: plannedStatuses(endpoint, successStatus),
    handlerFile: endpointFile(stack, endpoint.path),
    serviceFile: serviceFile(stack, resource),
    validation:
      stack.validation ??
      (input.rules.some((picked) => /\bzod\b/i.test(picked.rule.body)) ? 'zod' : undefined),
  };
}

function section(number: number, heading: string, body: readonly string[]): string {
  return [`## ${number}. ${heading}`, '', ...body].join('\n').replace(/\n+$/, '');
}

function overview(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint } = input;
  const parent = facts.tableUses.find((use) => use.kind === 'parent');
  const own = facts.paramTargets.find(
    (target) => target.table !== undefined && target.table === facts.primaryTable,
  );
  const summary = t.summary({
    method: endpoint.method,
    path: endpoint.path,
    target: facts.primaryTable?.name,
    resource: facts.resource,
    byParam: own?.param,
    parent: parent?.kind === 'parent' ? { table: parent.table.name, param: parent.param } : undefined,
    list: isListEndpoint(endpoint, facts),
    status: facts.successStatus,
    responseTypes: typeNames(facts, 'response'),
    hasResponseBody: endpoint.responseBody !== undefined,
  });
  const lines = [summary, ''];
  const description = endpoint.description.trim().replace(/\s+/g, ' ');
  if (description === '') {
    lines.push(t.noDescription, '');
  } else {
    const complete = /[.!?…:;)\]"'`»”]$/.test(description);
    lines.push(`${t.planSays}:`, '', `> ${description}${complete ? '' : ' …'}`, '');
  }
  lines.push(`- ${t.resource}: \`${facts.resource}\``);
  if (endpoint.section.length > 0) lines.push(`- ${t.planSection}: ${endpoint.section.join(' › ')}`);
  lines.push(`- ${t.planLines}: ${endpoint.lines.start}–${endpoint.lines.end}`);
  lines.push(`- ${t.stack}: ${input.stack.framework === 'unknown' ? t.unknownStack : input.stack.label}`);
  if (facts.primaryTable !== undefined) lines.push(`- ${t.mainTable}: \`${facts.primaryTable.name}\``);
  return lines;
}

function requestDetails(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint } = input;
  const body = facts.bodyFields.map((field) => ({ field, required: bodyFieldRequired(input, facts, field) }));
  const required = [
    ...facts.required.map((param) => paramText(param, t)),
    ...body
      .filter((entry) => entry.required === true)
      .map((entry) => `${code(entry.field.name)} (${t.body})`),
  ];
  const optional = [
    ...facts.optional.map((param) => paramText(param, t)),
    ...body
      .filter((entry) => entry.required !== true)
      .map(
        (entry) =>
          `${code(entry.field.name)} (${t.body})${entry.required === undefined ? ` ${t.unstated}` : ''}`,
      ),
  ];
  const lines = [
    `- ${t.httpMethod}: \`${endpoint.method}\``,
    `- ${t.urlPattern}: \`${endpoint.path}\``,
    `- ${t.parameters}:`,
    `  - ${t.required}:${required.length === 0 ? ` ${t.none}` : ''}`,
    ...required.map((text) => `    - ${text}`),
    `  - ${t.optional}:${optional.length === 0 ? ` ${t.none}` : ''}`,
    ...optional.map((text) => `    - ${text}`),
  ];
  if (endpoint.query !== undefined) lines.push(`- ${t.queryAsWritten}: \`?${endpoint.query}\``);
  if (endpoint.requestBody !== undefined) {
    lines.push(`- ${t.requestBody}:`, '', fence(endpoint.requestBody, fenceLanguage(endpoint.requestBody)));
  } else {
    lines.push(`- ${t.requestBody}: ${hasBody(endpoint.method) ? t.bodyNotSpecified : t.none}`);
  }
  return lines;
}

/** Required when the sketch does not mark it optional and its column is NOT NULL without a default; undefined when nothing says. */
function bodyFieldRequired(input: DraftInput, facts: DraftFacts, field: BodyField): boolean | undefined {
  if (field.optional || input.endpoint.method === 'PATCH') return false;
  const tables = facts.primaryTable === undefined ? input.related.tables : [facts.primaryTable];
  const column = findColumn(tables, field.name);
  if (column === undefined) return undefined;
  const upper = column.constraints.map((constraint) => constraint.toUpperCase());
  const creating = input.endpoint.method === 'POST' || input.endpoint.method === 'PUT';
  return creating && upper.some((c) => c.includes('NOT NULL')) && !upper.some((c) => c.startsWith('DEFAULT'));
}

function usedTypes(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const typesPath = input.hasTypesFile ? input.stack.typesPath : undefined;
  const used = facts.typeUses.filter((use) => use.role !== 'elsewhere');
  const elsewhere = facts.typeUses.filter((use) => use.role === 'elsewhere').map((use) => use.decl.name);
  if (used.length === 0) {
    const lines = [
      input.hasTypesFile ? t.noTypes(typesPath) : t.noTypesFile,
      '',
      `${t.recommended}: ${t.recommendTypes(input.stack.typesPath)}`,
    ];
    if (elsewhere.length > 0) lines.push('', t.typesElsewhere(elsewhere));
    return lines;
  }
  const lines = [t.typesIntro(typesPath), ''];
  for (const use of used) {
    lines.push(
      `- \`${use.decl.name}\` (${use.decl.kind}, ${t.line} ${use.decl.line}) — ${t.typeRole(use.role)}`,
    );
  }
  lines.push('');
  for (const use of used) lines.push(fence(use.decl.text, 'ts'), '');
  if (!used.some((use) => use.role === 'request') && hasBody(input.endpoint.method)) {
    lines.push(`${t.recommended}: ${t.recommendCommand(typesPath)}`, '');
  }
  if (elsewhere.length > 0) lines.push(t.typesElsewhere(elsewhere), '');
  return lines;
}

function responseDetails(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint } = input;
  const lines = [`- ${t.success}: \`${facts.successStatus} ${reason(facts.successStatus)}\``];
  const responseTypes = typeNames(facts, 'response');
  if (facts.successStatus === 204 && endpoint.responseBody === undefined) {
    lines.push(`- ${t.responseBody}: ${t.none}`, '');
  } else if (endpoint.responseBody !== undefined) {
    if (responseTypes.length > 0) lines.push(`- ${t.responseType}: ${codes(responseTypes)}`);
    lines.push(
      `- ${t.responseBody}:`,
      '',
      fence(endpoint.responseBody, fenceLanguage(endpoint.responseBody)),
      '',
    );
  } else {
    if (responseTypes.length > 0) lines.push(`- ${t.responseType}: ${codes(responseTypes)}`);
    lines.push(`- ${t.responseBody}: ${t.responseNotSpecified}`, '');
  }
  lines.push(`| ${t.status} | ${t.meaning} | ${t.source} |`, '|---|---|---|');
  for (const status of facts.statuses) {
    lines.push(
      `| ${status.code} | ${reason(status.code)} | ${status.source === 'spec' ? t.fromSpec : t.standard} |`,
    );
  }
  return lines;
}

function dataFlow(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related, stack } = input;
  const flow: string[] = [];
  flow.push(
    facts.handlerFile === undefined
      ? t.flowHandlerUnknown(endpoint.method)
      : t.flowHandler(
          facts.handlerFile,
          endpoint.method,
          handlerDeclaration(stack, endpoint.method, endpoint.path),
        ),
  );
  flow.push(t.flowAuth(stack));
  flow.push(
    t.flowValidate(
      facts.validation,
      facts.bodyFields.length > 0,
      facts.required.length + facts.optional.length > 0,
      typeNames(facts, 'request'),
    ),
  );
  flow.push(facts.serviceFile === undefined ? t.flowServiceUnknown : t.flowService(facts.serviceFile));
  if (related.tables.length === 0) flow.push(t.noTable);
  const client = dbClient(stack, input.language);
  const has404 = facts.statuses.some((status) => status.code === 404);
  const responseFields =
    endpoint.responseBody === undefined
      ? []
      : topLevelFields(endpoint.responseBody).map((field) => field.name);
  const main = facts.primaryTable;
  for (const use of facts.tableUses) {
    switch (use.kind) {
      case 'parent': {
        const carried = responseFields.filter(
          (name) =>
            findColumn([use.table], name) !== undefined &&
            (main === undefined || findColumn([main], name) === undefined),
        );
        flow.push(t.flowParent(use.table.name, use.param, ownerColumn(use.table), carried));
        break;
      }
      case 'reference':
        flow.push(t.flowReference(use.column, use.table.name, ownerColumn(use.table) !== undefined, has404));
        break;
      case 'target': {
        const sets: string[] = [];
        for (const parent of facts.tableUses) {
          if (parent.kind === 'parent' && parent.link !== undefined)
            sets.push(`${parent.link.column} = ${parent.param}`);
        }
        const owner = ownerColumn(use.table);
        const filters = [
          ...facts.paramTargets.filter((target) => target.table === use.table).map((target) => target.param),
          ...(endpoint.method === 'POST' ? [] : sets),
        ];
        flow.push(
          t.flowDb({
            method: endpoint.method,
            table: use.table.name,
            client,
            filters,
            sets: endpoint.method === 'POST' ? sets : [],
            owner,
            list: isListEndpoint(endpoint, facts),
          }),
        );
        break;
      }
      case 'cascade':
        flow.push(t.flowCascade(use.table.name, use.column, use.onDelete));
        break;
      case 'read':
        flow.push(
          isLogTable(use.table.name)
            ? t.flowLog(use.table.name)
            : t.flowRead(use.table.name, endpoint.method === 'GET' || endpoint.method === 'HEAD'),
        );
        break;
      case 'context':
        break;
      default:
        assertNever(use);
    }
  }
  const context = facts.tableUses.flatMap((use) => (use.kind === 'context' ? [use] : []));
  if (context.length > 0) {
    flow.push(t.flowContext(context.map((use) => ({ table: use.table.name, via: use.via }))));
  }
  flow.push(t.flowRespond(facts.successStatus, typeNames(facts, 'response')));
  return flow.map((step, index) => `${index + 1}. ${step}`);
}

/** The database command an HTTP method maps to, for choosing which RLS policies apply. */
function sqlCommand(method: HttpMethod): 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' {
  switch (method) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
      return 'SELECT';
    case 'POST':
      return 'INSERT';
    case 'PUT':
    case 'PATCH':
      return 'UPDATE';
    case 'DELETE':
      return 'DELETE';
    default:
      return assertNever(method);
  }
}

function policyApplies(policy: RlsPolicy, command: string): boolean {
  const stated = policy.command?.toUpperCase();
  return stated === undefined || stated === 'ALL' || stated === command;
}

function policyName(policy: RlsPolicy): string {
  return policy.name ?? policy.table;
}

/** The policies the operation runs under: the target's for its command, the parents' SELECT ones for the ownership checks. */
function applyingPolicies(
  input: DraftInput,
  facts: DraftFacts,
): { readonly target: readonly RlsPolicy[]; readonly parents: readonly RlsPolicy[] } {
  const command = sqlCommand(input.endpoint.method);
  const target: RlsPolicy[] = [];
  const parents: RlsPolicy[] = [];
  for (const use of facts.tableUses) {
    const own = input.related.policies.filter((policy) => sameTable(policy.table, use.table.name));
    switch (use.kind) {
      case 'target':
        target.push(...own.filter((policy) => policyApplies(policy, command)));
        break;
      case 'parent':
      case 'reference':
        parents.push(...own.filter((policy) => policyApplies(policy, 'SELECT')));
        break;
      case 'read':
        parents.push(
          ...own.filter((policy) => policyApplies(policy, isLogTable(use.table.name) ? 'INSERT' : 'SELECT')),
        );
        break;
      case 'cascade':
      case 'context':
        break;
      default:
        assertNever(use);
    }
  }
  return { target, parents };
}

function security(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related, stack } = input;
  const lines = [`- ${t.authentication}: ${t.authText(stack)}`];
  const command = sqlCommand(endpoint.method);
  const touched = facts.tableUses.filter((use) => use.kind !== 'context' && use.kind !== 'cascade');
  const touchedPolicies = related.policies.filter((policy) =>
    touched.some((use) => sameTable(policy.table, use.table.name)),
  );
  const applying = applyingPolicies(input, facts);
  const main = facts.primaryTable;
  if (touchedPolicies.length > 0) {
    lines.push(`- ${t.authorization}: ${t.rlsIntro}`);
    if (main !== undefined) {
      lines.push(`  - ${t.rlsTarget(main.name, command, applying.target.map(policyName))}`);
      const returning = endpoint.responseBody !== undefined && command !== 'SELECT' && command !== 'DELETE';
      const selectPolicies = related.policies.filter(
        (policy) => sameTable(policy.table, main.name) && policy.command?.toUpperCase() === 'SELECT',
      );
      if (returning && selectPolicies.length > 0) {
        lines.push(`  - ${t.rlsReturning(selectPolicies.map(policyName))}`);
      }
      const others = related.policies.filter(
        (policy) =>
          sameTable(policy.table, main.name) &&
          !applying.target.includes(policy) &&
          !(returning && selectPolicies.includes(policy)),
      );
      if (others.length > 0) lines.push(`  - ${t.rlsOther(main.name, others.map(policyName))}`);
    }
    for (const use of touched) {
      if (use.kind === 'target') continue;
      const policies = applying.parents.filter((policy) => sameTable(policy.table, use.table.name));
      lines.push(
        `  - ${
          use.kind === 'read'
            ? isLogTable(use.table.name)
              ? t.rlsLog(use.table.name, policies.map(policyName))
              : t.rlsRead(use.table.name, policies.map(policyName))
            : t.rlsParent(
                use.table.name,
                policies.map(policyName),
                use.kind === 'parent' ? use.param : undefined,
              )
        }`,
      );
    }
    const quoted = [...applying.target, ...applying.parents];
    if (quoted.length > 0) {
      lines.push('', fence(quoted.map((policy) => policy.text.trim()).join('\n'), 'sql'), '');
    }
  } else if (touched.length > 0) {
    lines.push(`- ${t.authorization}: ${t.noRls(touched.map((use) => use.table.name))}`);
  } else {
    lines.push(`- ${t.authorization}: ${t.recommended}: ${t.ownershipGeneric}`);
  }
  const owner = ownerColumn(main);
  if (owner !== undefined && main !== undefined) {
    lines.push(
      `- ${t.ownership}: ${t.ownerColumn(
        main.name,
        owner,
        facts.bodyFields.some((field) => field.name === owner),
      )}`,
    );
  }
  for (const use of facts.tableUses) {
    if (use.kind !== 'parent' && use.kind !== 'reference') continue;
    const parentOwner = ownerColumn(use.table);
    const via = use.kind === 'parent' ? use.param : use.column;
    lines.push(`- ${t.parentOwnership}: ${t.parentCheck(use.table.name, via, parentOwner)}`);
  }
  lines.push(`- ${t.inputValidation}:`);
  const rules = validationRules(input, facts, t);
  lines.push(...(rules.length === 0 ? [`  - ${t.noValidationFacts}`] : rules.map((rule) => `  - ${rule}`)));
  if (facts.bodyFields.length > 0) lines.push(`- ${t.recommended}: ${t.strictBody}`);
  lines.push(`- ${t.recommended}: ${t.injection(stack)}`);
  if (endpoint.method === 'GET' && facts.optional.some((param) => isPageSize(param.name))) {
    lines.push(`- ${t.recommended}: ${t.capPageSize}`);
  }
  return lines;
}

/** The column a path or query parameter is checked against: the named column of the table it identifies, else its key. */
function paramColumn(param: ParamLine, facts: DraftFacts, related: Related): Column | undefined {
  const target = facts.paramTargets.find((entry) => entry.param === param.name);
  if (param.in === 'path' && target?.table !== undefined) {
    const named = findColumn([target.table], param.name);
    if (named !== undefined) return named;
    if (isIdLike(param.name)) return target.table.columns.find((column) => column.name === 'id');
  }
  const tables = facts.primaryTable === undefined ? related.tables : [facts.primaryTable, ...related.tables];
  return findColumn(tables, param.name);
}

function validationRules(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related } = input;
  const rules: string[] = [];
  for (const param of [...facts.required, ...facts.optional]) {
    const column = paramColumn(param, facts, related);
    const owner = facts.paramTargets.find((entry) => entry.param === param.name)?.table;
    const checks = [
      ...(param.type === undefined ? [] : [t.declaredType(param.type)]),
      ...(column === undefined ? [] : columnChecks(column, related, t, false, owner?.name)),
    ];
    rules.push(
      `\`${param.name}\` (${param.in}): ${checks.length === 0 ? t.checkAsDocumented : checks.join('; ')}`,
    );
  }
  const creating = endpoint.method === 'POST' || endpoint.method === 'PUT';
  for (const field of facts.bodyFields) {
    const column = findColumn(
      facts.primaryTable === undefined ? related.tables : [facts.primaryTable, ...related.tables],
      field.name,
    );
    const derived =
      column === undefined && facts.primaryTable !== undefined
        ? facts.primaryTable.columns.filter((candidate) => candidate.name.startsWith(`${field.name}_`))
        : [];
    const item = column === undefined ? arrayItemFields(field.value) : [];
    const checks = [
      t.asWritten(field.value),
      ...(column !== undefined
        ? columnChecks(column, related, t, creating, undefined)
        : derived.length > 0
          ? [t.derivedColumns(derived)]
          : item.length > 0
            ? [t.itemFields]
            : [t.noColumn]),
    ];
    rules.push(`\`${field.name}\` (${t.body}): ${checks.join('; ')}`);
    for (const sub of item) {
      const subColumn =
        facts.primaryTable === undefined ? undefined : findColumn([facts.primaryTable], sub.name);
      const subChecks = [
        t.asWritten(sub.value),
        ...(subColumn === undefined
          ? [t.noColumn]
          : columnChecks(subColumn, related, t, creating, undefined)),
      ];
      rules.push(`\`${field.name}[].${sub.name}\` (${t.body}): ${subChecks.join('; ')}`);
    }
  }
  if (endpoint.method === 'PATCH' && facts.bodyFields.length > 0) rules.push(t.patchAtLeastOne);
  return rules;
}

function columnChecks(
  column: Column,
  related: Related,
  t: DraftText,
  creating: boolean,
  table: string | undefined,
): string[] {
  const checks = [t.column(column, table)];
  const upper = column.constraints.map((constraint) => constraint.toUpperCase());
  const hasDefault = upper.some((constraint) => constraint.startsWith('DEFAULT'));
  if (creating && upper.some((constraint) => constraint.includes('NOT NULL')) && !hasDefault)
    checks.push(t.requiredNotNull);
  if (hasDefault) checks.push(t.hasDefault);
  const length = /\((\d+)\)/.exec(column.type);
  if (length?.[1] !== undefined && /char/i.test(column.type)) checks.push(t.maxLength(Number(length[1])));
  const values = related.enums.get(column.type) ?? related.enums.get(column.type.replace(/^public\./, ''));
  if (values !== undefined) checks.push(t.oneOf(values));
  const kind = typeCheck(column.type);
  if (kind !== undefined) checks.push(t.typeCheck(kind));
  for (const constraint of column.constraints) {
    if (/^CHECK\b/i.test(constraint.trim())) checks.push(t.check(constraint.trim()));
    const reference = /REFERENCES\s+([\w.]+)/i.exec(constraint);
    if (reference?.[1] !== undefined) checks.push(t.mustExist(reference[1]));
  }
  if (upper.some((constraint) => constraint.includes('UNIQUE'))) checks.push(t.unique);
  return checks;
}

/** A row whose absence answers 404: the table (or the path segment when no table matches), and the parameter that names it. */
export type NotFoundTarget = {
  readonly table: string | undefined;
  readonly segment: string | undefined;
  readonly param: string | undefined;
};

function notFoundTargets(facts: DraftFacts): NotFoundTarget[] {
  const byParam = facts.paramTargets.map((target) => ({
    table: target.table?.name,
    segment: target.segment,
    param: target.param,
  }));
  const references = facts.tableUses.flatMap((use) =>
    use.kind === 'reference' ? [{ table: use.table.name, segment: undefined, param: undefined }] : [],
  );
  return [...byParam, ...references];
}

function errorHandling(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const lines = [`| ${t.status} | ${t.scenario} | ${t.handling} |`, '|---|---|---|'];
  const targets = notFoundTargets(facts);
  for (const status of facts.statuses) {
    if (status.code < 400) continue;
    lines.push(
      `| ${status.code} ${reason(status.code)} | ${t.scenarioFor(status.code, input.endpoint, targets)} | ${t.handlingFor(status.code)} |`,
    );
  }
  const logTable = input.related.tables.find((table) => isLogTable(table.name));
  lines.push(
    '',
    logTable === undefined ? `${t.recommended}: ${t.noErrorTable}` : t.errorTable(logTable.name),
  );
  return lines;
}

function performance(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related } = input;
  const lines: string[] = [];
  const touched = facts.tableUses.filter((use) => use.kind !== 'context').map((use) => use.table.name);
  const scanned = facts.tableUses
    .filter((use) => use.kind === 'target' || use.kind === 'read')
    .map((use) => use.table.name);
  const indexes = related.indexes.filter((index) => scanned.some((name) => sameTable(index.table, name)));
  if (indexes.length > 0) {
    lines.push(
      `- ${hasBody(endpoint.method) || endpoint.method === 'DELETE' ? t.indexesWrite : t.indexesIntro}`,
    );
    for (const index of indexes) lines.push(`  - ${indexLine(index, t)}`);
  } else if (scanned.length > 0) {
    lines.push(`- ${t.noIndexes}`);
  }
  const byKey = facts.tableUses.flatMap((use) =>
    (use.kind === 'parent' || use.kind === 'reference') &&
    use.table.columns.some((column) => column.name === 'id')
      ? [use.table.name]
      : [],
  );
  if (byKey.length > 0) lines.push(`- ${t.keyLookups(byKey)}`);
  const filters = [...facts.required, ...facts.optional].map((param) => param.name);
  const table = facts.primaryTable;
  if (table !== undefined && endpoint.method === 'GET') {
    const unindexed = filters.filter((name) => {
      const column = findColumn([table], name);
      return (
        column !== undefined &&
        column.name !== 'id' &&
        !related.indexes.some(
          (index) => sameTable(index.table, table.name) && indexColumn(index.columns[0]) === column.name,
        )
      );
    });
    for (const name of unindexed)
      lines.push(`- ${t.recommended}: ${t.indexFor(table.name, findColumn([table], name)?.name ?? name)}`);
  }
  if (isListEndpoint(endpoint, facts)) {
    lines.push(
      `- ${facts.optional.some((param) => isPageSize(param.name)) ? t.paginationPresent : `${t.recommended}: ${t.paginationMissing}`}`,
    );
  }
  if (related.tables.length > 0) lines.push(`- ${t.recommended}: ${t.selectColumns}`);
  if (lines.length === 0) lines.push(`- ${t.nothingToTune}`);
  if (hasBody(endpoint.method) && touched.length > 1) lines.push(`- ${t.recommended}: ${t.roundTrips}`);
  return lines;
}

/** One index as a list item, from its fields; a description written after it in the db plan is kept once, as text. */
function indexLine(index: IndexDef, t: DraftText): string {
  const name = index.name ?? indexNameFromText(index.text);
  const on = code(`${index.table}(${index.columns.join(', ')})`);
  const head = name === undefined ? on : `${code(name)} ${t.on} ${on}`;
  const note = indexDescription(index.text);
  return `${head}${index.unique ? ` (${t.uniqueIndex})` : ''}${note === undefined ? '' : ` — ${note}`}`;
}

function indexNameFromText(text: string): string | undefined {
  const sql = /\bINDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?["`]?([\w.]+)["`]?\s+ON\b/i.exec(text);
  if (sql?.[1] !== undefined) return sql[1];
  const bullet = /^\s*(?:[-*]\s+)?(?:\*\*)?`?([A-Za-z_][\w.]*)`?(?:\*\*)?\s*(?:on|ON|na)\s/.exec(text);
  const name = bullet?.[1];
  return name !== undefined && /(?:idx|index|_key|_uniq|_unique|_pkey)|^(?:idx|ix|ux|uq)_/i.test(name)
    ? name
    : undefined;
}

/** The prose after the `table(columns)` part of a bullet, without dashes and backticks; undefined for SQL or nothing. */
function indexDescription(text: string): string | undefined {
  if (/\bCREATE\b[\s\S]*\bINDEX\b/i.test(text)) return undefined;
  const close = text.lastIndexOf(')');
  const rest = (close === -1 ? '' : text.slice(close + 1))
    .replace(/^[`*\s]*/, '')
    .replace(/^[–—:,;.-]+\s*/, '')
    .replace(/`/g, '')
    .trim();
  if (rest === '' || /^[.;,]$/.test(rest)) return undefined;
  return rest;
}

/** `created_at desc` → `created_at`. */
function indexColumn(column: string | undefined): string | undefined {
  return column?.trim().split(/\s+/)[0];
}

function steps(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, stack, rules } = input;
  const list: string[] = [];
  const used = facts.typeUses.filter((use) => use.role === 'request' || use.role === 'response');
  list.push(
    used.length > 0
      ? t.stepTypes(
          used.map((use) => use.decl.name),
          input.hasTypesFile ? stack.typesPath : undefined,
        )
      : `${t.recommended}: ${t.recommendTypes(stack.typesPath)}`,
  );
  if (facts.bodyFields.length > 0 || facts.required.length + facts.optional.length > 0) {
    list.push(t.stepSchema(facts.validation));
  }
  const touched = facts.tableUses.filter((use) => use.kind !== 'context' && use.kind !== 'cascade');
  list.push(
    facts.serviceFile === undefined
      ? `${t.recommended}: ${t.stepServiceUnknown}`
      : t.stepService(
          facts.serviceFile,
          endpoint.method,
          touched.map((use) => use.table.name),
        ),
  );
  list.push(
    facts.handlerFile === undefined
      ? `${t.recommended}: ${t.stepHandlerUnknown(endpoint.method, endpoint.path)}`
      : t.stepHandler(
          facts.handlerFile,
          endpoint.method,
          handlerDeclaration(stack, endpoint.method, endpoint.path),
        ),
  );
  list.push(t.stepErrors(facts.statuses.filter((status) => status.code >= 400).map((status) => status.code)));
  const applying = applyingPolicies(input, facts);
  const policies = [...applying.target, ...applying.parents].map(policyName);
  if (policies.length > 0) list.push(t.stepRls(policies));
  list.push(
    `${t.recommended}: ${t.stepTests(
      facts.successStatus,
      facts.statuses.filter((status) => status.code >= 400).map((status) => status.code),
    )}`,
  );
  if (rules.length > 0) list.push(t.stepRules(rules.map((picked) => picked.rule.path)));
  return list.map((step, index) => `${index + 1}. ${step}`);
}

/** Maps each path parameter to the literal segment right before it, and that segment's table (or its `<name>_id` table). */
function paramTargets(endpoint: Endpoint, tables: readonly Table[], main: Table | undefined): ParamTarget[] {
  const targets: ParamTarget[] = [];
  let previous: string | undefined;
  for (const part of (endpoint.path.split('?')[0] ?? '').split('/')) {
    if (part === '' || /^(?:api|rest|v\d+)$/i.test(part)) continue;
    const param = paramName(part);
    if (param === undefined) {
      previous = part;
      continue;
    }
    const named = /^([A-Za-z]\w+?)[_-]?(?:id|Id|ID)$/.exec(param)?.[1];
    const segment = previous;
    const table =
      (segment === undefined
        ? undefined
        : tables.find((candidate) => sameResource(candidate.name, segment))) ??
      (named === undefined ? undefined : tables.find((candidate) => sameResource(candidate.name, named))) ??
      foreignKeyTable(main, param, tables);
    targets.push({ param, segment, table });
    previous = undefined;
  }
  return targets;
}

function foreignKeyTable(
  main: Table | undefined,
  param: string,
  tables: readonly Table[],
): Table | undefined {
  const key = main?.foreignKeys.find((fk) => normalize(fk.column) === normalize(param));
  return key === undefined ? undefined : tables.find((table) => sameTable(table.name, key.references.table));
}

/** Why each related table is involved: the target, parents named by the path, rows the body points at, cascades, context. */
function tableUses(
  endpoint: Endpoint,
  tables: readonly Table[],
  main: Table | undefined,
  targets: readonly ParamTarget[],
): TableUse[] {
  const uses: TableUse[] = [];
  const used = (table: Table): boolean => uses.some((use) => use.table === table);
  for (const target of targets) {
    if (target.table === undefined || target.table === main || used(target.table)) continue;
    const parent = target.table;
    const link = main?.foreignKeys.find((fk) => sameTable(fk.references.table, parent.name));
    uses.push({ kind: 'parent', table: parent, param: target.param, link });
  }
  if (main !== undefined && hasBody(endpoint.method)) {
    const body = endpoint.requestBody ?? '';
    for (const fk of main.foreignKeys) {
      const parent = tables.find((table) => sameTable(table.name, fk.references.table));
      if (parent === undefined || parent === main || used(parent) || !mentions(body, fk.column)) continue;
      uses.push({ kind: 'reference', table: parent, column: fk.column });
    }
  }
  if (main !== undefined) uses.push({ kind: 'target', table: main });
  if (main !== undefined && endpoint.method === 'DELETE') {
    for (const table of tables) {
      if (used(table)) continue;
      const fk = table.foreignKeys.find(
        (key) => sameTable(key.references.table, main.name) && key.onDelete !== undefined,
      );
      if (fk?.onDelete !== undefined) {
        uses.push({ kind: 'cascade', table, column: fk.column, onDelete: fk.onDelete.toUpperCase() });
      }
    }
  }
  {
    const prose = endpoint.markdown.replace(/\b(?:GET|POST|PUT|PATCH|DELETE)\s+\/[\w\-{}[\]/:.]*/g, '');
    const quoted = [...prose.matchAll(/`([\w.]+)/g)].map((match) => match[1] ?? '');
    const sketch = endpoint.responseBody ?? '';
    for (const table of tables) {
      if (used(table)) continue;
      const named =
        quoted.some((word) => sameTable(word, table.name)) ||
        (table.name.includes('_') && mentions(prose, table.name)) ||
        mentions(sketch, table.name);
      if (named) uses.push({ kind: 'read', table });
    }
  }
  for (const table of tables) {
    if (used(table)) continue;
    uses.push({ kind: 'context', table, via: linkTo(table, uses) });
  }
  return uses;
}

/** How a table not touched by the operation is related to one that is: `flashcards.generation_id`. */
function linkTo(table: Table, uses: readonly TableUse[]): string | undefined {
  for (const use of uses) {
    const out = use.table.foreignKeys.find((fk) => sameTable(fk.references.table, table.name));
    if (out !== undefined) return `${use.table.name}.${out.column}`;
    const back = table.foreignKeys.find((fk) => sameTable(fk.references.table, use.table.name));
    if (back !== undefined) return `${table.name}.${back.column}`;
  }
  return undefined;
}

/** True when `word` appears in `text` as a whole identifier, in snake_case or camelCase. */
function mentions(text: string, word: string): boolean {
  const camel = word.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return [word, camel].some((form) => new RegExp(`(?<![\\w$])${escapeRegExp(form)}(?![\\w$])`).test(text));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sameTable(a: string, b: string): boolean {
  const bare = (name: string): string => name.toLowerCase().replace(/^(?:public|auth)\./, '');
  return bare(a) === bare(b) && a.toLowerCase().startsWith('auth.') === b.toLowerCase().startsWith('auth.');
}

/** `METHOD /path` mentions in a text, with parameters written any way reduced to `{}`. */
function endpointMentions(text: string): string[] {
  return [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[\w\-{}[\]/:.]*)/g)].map(
    (match) => `${match[1] ?? ''} ${normalizePath(match[2] ?? '')}`,
  );
}

function normalizePath(path: string): string {
  return (
    path
      .replace(/[.:,;)]+$/, '')
      .split('?')[0]
      ?.replace(/\{[^}]*\}|\[[^\]]*\]|:[A-Za-z_]\w*/g, '{}')
      .replace(/\/+$/, '')
      .toLowerCase() ?? ''
  );
}

/**
 * The role of each related declaration: one whose doc names this endpoint (`Body of POST /api/x`) or that the
 * endpoint names is a request or response type; one whose doc names only other endpoints is `elsewhere`; what the
 * chosen ones reference is `referenced`. When nothing names this endpoint, list and pagination types stay out of
 * single-item endpoints.
 */
export function typeUses(endpoint: Endpoint, decls: readonly TypeDecl[]): TypeUse[] {
  const own = `${endpoint.method} ${normalizePath(endpoint.path)}`;
  const named = namedTypes(endpoint);
  const direct = new Set<TypeDecl>();
  const elsewhere = new Set<TypeDecl>();
  for (const decl of decls) {
    const found = endpointMentions(docComment(decl.text));
    if (found.includes(own) || named.has(decl.name)) direct.add(decl);
    else if (found.length > 0) elsewhere.add(decl);
  }
  const item = !isListShape(endpoint);
  const answers = endpoint.responseBody !== undefined || (endpoint.successStatus ?? 200) !== 204;
  const seeds =
    direct.size > 0
      ? [...direct]
      : decls.filter(
          (decl) =>
            !elsewhere.has(decl) &&
            !(item && /Paginat|List|Page(?:[A-Z]|$)/.test(decl.name)) &&
            (answers || isInputDecl(decl) || !isDtoName(decl.name)),
        );
  const chosen = new Set(seeds);
  let frontier = seeds;
  while (frontier.length > 0) {
    const next: TypeDecl[] = [];
    for (const decl of frontier) {
      for (const reference of decl.references) {
        const target = decls.find((candidate) => candidate.name === reference);
        if (target !== undefined && !chosen.has(target)) {
          chosen.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return decls.map((decl) => ({
    decl,
    role: !chosen.has(decl)
      ? 'elsewhere'
      : !seeds.includes(decl)
        ? 'referenced'
        : isInputDecl(decl)
          ? 'request'
          : direct.size > 0 || isDtoName(decl.name)
            ? 'response'
            : 'resource',
  }));
}

/** Type names the endpoint's text names: in backticks or in a body sketch, or compound ones (`FlashcardDto`) anywhere; a plain word like `Review` in a title is not one. */
function namedTypes(endpoint: Endpoint): Set<string> {
  const quoted = [...endpoint.markdown.matchAll(/`([A-Za-z_]\w*)`/g)].map((match) => match[1] ?? '');
  const sketches =
    `${endpoint.requestBody ?? ''}\n${endpoint.responseBody ?? ''}`.match(/[A-Za-z_]\w*/g) ?? [];
  const compound = (endpoint.markdown.match(/[A-Za-z_]\w*/g) ?? []).filter((word) =>
    /[a-z0-9][A-Z]/.test(word),
  );
  return new Set([...quoted, ...sketches, ...compound]);
}

function docComment(text: string): string {
  return /^\s*\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? /^\s*\/\/(.*)/.exec(text)?.[1] ?? '';
}

function isInputDecl(decl: TypeDecl): boolean {
  return (
    isInputType(decl.name) ||
    /^\W*(?:Body|Query|Request|Command|Params|Payload|Input)\b/i.test(
      docComment(decl.text).replace(/^[\s*]+/, ''),
    )
  );
}

function isDtoName(name: string): boolean {
  return /(?:Dto|DTO|Response|Result|ViewModel|VM|Details|Summary)$/.test(name);
}

function typeNames(facts: DraftFacts, role: TypeRole): string[] {
  return facts.typeUses.filter((use) => use.role === role).map((use) => use.decl.name);
}

/** The types of `types` plus any of `decls` whose doc names this endpoint (and what they reference), in file order. */
export function withEndpointTypes(
  types: readonly TypeDecl[],
  decls: readonly TypeDecl[],
  endpoint: Endpoint,
): TypeDecl[] {
  const own = `${endpoint.method} ${normalizePath(endpoint.path)}`;
  const chosen = new Set(types.map((decl) => decl.name));
  const added = decls.filter(
    (decl) => !chosen.has(decl.name) && endpointMentions(docComment(decl.text)).includes(own),
  );
  for (const decl of added) chosen.add(decl.name);
  for (const decl of added) {
    for (const reference of decl.references) chosen.add(reference);
  }
  const byName = new Map([...types, ...decls].map((decl) => [decl.name, decl]));
  const order = new Map(decls.map((decl, index) => [decl.name, index]));
  return [...chosen]
    .flatMap((name) => {
      const decl = byName.get(name);
      return decl === undefined ? [] : [decl];
    })
    .sort((a, b) => (order.get(a.name) ?? -1) - (order.get(b.name) ?? -1));
}

/** A GET whose last segment is not a parameter and that reads like a list. */
function isListShape(endpoint: Endpoint): boolean {
  return (
    endpoint.method === 'GET' &&
    !pathParamNames(endpoint).some((name) => isLastSegmentParam(endpoint.path, name))
  );
}

function isListEndpoint(endpoint: Endpoint, facts: DraftFacts): boolean {
  return (
    isListShape(endpoint) &&
    (facts.optional.some((param) => isPageSize(param.name)) ||
      /^\s*\[|"(?:data|items|results)"\s*:\s*\[/.test(endpoint.responseBody ?? '') ||
      /\b(?:list|lists|all|lista|listę|wszystkie)\b/i.test(`${endpoint.title} ${endpoint.description}`))
  );
}

function isLogTable(name: string): boolean {
  return /(?:^|_)(?:error|errors|logs?|audit)(?:_|$)/i.test(name);
}

function isIdLike(name: string): boolean {
  return /^(?:id|uuid|\w+[_-]?id|\w+Id)$/i.test(name);
}

function paramName(part: string): string | undefined {
  const match = /^(?:\{([^}]+)\}|:([^/]+)|\[([^\]]+)\])$/.exec(part);
  return match?.slice(1).find((group) => group !== undefined);
}

function paramLines(endpoint: Endpoint): ParamLine[] {
  const lines: ParamLine[] = endpoint.params.map((param) => ({
    name: param.name,
    in: param.in,
    type: param.type,
    description: param.description,
    required: param.in === 'path' || param.required === true,
    unstated: param.in === 'query' && param.required === undefined,
  }));
  for (const name of pathParamNames(endpoint)) {
    if (!lines.some((line) => line.name === name && line.in === 'path')) {
      lines.push({
        name,
        in: 'path',
        type: undefined,
        description: undefined,
        required: true,
        unstated: false,
      });
    }
  }
  for (const name of queryNames(endpoint.query)) {
    if (!lines.some((line) => line.name === name)) {
      lines.push({
        name,
        in: 'query',
        type: undefined,
        description: undefined,
        required: false,
        unstated: true,
      });
    }
  }
  const pathFirst = lines.filter((line) => line.in === 'path');
  return [...pathFirst, ...lines.filter((line) => line.in === 'query')];
}

function pathParamNames(endpoint: Endpoint): string[] {
  const names: string[] = [];
  for (const part of endpoint.path.split('/')) {
    const match = /^(?:\{([^}]+)\}|:([^/]+)|\[([^\]]+)\])$/.exec(part);
    const name = match?.slice(1).find((group) => group !== undefined);
    if (name !== undefined) names.push(name);
  }
  return names;
}

function isLastSegmentParam(path: string, name: string): boolean {
  const last = path.replace(/\/+$/, '').split('/').at(-1) ?? '';
  return last === `{${name}}` || last === `:${name}` || last === `[${name}]`;
}

function queryNames(query: string | undefined): string[] {
  if (query === undefined) return [];
  return query
    .split('&')
    .map((pair) => (pair.split('=')[0] ?? '').trim())
    .filter((name) => /^[A-Za-z_][\w.[\]-]*$/.test(name));
}

function paramText(param: ParamLine, t: DraftText): string {
  const details = [
    param.in === 'path' ? t.inPath : t.inQuery,
    ...(param.type === undefined ? [] : [param.type]),
  ];
  const description = param.description === undefined ? '' : ` — ${param.description}`;
  const unstated = param.unstated ? ` ${t.unstated}` : '';
  return `\`${param.name}\` (${details.join(', ')})${description}${unstated}`;
}

function defaultSuccess(method: HttpMethod): number {
  return method === 'POST' ? 201 : 200;
}

function plannedStatuses(endpoint: Endpoint, success: number): PlannedStatus[] {
  const codes = new Map<number, PlannedStatus['source']>();
  codes.set(success, endpoint.successStatus === undefined ? 'standard' : 'spec');
  for (const code of endpoint.errorCodes) codes.set(code, 'spec');
  const standard = [401, 500];
  if (
    endpoint.params.length > 0 ||
    endpoint.query !== undefined ||
    hasBody(endpoint.method) ||
    pathParamNames(endpoint).length > 0
  ) {
    standard.push(400);
  }
  if (pathParamNames(endpoint).length > 0) standard.push(404);
  for (const code of standard) if (!codes.has(code)) codes.set(code, 'standard');
  return [...codes.entries()].map(([code, source]) => ({ code, source })).sort((a, b) => a.code - b.code);
}

function hasBody(method: HttpMethod): boolean {
  switch (method) {
    case 'POST':
    case 'PUT':
    case 'PATCH':
      return true;
    case 'GET':
    case 'DELETE':
    case 'HEAD':
    case 'OPTIONS':
      return false;
    default:
      return assertNever(method);
  }
}

/** The table the endpoint acts on: the last path segment naming a related table (`/decks/{id}/cards` → cards). */
function primaryTable(
  tables: readonly Table[],
  path: string,
): { readonly table: Table; readonly segment: string } | undefined {
  for (const segment of [...literalSegments(path)].reverse()) {
    const table = tables.find((candidate) => sameResource(candidate.name, segment));
    if (table !== undefined) return { table, segment };
  }
  return undefined;
}

function sameResource(tableName: string, segment: string): boolean {
  const forms = (word: string): string[] => {
    const base = normalize(word);
    return [base, base.replace(/ies$/, 'y'), base.replace(/e?s$/, ''), base.replace(/s$/, '')];
  };
  const table = forms(tableName);
  return forms(segment).some((form) => table.includes(form));
}

function findColumn(tables: readonly Table[], name: string): Column | undefined {
  const wanted = normalize(name);
  for (const table of tables) {
    const column = table.columns.find((candidate) => normalize(candidate.name) === wanted);
    if (column !== undefined) return column;
  }
  return undefined;
}

function ownerColumn(table: Table | undefined): string | undefined {
  return table?.columns.find((column) => /^(?:user_id|owner_id|profile_id|created_by)$/i.test(column.name))
    ?.name;
}

/** Types named like request data (`CreateFlashcardCommand`, `ListQuery`) describe input; the rest describe output. */
function isInputType(name: string): boolean {
  return /(?:Command|Request|Input|Payload|Params|Query|Body|Form)(?:Dto|DTO)?$/.test(name);
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function isPageSize(name: string): boolean {
  return /^(?:limit|per_?page|page_?size|size|take|pagesize)$/i.test(name);
}

/** The type family a column value must have, for the validation list. */
export type ValueKind = 'uuid' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'date' | 'json';

function typeCheck(type: string): ValueKind | undefined {
  const lower = type.toLowerCase();
  if (lower.startsWith('uuid')) return 'uuid';
  if (/^(?:int|integer|smallint|bigint|serial|bigserial|int[248])\b/.test(lower)) return 'integer';
  if (/^(?:numeric|decimal|real|double|float)/.test(lower)) return 'number';
  if (lower.startsWith('bool')) return 'boolean';
  if (lower.startsWith('timestamp')) return 'timestamp';
  if (lower === 'date') return 'date';
  if (lower.startsWith('json')) return 'json';
  return undefined;
}

/** The fields of the first object in an array value (`[{ "front": … }, …]`), for validating list bodies item by item. */
function arrayItemFields(value: string): BodyField[] {
  const trimmed = value.trim();
  if (!trimmed.startsWith('[')) return [];
  const open = trimmed.indexOf('{');
  return open === -1 ? [] : topLevelFields(trimmed.slice(open));
}

/** The top-level fields of a body written as JSON or a JSON-like sketch (comments, placeholders, unquoted keys). */
export function topLevelFields(body: string): BodyField[] {
  const text = body.trim();
  if (!text.startsWith('{')) return [];
  const fields: BodyField[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 1;
  const parts: string[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[' || char === '(') depth += 1;
    else if (char === '}' || char === ']' || char === ')') {
      depth -= 1;
      if (depth === 0) {
        parts.push(text.slice(start, index));
        break;
      }
    } else if ((char === ',' || char === '\n') && depth === 1) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  for (const part of parts) {
    const cleaned = part.replace(/\/\/.*$/gm, '').trim();
    const match = /^["']?([A-Za-z_$][\w$-]*)["']?(\?)?["']?(\?)?\s*:\s*([\s\S]*)$/.exec(cleaned);
    const [, name, mark, quotedMark, raw] = match ?? [];
    if (name === undefined || raw === undefined) continue;
    if (fields.some((field) => field.name === name)) continue;
    const value = raw.trim().replace(/,$/, '');
    const optional =
      mark !== undefined || quotedMark !== undefined || /\b(?:optional|opcjonaln\w*|nullable)\b/i.test(value);
    fields.push({ name, value, optional });
  }
  return fields;
}

function fence(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${text.replace(/\n+$/, '')}\n${ticks}`;
}

function fenceLanguage(text: string): string {
  return /^\s*[[{]/.test(text) ? 'json' : '';
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The standard reason phrase of a status code, or an empty string for an unusual one. */
export function reason(code: number): string {
  return REASONS[code] ?? '';
}

/** What the opening sentence of the overview is built from. */
export type SummaryFacts = {
  readonly method: HttpMethod;
  readonly path: string;
  readonly target: string | undefined;
  readonly resource: string;
  /** The path parameter that names the target row itself. */
  readonly byParam: string | undefined;
  readonly parent: { readonly table: string; readonly param: string } | undefined;
  readonly list: boolean;
  readonly status: number;
  readonly responseTypes: readonly string[];
  readonly hasResponseBody: boolean;
};

/** What the service's main database step is built from. */
export type DbStep = {
  readonly method: HttpMethod;
  readonly table: string;
  readonly client: string;
  /** Path parameters that pick the row. */
  readonly filters: readonly string[];
  /** `column = param` assignments taken from the path. */
  readonly sets: readonly string[];
  readonly owner: string | undefined;
  readonly list: boolean;
};

/** Every sentence of a draft in one language; stack-specific code fragments are shared. */
export type DraftText = {
  readonly headings: {
    readonly overview: string;
    readonly request: string;
    readonly types: string;
    readonly response: string;
    readonly dataFlow: string;
    readonly security: string;
    readonly errors: string;
    readonly performance: string;
    readonly steps: string;
  };
  title(name: string): string;
  readonly recommended: string;
  readonly none: string;
  readonly line: string;
  readonly on: string;
  summary(facts: SummaryFacts): string;
  readonly noDescription: string;
  readonly planSays: string;
  readonly resource: string;
  readonly planSection: string;
  readonly planLines: string;
  readonly stack: string;
  readonly unknownStack: string;
  readonly mainTable: string;
  readonly httpMethod: string;
  readonly urlPattern: string;
  readonly parameters: string;
  readonly required: string;
  readonly optional: string;
  readonly inPath: string;
  readonly inQuery: string;
  readonly unstated: string;
  readonly queryAsWritten: string;
  readonly requestBody: string;
  readonly bodyNotSpecified: string;
  noTypes(typesPath: string | undefined): string;
  readonly noTypesFile: string;
  recommendTypes(typesPath: string | undefined): string;
  recommendCommand(typesPath: string | undefined): string;
  typesIntro(typesPath: string | undefined): string;
  typeRole(role: TypeRole): string;
  typesElsewhere(names: readonly string[]): string;
  readonly responseType: string;
  readonly success: string;
  readonly responseBody: string;
  readonly responseNotSpecified: string;
  readonly status: string;
  readonly meaning: string;
  readonly source: string;
  readonly fromSpec: string;
  readonly standard: string;
  flowHandler(file: string, method: HttpMethod, declaration: string | undefined): string;
  flowHandlerUnknown(method: HttpMethod): string;
  flowAuth(stack: StackProfile): string;
  flowValidate(
    validation: string | undefined,
    body: boolean,
    params: boolean,
    inputTypes: readonly string[],
  ): string;
  flowService(file: string): string;
  readonly flowServiceUnknown: string;
  readonly noTable: string;
  flowDb(step: DbStep): string;
  flowParent(table: string, param: string, owner: string | undefined, carried: readonly string[]): string;
  flowReference(column: string, table: string, owned: boolean, has404: boolean): string;
  flowCascade(table: string, column: string, onDelete: string): string;
  flowRead(table: string, reading: boolean): string;
  flowLog(table: string): string;
  flowContext(tables: readonly { readonly table: string; readonly via: string | undefined }[]): string;
  flowRespond(status: number, types: readonly string[]): string;
  readonly authentication: string;
  authText(stack: StackProfile): string;
  readonly authorization: string;
  readonly rlsIntro: string;
  rlsTarget(table: string, command: string, policies: readonly string[]): string;
  rlsReturning(policies: readonly string[]): string;
  rlsOther(table: string, policies: readonly string[]): string;
  rlsParent(table: string, policies: readonly string[], param: string | undefined): string;
  rlsRead(table: string, policies: readonly string[]): string;
  rlsLog(table: string, policies: readonly string[]): string;
  readonly parentOwnership: string;
  parentCheck(table: string, via: string, owner: string | undefined): string;
  noRls(tables: readonly string[]): string;
  readonly ownershipGeneric: string;
  readonly ownership: string;
  ownerColumn(table: string, column: string, inBody: boolean): string;
  readonly inputValidation: string;
  readonly noValidationFacts: string;
  readonly strictBody: string;
  injection(stack: StackProfile): string;
  readonly capPageSize: string;
  declaredType(type: string): string;
  readonly checkAsDocumented: string;
  asWritten(value: string): string;
  readonly noColumn: string;
  derivedColumns(columns: readonly Column[]): string;
  readonly itemFields: string;
  readonly body: string;
  readonly patchAtLeastOne: string;
  column(column: Column, table: string | undefined): string;
  readonly requiredNotNull: string;
  readonly hasDefault: string;
  maxLength(length: number): string;
  oneOf(values: readonly string[]): string;
  typeCheck(kind: ValueKind): string;
  check(constraint: string): string;
  mustExist(table: string): string;
  readonly unique: string;
  readonly scenario: string;
  readonly handling: string;
  scenarioFor(code: number, endpoint: Endpoint, targets: readonly NotFoundTarget[]): string;
  handlingFor(code: number): string;
  readonly noErrorTable: string;
  errorTable(table: string): string;
  readonly indexesIntro: string;
  readonly indexesWrite: string;
  keyLookups(tables: readonly string[]): string;
  readonly uniqueIndex: string;
  readonly noIndexes: string;
  indexFor(table: string, column: string): string;
  readonly paginationPresent: string;
  readonly paginationMissing: string;
  readonly selectColumns: string;
  readonly nothingToTune: string;
  readonly roundTrips: string;
  stepTypes(names: readonly string[], typesPath: string | undefined): string;
  stepSchema(validation: string | undefined): string;
  stepService(file: string, method: HttpMethod, tables: readonly string[]): string;
  readonly stepServiceUnknown: string;
  stepHandler(file: string, method: HttpMethod, declaration: string | undefined): string;
  stepHandlerUnknown(method: HttpMethod, path: string): string;
  stepErrors(codes: readonly number[]): string;
  stepRls(policies: readonly string[]): string;
  stepTests(success: number, errors: readonly number[]): string;
  stepRules(paths: readonly string[]): string;
};

/** The sentences of a draft in `language`. */
export function draftText(language: 'en' | 'pl'): DraftText {
  switch (language) {
    case 'en':
      return EN;
    case 'pl':
      return PL;
    default:
      return assertNever(language);
  }
}

const code = (text: string): string => `\`${text}\``;
const codes = (items: readonly string[]): string => items.map(code).join(', ');

/** How the handler for `method` is declared in this stack, as a code fragment; undefined for an unknown stack. */
function handlerDeclaration(stack: StackProfile, method: HttpMethod, path: string): string | undefined {
  const lower = method.toLowerCase();
  const pascalMethod = `${method[0] ?? ''}${lower.slice(1)}`;
  const colon = path.replace(
    /\{([^}]+)\}|\[([^\]]+)\]/g,
    (_, a: string | undefined, b: string | undefined) => `:${a ?? b ?? ''}`,
  );
  const braces = path.replace(
    /:([A-Za-z_]\w*)|\[([^\]]+)\]/g,
    (_, a: string | undefined, b: string | undefined) => `{${a ?? b ?? ''}}`,
  );
  const common = method === 'HEAD' || method === 'OPTIONS';
  switch (stack.framework) {
    case 'astro':
      return `${code(`export const ${method}: APIRoute`)}, ${code('export const prerender = false')}`;
    case 'nextjs':
      return code(`export async function ${method}(request: Request)`);
    case 'express':
      return code(`router.${lower}('${colon}', …)`);
    case 'fastify':
      return code(`fastify.${lower}('${colon}', …)`);
    case 'hono':
      return code(`app.${lower}('${colon}', …)`);
    case 'nestjs':
      return code(`@${pascalMethod}()`);
    case 'supabase-edge':
      return code(`Deno.serve(…)`);
    case 'django':
      return code(`def ${lower}(self, request, …)`);
    case 'fastapi':
      return code(`@router.${lower}("${braces}")`);
    case 'flask':
      return code(`@bp.route("${braces.replace(/\{([^}]+)\}/g, '<$1>')}", methods=["${method}"])`);
    case 'spring':
      return code(
        common ? `@RequestMapping(method = RequestMethod.${method})` : `@${pascalMethod}Mapping("${braces}")`,
      );
    case 'dotnet':
      return code(
        common ? `app.MapMethods("${braces}", ["${method}"], …)` : `app.Map${pascalMethod}("${braces}", …)`,
      );
    case 'unknown':
      return undefined;
    default:
      return assertNever(stack.framework);
  }
}

function dbClient(stack: StackProfile, language: 'en' | 'pl'): string {
  const { db } = stack;
  switch (db.kind) {
    case 'supabase-locals':
      return language === 'en'
        ? `the Supabase client from ${code('context.locals.supabase')}`
        : `klienta Supabase z ${code('context.locals.supabase')}`;
    case 'supabase':
      return language === 'en' ? 'the Supabase client' : 'klienta Supabase';
    case 'orm':
      return db.name;
    case 'unknown':
      return language === 'en'
        ? 'the data access layer the project uses'
        : 'warstwę dostępu do danych używaną w projekcie';
    default:
      return assertNever(db);
  }
}

const EN: DraftText = {
  headings: {
    overview: 'Endpoint Overview',
    request: 'Request Details',
    types: 'Used Types',
    response: 'Response Details',
    dataFlow: 'Data Flow',
    security: 'Security Considerations',
    errors: 'Error Handling',
    performance: 'Performance Considerations',
    steps: 'Implementation Steps',
  },
  title: (name) => `API Endpoint Implementation Plan: ${name}`,
  recommended: 'Recommended',
  none: 'none',
  line: 'line',
  on: 'on',
  summary: (f) => {
    const what = f.target === undefined ? `the ${code(f.resource)} resource` : code(f.target);
    const of =
      f.parent === undefined ? '' : ` for the ${code(f.parent.table)} row given by ${code(f.parent.param)}`;
    const one = f.byParam === undefined ? `a ${what} row` : `the ${what} row given by ${code(f.byParam)}`;
    const action = (() => {
      switch (f.method) {
        case 'GET':
        case 'HEAD':
        case 'OPTIONS':
          return f.byParam === undefined && (f.list || f.target !== undefined)
            ? `lists ${what} rows${of}`
            : `returns ${one}${of}`;
        case 'POST':
          return `creates ${f.target === undefined ? `a ${code(f.resource)}` : `a ${code(f.target)} row`}${of}`;
        case 'PUT':
          return `replaces ${one}${of}`;
        case 'PATCH':
          return `updates fields of ${one}${of}`;
        case 'DELETE':
          return `deletes ${one}${of}`;
        default:
          return assertNever(f.method);
      }
    })();
    const answer =
      f.status === 204
        ? 'with no body'
        : f.responseTypes.length > 0
          ? `with ${codes(f.responseTypes)}`
          : f.hasResponseBody
            ? 'with the JSON shown in Response Details'
            : 'with a JSON body the API plan does not specify';
    return `${code(`${f.method} ${f.path}`)} ${action} and answers ${code(`${f.status} ${reason(f.status)}`)} ${answer}.`;
  },
  noDescription: 'The API plan gives no description for this endpoint.',
  planSays: 'The API plan describes it as',
  resource: 'Resource',
  planSection: 'API plan section',
  planLines: 'API plan lines',
  stack: 'Backend',
  unknownStack: 'not recognised from the tech stack doc; file locations below are generic',
  mainTable: 'Main table',
  httpMethod: 'HTTP Method',
  urlPattern: 'URL Pattern',
  parameters: 'Parameters',
  required: 'Required',
  optional: 'Optional',
  inPath: 'path',
  inQuery: 'query',
  unstated: '(the API plan does not say whether it is required)',
  queryAsWritten: 'Query string as written in the API plan',
  requestBody: 'Request Body',
  bodyNotSpecified: 'not specified in the API plan; confirm whether the endpoint takes one.',
  noTypes: (typesPath) =>
    typesPath === undefined
      ? 'No type declaration matches this endpoint (no types file is known).'
      : `No declaration in ${code(typesPath)} matches this endpoint.`,
  noTypesFile: 'The project has no types file, so there are no existing DTO or command types to reuse.',
  recommendTypes: (typesPath) =>
    `define the request (command) and response (DTO) types for this endpoint in ${typesPath === undefined ? 'a shared types file' : code(typesPath)}, derived from the table rows.`,
  recommendCommand: (typesPath) =>
    `add a command type for the request body to ${typesPath === undefined ? 'the types file' : code(typesPath)}; none of the declarations above describes it.`,
  typesIntro: (typesPath) =>
    `Declarations from ${typesPath === undefined ? 'the types file' : code(typesPath)} this endpoint uses:`,
  typeRole: (role) => {
    switch (role) {
      case 'request':
        return 'request (command)';
      case 'response':
        return 'response (DTO)';
      case 'resource':
        return 'type of the resource';
      case 'referenced':
        return 'referenced by the types above';
      case 'elsewhere':
        return 'not used by this endpoint';
      default:
        return assertNever(role);
    }
  },
  typesElsewhere: (names) => `Also related in the types file, not used by this endpoint: ${codes(names)}.`,
  responseType: 'Response type',
  success: 'Success',
  responseBody: 'Response body',
  responseNotSpecified: 'not specified in the API plan; confirm the response shape.',
  status: 'Status',
  meaning: 'Meaning',
  source: 'Source',
  fromSpec: 'API plan',
  standard: 'standard',
  flowHandler: (file, method, declaration) =>
    `The request reaches ${code(file)}, which holds the ${code(method)} handler${declaration === undefined ? '' : ` (${declaration})`}.`,
  flowHandlerUnknown: (method) =>
    `Recommended: the ${code(method)} request reaches a route handler placed with the other API handlers of the project.`,
  flowAuth: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `The handler reads the user from the Supabase session through ${code('context.locals.supabase')} (${code('auth.getUser()')}); without a user it answers 401.`
      : stack.db.kind === 'supabase'
        ? `The handler verifies the Supabase session token (${code('supabase.auth.getUser(token)')}); without a user it answers 401.`
        : 'Recommended: the handler resolves the authenticated user with the mechanism the project already uses; without one it answers 401.',
  flowValidate: (validation, body, params) => {
    const what = [
      params ? 'path and query parameters' : undefined,
      body ? 'the JSON body' : undefined,
    ].filter((x) => x !== undefined);
    const subject = what.length === 0 ? 'the request' : what.join(' and ');
    return validation === undefined
      ? `Recommended: validate ${subject} with a schema before any database work; failures answer 400.`
      : `The handler validates ${subject} with ${validation} before any database work; failures answer 400 with the field errors.`;
  },
  flowService: (file) =>
    `The handler calls a service function in ${code(file)} and keeps no business logic itself.`,
  flowServiceUnknown:
    'Recommended: the handler calls a service function, so business logic stays out of the route.',
  noTable: 'No table in the database plan matches this endpoint; confirm the data source.',
  flowDb: (step) => {
    const filter = step.filters.length === 0 ? '' : ` picked by ${codes(step.filters)}`;
    const scope = step.owner === undefined ? '' : ` and ${code(step.owner)} = the user's id`;
    switch (step.method) {
      case 'GET':
      case 'HEAD':
      case 'OPTIONS':
        return `The service reads ${step.filters.length > 0 && !step.list ? `the ${code(step.table)} row` : `${step.list ? 'a page of ' : ''}${code(step.table)} rows`}${filter}${step.owner === undefined ? '' : ` where ${code(step.owner)} = the user's id`} through ${step.client}${step.filters.length > 0 && !step.list ? '; no row → 404' : ''}.`;
      case 'POST': {
        const sets = [
          ...step.sets.map((set) => code(set)),
          ...(step.owner === undefined ? [] : [`${code(step.owner)} = the user's id`]),
        ];
        return `The service inserts a row into ${code(step.table)}${sets.length === 0 ? '' : ` (${sets.join(', ')})`} through ${step.client} and returns the created row.`;
      }
      case 'PUT':
      case 'PATCH':
        return `The service updates the ${code(step.table)} row${filter}${scope === '' ? '' : ` (matching on the id${scope})`} through ${step.client} and returns the updated row; no row → 404.`;
      case 'DELETE':
        return `The service deletes the ${code(step.table)} row${filter}${scope === '' ? '' : ` (matching on the id${scope})`} through ${step.client}; no row → 404.`;
      default:
        return assertNever(step.method);
    }
  },
  flowParent: (table, param, owner, carried) =>
    `The service first loads the ${code(table)} row given by ${code(param)}${owner === undefined ? '' : ` (it must belong to the user: ${code(`${table}.${owner}`)})`}; a missing or hidden row answers 404 before any write.${carried.length === 0 ? '' : ` The response also carries ${codes(carried)}, ${carried.length === 1 ? 'a column' : 'columns'} of ${code(table)}: read or update ${carried.length === 1 ? 'it' : 'them'} on that row in the same operation.`}`,
  flowReference: (column, table, owned, has404) =>
    `Every ${code(column)} in the body must point to an existing ${code(table)} row${owned ? ' of the same user' : ''}; check it before the write and answer ${has404 ? '404' : '400'} otherwise (the foreign key alone would give a 500).`,
  flowCascade: (table, column, onDelete) =>
    `The delete also affects ${code(table)} rows through ${code(`${table}.${column}`)} (ON DELETE ${onDelete}); the database does it, the service must not delete them one by one.`,
  flowRead: (table, reading) =>
    reading
      ? `The service also reads ${code(table)}, which the endpoint's description or response names.`
      : `The endpoint's description also names ${code(table)}; read or write it exactly as the API plan says.`,
  flowLog: (table) => `Failures are recorded in ${code(table)}, as the API plan says (see Error Handling).`,
  flowContext: (tables) =>
    `Also related in the database plan (the API plan does not say this operation uses them): ${tables
      .map((entry) =>
        entry.via === undefined ? code(entry.table) : `${code(entry.table)} (through ${code(entry.via)})`,
      )
      .join(', ')}.`,
  flowRespond: (status, types) =>
    status === 204
      ? 'The handler answers 204 with no body.'
      : types.length === 0
        ? `The handler answers ${status} with the JSON result.`
        : `The handler maps the result to ${codes(types)} and answers ${status}.`,
  authentication: 'Authentication',
  authText: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `Supabase Auth session, read in the handler through ${code('context.locals.supabase')}; requests without a user get 401.`
      : stack.db.kind === 'supabase'
        ? 'Supabase Auth JWT from the Authorization header; requests without a valid user get 401.'
        : 'Recommended: require an authenticated user for this endpoint unless the API plan says it is public; otherwise 401.',
  authorization: 'Authorization',
  rlsIntro: 'row-level security policies from the database plan:',
  rlsTarget: (table, command, policies) =>
    policies.length === 0
      ? `${command} on ${code(table)}: no policy in the database plan allows it, so RLS will refuse the operation; add one or confirm the intent.`
      : `${command} on ${code(table)} runs under ${codes(policies)}.`,
  rlsReturning: (policies) =>
    `Returning the written row also needs ${codes(policies)} (SELECT), since the row is read back after the write.`,
  rlsOther: (table, policies) =>
    `Other policies on ${code(table)}, not used by this operation: ${codes(policies)}.`,
  rlsParent: (table, policies, param) =>
    `Parent check: reading ${code(table)}${param === undefined ? '' : ` for ${code(param)}`} runs under ${policies.length === 0 ? 'no SELECT policy of the database plan (check ownership in the service)' : codes(policies)}; a row hidden by RLS looks missing, so answer 404.`,
  rlsRead: (table, policies) =>
    `Reading ${code(table)} for the response runs under ${policies.length === 0 ? 'no SELECT policy of the database plan (filter by owner in the service)' : codes(policies)}, so rows the user may not see are left out.`,
  rlsLog: (table, policies) =>
    `Writing a failure to ${code(table)} runs under ${policies.length === 0 ? 'no INSERT policy of the database plan (write it with a server-side client)' : codes(policies)}.`,
  parentOwnership: 'Parent ownership',
  parentCheck: (table, via, owner) =>
    owner === undefined
      ? `the ${code(table)} row named by ${code(via)} must exist; ${code(table)} has no owner column, so decide who may use it.`
      : `the ${code(table)} row named by ${code(via)} must belong to the user (${code(`${table}.${owner}`)}); never trust ${code(via)} alone.`,
  noRls: (tables) =>
    `the database plan defines no RLS policy for ${codes(tables)}. Recommended: enforce ownership in the service query.`,
  ownershipGeneric: 'check in the service that the user may access the resource.',
  ownership: 'Ownership',
  ownerColumn: (table, column, inBody) =>
    `${code(`${table}.${column}`)} ties rows to a user: set and filter it from the authenticated user${inBody ? `, never trust ${code(column)} from the body` : ', never from client input'}.`,
  inputValidation: 'Input validation',
  noValidationFacts: 'The API plan gives no parameters or body fields to validate.',
  strictBody: 'reject unknown body fields (a strict schema) so columns outside the contract cannot be set.',
  injection: (stack) =>
    stack.db.kind === 'unknown'
      ? 'use parameterised queries only; never build SQL from request text.'
      : `use the query builder of ${dbClient(stack, 'en')} with bound values only; never build SQL from request text.`,
  capPageSize: 'cap the page size parameter to a sensible maximum.',
  declaredType: (type) => `declared as ${code(type)}`,
  checkAsDocumented: 'validate as documented in the API plan',
  asWritten: (value) => `plan says ${code(value.replace(/`/g, "'"))}`,
  noColumn: 'no matching column in the related tables',
  derivedColumns: (columns) =>
    `not stored as such; the table keeps ${columns.map((column) => `${code(column.name)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`).join(', ')} derived from it, so validate the value so those hold`,
  itemFields: 'an array; each item is checked field by field below',
  body: 'body',
  patchAtLeastOne: 'Recommended: require at least one updatable field in the body.',
  column: (column, table) =>
    `column ${code(`${table === undefined ? '' : `${table}.`}${column.name} ${column.type}`)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`,
  requiredNotNull: 'required (NOT NULL without a default)',
  hasDefault: 'may be omitted (the column has a default)',
  maxLength: (length) => `at most ${length} characters`,
  oneOf: (values) => `one of ${codes(values)}`,
  typeCheck: (kind) => {
    switch (kind) {
      case 'uuid':
        return 'must be a UUID';
      case 'integer':
        return 'must be an integer';
      case 'number':
        return 'must be a number';
      case 'boolean':
        return 'must be a boolean';
      case 'timestamp':
        return 'must be an ISO 8601 date-time';
      case 'date':
        return 'must be an ISO 8601 date';
      case 'json':
        return 'must be valid JSON';
      default:
        return assertNever(kind);
    }
  },
  check: (constraint) => `must satisfy ${code(constraint)}`,
  mustExist: (table) => `must reference an existing ${code(table)} row`,
  unique: 'must be unique (Recommended: answer a duplicate with 409 Conflict)',
  scenario: 'Scenario',
  handling: 'Handling',
  scenarioFor: (status, endpoint, targets) => {
    switch (status) {
      case 400:
        return 'Invalid path/query parameters or body (see Input validation)';
      case 401:
        return 'No authenticated user';
      case 403:
        return 'The user may not act on this resource';
      case 404:
        return targets.length === 0
          ? `The resource named in ${code(endpoint.path)} does not exist or is not visible to the user`
          : `${targets
              .map((target) =>
                target.param === undefined
                  ? `the referenced ${code(target.table ?? '')} row does not exist`
                  : target.table === undefined
                    ? `no ${code(target.segment ?? endpoint.path)} for ${code(target.param)}`
                    : `no ${code(target.table)} row for ${code(target.param)}`,
              )
              .join('; ')
              .replace(/^./, (first) => first.toUpperCase())} (or RLS hides it)`;
      case 409:
        return 'The request conflicts with existing data (e.g. a unique constraint)';
      case 422:
        return 'Well-formed input that breaks a business rule';
      case 429:
        return 'Too many requests from this user';
      case 500:
        return 'Unexpected database or server error';
      default:
        return 'As described in the API plan';
    }
  },
  handlingFor: (status) => {
    if (status === 400 || status === 422)
      return 'Return the validation errors per field; do not touch the database';
    if (status === 401) return 'Return early before any database work';
    if (status === 500)
      return 'Log the error with the endpoint and user id; return a generic message without internals';
    return `Return ${status} with an error message the client can show`;
  },
  noErrorTable:
    'the database plan has no error log table among the related tables; log server errors with the project logger.',
  errorTable: (table) => `Log server-side failures to ${code(table)} from the database plan.`,
  indexesIntro: 'Indexes from the database plan on the tables this endpoint reads:',
  indexesWrite:
    'Indexes from the database plan on the table this endpoint writes (each one is updated by the write):',
  keyLookups: (tables) =>
    `${codes(tables)} ${tables.length === 1 ? 'is' : 'are'} looked up by primary key, which needs no extra index.`,
  uniqueIndex: 'unique',
  noIndexes: 'The database plan defines no index on the related tables.',
  indexFor: (table, column) => `an index on ${code(`${table}(${column})`)}, which this endpoint filters by.`,
  paginationPresent: 'The endpoint is paginated by its query parameters; keep the default page small.',
  paginationMissing: 'paginate the list (limit/offset or cursor) so the response stays bounded.',
  selectColumns: 'select only the columns the response needs.',
  nothingToTune: 'The docs name no table or index for this endpoint; it has no known database cost.',
  roundTrips: 'check referenced rows and write in as few round trips as possible (or one database function).',
  stepTypes: (names, typesPath) =>
    `Use ${codes(names)} from ${typesPath === undefined ? 'the types file' : code(typesPath)} for input and output.`,
  stepSchema: (validation) =>
    validation === undefined
      ? 'Recommended: write a validation schema for the parameters and body from the rules in Security Considerations.'
      : `Write a ${validation} schema for the parameters and body from the rules in Security Considerations.`,
  stepService: (file, method, tables) =>
    `Create or extend ${code(file)} with a function for ${code(method)} that takes the database client and the validated input${tables.length === 0 ? '' : ` and works on ${codes(tables)}`}.`,
  stepServiceUnknown: 'put the business logic in a service module next to the other services of the project.',
  stepHandler: (file, method, declaration) =>
    `Create ${code(file)} with the ${code(method)} handler${declaration === undefined ? '' : ` (${declaration})`}: authenticate, validate, call the service, map the result.`,
  stepHandlerUnknown: (method, path) =>
    `add the ${code(`${method} ${path}`)} route handler where the project keeps its API routes.`,
  stepErrors: (errors) =>
    `Map every failure to its status code (${errors.join(', ')}) with a JSON error body.`,
  stepRls: (policies) =>
    `Check that the RLS policies ${codes(policies)} allow exactly this operation for the user.`,
  stepTests: (success, errors) => `tests for ${success} and for each error status (${errors.join(', ')}).`,
  stepRules: (paths) => `Follow the implementation rules in ${codes(paths)}.`,
};

const PL: DraftText = {
  headings: {
    overview: 'Przegląd punktu końcowego',
    request: 'Szczegóły żądania',
    types: 'Wykorzystywane typy',
    response: 'Szczegóły odpowiedzi',
    dataFlow: 'Przepływ danych',
    security: 'Względy bezpieczeństwa',
    errors: 'Obsługa błędów',
    performance: 'Wydajność',
    steps: 'Etapy wdrożenia',
  },
  title: (name) => `API Endpoint Implementation Plan: ${name}`,
  recommended: 'Zalecane',
  none: 'brak',
  line: 'wiersz',
  on: 'na',
  summary: (f) => {
    const what = f.target === undefined ? `zasobu ${code(f.resource)}` : code(f.target);
    const of =
      f.parent === undefined
        ? ''
        : ` dla wiersza ${code(f.parent.table)} wskazanego przez ${code(f.parent.param)}`;
    const one =
      f.byParam === undefined ? `wiersz ${what}` : `wiersz ${what} wskazany przez ${code(f.byParam)}`;
    const action = (() => {
      switch (f.method) {
        case 'GET':
        case 'HEAD':
        case 'OPTIONS':
          return f.byParam === undefined && (f.list || f.target !== undefined)
            ? `zwraca listę wierszy ${what}${of}`
            : `zwraca ${one}${of}`;
        case 'POST':
          return `tworzy ${f.target === undefined ? `zasób ${code(f.resource)}` : `wiersz ${code(f.target)}`}${of}`;
        case 'PUT':
          return `zastępuje ${one}${of}`;
        case 'PATCH':
          return `aktualizuje pola ${f.byParam === undefined ? `wiersza ${what}` : `wiersza ${what} wskazanego przez ${code(f.byParam)}`}${of}`;
        case 'DELETE':
          return `usuwa ${one}${of}`;
        default:
          return assertNever(f.method);
      }
    })();
    const answer =
      f.status === 204
        ? 'bez treści'
        : f.responseTypes.length > 0
          ? `z ${codes(f.responseTypes)}`
          : f.hasResponseBody
            ? 'z JSON pokazanym w Szczegółach odpowiedzi'
            : 'z treścią JSON, której plan API nie określa';
    return `${code(`${f.method} ${f.path}`)} ${action} i odpowiada ${code(`${f.status} ${reason(f.status)}`)} ${answer}.`;
  },
  noDescription: 'Plan API nie podaje opisu tego punktu końcowego.',
  planSays: 'Opis w planie API',
  resource: 'Zasób',
  planSection: 'Sekcja planu API',
  planLines: 'Wiersze planu API',
  stack: 'Backend',
  unknownStack: 'nie rozpoznano w opisie stosu technologicznego; lokalizacje plików poniżej są ogólne',
  mainTable: 'Główna tabela',
  httpMethod: 'Metoda HTTP',
  urlPattern: 'Wzorzec URL',
  parameters: 'Parametry',
  required: 'Wymagane',
  optional: 'Opcjonalne',
  inPath: 'ścieżka',
  inQuery: 'zapytanie',
  unstated: '(plan API nie mówi, czy jest wymagany)',
  queryAsWritten: 'Ciąg zapytania zapisany w planie API',
  requestBody: 'Treść żądania',
  bodyNotSpecified: 'nie określono w planie API; potwierdź, czy punkt końcowy ją przyjmuje.',
  noTypes: (typesPath) =>
    typesPath === undefined
      ? 'Żadna deklaracja typu nie pasuje do tego punktu końcowego (brak znanego pliku typów).'
      : `Żadna deklaracja w ${code(typesPath)} nie pasuje do tego punktu końcowego.`,
  noTypesFile:
    'Projekt nie ma pliku typów, więc nie ma istniejących typów DTO ani command do ponownego użycia.',
  recommendTypes: (typesPath) =>
    `zdefiniuj typy żądania (command) i odpowiedzi (DTO) dla tego punktu końcowego w ${typesPath === undefined ? 'wspólnym pliku typów' : code(typesPath)}, na podstawie wierszy tabel.`,
  recommendCommand: (typesPath) =>
    `dodaj typ command dla treści żądania do ${typesPath === undefined ? 'pliku typów' : code(typesPath)}; żadna z powyższych deklaracji jej nie opisuje.`,
  typesIntro: (typesPath) =>
    `Deklaracje z ${typesPath === undefined ? 'pliku typów' : code(typesPath)} używane przez ten punkt końcowy:`,
  typeRole: (role) => {
    switch (role) {
      case 'request':
        return 'żądanie (command)';
      case 'response':
        return 'odpowiedź (DTO)';
      case 'resource':
        return 'typ zasobu';
      case 'referenced':
        return 'używany przez powyższe typy';
      case 'elsewhere':
        return 'nieużywany przez ten punkt końcowy';
      default:
        return assertNever(role);
    }
  },
  typesElsewhere: (names) => `Powiązane w pliku typów, nieużywane przez ten punkt końcowy: ${codes(names)}.`,
  responseType: 'Typ odpowiedzi',
  success: 'Sukces',
  responseBody: 'Treść odpowiedzi',
  responseNotSpecified: 'nie określono w planie API; potwierdź kształt odpowiedzi.',
  status: 'Status',
  meaning: 'Znaczenie',
  source: 'Źródło',
  fromSpec: 'plan API',
  standard: 'standard',
  flowHandler: (file, method, declaration) =>
    `Żądanie trafia do ${code(file)}, który zawiera obsługę ${code(method)}${declaration === undefined ? '' : ` (${declaration})`}.`,
  flowHandlerUnknown: (method) =>
    `Zalecane: żądanie ${code(method)} trafia do funkcji obsługi umieszczonej obok pozostałych tras API projektu.`,
  flowAuth: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `Funkcja obsługi odczytuje użytkownika z sesji Supabase przez ${code('context.locals.supabase')} (${code('auth.getUser()')}); bez użytkownika odpowiada 401.`
      : stack.db.kind === 'supabase'
        ? `Funkcja obsługi weryfikuje token sesji Supabase (${code('supabase.auth.getUser(token)')}); bez użytkownika odpowiada 401.`
        : 'Zalecane: funkcja obsługi ustala zalogowanego użytkownika mechanizmem używanym już w projekcie; bez niego odpowiada 401.',
  flowValidate: (validation, body, params) => {
    const what = [
      params ? 'parametry ścieżki i zapytania' : undefined,
      body ? 'treść JSON' : undefined,
    ].filter((x) => x !== undefined);
    const subject = what.length === 0 ? 'żądanie' : what.join(' oraz ');
    return validation === undefined
      ? `Zalecane: zwaliduj ${subject} schematem przed jakąkolwiek operacją na bazie; błędy dają 400.`
      : `Funkcja obsługi waliduje ${subject} za pomocą ${validation} przed jakąkolwiek operacją na bazie; błędy dają 400 z listą pól.`;
  },
  flowService: (file) =>
    `Funkcja obsługi wywołuje funkcję serwisu w ${code(file)} i sama nie zawiera logiki biznesowej.`,
  flowServiceUnknown:
    'Zalecane: funkcja obsługi wywołuje funkcję serwisu, aby logika biznesowa nie trafiła do trasy.',
  noTable: 'Żadna tabela w planie bazy danych nie pasuje do tego punktu końcowego; potwierdź źródło danych.',
  flowDb: (step) => {
    const filter = step.filters.length === 0 ? '' : ` wskazany przez ${codes(step.filters)}`;
    const scope = step.owner === undefined ? '' : ` i ${code(step.owner)} = id użytkownika`;
    switch (step.method) {
      case 'GET':
      case 'HEAD':
      case 'OPTIONS':
        return `Serwis odczytuje ${step.filters.length > 0 && !step.list ? 'wiersz' : step.list ? 'stronę wierszy' : 'wiersze'} ${code(step.table)}${filter}${step.owner === undefined ? '' : `, gdzie ${code(step.owner)} = id użytkownika,`} przez ${step.client}${step.filters.length > 0 && !step.list ? '; brak wiersza → 404' : ''}.`;
      case 'POST': {
        const sets = [
          ...step.sets.map((set) => code(set)),
          ...(step.owner === undefined ? [] : [`${code(step.owner)} = id użytkownika`]),
        ];
        return `Serwis wstawia wiersz do ${code(step.table)}${sets.length === 0 ? '' : ` (${sets.join(', ')})`} przez ${step.client} i zwraca utworzony wiersz.`;
      }
      case 'PUT':
      case 'PATCH':
        return `Serwis aktualizuje wiersz ${code(step.table)}${filter}${scope === '' ? '' : ` (dopasowanie po id${scope})`} przez ${step.client} i zwraca zaktualizowany wiersz; brak wiersza → 404.`;
      case 'DELETE':
        return `Serwis usuwa wiersz ${code(step.table)}${filter}${scope === '' ? '' : ` (dopasowanie po id${scope})`} przez ${step.client}; brak wiersza → 404.`;
      default:
        return assertNever(step.method);
    }
  },
  flowParent: (table, param, owner, carried) =>
    `Serwis najpierw wczytuje wiersz ${code(table)} wskazany przez ${code(param)}${owner === undefined ? '' : ` (musi należeć do użytkownika: ${code(`${table}.${owner}`)})`}; brak lub ukryty wiersz daje 404 przed jakimkolwiek zapisem.${carried.length === 0 ? '' : ` Odpowiedź zawiera też ${codes(carried)}, czyli kolumny ${code(table)}: odczytaj lub zaktualizuj je w tym wierszu w tej samej operacji.`}`,
  flowReference: (column, table, owned, has404) =>
    `Każde ${code(column)} w treści musi wskazywać istniejący wiersz ${code(table)}${owned ? ' tego samego użytkownika' : ''}; sprawdź to przed zapisem i w przeciwnym razie odpowiedz ${has404 ? '404' : '400'} (sam klucz obcy dałby 500).`,
  flowCascade: (table, column, onDelete) =>
    `Usunięcie dotyczy też wierszy ${code(table)} przez ${code(`${table}.${column}`)} (ON DELETE ${onDelete}); robi to baza, serwis nie usuwa ich pojedynczo.`,
  flowRead: (table, reading) =>
    reading
      ? `Serwis odczytuje też ${code(table)}, którą wymienia opis lub odpowiedź punktu końcowego.`
      : `Opis punktu końcowego wymienia też ${code(table)}; odczytuj lub zapisuj ją dokładnie tak, jak mówi plan API.`,
  flowLog: (table) => `Błędy są zapisywane w ${code(table)}, zgodnie z planem API (zob. Obsługa błędów).`,
  flowContext: (tables) =>
    `Powiązane też w planie bazy danych (plan API nie mówi, że ta operacja z nich korzysta): ${tables
      .map((entry) =>
        entry.via === undefined ? code(entry.table) : `${code(entry.table)} (przez ${code(entry.via)})`,
      )
      .join(', ')}.`,
  flowRespond: (status, types) =>
    status === 204
      ? 'Funkcja obsługi odpowiada 204 bez treści.'
      : types.length === 0
        ? `Funkcja obsługi odpowiada ${status} z wynikiem w JSON.`
        : `Funkcja obsługi mapuje wynik na ${codes(types)} i odpowiada ${status}.`,
  authentication: 'Uwierzytelnianie',
  authText: (stack) =>
    stack.db.kind === 'supabase-locals'
      ? `sesja Supabase Auth odczytywana w funkcji obsługi przez ${code('context.locals.supabase')}; żądania bez użytkownika dostają 401.`
      : stack.db.kind === 'supabase'
        ? 'token JWT Supabase Auth z nagłówka Authorization; żądania bez poprawnego użytkownika dostają 401.'
        : 'Zalecane: wymagaj zalogowanego użytkownika, chyba że plan API mówi, że punkt końcowy jest publiczny; w przeciwnym razie 401.',
  authorization: 'Autoryzacja',
  rlsIntro: 'polityki RLS z planu bazy danych:',
  rlsTarget: (table, command, policies) =>
    policies.length === 0
      ? `${command} na ${code(table)}: żadna polityka z planu bazy danych na to nie pozwala, więc RLS odrzuci operację; dodaj politykę lub potwierdź zamiar.`
      : `${command} na ${code(table)} działa w ramach ${codes(policies)}.`,
  rlsReturning: (policies) =>
    `Zwrócenie zapisanego wiersza wymaga też ${codes(policies)} (SELECT), bo wiersz jest odczytywany po zapisie.`,
  rlsOther: (table, policies) =>
    `Pozostałe polityki na ${code(table)}, nieużywane w tej operacji: ${codes(policies)}.`,
  rlsParent: (table, policies, param) =>
    `Kontrola rodzica: odczyt ${code(table)}${param === undefined ? '' : ` dla ${code(param)}`} działa w ramach ${policies.length === 0 ? 'żadnej polityki SELECT z planu bazy danych (sprawdź własność w serwisie)' : codes(policies)}; wiersz ukryty przez RLS wygląda na brakujący, więc odpowiedz 404.`,
  rlsRead: (table, policies) =>
    `Odczyt ${code(table)} na potrzeby odpowiedzi działa w ramach ${policies.length === 0 ? 'żadnej polityki SELECT z planu bazy danych (filtruj po właścicielu w serwisie)' : codes(policies)}, więc wiersze niewidoczne dla użytkownika są pomijane.`,
  rlsLog: (table, policies) =>
    `Zapis błędu do ${code(table)} działa w ramach ${policies.length === 0 ? 'żadnej polityki INSERT z planu bazy danych (zapisuj klientem serwerowym)' : codes(policies)}.`,
  parentOwnership: 'Własność rodzica',
  parentCheck: (table, via, owner) =>
    owner === undefined
      ? `wiersz ${code(table)} wskazany przez ${code(via)} musi istnieć; ${code(table)} nie ma kolumny właściciela, więc ustal, kto może go używać.`
      : `wiersz ${code(table)} wskazany przez ${code(via)} musi należeć do użytkownika (${code(`${table}.${owner}`)}); nie ufaj samemu ${code(via)}.`,
  noRls: (tables) =>
    `plan bazy danych nie definiuje polityk RLS dla ${codes(tables)}. Zalecane: wymuszaj własność rekordów w zapytaniu serwisu.`,
  ownershipGeneric: 'sprawdzaj w serwisie, czy użytkownik ma dostęp do zasobu.',
  ownership: 'Własność',
  ownerColumn: (table, column, inBody) =>
    `${code(`${table}.${column}`)} wiąże wiersze z użytkownikiem: ustawiaj i filtruj ją na podstawie zalogowanego użytkownika${inBody ? `, nigdy nie ufaj ${code(column)} z treści żądania` : ', nigdy z danych klienta'}.`,
  inputValidation: 'Walidacja danych wejściowych',
  noValidationFacts: 'Plan API nie podaje parametrów ani pól treści do walidacji.',
  strictBody:
    'odrzucaj nieznane pola treści (ścisły schemat), aby nie dało się ustawić kolumn spoza kontraktu.',
  injection: (stack) =>
    stack.db.kind === 'unknown'
      ? 'używaj wyłącznie zapytań parametryzowanych; nigdy nie składaj SQL z tekstu żądania.'
      : `używaj konstruktora zapytań ${dbClient(stack, 'pl')} z wiązanymi wartościami; nigdy nie składaj SQL z tekstu żądania.`,
  capPageSize: 'ogranicz parametr rozmiaru strony do rozsądnego maksimum.',
  declaredType: (type) => `zadeklarowany jako ${code(type)}`,
  checkAsDocumented: 'waliduj zgodnie z opisem w planie API',
  asWritten: (value) => `plan podaje ${code(value.replace(/`/g, "'"))}`,
  noColumn: 'brak pasującej kolumny w powiązanych tabelach',
  derivedColumns: (columns) =>
    `nie jest zapisywane wprost; tabela przechowuje wyliczone z niego ${columns.map((column) => `${code(column.name)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`).join(', ')}, więc waliduj wartość tak, by były spełnione`,
  itemFields: 'tablica; każdy element jest sprawdzany pole po polu poniżej',
  body: 'treść',
  patchAtLeastOne: 'Zalecane: wymagaj co najmniej jednego pola do aktualizacji w treści.',
  column: (column, table) =>
    `kolumna ${code(`${table === undefined ? '' : `${table}.`}${column.name} ${column.type}`)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`,
  requiredNotNull: 'wymagane (NOT NULL bez wartości domyślnej)',
  hasDefault: 'można pominąć (kolumna ma wartość domyślną)',
  maxLength: (length) => `najwyżej ${length} znaków`,
  oneOf: (values) => `jedna z wartości ${codes(values)}`,
  typeCheck: (kind) => {
    switch (kind) {
      case 'uuid':
        return 'musi być UUID';
      case 'integer':
        return 'musi być liczbą całkowitą';
      case 'number':
        return 'musi być liczbą';
      case 'boolean':
        return 'musi być wartością logiczną';
      case 'timestamp':
        return 'musi być datą i czasem ISO 8601';
      case 'date':
        return 'musi być datą ISO 8601';
      case 'json':
        return 'musi być poprawnym JSON';
      default:
        return assertNever(kind);
    }
  },
  check: (constraint) => `musi spełniać ${code(constraint)}`,
  mustExist: (table) => `musi wskazywać istniejący wiersz ${code(table)}`,
  unique: 'musi być unikalne (Zalecane: duplikat kończy się 409 Conflict)',
  scenario: 'Scenariusz',
  handling: 'Obsługa',
  scenarioFor: (status, endpoint, targets) => {
    switch (status) {
      case 400:
        return 'Niepoprawne parametry ścieżki/zapytania lub treść (zob. Walidacja danych wejściowych)';
      case 401:
        return 'Brak zalogowanego użytkownika';
      case 403:
        return 'Użytkownik nie może działać na tym zasobie';
      case 404:
        return targets.length === 0
          ? `Zasób wskazany w ${code(endpoint.path)} nie istnieje lub nie jest widoczny dla użytkownika`
          : `${targets
              .map((target) =>
                target.param === undefined
                  ? `wskazany wiersz ${code(target.table ?? '')} nie istnieje`
                  : target.table === undefined
                    ? `brak ${code(target.segment ?? endpoint.path)} dla ${code(target.param)}`
                    : `brak wiersza ${code(target.table)} dla ${code(target.param)}`,
              )
              .join('; ')
              .replace(/^./, (first) => first.toUpperCase())} (lub ukrywa go RLS)`;
      case 409:
        return 'Żądanie koliduje z istniejącymi danymi (np. ograniczenie unikalności)';
      case 422:
        return 'Poprawne formalnie dane łamiące regułę biznesową';
      case 429:
        return 'Zbyt wiele żądań od tego użytkownika';
      case 500:
        return 'Nieoczekiwany błąd bazy danych lub serwera';
      default:
        return 'Zgodnie z opisem w planie API';
    }
  },
  handlingFor: (status) => {
    if (status === 400 || status === 422) return 'Zwróć błędy walidacji dla każdego pola; nie dotykaj bazy';
    if (status === 401) return 'Zakończ wcześnie, przed operacjami na bazie';
    if (status === 500)
      return 'Zaloguj błąd z nazwą punktu końcowego i id użytkownika; zwróć ogólny komunikat bez szczegółów';
    return `Zwróć ${status} z komunikatem, który klient może pokazać`;
  },
  noErrorTable: 'wśród powiązanych tabel nie ma tabeli logów błędów; loguj błędy serwera loggerem projektu.',
  errorTable: (table) => `Loguj błędy po stronie serwera do ${code(table)} z planu bazy danych.`,
  indexesIntro: 'Indeksy z planu bazy danych na tabelach, które odczytuje ten punkt końcowy:',
  indexesWrite:
    'Indeksy z planu bazy danych na tabeli, do której zapisuje ten punkt końcowy (każdy jest aktualizowany przy zapisie):',
  keyLookups: (tables) =>
    `${codes(tables)} ${tables.length === 1 ? 'jest odczytywana' : 'są odczytywane'} po kluczu głównym, co nie wymaga dodatkowego indeksu.`,
  uniqueIndex: 'unikalny',
  noIndexes: 'Plan bazy danych nie definiuje indeksów na powiązanych tabelach.',
  indexFor: (table, column) =>
    `indeks na ${code(`${table}(${column})`)}, po którym filtruje ten punkt końcowy.`,
  paginationPresent: 'Punkt końcowy jest stronicowany parametrami zapytania; utrzymuj małą domyślną stronę.',
  paginationMissing: 'stronicuj listę (limit/offset lub kursor), aby odpowiedź miała ograniczony rozmiar.',
  selectColumns: 'pobieraj tylko kolumny potrzebne w odpowiedzi.',
  nothingToTune:
    'Dokumenty nie wskazują tabeli ani indeksu dla tego punktu końcowego; nie ma znanego kosztu po stronie bazy.',
  roundTrips:
    'sprawdzaj wskazywane wiersze i zapisuj w jak najmniejszej liczbie zapytań (lub jednej funkcji bazy).',
  stepTypes: (names, typesPath) =>
    `Użyj ${codes(names)} z ${typesPath === undefined ? 'pliku typów' : code(typesPath)} dla wejścia i wyjścia.`,
  stepSchema: (validation) =>
    validation === undefined
      ? 'Zalecane: napisz schemat walidacji parametrów i treści według reguł z sekcji Względy bezpieczeństwa.'
      : `Napisz schemat ${validation} dla parametrów i treści według reguł z sekcji Względy bezpieczeństwa.`,
  stepService: (file, method, tables) =>
    `Utwórz lub rozszerz ${code(file)} o funkcję dla ${code(method)}, która przyjmuje klienta bazy i zwalidowane dane${tables.length === 0 ? '' : ` i operuje na ${codes(tables)}`}.`,
  stepServiceUnknown: 'umieść logikę biznesową w module serwisu obok pozostałych serwisów projektu.',
  stepHandler: (file, method, declaration) =>
    `Utwórz ${code(file)} z obsługą ${code(method)}${declaration === undefined ? '' : ` (${declaration})`}: uwierzytelnij, zwaliduj, wywołaj serwis, zmapuj wynik.`,
  stepHandlerUnknown: (method, path) =>
    `dodaj obsługę trasy ${code(`${method} ${path}`)} tam, gdzie projekt trzyma trasy API.`,
  stepErrors: (errors) =>
    `Mapuj każdy błąd na jego kod statusu (${errors.join(', ')}) z treścią błędu w JSON.`,
  stepRls: (policies) =>
    `Sprawdź, że polityki RLS ${codes(policies)} pozwalają użytkownikowi dokładnie na tę operację.`,
  stepTests: (success, errors) => `testy dla ${success} i dla każdego statusu błędu (${errors.join(', ')}).`,
  stepRules: (paths) => `Stosuj zasady implementacji z ${codes(paths)}.`,
};
