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
} from '../docs/model.ts';
import { METHOD_ALTERNATION } from '../routes/methods.ts';
import { pathSegments, routeShape } from '../routes/paths.ts';
import {
  code,
  codes,
  type DraftText,
  dbClient,
  draftText,
  handlerDeclaration,
  reason,
} from './offline-draft-text.ts';
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
  for (const part of pathSegments(endpoint.path)) {
    if (!part.param) {
      previous = part.name;
      continue;
    }
    const param = part.name;
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
    const prose = endpoint.markdown.replace(ROUTE_MENTION, '');
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
  return [...text.matchAll(ROUTE_MENTION)].map(
    (match) => `${match[1] ?? ''} ${routeShape((match[2] ?? '').replace(/[.:,;)]+$/, ''))}`,
  );
}

const ROUTE_MENTION = new RegExp(`\\b(${METHOD_ALTERNATION})\\s+(\\/[\\w\\-{}[\\]/:.]*)`, 'g');

/**
 * The role of each related declaration: one whose doc names this endpoint (`Body of POST /api/x`) or that the
 * endpoint names is a request or response type; one whose doc names only other endpoints is `elsewhere`; what the
 * chosen ones reference is `referenced`. When nothing names this endpoint, list and pagination types stay out of
 * single-item endpoints.
 */
export function typeUses(endpoint: Endpoint, decls: readonly TypeDecl[]): TypeUse[] {
  const own = `${endpoint.method} ${routeShape(endpoint.path)}`;
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
  const own = `${endpoint.method} ${routeShape(endpoint.path)}`;
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
