import type { HttpMethod } from '../routes/methods.ts';

export type { HttpMethod } from '../routes/methods.ts';

/** A 1-based, inclusive line range in a source document. */
export type LineRange = { readonly start: number; readonly end: number };

/** A finding about an input document: all of them are collected, none is thrown. */
export type Diagnostic = {
  readonly file: string;
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** A stable code for the kind of finding, e.g. `route-conflict`, `path-without-method`. */
  readonly code: string;
};

/** A path or query parameter of an endpoint. `required` is undefined when the plan does not say. */
export type Param = {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean | undefined;
  readonly type: string | undefined;
  readonly description: string | undefined;
};

/** One operation found in the API plan. */
export type Endpoint = {
  /** The file slug and CLI id: `POST /api/flashcards/{id}/review` → `post-flashcards-id-review`. */
  readonly id: string;
  readonly method: HttpMethod;
  /** The path exactly as written in the plan (query string removed, see `query`). */
  readonly path: string;
  /** The query string as written after `?`, when the plan puts one in the path line. */
  readonly query: string | undefined;
  readonly title: string;
  readonly description: string;
  readonly params: readonly Param[];
  /** The request body as written (JSON or prose), without fences. */
  readonly requestBody: string | undefined;
  /** The success response body as written (JSON or prose), without fences. */
  readonly responseBody: string | undefined;
  readonly successStatus: number | undefined;
  /** Error status codes listed for this endpoint, ascending, unique. */
  readonly errorCodes: readonly number[];
  /** Lines of the whole definition in the API plan. */
  readonly lines: LineRange;
  /** The exact markdown of the definition (prompts quote it). */
  readonly markdown: string;
  /** Titles of the headings the definition sits under, outermost first. */
  readonly section: readonly string[];
};

/** The result of parsing an API plan. */
export type ApiPlan = {
  readonly file: string;
  readonly endpoints: readonly Endpoint[];
  readonly diagnostics: readonly Diagnostic[];
};

/** A column of a database table. */
export type Column = {
  readonly name: string;
  readonly type: string;
  /** Constraints as written: `PRIMARY KEY`, `NOT NULL`, `DEFAULT now()`, `CHECK (...)`, `REFERENCES x(id)`. */
  readonly constraints: readonly string[];
};

/** A foreign key from one table's column to another table. */
export type ForeignKey = {
  readonly column: string;
  readonly references: { readonly table: string; readonly column: string | undefined };
  readonly onDelete: string | undefined;
};

/** A database index as written. */
export type IndexDef = {
  readonly name: string | undefined;
  readonly table: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** The predicate of a partial index (`WHERE deleted_at IS NULL`), when it has one. */
  readonly where: string | undefined;
  readonly text: string;
  readonly line: number;
};

/** A UNIQUE constraint of a table as written: column-level, table-level or in prose (primary keys are not here). */
export type UniqueDef = {
  readonly table: string;
  readonly columns: readonly string[];
  readonly name: string | undefined;
  readonly text: string;
  readonly line: number;
};

/** A CHECK constraint of one column (`column` set) or of the whole table. */
export type CheckDef = {
  readonly table: string;
  readonly column: string | undefined;
  readonly expression: string;
  readonly line: number;
};

/** A write a trigger fires on. */
export type WriteEvent = 'INSERT' | 'UPDATE' | 'DELETE';

/** A trigger, in SQL or in prose, on a table's writes. */
export type TriggerDef = {
  readonly table: string;
  readonly name: string | undefined;
  readonly events: readonly WriteEvent[];
  readonly text: string;
  readonly line: number;
};

/** A database function the plan declares, and the tables its body names. */
export type FunctionDef = {
  readonly name: string;
  readonly tables: readonly string[];
  readonly text: string;
  readonly line: number;
};

/** A row-level security policy as written. */
export type RlsPolicy = {
  readonly name: string | undefined;
  readonly table: string;
  /** `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `ALL`, or undefined when the plan does not say. */
  readonly command: string | undefined;
  readonly text: string;
  readonly line: number;
};

/** A table of the database plan. */
export type Table = {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly foreignKeys: readonly ForeignKey[];
  /** The primary key's columns (empty when the plan names none). */
  readonly primaryKey: readonly string[];
  readonly line: number;
};

/** The result of parsing a database plan. */
export type DbPlan = {
  readonly file: string;
  readonly tables: readonly Table[];
  readonly indexes: readonly IndexDef[];
  readonly policies: readonly RlsPolicy[];
  readonly uniques: readonly UniqueDef[];
  readonly checks: readonly CheckDef[];
  readonly triggers: readonly TriggerDef[];
  readonly functions: readonly FunctionDef[];
  /** Enum types declared in the plan (name → values). */
  readonly enums: ReadonlyMap<string, readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
};

/** An exported type, interface or enum of `src/types.ts`. */
export type TypeDecl = {
  readonly name: string;
  readonly kind: 'type' | 'interface' | 'enum';
  /** The exact source text of the declaration, with its leading doc comment. */
  readonly text: string;
  /** Names of other declarations (and table names in `Tables<'x'>`-style references) it mentions. */
  readonly references: readonly string[];
  readonly line: number;
};

/** The result of parsing a types file. */
export type TypesFile = {
  readonly file: string;
  readonly decls: readonly TypeDecl[];
  readonly diagnostics: readonly Diagnostic[];
};

/** An AI rules file (`.cursor/rules/*.mdc`, `AGENTS.md`, …). */
export type RuleFile = {
  /** Path relative to the project root. */
  readonly path: string;
  readonly description: string | undefined;
  readonly globs: readonly string[];
  readonly alwaysApply: boolean;
  /** The body without front matter. */
  readonly body: string;
};

/** A rules file the loader chose for prompts, and why. */
export type PickedRule = { readonly rule: RuleFile; readonly reason: string };

/** A rules file left out of prompts, and why (one line). */
export type SkippedRule = { readonly path: string; readonly reason: string };

/** Which file each doc came from, relative to the project root; undefined when not found. */
export type Sources = {
  readonly apiPlan: string;
  readonly dbPlan: string | undefined;
  readonly types: string | undefined;
  readonly techStack: string | undefined;
  readonly rules: readonly string[];
};

/** A doc that was found but not read (binary, not UTF-8, too large, a folder): a gap in what the planner knows. */
export type UnreadDoc = {
  readonly kind: 'dbPlan' | 'types' | 'techStack' | 'rules';
  readonly file: string;
  readonly line: number;
  readonly reason: string;
};

/** Everything the planner knows about a project's docs. */
export type Spec = {
  readonly root: string;
  readonly sources: Sources;
  readonly api: ApiPlan;
  readonly apiText: string;
  readonly db: DbPlan | undefined;
  readonly dbText: string | undefined;
  readonly types: TypesFile | undefined;
  readonly typesText: string | undefined;
  readonly techStack: string | undefined;
  readonly rules: readonly PickedRule[];
  /** Rules files found but not used for prompts (frontend, testing, …), each with why. */
  readonly skippedRules: readonly SkippedRule[];
  /** Docs found by convention but skipped because they could not be read as text. */
  readonly unreadDocs: readonly UnreadDoc[];
  readonly diagnostics: readonly Diagnostic[];
};

/** The database resources and types one endpoint touches, chosen from the docs (never invented). */
export type Related = {
  readonly tables: readonly Table[];
  readonly indexes: readonly IndexDef[];
  readonly policies: readonly RlsPolicy[];
  readonly enums: ReadonlyMap<string, readonly string[]>;
  /** Types from `types.ts` the endpoint uses, with the declarations they reference. */
  readonly types: readonly TypeDecl[];
};
