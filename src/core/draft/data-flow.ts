import type { CodeNames } from './code-names.ts';
import type { DraftFacts, DraftInput } from './facts.ts';
import { ruleSource } from './layout.ts';
import { at, code, oneLine } from './markdown.ts';
import { applyingPolicies } from './security.ts';
import type { DraftText } from './text.ts';

/** The SQL verb and target the main operation is written with (`INSERT INTO daily_chores`). */
export function operationText(operation: DraftFacts['operation'], table: string): string {
  switch (operation) {
    case 'INSERT':
      return `INSERT INTO ${table}`;
    case 'UPDATE':
      return `UPDATE ${table}`;
    case 'DELETE':
      return `DELETE FROM ${table}`;
    case 'SELECT':
      return `SELECT … FROM ${table}`;
  }
}

function knownColumn(dossier: DraftInput['dossier'], table: string, column: string): boolean {
  return dossier.tables.some(
    (fact) => fact.name === table && fact.columns.some((known) => known.name === column),
  );
}

/** Section 5: the request's way through handler, validation, service and tables, each step from a fact. */
export function dataFlowSection(
  input: DraftInput,
  facts: DraftFacts,
  names: CodeNames,
  t: DraftText,
): string[] {
  const { dossier, layout } = input;
  const steps: string[] = [];
  const routeRule = ruleSource(layout.route);
  const platform = facts.platform;
  const served = platform !== undefined && platform.kind !== 'edge-function';
  steps.push(
    served
      ? t.flowServed(
          platform.kind === 'rest-table'
            ? t.servedTable(code(platform.table))
            : platform.kind === 'rest-rpc'
              ? t.servedRpc(code(platform.fn))
              : t.servedAuth,
        )
      : layout.route === undefined
        ? t.flowRouteUnknown(code(dossier.method))
        : t.flowRoute(
            code(layout.route.path),
            code(dossier.method),
            routeRule === undefined ? undefined : code(at(routeRule)),
          ),
  );
  const auth = facts.rules('auth');
  if (facts.unauthenticated !== undefined) {
    steps.push(
      (served ? t.flowAuthServed : t.flowAuth)(
        facts.unauthenticated.code,
        auth[0] === undefined
          ? facts.unauthenticated.fact === undefined
            ? undefined
            : code(at(facts.unauthenticated.fact.source))
          : code(at(auth[0].source)),
      ),
    );
  } else {
    steps.push(t.flowNoAuth);
  }
  if (facts.fields.length > 0) {
    const validation = facts.validation;
    steps.push(
      served
        ? t.flowValidateClient
        : t.flowValidate(
            validation.code,
            validation.fact === undefined ? undefined : code(at(validation.fact.source)),
          ),
    );
  }
  if (served && platform.kind === 'rest-table') {
    const policies = applyingPolicies(input, facts).map((policy) => code(policy.name ?? policy.table));
    steps.push(
      policies.length > 0 ? t.flowPolicies(policies.join(', ')) : t.flowNoPolicies(code(platform.table)),
    );
  } else if (!served) {
    steps.push(
      layout.service === undefined
        ? t.flowServiceUnknown(code(names.service))
        : t.flowService(code(names.service), code(layout.service.path)),
    );
  }
  const notFound = facts.notFound;
  for (const rule of facts.fields.filter((field) => field.where === 'path')) {
    const lookup = rule.lookup;
    if (lookup === undefined || lookup.table === facts.resource?.name) continue;
    steps.push(
      t.flowLookup(
        code(lookup.table),
        // `table.column` only for a column the db plan lists; a key it only references (`REFERENCES users(id)`) stays bare.
        code(
          `${knownColumn(dossier, lookup.table, lookup.column) ? `${lookup.table}.` : ''}${lookup.column} = :${rule.name}`,
        ),
        notFound?.code,
        notFound?.fact === undefined ? undefined : code(at(notFound.fact.source)),
      ),
    );
  }
  const lookedUp = new Set(
    facts.fields.flatMap((rule) => (rule.lookup === undefined ? [] : [rule.lookup.table])),
  );
  for (const table of facts.reads) {
    if ((table === facts.resource && facts.operation === 'SELECT') || lookedUp.has(table.name)) continue;
    steps.push(t.flowRead(code(table.name), t.phrase(table.why)));
  }
  if (facts.resource !== undefined) {
    const resource = facts.resource;
    const written =
      facts.writes.includes(resource) || facts.operation === 'SELECT' ? facts.operation : 'SELECT';
    const keyed = facts.fields.filter(
      (rule) => rule.where === 'path' && rule.column?.table === resource.name,
    );
    const filter = keyed.map((rule) => `${rule.column?.column.name} = :${rule.name}`);
    const byOwnKey = keyed.some((rule) => rule.lookup?.table === resource.name);
    steps.push(
      written === 'INSERT'
        ? t.flowInsert(
            code(operationText(written, resource.name)),
            filter.length === 0 ? undefined : code(filter.join(', ')),
          )
        : t.flowMain(
            code(operationText(written, resource.name)),
            filter.length === 0 ? undefined : code(filter.join(' AND ')),
            notFound !== undefined && byOwnKey ? notFound.code : undefined,
          ),
    );
  } else if (!served) {
    steps.push(t.flowNoTable);
  }
  for (const table of facts.writes) {
    if (table === facts.resource) continue;
    steps.push(t.flowWrite(code(table.name), t.phrase(table.why)));
  }
  for (const name of dossier.writes.filter(
    (write) => !dossier.tables.some((table) => table.name === write),
  )) {
    steps.push(t.flowWrite(code(name), undefined));
  }
  for (const trigger of dossier.triggers.filter((fact) =>
    facts.writes.some((table) => table.name === fact.table),
  )) {
    steps.push(
      t.flowTrigger(
        trigger.name === undefined ? t.unnamedTrigger : code(trigger.name),
        oneLine(trigger.text),
        code(at(trigger.source)),
      ),
    );
  }
  if (dossier.unique.length > 0 || dossier.foreignKeys.length > 0 || dossier.checks.length > 0)
    steps.push(t.flowConstraints);
  const dto = facts.responseType === undefined ? undefined : code(facts.responseType.name);
  steps.push((served ? t.flowRespondServed : t.flowRespond)(facts.success.code, dto));
  return steps.map((step, index) => `${index + 1}. ${step}`);
}
