import type { CodeMap } from '../code/model.ts';
import type { Endpoint, Spec } from '../docs/model.ts';
import { buildDossier } from '../dossier/build.ts';
import type { Dossier, SourceRef } from '../dossier/model.ts';
import { scanLines } from './validate.ts';

/** What kind of name or fact a finding is about. */
export type FindingKind =
  | 'unknown-table'
  | 'unknown-column'
  | 'unknown-type'
  | 'dropped-status'
  | 'contradicting-status'
  | 'dropped-field';

/** A name the plan uses that the docs do not have, or a fact of the docs the plan drops or contradicts. */
export type Finding = {
  readonly kind: FindingKind;
  /** The name or code, as the plan (or the docs) writes it. */
  readonly name: string;
  /** 1-based line of the plan where it is first seen; 0 for a fact the plan never mentions. */
  readonly line: number;
  /** One sentence naming it and the doc that decides it. */
  readonly message: string;
};

/** The names the docs have, read once per run: every plan of the run is checked against the same index. */
export type GroundingIndex = {
  readonly dbFile: string | undefined;
  /** Table name (lower case, no schema) → its columns (lower case); empty when there is no db plan. */
  readonly tables: ReadonlyMap<string, { readonly columns: ReadonlySet<string>; readonly line: number }>;
  /** Every identifier of the db plan, lower case: a table the parser missed is still not invented. */
  readonly dbWords: ReadonlySet<string>;
  readonly typesFile: string | undefined;
  /** Names declared in the types file. */
  readonly types: ReadonlySet<string>;
  /** Every identifier of every doc (API plan, db plan, types, tech stack, rules), as written. */
  readonly docWords: ReadonlySet<string>;
};

type DocsForGrounding = Pick<
  Spec,
  'sources' | 'db' | 'dbText' | 'types' | 'typesText' | 'apiText' | 'techStack' | 'rules'
>;

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

function words(text: string, into: Set<string>, lower: boolean): void {
  for (const match of text.matchAll(IDENTIFIER)) into.add(lower ? match[0].toLowerCase() : match[0]);
}

/** Reads the names of the docs once, for `groundPlan`. */
export function groundingIndex(spec: DocsForGrounding): GroundingIndex {
  const tables = new Map<string, { columns: Set<string>; line: number }>();
  for (const table of spec.db?.tables ?? []) {
    tables.set(bareTable(table.name), {
      columns: new Set(table.columns.map((column) => column.name.toLowerCase())),
      line: table.line,
    });
  }
  // A column the db plan names only where another table points at it (`REFERENCES users(id)`, `users.id`) is
  // still one of its columns: auth tables and inherited identity tables are often described that way.
  const addColumn = (table: string, column: string | undefined): void => {
    const known = tables.get(bareTable(table));
    if (known !== undefined && column !== undefined) known.columns.add(column.toLowerCase());
  };
  for (const table of spec.db?.tables ?? []) {
    for (const key of table.foreignKeys) addColumn(key.references.table, key.references.column);
  }
  const dbText = spec.dbText ?? '';
  for (const match of dbText.matchAll(/\b([A-Za-z_][\w.]*)\s*\(\s*"?([A-Za-z_]\w*)"?\s*\)/g))
    addColumn(match[1] ?? '', match[2]);
  for (const match of dbText.matchAll(/\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b/g))
    addColumn(match[1] ?? '', match[2]);
  const dbWords = new Set<string>();
  words(dbText, dbWords, true);
  const docWords = new Set<string>();
  for (const text of [
    spec.apiText,
    spec.dbText ?? '',
    spec.typesText ?? '',
    spec.techStack ?? '',
    ...spec.rules.map((picked) => picked.rule.body),
  ]) {
    words(text, docWords, false);
  }
  return {
    dbFile: spec.db === undefined ? undefined : spec.sources.dbPlan,
    tables,
    dbWords,
    typesFile: spec.types === undefined ? undefined : spec.sources.types,
    types: new Set((spec.types?.decls ?? []).map((decl) => decl.name)),
    docWords,
  };
}

/** `public.profiles` → `profiles`; names compare in lower case, as Postgres folds them. */
function bareTable(name: string): string {
  return name
    .replace(/^["`]|["`]$/g, '')
    .replace(/^public\./i, '')
    .toLowerCase();
}

// The marker the prompt asks for after a name the plan introduces on purpose, in the languages plans come in.
const NEW_MARKER =
  /[([][ \t]*(?:new|nowy|nowa|nowe|nowego|nowej|neu|neue|neuer|nuevo|nueva|nouveau|nouvelle|novo|nova|nuovo|nuova)\b[^)\]\n]{0,60}[)\]]/gi;
const NAME_BEFORE = /([A-Za-z_][\w.]*)[`*_"']*[ \t]*$/;

/** The word each language's plans use as the marker; English for any other language. */
export function newMarker(language: string): string {
  const code = language.trim().toLowerCase();
  if (/^(?:pl|pol|polish|polski)/.test(code)) return '(nowy)';
  if (/^(?:de|ger|german|deutsch)/.test(code)) return '(neu)';
  if (/^(?:es|spa|spanish|español)/.test(code)) return '(nuevo)';
  if (/^(?:fr|fre|fra|french|français)/.test(code)) return '(nouveau)';
  return '(new)';
}

// Types of the stack's own libraries: never a project type, so never a finding.
const LIBRARY_TYPES: ReadonlySet<string> = new Set([
  'APIRoute',
  'APIContext',
  'AstroGlobal',
  'MiddlewareHandler',
  'SupabaseClient',
  'PostgrestError',
  'PostgrestResponse',
  'PostgrestSingleResponse',
  'PostgrestMaybeSingleResponse',
  'AuthError',
  'AuthResponse',
  'User',
  'Session',
  'Request',
  'Response',
  'ResponseInit',
  'RequestInit',
  'NextRequest',
  'NextResponse',
  'NextApiRequest',
  'NextApiResponse',
  'FastifyRequest',
  'FastifyReply',
  'HttpRequest',
  'HttpResponse',
  'HttpErrorResponse',
  'ServerResponse',
  'IncomingMessage',
  'ResponseEntity',
  'JsonResponse',
  'HttpResponseBadRequest',
  'ZodError',
  'ZodSchema',
  'ZodType',
  'SafeParseResult',
  'Database',
  'Tables',
  'TablesInsert',
  'TablesUpdate',
  'Enums',
  'Json',
  'URLSearchParams',
  'FormData',
  'Promise',
  'Record',
  'Partial',
  'Pick',
  'Omit',
  'Readonly',
  'Required',
  'UserResponse',
  'AuthTokenResponse',
  'AuthOtpResponse',
  'OAuthResponse',
  'AxiosResponse',
  'ChatCompletionCreateParams',
  'CreateChatCompletionRequest',
  'BadRequest',
  'IActionResult',
  'ActionResult',
  'ObjectResult',
  'JsonResult',
  'OkObjectResult',
  'NotFoundResult',
  'BadRequestResult',
  'CreatedAtActionResult',
  'ValidationResult',
]);

// SQL words that can follow FROM, JOIN, INTO or UPDATE without being a table (`FOR UPDATE USING`, `JOIN LATERAL`).
const SQL_WORDS: ReadonlySet<string> = new Set(
  'USING SET WHERE SELECT ON TO WITH AS ONLY LATERAL CHECK NOWAIT SKIP OF VALUES DEFAULT TABLE NEW OLD'.split(
    ' ',
  ),
);

// Objects whose `.from('…')` is not a table: storage buckets, buffers, arrays.
const NOT_A_QUERY = /(?:storage|Buffer|Array|Uint8Array|Blob|Object|Set|Map|String|Date|Readable)\s*$/;

// Properties of a value in code (`cards.length`), not columns of a table with the same name.
const CODE_PROPERTIES: ReadonlySet<string> = new Set(
  'length map filter forEach find some every reduce push includes size then catch data error json body params query headers'.split(
    ' ',
  ),
);

// Suffixes of the names a plan gives DTOs and command models: what "a project type" looks like in prose.
const TYPE_NAME =
  /\b[A-Z][A-Za-z0-9]*(?:Dto|DTO|Command|CommandModel|Request|Response|Payload|Input|Params|Entity|ViewModel|VM|Filters|Body|Query|Result)\b/g;

/** A name the plan uses, where it is first seen. */
type Use = { readonly name: string; readonly line: number };

/** What the plan says, split by where it says it. */
type PlanText = {
  readonly lines: readonly { readonly text: string; readonly code: boolean }[];
  /** Inline code spans of prose lines, each with its line. */
  readonly spans: readonly Use[];
  readonly whole: string;
};

function readPlan(plan: string): PlanText {
  const lines = scanLines(plan);
  const spans: Use[] = [];
  lines.forEach((line, index) => {
    if (line.code) return;
    for (const match of line.text.matchAll(/`([^`\n]+)`/g))
      spans.push({ name: match[1] ?? '', line: index + 1 });
  });
  return { lines, spans, whole: plan };
}

/** Names the plan marks as new (`name (new)`), and names its code declares, which it introduces on purpose. */
function introducedNames(plan: PlanText): Set<string> {
  const introduced = new Set<string>();
  // Found from the markers back to the name before each: a scan of every identifier is too slow on long plans.
  for (const marker of plan.whole.matchAll(NEW_MARKER)) {
    const name = NAME_BEFORE.exec(plan.whole.slice(Math.max(0, marker.index - 120), marker.index))?.[1];
    if (name === undefined) continue;
    introduced.add(name);
    introduced.add(name.toLowerCase());
    const last = name.split('.').pop();
    if (last !== undefined) introduced.add(last.toLowerCase());
  }
  for (const line of plan.lines) {
    if (!line.code) continue;
    for (const match of line.text.matchAll(
      /\b(?:interface|type|class|enum)\s+([A-Z]\w*)|\b(?:const|let)\s+([A-Z]\w*)\s*=/g,
    )) {
      const name = match[1] ?? match[2];
      if (name !== undefined) introduced.add(name);
    }
  }
  return introduced;
}

/** Tables the plan reads or writes: query-builder calls, SQL, and "the `x` table" in prose. */
function tableUses(plan: PlanText): Use[] {
  const uses: Use[] = [];
  plan.lines.forEach((line, index) => {
    const at = index + 1;
    for (const match of line.text.matchAll(/\.(?:from|table)\(\s*['"`]([A-Za-z_][\w.]*)['"`]\s*\)/g)) {
      const before =
        line.text.slice(0, match.index).trimEnd() || (plan.lines[index - 1]?.text.trimEnd() ?? '');
      if (NOT_A_QUERY.test(before)) continue;
      uses.push({ name: match[1] ?? '', line: at });
    }
    // SQL keywords in upper case only: "data from users" in prose, or `import x from 'y'`, is not SQL.
    if (line.code || /`[^`]*\b(?:FROM|JOIN|INTO|UPDATE)\b[^`]*`/.test(line.text)) {
      for (const match of line.text.matchAll(
        /\b(?:FROM|JOIN|INTO|UPDATE|REFERENCES)\s+"?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)?)"?(?=[\s;,()]|$)/g,
      )) {
        if (SQL_WORDS.has((match[1] ?? '').toUpperCase())) continue;
        uses.push({ name: match[1] ?? '', line: at });
      }
    }
    if (!line.code) {
      for (const match of line.text.matchAll(
        /\b(?:table|tables|tabela|tabeli|tabel|tabelę|tabelach|tabele|tabelami)\s+`([A-Za-z_][\w.]*)`|`([A-Za-z_][\w.]*)`\s+(?:table|tabela|tabeli)\b/gi,
      )) {
        uses.push({ name: match[1] ?? match[2] ?? '', line: at });
      }
    }
  });
  return uses.filter((use) => use.name !== '');
}

const FILE_EXTENSIONS =
  /^(?:ts|tsx|js|jsx|mjs|cjs|md|mdc|sql|json|astro|py|vue|svelte|css|html|yml|yaml|env)$/i;

/** Columns the plan names with their table: `table.column`, query-builder chains and SQL. */
function columnUses(
  plan: PlanText,
): { readonly table: string; readonly column: string; readonly line: number }[] {
  const uses: { table: string; column: string; line: number }[] = [];
  for (const span of plan.spans) {
    for (const match of span.name.matchAll(/(?<![\w.])([A-Za-z_]\w*)\.([A-Za-z_]\w*)(?![\w(./])/g)) {
      const column = match[2] ?? '';
      if (!FILE_EXTENSIONS.test(column) && !CODE_PROPERTIES.has(column))
        uses.push({ table: match[1] ?? '', column, line: span.line });
    }
  }
  // Query-builder chains: `.from('t')` then `.select('a, b')`, `.eq('c', …)`, `.order('d')` until the statement ends.
  let table: string | undefined;
  plan.lines.forEach((line, index) => {
    if (!line.code) {
      table = undefined;
      return;
    }
    const at = index + 1;
    const pieces = line.text.split(/(?=\.from\()/);
    for (const piece of pieces) {
      const from = /^\.from\(\s*['"`]([A-Za-z_][\w.]*)['"`]\s*\)/.exec(piece);
      if (from !== null) table = from[1];
      if (table === undefined) continue;
      for (const match of piece.matchAll(/\.select\(\s*(['"`])([^'"`]*)\1/g)) {
        for (const column of selectColumns(match[2] ?? '')) uses.push({ table, column, line: at });
      }
      for (const match of piece.matchAll(
        /\.(?:eq|neq|gt|gte|lt|lte|like|ilike|is|in|contains|containedBy|order|not|filter)\(\s*['"`]([A-Za-z_]\w*)['"`]/g,
      )) {
        uses.push({ table, column: match[1] ?? '', line: at });
      }
      if (/;\s*$/.test(piece)) table = undefined;
    }
    if (line.text.trim() === '') table = undefined;
  });
  // SQL: INSERT INTO t (a, b) and UPDATE t SET a = …, b = …
  plan.lines.forEach((line, index) => {
    if (!line.code) return;
    const at = index + 1;
    for (const match of line.text.matchAll(/\bINSERT\s+INTO\s+"?([A-Za-z_][\w.]*)"?\s*\(([^)]*)\)/g)) {
      for (const column of (match[2] ?? '').split(',')) {
        const name = column.trim().replace(/"/g, '');
        if (/^[A-Za-z_]\w*$/.test(name)) uses.push({ table: match[1] ?? '', column: name, line: at });
      }
    }
    const update = /\bUPDATE\s+"?([A-Za-z_][\w.]*)"?\s+SET\s+(.*)$/.exec(line.text);
    if (update !== null) {
      for (const match of (update[2] ?? '').matchAll(/(?:^|,)\s*"?([A-Za-z_]\w*)"?\s*=/g)) {
        uses.push({ table: update[1] ?? '', column: match[1] ?? '', line: at });
      }
    }
  });
  return uses;
}

/** The plain columns of a PostgREST select list: no `*`, no embedded relations, aliases and casts removed. */
function selectColumns(list: string): string[] {
  const columns: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of `${list},`) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      const item = current.trim();
      current = '';
      if (item === '' || item.includes('(') || item.includes('*')) continue;
      const name = (item.split(':').pop() ?? '').split('::')[0]?.split('->')[0]?.trim() ?? '';
      if (/^[A-Za-z_]\w*$/.test(name)) columns.push(name);
      continue;
    }
    current += ch;
  }
  return columns;
}

/** Names the plan's code imports from a package (`import { X } from 'openai'`): the stack's own, never the project's. */
function packageNames(plan: PlanText): Set<string> {
  const names = new Set<string>();
  for (const line of plan.lines) {
    if (!line.code) continue;
    const imported = /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"]([^'"]+)['"]/.exec(line.text);
    const from = imported?.[2] ?? '';
    if (imported === null || /^(?:\.|@\/|~\/|src\/|#)/.test(from) || /types?(?:\.ts)?$/.test(from)) continue;
    for (const name of (imported[1] ?? '').split(',')) {
      for (const part of name
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)) {
        if (part.trim() !== '') names.add(part.trim());
      }
    }
  }
  return names;
}

/** DTO-like names and names imported from the types file. */
function typeUses(plan: PlanText): Use[] {
  const uses: Use[] = [];
  plan.lines.forEach((line, index) => {
    for (const match of line.text.matchAll(TYPE_NAME)) uses.push({ name: match[0], line: index + 1 });
    if (!line.code) return;
    const imported = /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"][^'"]*types(?:\.ts)?['"]/.exec(line.text);
    for (const name of (imported?.[1] ?? '').split(',')) {
      const bare = name
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (bare !== undefined && /^[A-Z]\w*$/.test(bare)) uses.push({ name: bare, line: index + 1 });
    }
  });
  return uses;
}

function firstUses(uses: readonly Use[]): Use[] {
  const seen = new Map<string, Use>();
  for (const use of uses) if (!seen.has(use.name)) seen.set(use.name, use);
  return [...seen.values()];
}

function where(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}

// Codes that answer the same kind of outcome: a plan that uses one where the docs chose the other contradicts them.
const SIBLING_CODES: readonly (readonly number[])[] = [
  [400, 422],
  [200, 201, 204],
];

const STATUS_MENTION =
  /(?<![\w.$/-])([1-5]\d\d)(?=\s*(?:OK|Created|Accepted|No Content|Bad Request|Unauthori[sz]ed|Forbidden|Not Found|Conflict|Gone|Unprocessable|Too Many|Internal|Service Unavailable)\b)|(?:status(?:\s*code)?|HTTP|kod(?:em)?(?:\s+statusu)?)[\s:(=`*]*([1-5]\d\d)(?![\d.])/gi;

/** Status codes the plan answers with, each where it is first written as a status. */
function statusMentions(plan: PlanText): Use[] {
  const uses: Use[] = [];
  plan.lines.forEach((line, index) => {
    for (const match of line.text.matchAll(STATUS_MENTION)) {
      uses.push({ name: match[1] ?? match[2] ?? '', line: index + 1 });
    }
  });
  return firstUses(uses);
}

/** The words of a text in lower case: what "the plan mentions it" is checked against, once per plan. */
function wordsOf(text: string): ReadonlySet<string> {
  return new Set((text.match(/\w+/g) ?? []).map((word) => word.toLowerCase()));
}

/** `deck_id`, `deckId` and `deck-id` are one field. */
function fieldMentioned(words: ReadonlySet<string>, name: string): boolean {
  const variants = [
    name,
    name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
    name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'),
    name.replace(/-/g, '_'),
  ];
  return variants.some((variant) => words.has(variant.toLowerCase()));
}

/**
 * Checks a plan against the docs and the dossiers of the endpoints it covers: every table, `table.column`,
 * query-builder or SQL column and project type it names must be in the docs (unless the plan marks it as new),
 * and it must keep the dossiers' status codes and required fields without answering with a code the docs replaced.
 * Pure and fast: it runs on every draft and every save.
 */
export function groundPlan(
  plan: string,
  dossiers: readonly Dossier[],
  index: GroundingIndex,
): readonly Finding[] {
  const text = readPlan(plan);
  const planWords = wordsOf(plan);
  const introduced = introducedNames(text);
  const findings: Finding[] = [];
  const isNew = (name: string): boolean =>
    introduced.has(name) || introduced.has(name.toLowerCase()) || introduced.has(bareTable(name));

  if (index.dbFile !== undefined) {
    const dbFile = index.dbFile;
    for (const use of firstUses(tableUses(text))) {
      const name = bareTable(use.name);
      const bare = name.split('.').pop() ?? name;
      if (index.tables.has(name) || index.tables.has(bare) || index.dbWords.has(bare) || isNew(use.name))
        continue;
      findings.push({
        kind: 'unknown-table',
        name: use.name,
        line: use.line,
        message: `\`${use.name}\` is not in the db plan (${dbFile}).`,
      });
    }
    const seenColumns = new Set<string>();
    for (const use of columnUses(text)) {
      const table = index.tables.get(bareTable(use.table));
      const column = use.column.toLowerCase();
      const key = `${bareTable(use.table)}.${column}`;
      if (table === undefined || table.columns.has(column) || seenColumns.has(key)) continue;
      seenColumns.add(key);
      if (isNew(use.column) || isNew(`${use.table}.${use.column}`)) continue;
      findings.push({
        kind: 'unknown-column',
        name: `${use.table}.${use.column}`,
        line: use.line,
        message: `\`${use.table}.${use.column}\` is not in the db plan: \`${use.table}\` (${dbFile}:${table.line}) has no column \`${use.column}\`.`,
      });
    }
  }

  if (index.typesFile !== undefined) {
    const typesFile = index.typesFile;
    const fromPackages = packageNames(text);
    // Names the project's code already exports (services, schemas, db types) are the code a plan should reuse.
    const inCode = new Set(dossiers.flatMap((d) => d.code.reuse.flatMap((asset) => asset.exports)));
    for (const use of firstUses(typeUses(text))) {
      if (
        index.types.has(use.name) ||
        inCode.has(use.name) ||
        LIBRARY_TYPES.has(use.name) ||
        fromPackages.has(use.name) ||
        index.docWords.has(use.name) ||
        isNew(use.name)
      )
        continue;
      findings.push({
        kind: 'unknown-type',
        name: use.name,
        line: use.line,
        message: `\`${use.name}\` is not in the types file (${typesFile}).`,
      });
    }
  }

  const codes = new Map<number, SourceRef>();
  for (const dossier of dossiers)
    for (const status of dossier.statusCodes)
      if (!codes.has(status.code)) codes.set(status.code, status.source);
  for (const dossier of dossiers) {
    for (const status of dossier.statusCodes) {
      // A plan that never writes "200" is not wrong; one that drops a 409 the docs require is.
      if (status.origin !== 'endpoint' || status.code < 300 || planWords.has(String(status.code))) continue;
      if (findings.some((f) => f.kind === 'dropped-status' && f.name === String(status.code))) continue;
      findings.push({
        kind: 'dropped-status',
        name: String(status.code),
        line: 0,
        message: `Status ${status.code} of the docs (${where(status.source)}) is missing from the plan.`,
      });
    }
  }
  const definitionWords = wordsOf(dossiers.map((dossier) => dossier.definition.text).join('\n'));
  for (const use of statusMentions(text)) {
    const code = Number(use.name);
    if (codes.has(code) || definitionWords.has(use.name)) continue;
    // Which success code a plan covering several endpoints means cannot be told from its text.
    if (code < 300 && dossiers.length !== 1) continue;
    const group = SIBLING_CODES.find((sibling) => sibling.includes(code));
    const replaced = group?.find((other) => other !== code && codes.has(other));
    if (replaced === undefined) continue;
    const source = codes.get(replaced);
    findings.push({
      kind: 'contradicting-status',
      name: use.name,
      line: use.line,
      message: `The plan answers ${code} where the docs say ${replaced}${source === undefined ? '' : ` (${where(source)})`}.`,
    });
  }

  const seenFields = new Set<string>();
  for (const dossier of dossiers) {
    for (const [kind, fields] of Object.entries(dossier.fields)) {
      for (const field of fields) {
        const required = kind === 'path' || field.required === true;
        if (!required || seenFields.has(field.name) || fieldMentioned(planWords, field.name)) continue;
        seenFields.add(field.name);
        findings.push({
          kind: 'dropped-field',
          name: field.name,
          line: 0,
          message: `Required ${kind} field \`${field.name}\` of the docs (${where(field.source)}) is missing from the plan.`,
        });
      }
    }
  }
  return findings;
}

/** A finding as one line for a plan file: `file:line: message` (no line for a fact the plan never mentions). */
export function formatFinding(file: string, finding: Finding): string {
  return `${file}${finding.line > 0 ? `:${finding.line}` : ''}: ${finding.message}`;
}

/** The check of one run: the docs' index is built once, each plan is checked against its endpoint's dossier. */
export function createPlanCheck(
  spec: Spec,
  code?: CodeMap | undefined,
): (endpoint: Endpoint, plan: string) => readonly Finding[] {
  const index = groundingIndex(spec);
  return (endpoint, plan) => groundPlan(plan, [buildDossier({ spec, endpoint, code })], index);
}
