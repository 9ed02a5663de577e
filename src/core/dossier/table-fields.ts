import { fold, type LabelKind, readLabel } from '../docs/api-plan/labels.ts';
import type { Unit } from '../docs/api-plan/units.ts';
import type { Endpoint } from '../docs/model.ts';
import { pathParamNames } from '../routes/paths.ts';

/** A field read from a table in an endpoint's definition (`| name | string | yes | … |`). */
export type TableField = {
  readonly in: 'path' | 'query' | 'body';
  readonly name: string;
  readonly type: string | undefined;
  readonly required: boolean | undefined;
  readonly description: string | undefined;
  readonly line: number;
};

const NAME =
  /^(?:field|fields|name|pole|pola|nazwa|param|params|parameter|parameters|parametr|parametry|property|properties|wlasciwosc|atrybut|attribute|key|klucz)$/;
const TYPE = /^(?:type|typ|data type|typ danych|format)$/;
const REQUIRED = /^(?:required|req|mandatory|wymagan\w*|obowiazkow\w*)\??$/;
const DESCRIPTION =
  /^(?:description|opis|notes?|uwagi|constraints?|ograniczenia|rules?|walidacja|validation|details?|szczegoly|meaning|znaczenie)$/;
const LOCATION = /^(?:in|w|location|where|gdzie|source|zrodlo|miejsce|kind|rodzaj|placement)$/;
const YES = /^(?:yes|y|true|tak|required|wymagan\w*|obowiazkow\w*|✓|✔|x|\+)$/;
const NO = /^(?:no|n|false|nie|optional|opcjonaln\w*|-|—|✗|✘)$/;
const REQUIRED_WORD = /\b(?:required|wymagan\w*|obowiazkow\w*|mandatory)\b/;
const OPTIONAL_WORD = /\b(?:optional|opcjonaln\w*|nullable)\b/;

/**
 * Fields written as tables inside a definition: a table with a name column under a request, query or path
 * parameters label (or with an "in" column saying where each field goes). Tables under a response label, and
 * the table of endpoints itself, are not fields.
 */
export function tableFields(
  units: readonly Unit[],
  own: readonly number[],
  endpoint: Endpoint,
): TableField[] {
  const fields: TableField[] = [];
  let context: LabelKind | undefined;
  for (const at of own) {
    const unit = units[at];
    if (unit === undefined) continue;
    if (unit.kind === 'text' || unit.kind === 'heading') {
      const label = readLabel(unit.text.replace(/^#+\s*/, ''));
      if (label !== undefined && label.kind !== 'other') context = label.kind;
      else if (unit.kind === 'heading') context = undefined;
      continue;
    }
    if (unit.kind !== 'row' || unit.line === endpoint.lines.start) continue;
    const header = unit.table.header.map((cell) => fold(cell.replace(/[`*_]/g, '')));
    const name = header.findIndex((cell) => NAME.test(cell));
    if (name < 0) continue;
    const location = header.findIndex((cell) => LOCATION.test(cell));
    const placed =
      location >= 0 ? placeOf(unit.row.cells[location] ?? '') : placeOfContext(context, endpoint);
    if (placed === undefined) continue;
    const cellName = (unit.row.cells[name] ?? '').replace(/[`*_\\?]/g, '').trim();
    // A parameter the path declares is a path parameter, whatever the table's heading says.
    const where = pathParamNames(endpoint.path).includes(cellName) ? 'path' : placed;
    const field = readRow(unit.row.cells, header, name, where, unit.line);
    if (field !== undefined && !fields.some((known) => known.in === field.in && known.name === field.name))
      fields.push(field);
  }
  return fields;
}

function placeOf(cell: string): TableField['in'] | undefined {
  const value = fold(cell.replace(/[`*_]/g, ''));
  if (/^(?:path|route|url|sciezka)/.test(value)) return 'path';
  if (/^(?:query|querystring|zapytanie)/.test(value)) return 'query';
  if (/^(?:body|json|payload|form|tresc|cialo)/.test(value)) return 'body';
  return undefined;
}

function placeOfContext(context: LabelKind | undefined, endpoint: Endpoint): TableField['in'] | undefined {
  switch (context) {
    case 'request':
      return 'body';
    case 'query':
      return 'query';
    case 'path-params':
      return 'path';
    case 'params':
      return endpoint.method === 'GET' || endpoint.method === 'DELETE' ? 'query' : 'body';
    default:
      return undefined;
  }
}

function readRow(
  cells: readonly string[],
  header: readonly string[],
  nameColumn: number,
  where: TableField['in'],
  line: number,
): TableField | undefined {
  const raw = (cells[nameColumn] ?? '').replace(/[`*_\\]/g, '').trim();
  const optionalMark = raw.endsWith('?');
  const name = raw.replace(/\?$/, '').split(/\s/)[0] ?? '';
  if (!/^[A-Za-z_$][\w$.[\]-]*$/.test(name)) return undefined;
  const cell = (pattern: RegExp): string | undefined => {
    const index = header.findIndex((text) => pattern.test(text));
    const value = index < 0 ? undefined : cells[index]?.replace(/`/g, '').trim();
    return value === undefined || value.length === 0 ? undefined : value;
  };
  const type = cell(TYPE);
  const requiredCell = cell(REQUIRED);
  const description = cell(DESCRIPTION);
  const folded = fold(requiredCell ?? '');
  let required: boolean | undefined = optionalMark ? false : undefined;
  if (required === undefined && requiredCell !== undefined) {
    required = YES.test(folded) ? true : NO.test(folded) ? false : undefined;
  }
  if (required === undefined && description !== undefined) {
    const text = fold(description);
    required = OPTIONAL_WORD.test(text) ? false : REQUIRED_WORD.test(text) ? true : undefined;
  }
  return { in: where, name, type, required, description, line };
}
