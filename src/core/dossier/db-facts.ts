import { relatedResources } from '../docs/related.ts';
import type { DossierInput } from './input.ts';
import type {
  CheckFact,
  EnumFact,
  ForeignKeyFact,
  Gap,
  IndexFact,
  PolicyFact,
  TableFact,
  TriggerFact,
  UniqueFact,
} from './model.ts';

/** What the db plan says about the tables the endpoint touches. */
export type DbFacts = {
  readonly tables: readonly TableFact[];
  readonly writes: readonly string[];
  readonly unique: readonly UniqueFact[];
  readonly checks: readonly CheckFact[];
  readonly foreignKeys: readonly ForeignKeyFact[];
  readonly triggers: readonly TriggerFact[];
  readonly policies: readonly PolicyFact[];
  readonly indexes: readonly IndexFact[];
  readonly enums: readonly EnumFact[];
  readonly gaps: readonly Gap[];
};

/** Reads the db plan's facts about the tables one endpoint reads or writes. */
export function collectDbFacts(input: DossierInput): DbFacts {
  const { spec, endpoint } = input;
  const gaps: Gap[] = [];
  if (spec.db === undefined) gaps.push({ what: 'tables', why: 'no db plan was found' });
  const dbFile = spec.sources.dbPlan ?? '';
  const related = relatedResources(endpoint, spec);
  return {
    tables: related.tables.map((table) => ({
      name: table.name,
      access: 'read',
      why: 'named by the endpoint',
      columns: table.columns,
      source: { file: dbFile, line: table.line },
    })),
    writes: [],
    unique: [],
    checks: [],
    foreignKeys: [],
    triggers: [],
    policies: [],
    indexes: [],
    enums: [],
    gaps,
  };
}
