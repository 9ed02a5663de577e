import { assertNever } from '../assert-never.ts';
import type { Column, Endpoint, HttpMethod, PickedRule, Related, Table } from '../spec/model.ts';
import { endpointFile, literalSegments, resourceName, type StackProfile, serviceFile } from './tech-stack.ts';

/** Everything the offline engine knows about one endpoint; all of it comes from the project's docs. */
export type DraftInput = {
  readonly endpoint: Endpoint;
  readonly related: Related;
  readonly stack: StackProfile;
  readonly rules: readonly PickedRule[];
  readonly language: 'en' | 'pl';
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

/** The facts a draft is built from, also shown in the offline engine's analysis block. */
export type DraftFacts = {
  readonly title: string;
  readonly resource: string;
  readonly required: readonly ParamLine[];
  readonly optional: readonly ParamLine[];
  readonly bodyFields: readonly BodyField[];
  readonly primaryTable: Table | undefined;
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
    section(3, t.headings.types, usedTypes(input, t)),
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
  return {
    title: endpoint.title.trim() === '' ? `${endpoint.method} ${endpoint.path}` : endpoint.title.trim(),
    resource,
    required: params.filter((param) => param.required),
    optional: params.filter((param) => !param.required),
    bodyFields: endpoint.requestBody === undefined ? [] : topLevelFields(endpoint.requestBody),
    primaryTable: main?.table ?? related.tables[0],
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
  const description = endpoint.description.trim();
  const lines = [description === '' ? t.noDescription(endpoint.method, endpoint.path) : description, ''];
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

function usedTypes(input: DraftInput, t: DraftText): string[] {
  const { types } = input.related;
  if (types.length === 0) {
    return [
      t.noTypes(input.stack.typesPath),
      '',
      `${t.recommended}: ${t.recommendTypes(input.stack.typesPath)}`,
    ];
  }
  const lines = [t.typesIntro(input.stack.typesPath), ''];
  for (const decl of types) {
    lines.push(`- \`${decl.name}\` (${decl.kind}, ${t.line} ${decl.line})`);
  }
  lines.push('');
  for (const decl of types) lines.push(fence(decl.text, 'ts'), '');
  return lines;
}

function responseDetails(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint } = input;
  const lines = [`- ${t.success}: \`${facts.successStatus} ${reason(facts.successStatus)}\``];
  if (facts.successStatus === 204 && endpoint.responseBody === undefined) {
    lines.push(`- ${t.responseBody}: ${t.none}`, '');
  } else if (endpoint.responseBody !== undefined) {
    lines.push(
      `- ${t.responseBody}:`,
      '',
      fence(endpoint.responseBody, fenceLanguage(endpoint.responseBody)),
      '',
    );
  } else {
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
  const inputTypes = related.types.filter((decl) => isInputType(decl.name)).map((decl) => decl.name);
  const outputTypes = related.types.filter((decl) => !isInputType(decl.name)).map((decl) => decl.name);
  flow.push(
    t.flowValidate(
      facts.validation,
      facts.bodyFields.length > 0,
      facts.required.length + facts.optional.length > 0,
      inputTypes,
    ),
  );
  flow.push(facts.serviceFile === undefined ? t.flowServiceUnknown : t.flowService(facts.serviceFile));
  if (related.tables.length === 0) {
    flow.push(t.noTable);
  } else {
    const main = facts.primaryTable ?? related.tables[0];
    if (main !== undefined) flow.push(t.flowDb(endpoint.method, main.name, stack, pathParamNames(endpoint)));
    for (const fk of main?.foreignKeys ?? []) {
      if (related.tables.some((table) => table.name === fk.references.table)) {
        flow.push(
          t.flowForeignKey(fk.column, fk.references.table, fk.references.column, hasBody(endpoint.method)),
        );
      }
    }
    const others = related.tables.filter((table) => table !== main).map((table) => table.name);
    if (others.length > 0) flow.push(t.flowRelatedTables(others));
  }
  flow.push(t.flowRespond(facts.successStatus, outputTypes));
  return flow.map((step, index) => `${index + 1}. ${step}`);
}

function security(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related, stack } = input;
  const lines = [`- ${t.authentication}: ${t.authText(stack)}`];
  if (related.policies.length > 0) {
    lines.push(`- ${t.authorization}: ${t.rlsIntro}`);
    for (const policy of related.policies) {
      lines.push(
        `  - \`${policy.name ?? policy.table}\` (${policy.table}, ${policy.command ?? t.commandUnstated})`,
      );
    }
    lines.push('', fence(related.policies.map((policy) => policy.text).join('\n'), 'sql'), '');
  } else if (related.tables.length > 0) {
    lines.push(`- ${t.authorization}: ${t.noRls(related.tables.map((table) => table.name))}`);
  } else {
    lines.push(`- ${t.authorization}: ${t.recommended}: ${t.ownershipGeneric}`);
  }
  const owner = ownerColumn(facts.primaryTable);
  if (owner !== undefined && facts.primaryTable !== undefined) {
    lines.push(
      `- ${t.ownership}: ${t.ownerColumn(
        facts.primaryTable.name,
        owner,
        facts.bodyFields.some((field) => field.name === owner),
      )}`,
    );
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

function validationRules(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related } = input;
  const rules: string[] = [];
  const idColumn = facts.primaryTable?.columns.find((column) => column.name === 'id');
  for (const param of [...facts.required, ...facts.optional]) {
    const column =
      param.in === 'path' && idColumn !== undefined && /^(?:id|\w+[_-]?id)$/i.test(param.name)
        ? (findColumn(related.tables, param.name) ?? idColumn)
        : findColumn(related.tables, param.name);
    const checks = [
      ...(param.type === undefined ? [] : [t.declaredType(param.type)]),
      ...(column === undefined ? [] : columnChecks(column, related, t, false)),
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
    const checks = [
      t.asWritten(field.value),
      ...(column === undefined ? [t.noColumn] : columnChecks(column, related, t, creating)),
    ];
    rules.push(`\`${field.name}\` (${t.body}): ${checks.join('; ')}`);
  }
  if (endpoint.method === 'PATCH' && facts.bodyFields.length > 0) rules.push(t.patchAtLeastOne);
  return rules;
}

function columnChecks(column: Column, related: Related, t: DraftText, creating: boolean): string[] {
  const checks = [t.column(column)];
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

/** A row whose absence answers 404: the table, and the path parameter that names it (none for a referenced row). */
export type NotFoundTarget = { readonly table: string; readonly param: string | undefined };

function notFoundTargets(input: DraftInput, facts: DraftFacts): NotFoundTarget[] {
  const main = facts.primaryTable;
  const params = pathParamNames(input.endpoint);
  if (main === undefined) return [];
  if (params.length > 0) {
    return params.map((param) => {
      const fk = main.foreignKeys.find((key) => normalize(key.column) === normalize(param));
      return { table: fk?.references.table ?? main.name, param };
    });
  }
  if (!hasBody(input.endpoint.method)) return [];
  return main.foreignKeys
    .filter((key) => input.related.tables.some((table) => table.name === key.references.table))
    .map((key) => ({ table: key.references.table, param: undefined }));
}

function errorHandling(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const lines = [`| ${t.status} | ${t.scenario} | ${t.handling} |`, '|---|---|---|'];
  const targets = notFoundTargets(input, facts);
  for (const status of facts.statuses) {
    if (status.code < 400) continue;
    lines.push(
      `| ${status.code} ${reason(status.code)} | ${t.scenarioFor(status.code, input.endpoint, targets)} | ${t.handlingFor(status.code)} |`,
    );
  }
  const logTable = input.related.tables.find((table) =>
    /(?:^|_)(?:error|errors|logs?|audit)(?:_|$)/i.test(table.name),
  );
  lines.push(
    '',
    logTable === undefined ? `${t.recommended}: ${t.noErrorTable}` : t.errorTable(logTable.name),
  );
  return lines;
}

function performance(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related } = input;
  const lines: string[] = [];
  if (related.indexes.length > 0) {
    lines.push(`- ${t.indexesIntro}`);
    for (const index of related.indexes) {
      lines.push(
        `  - \`${index.name ?? index.text}\` ${t.on} \`${index.table}(${index.columns.join(', ')})\`${index.unique ? ` (${t.uniqueIndex})` : ''}`,
      );
    }
  } else if (related.tables.length > 0) {
    lines.push(`- ${t.noIndexes}`);
  }
  const filters = [...facts.required, ...facts.optional].map((param) => param.name);
  const table = facts.primaryTable;
  if (table !== undefined && endpoint.method === 'GET') {
    const unindexed = filters.filter((name) => {
      const column = findColumn([table], name);
      return (
        column !== undefined &&
        column.name !== 'id' &&
        !related.indexes.some((index) => index.table === table.name && index.columns[0] === column.name)
      );
    });
    for (const name of unindexed)
      lines.push(`- ${t.recommended}: ${t.indexFor(table.name, findColumn([table], name)?.name ?? name)}`);
  }
  const paginated = facts.optional.some((param) => isPageSize(param.name));
  const isList =
    endpoint.method === 'GET' &&
    !pathParamNames(endpoint).some((name) => isLastSegmentParam(endpoint.path, name)) &&
    (paginated ||
      /^\s*\[|"(?:data|items|results)"\s*:\s*\[/.test(endpoint.responseBody ?? '') ||
      /\b(?:list|lists|all|lista|listę|wszystkie)\b/i.test(`${endpoint.title} ${endpoint.description}`));
  if (isList) {
    lines.push(
      `- ${facts.optional.some((param) => isPageSize(param.name)) ? t.paginationPresent : `${t.recommended}: ${t.paginationMissing}`}`,
    );
  }
  if (related.tables.length > 0) lines.push(`- ${t.recommended}: ${t.selectColumns}`);
  if (lines.length === 0) lines.push(`- ${t.nothingToTune}`);
  if (hasBody(endpoint.method) && related.tables.length > 1)
    lines.push(`- ${t.recommended}: ${t.roundTrips}`);
  return lines;
}

function steps(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { endpoint, related, stack, rules } = input;
  const list: string[] = [];
  list.push(
    related.types.length > 0
      ? t.stepTypes(
          related.types.map((decl) => decl.name),
          stack.typesPath,
        )
      : `${t.recommended}: ${t.recommendTypes(stack.typesPath)}`,
  );
  if (facts.bodyFields.length > 0 || facts.required.length + facts.optional.length > 0) {
    list.push(t.stepSchema(facts.validation));
  }
  list.push(
    facts.serviceFile === undefined
      ? `${t.recommended}: ${t.stepServiceUnknown}`
      : t.stepService(
          facts.serviceFile,
          endpoint.method,
          related.tables.map((table) => table.name),
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
  if (related.policies.length > 0)
    list.push(t.stepRls(related.policies.map((policy) => policy.name ?? policy.table)));
  list.push(
    `${t.recommended}: ${t.stepTests(
      facts.successStatus,
      facts.statuses.filter((status) => status.code >= 400).map((status) => status.code),
    )}`,
  );
  if (rules.length > 0) list.push(t.stepRules(rules.map((picked) => picked.rule.path)));
  return list.map((step, index) => `${index + 1}. ${step}`);
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
  noDescription(method: HttpMethod, path: string): string;
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
  recommendTypes(typesPath: string | undefined): string;
  typesIntro(typesPath: string | undefined): string;
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
  flowDb(method: HttpMethod, table: string, stack: StackProfile, pathParams: readonly string[]): string;
  flowForeignKey(column: string, table: string, referenced: string | undefined, writing: boolean): string;
  flowRelatedTables(tables: readonly string[]): string;
  flowRespond(status: number, types: readonly string[]): string;
  readonly authentication: string;
  authText(stack: StackProfile): string;
  readonly authorization: string;
  readonly rlsIntro: string;
  readonly commandUnstated: string;
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
  readonly body: string;
  readonly patchAtLeastOne: string;
  column(column: Column): string;
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
  noDescription: (method, path) => `${code(`${method} ${path}`)}; the API plan gives no description.`,
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
  recommendTypes: (typesPath) =>
    `define the request (command) and response (DTO) types for this endpoint in ${typesPath === undefined ? 'the shared types file' : code(typesPath)}, derived from the table rows.`,
  typesIntro: (typesPath) =>
    `Declarations from ${typesPath === undefined ? 'the types file' : code(typesPath)} this endpoint uses:`,
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
  flowDb: (method, table, stack, pathParams) => {
    const client = dbClient(stack, 'en');
    const filter = pathParams.length === 0 ? '' : ` filtered by ${codes(pathParams)}`;
    switch (method) {
      case 'GET':
      case 'HEAD':
      case 'OPTIONS':
        return `The service reads ${code(table)}${filter} through ${client}.`;
      case 'POST':
        return `The service inserts a row into ${code(table)} through ${client} and returns the created row.`;
      case 'PUT':
      case 'PATCH':
        return `The service updates the ${code(table)} row${filter} through ${client} and returns the updated row; no row → 404.`;
      case 'DELETE':
        return `The service deletes the ${code(table)} row${filter} through ${client}; no row → 404.`;
      default:
        return assertNever(method);
    }
  },
  flowForeignKey: (column, table, referenced, writing) =>
    `${code(column)} references ${code(`${table}(${referenced ?? 'id'})`)}${writing ? ': the referenced row must exist (and belong to the user when the table is user-owned).' : '.'}`,
  flowRelatedTables: (tables) => `Related tables in the database plan: ${codes(tables)}.`,
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
  rlsIntro: 'row-level security policies from the database plan apply:',
  commandUnstated: 'command not stated',
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
  body: 'body',
  patchAtLeastOne: 'Recommended: require at least one updatable field in the body.',
  column: (column) =>
    `column ${code(`${column.name} ${column.type}`)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`,
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
                  ? `the referenced ${code(target.table)} row does not exist`
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
  indexesIntro: 'Indexes from the database plan that serve this endpoint:',
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
  noDescription: (method, path) => `${code(`${method} ${path}`)}; plan API nie podaje opisu.`,
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
  recommendTypes: (typesPath) =>
    `zdefiniuj typy żądania (command) i odpowiedzi (DTO) dla tego punktu końcowego w ${typesPath === undefined ? 'wspólnym pliku typów' : code(typesPath)}, na podstawie wierszy tabel.`,
  typesIntro: (typesPath) =>
    `Deklaracje z ${typesPath === undefined ? 'pliku typów' : code(typesPath)} używane przez ten punkt końcowy:`,
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
  flowDb: (method, table, stack, pathParams) => {
    const client = dbClient(stack, 'pl');
    const filter = pathParams.length === 0 ? '' : ` filtrowany po ${codes(pathParams)}`;
    switch (method) {
      case 'GET':
      case 'HEAD':
      case 'OPTIONS':
        return `Serwis odczytuje ${code(table)}${filter} przez ${client}.`;
      case 'POST':
        return `Serwis wstawia wiersz do ${code(table)} przez ${client} i zwraca utworzony wiersz.`;
      case 'PUT':
      case 'PATCH':
        return `Serwis aktualizuje wiersz ${code(table)}${filter} przez ${client} i zwraca zaktualizowany wiersz; brak wiersza → 404.`;
      case 'DELETE':
        return `Serwis usuwa wiersz ${code(table)}${filter} przez ${client}; brak wiersza → 404.`;
      default:
        return assertNever(method);
    }
  },
  flowForeignKey: (column, table, referenced, writing) =>
    `${code(column)} wskazuje na ${code(`${table}(${referenced ?? 'id'})`)}${writing ? ': wskazany wiersz musi istnieć (i należeć do użytkownika, gdy tabela jest przypisana do użytkownika).' : '.'}`,
  flowRelatedTables: (tables) => `Powiązane tabele z planu bazy danych: ${codes(tables)}.`,
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
  rlsIntro: 'obowiązują polityki RLS z planu bazy danych:',
  commandUnstated: 'operacja nieokreślona',
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
  body: 'treść',
  patchAtLeastOne: 'Zalecane: wymagaj co najmniej jednego pola do aktualizacji w treści.',
  column: (column) =>
    `kolumna ${code(`${column.name} ${column.type}`)}${column.constraints.length === 0 ? '' : ` ${code(column.constraints.join(' '))}`}`,
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
                  ? `wskazany wiersz ${code(target.table)} nie istnieje`
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
  indexesIntro: 'Indeksy z planu bazy danych, które obsługują ten punkt końcowy:',
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
