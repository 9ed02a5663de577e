import type { CodeAsset, Implementation } from '../code/model.ts';

/** Where a fact was read: a file relative to the project root and a 1-based line. */
export type SourceRef = { readonly file: string; readonly line: number };

/** A path, query or body field of the endpoint, as the docs write it. */
export type FieldFact = {
  readonly name: string;
  readonly type: string | undefined;
  /** Undefined when the docs do not say. */
  readonly required: boolean | undefined;
  readonly description: string | undefined;
  readonly source: SourceRef;
};

/** Why a status code applies to the endpoint (LABEL-POLICY order: own, section, requirement, global rule). */
export type StatusOrigin = 'endpoint' | 'section' | 'requirement' | 'global';

/** A status code the endpoint can answer with, and why. */
export type StatusFact = {
  readonly code: number;
  readonly meaning: string;
  readonly origin: StatusOrigin;
  readonly source: SourceRef;
};

/** How the endpoint's logic uses a table. */
export type TableAccess = 'read' | 'write' | 'read-write';

/** A column of a table the endpoint touches, with its constraints as written. */
export type ColumnFact = {
  readonly name: string;
  readonly type: string;
  readonly constraints: readonly string[];
};

/** A table of the db plan the endpoint reads or writes. */
export type TableFact = {
  readonly name: string;
  readonly access: TableAccess;
  /** One line saying why the table is in the dossier ("the resource of the path", "ownership check"). */
  readonly why: string;
  readonly columns: readonly ColumnFact[];
  readonly source: SourceRef;
};

/** A UNIQUE constraint or unique index (partial ones too) that a write of this endpoint could violate. */
export type UniqueFact = {
  readonly table: string;
  readonly columns: readonly string[];
  /** The partial index's predicate, when it has one. */
  readonly where: string | undefined;
  readonly text: string;
  readonly source: SourceRef;
};

/** A CHECK constraint of a touched table (column-level or table-level). */
export type CheckFact = {
  readonly table: string;
  readonly column: string | undefined;
  readonly expression: string;
  readonly source: SourceRef;
};

/** A foreign key of a touched table. */
export type ForeignKeyFact = {
  readonly table: string;
  readonly column: string;
  readonly references: { readonly table: string; readonly column: string | undefined };
  readonly onDelete: string | undefined;
  readonly source: SourceRef;
};

/** A trigger (or a function the db plan says runs on a write) of a touched table. */
export type TriggerFact = {
  readonly table: string;
  readonly name: string | undefined;
  readonly text: string;
  readonly source: SourceRef;
};

/** A row-level security policy of a touched table, per operation. */
export type PolicyFact = {
  readonly table: string;
  readonly name: string | undefined;
  /** `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `ALL`, or undefined when the docs do not say. */
  readonly operation: string | undefined;
  readonly text: string;
  readonly source: SourceRef;
};

/** An index of a touched table. */
export type IndexFact = {
  readonly table: string;
  readonly name: string | undefined;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly where: string | undefined;
  readonly text: string;
  readonly source: SourceRef;
};

/** An enum type a touched table or type uses. */
export type EnumFact = {
  readonly name: string;
  readonly values: readonly string[];
  readonly source: SourceRef;
};

/** A type declared in the types file that the endpoint takes or returns. */
export type TypeFact = {
  readonly name: string;
  /** The exact declaration text, with its doc comment. */
  readonly declaration: string;
  readonly source: SourceRef;
};

/** The kinds of project-wide rules a dossier carries. */
export type CrossCuttingTopic =
  | 'auth'
  | 'rate-limit'
  | 'pagination'
  | 'error-format'
  | 'validation'
  | 'security'
  | 'other';

/** A rule of the docs that covers this endpoint without being written in its definition. */
export type CrossCuttingFact = {
  readonly topic: CrossCuttingTopic;
  readonly text: string;
  readonly source: SourceRef;
};

/** A fact the dossier could not give, and why ("no db plan was found", "`FooDto` is not declared"). */
export type Gap = { readonly what: string; readonly why: string };

/** Everything the docs say that bears on one endpoint, each fact with its source. */
export type Dossier = {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  /** The query string written with the endpoint (after `?`), or undefined. */
  readonly query: string | undefined;
  readonly title: string;
  /** The docs' language (`en`, `pl`, …). */
  readonly language: string;
  /** The endpoint's whole text, blocks under its table row included. */
  readonly definition: {
    readonly file: string;
    readonly line: number;
    readonly endLine: number;
    readonly text: string;
    /** Headings the definition sits under, outermost first. */
    readonly section: readonly string[];
  };
  readonly fields: {
    readonly path: readonly FieldFact[];
    readonly query: readonly FieldFact[];
    readonly body: readonly FieldFact[];
  };
  /** The request body and success response as written (JSON or prose), when the docs give them. */
  readonly requestBody: string | undefined;
  readonly responseBody: string | undefined;
  readonly statusCodes: readonly StatusFact[];
  readonly tables: readonly TableFact[];
  /** Names of the tables inserted, updated or deleted (stated side effects included). */
  readonly writes: readonly string[];
  readonly unique: readonly UniqueFact[];
  readonly checks: readonly CheckFact[];
  readonly foreignKeys: readonly ForeignKeyFact[];
  readonly triggers: readonly TriggerFact[];
  readonly policies: readonly PolicyFact[];
  readonly indexes: readonly IndexFact[];
  readonly enums: readonly EnumFact[];
  readonly types: { readonly request: readonly TypeFact[]; readonly response: readonly TypeFact[] };
  readonly crossCutting: readonly CrossCuttingFact[];
  /** What the project's code already has: the endpoint's handler, and code a plan should reuse. */
  readonly code: CodeFacts;
  readonly gaps: readonly Gap[];
};

/** The endpoint's place in the project's code, from the code scan (empty when the code was not scanned). */
export type CodeFacts = {
  /** The route handler that implements the endpoint, when there is one. */
  readonly implemented: Implementation | undefined;
  /** Services, schemas, middleware, error helpers and db types a plan should reuse, most related first. */
  readonly reuse: readonly CodeAsset[];
};
