import { type Entry, extractFields, type Fields } from '../docs/api-plan/fields.ts';
import { fold } from '../docs/api-plan/labels.ts';
import type { Unit } from '../docs/api-plan/units.ts';
import type { Endpoint } from '../docs/model.ts';
import { type BodyField, readBodyFields } from './body-fields.ts';
import { endpointCrossCutting } from './cross-cutting.ts';
import type { DbFacts } from './db-facts.ts';
import type { DossierInput } from './input.ts';
import type { Dossier, FieldFact, Gap, SourceRef, StatusFact } from './model.ts';
import { type DefinitionParts, type PlanIndex, planIndex } from './plan-index.ts';
import { sectionNotes } from './section-notes.ts';
import { addCode, findCode, meaningIn, sortCodes } from './status-codes.ts';
import { type TableField, tableFields } from './table-fields.ts';
import type { TypeFacts } from './type-facts.ts';
import { validationSectionFields } from './validation-fields.ts';

/** What the API plan says about the endpoint: its text, fields, status codes and the rules that cover it. */
export type ApiFacts = Pick<
  Dossier,
  'definition' | 'fields' | 'requestBody' | 'responseBody' | 'statusCodes' | 'crossCutting' | 'gaps'
>;

const NO_BODY =
  /^[\W_]*(?:none|empty|brak|n\/a|nothing|no body|no request body|not required|puste|pusty|brak treści|nie dotyczy|-|—)?[\W_]*$/i;

/** What one endpoint's text says once the blocks under its table row are read too. */
type Reading = {
  readonly index: PlanIndex | undefined;
  readonly parts: DefinitionParts;
  /** What the blocks under a table row add (undefined for other definitions). */
  readonly extra: Fields | undefined;
  /** What the notes under its table say for every row. */
  readonly shared: Fields | undefined;
};

/** Reads the API plan's facts about one endpoint; db and type facts are given for rules that name them. */
export function collectApiFacts(
  input: DossierInput,
  related: { readonly db: DbFacts; readonly types: TypeFacts },
): ApiFacts {
  const { spec, endpoint } = input;
  const file = spec.sources.apiPlan;
  const reading = read(input);
  const { index, parts } = reading;
  const units = index?.outline.units ?? [];
  const at = (line: number): SourceRef => ({ file, line });
  const ownLines = [...parts.own];

  const requestBody = reading.extra?.requestBody ?? endpoint.requestBody ?? soleBodyRow(reading, endpoint);
  const responseBody = reading.extra?.responseBody ?? endpoint.responseBody;
  const fields = readFields(reading, endpoint, requestBody, file);

  const statusCodes: StatusFact[] = [];
  const ownCodes = new Set<number>([
    ...endpoint.errorCodes,
    ...(endpoint.successStatus === undefined ? [] : [endpoint.successStatus]),
    ...(reading.extra?.errorCodes ?? []),
    ...(reading.extra?.successStatus === undefined ? [] : [reading.extra.successStatus]),
    ...rowCodes(units, parts, endpoint),
  ]);
  for (const code of ownCodes) {
    const own = findCode(units, ownLines, code);
    if (own !== undefined) {
      addCode(statusCodes, code, own.meaning, 'endpoint', at(own.line));
      continue;
    }
    const shared = findCode(units, parts.shared, code);
    if (shared !== undefined) addCode(statusCodes, code, shared.meaning, 'section', at(shared.line));
    else addCode(statusCodes, code, '', 'endpoint', at(endpoint.lines.start));
  }
  for (const code of reading.shared?.errorCodes ?? []) {
    const shared = findCode(units, parts.shared, code);
    addCode(statusCodes, code, shared?.meaning ?? '', 'section', at(shared?.line ?? endpoint.lines.start));
  }
  if (index !== undefined) {
    for (const note of sectionNotes(index, endpoint, parts)) {
      addCode(statusCodes, note.code, meaningIn(note.statement.text, note.code), 'section', at(note.line));
    }
  }
  const rules =
    index === undefined
      ? { crossCutting: [], codes: [] }
      : endpointCrossCutting(index, endpoint, parts, {
          hasSuccess: statusCodes.some((status) => status.code >= 200 && status.code < 300),
          hasBody: fields.body.length > 0 || (requestBody !== undefined && !NO_BODY.test(requestBody.trim())),
          fields,
          db: related.db,
          file,
        });
  for (const code of rules.codes) addCode(statusCodes, code.code, code.meaning, code.origin, code.source);

  return {
    definition: definitionOf(reading, endpoint, file),
    fields,
    requestBody,
    responseBody,
    statusCodes: sortCodes(statusCodes),
    crossCutting: rules.crossCutting,
    gaps: apiGaps(endpoint, fields, requestBody, statusCodes),
  };
}

/** What the API plan leaves unsaid about the endpoint that a plan needs: its body, its codes. */
function apiGaps(
  endpoint: Endpoint,
  fields: ApiFacts['fields'],
  requestBody: string | undefined,
  statusCodes: readonly StatusFact[],
): Gap[] {
  const gaps: Gap[] = [];
  const takesBody = endpoint.method === 'POST' || endpoint.method === 'PUT' || endpoint.method === 'PATCH';
  if (takesBody && fields.body.length === 0) {
    gaps.push(
      requestBody === undefined || NO_BODY.test(requestBody.trim())
        ? { what: 'request body', why: `the docs give no body for this ${endpoint.method}` }
        : {
            what: 'request body fields',
            why: `the body is only named: "${requestBody.trim().slice(0, 80)}"`,
          },
    );
  }
  if (!statusCodes.some((status) => status.code >= 200 && status.code < 300)) {
    gaps.push({ what: 'success status', why: 'the docs state no success code for this endpoint' });
  }
  if (!statusCodes.some((status) => status.code >= 400)) {
    gaps.push({
      what: 'error status codes',
      why: 'the docs state none for it and no rule of theirs covers it',
    });
  }
  return gaps;
}

const STATUS_COLUMN = /status|code|kod|error|bled|blad|response|odpowiedz|return|zwraca|http/;
const ROW_CODE = /(?<![\d.,$€£-])([2-5]\d\d)(?![\d%]|[.,]\d)/g;

/** Codes in the status or errors columns of the endpoint's own table row. */
function rowCodes(units: readonly Unit[], parts: DefinitionParts, endpoint: Endpoint): number[] {
  const codes: number[] = [];
  for (const at of parts.own) {
    const unit = units[at];
    if (unit?.kind !== 'row' || unit.line !== endpoint.lines.start) continue;
    unit.table.header.forEach((cell, column) => {
      if (!STATUS_COLUMN.test(fold(cell))) return;
      for (const match of (unit.row.cells[column] ?? '').matchAll(ROW_CODE)) codes.push(Number(match[1]));
    });
  }
  return codes;
}

function read(input: DossierInput): Reading {
  const { spec, endpoint } = input;
  const empty: DefinitionParts = { own: [], shared: [], tableLine: undefined };
  if (spec.apiText.length === 0)
    return { index: undefined, parts: empty, extra: undefined, shared: undefined };
  const index = planIndex(spec.api, spec.apiText);
  const same =
    index.parts.get(endpoint) ??
    index.parts.get(
      index.endpoints.find(
        (other) => other.id === endpoint.id && other.lines.start === endpoint.lines.start,
      ) ?? endpoint,
    );
  const parts = same ?? empty;
  if (parts.tableLine === undefined) return { index, parts, extra: undefined, shared: undefined };
  const units = index.outline.units;
  const extra = extractFields(entriesOf(units, parts.own), endpoint.path, endpoint.query);
  const shared =
    parts.shared.length === 0 ? undefined : extractFields(entriesOf(units, parts.shared), '/', undefined);
  return { index, parts, extra, shared };
}

function entriesOf(units: readonly Unit[], indexes: readonly number[]): Entry[] {
  const entries: Entry[] = [];
  for (const index of indexes) {
    const unit = units[index];
    if (unit === undefined || unit.kind === 'row') continue;
    if (unit.kind !== 'text') {
      entries.push(unit);
      continue;
    }
    // `Query params: \`a\`, \`b\`.`: a closing full stop would hide the last name from the list reader.
    const text = captionLabel(unit.text) ?? unit.text.replace(/(`)\.\s*$/, '$1');
    entries.push(text === unit.text ? unit : { ...unit, text });
  }
  return entries;
}

const CAPTION_TAIL = /\b(request|response|odpowied[zź]|żądanie|zadanie|body|payload)\b(.*)$/i;

/** A caption under a table naming its row (`POST /households request`, `DELETE /x response: 204`) as a label line. */
function captionLabel(text: string): string | undefined {
  const bare = text.replace(/[*_`#>]/g, '').trim();
  if (bare.length > 80 || !/\b(?:GET|POST|PUT|PATCH|DELETE)\b/.test(bare)) return undefined;
  const tail = CAPTION_TAIL.exec(bare);
  if (tail === null) return undefined;
  const name = /^(?:request|żądanie|zadanie|body|payload)$/i.test(tail[1] ?? '') ? 'Request' : 'Response';
  const rest = (tail[2] ?? '').trim();
  if (rest.startsWith(':')) return `${name}${rest}`;
  return rest.length === 0 ? `${name}:` : `${name} ${rest.replace(/:$/, '')}:`;
}

/** A request body written once under a table with a single row that takes a body. */
function soleBodyRow(reading: Reading, endpoint: Endpoint): string | undefined {
  const body = reading.shared?.requestBody;
  if (body === undefined || !['POST', 'PUT', 'PATCH'].includes(endpoint.method)) return undefined;
  return body;
}

function readFields(
  reading: Reading,
  endpoint: Endpoint,
  requestBody: string | undefined,
  file: string,
): ApiFacts['fields'] {
  const { index, parts } = reading;
  const units = index?.outline.units ?? [];
  const locate = (name: string, after = 0): SourceRef => ({
    file,
    line: locateName(index, [...parts.own, ...parts.shared], name, after) ?? endpoint.lines.start,
  });
  const params = [...endpoint.params];
  for (const param of [
    ...(reading.extra?.params ?? []),
    ...(endpoint.method === 'GET' ? (reading.shared?.params ?? []) : []),
  ]) {
    if (!params.some((known) => known.name === param.name)) params.push(param);
  }
  const fact = (param: Endpoint['params'][number]): FieldFact => ({
    name: param.name,
    type: param.type,
    required: param.required,
    description: param.description,
    source: locate(param.name),
  });
  const body: readonly BodyField[] = requestBody === undefined ? [] : readBodyFields(requestBody);
  const requestLine = requestBody === undefined ? 0 : (locateText(units, parts, requestBody) ?? 0);
  let bodyFacts: FieldFact[] = body.map((field) => ({
    name: field.name,
    type: field.type,
    required: field.required,
    description: field.description,
    source: locate(field.name, requestLine),
  }));
  if (bodyFacts.length === 0 && requestBody !== undefined && index !== undefined) {
    bodyFacts = validationSectionFields(index, requestBody, file);
  }
  const pathFacts = params.filter((param) => param.in === 'path').map(fact);
  const queryFacts = params.filter((param) => param.in === 'query').map(fact);
  const tabled = index === undefined ? [] : tableFields(units, parts.own, endpoint);
  const fromTable = (field: TableField): FieldFact => ({
    name: field.name,
    type: field.type,
    required: field.required,
    description: field.description,
    source: { file, line: field.line },
  });
  const tabledBody = tabled.filter((field) => field.in === 'body');
  if (bodyFacts.length === 0) bodyFacts = tabledBody.map(fromTable);
  return {
    path: enrich(pathFacts, tabled.filter((field) => field.in === 'path').map(fromTable), false),
    query: enrich(queryFacts, tabled.filter((field) => field.in === 'query').map(fromTable), true),
    body: enrich(enrich(bodyFacts, tabledBody.map(fromTable), false), ruleLines(index, parts, file), false),
  };
}

/** Fields with what other lines say about them filled in; new names added only when `add`. */
function enrich(fields: readonly FieldFact[], more: readonly FieldFact[], add: boolean): FieldFact[] {
  const out = [...fields];
  for (const extra of more) {
    const at = out.findIndex((field) => field.name === extra.name);
    const known = out[at];
    if (known === undefined) {
      if (add) out.push(extra);
      continue;
    }
    out[at] = {
      ...known,
      type: known.type ?? extra.type,
      required: known.required ?? extra.required,
      description: known.description ?? extra.description,
    };
  }
  return out;
}

const RULE_LINE = /^[*_]{0,2}`?([A-Za-z_$][\w$.-]*)`?[*_]{0,2}\s*(?:\(([^)]*)\))?\s*[:：–—]\s*(.+)$/;
const REQUIRED_WORD = /\b(?:required|wymagan\w*|obowiązkow\w*|obowiazkow\w*|mandatory)\b/i;
const OPTIONAL_WORD = /\b(?:optional|opcjonaln\w*|nullable)\b/i;

/** `- \`title\`: required, 1-200 chars` lines of a definition, as what they say about a field. */
function ruleLines(index: PlanIndex | undefined, parts: DefinitionParts, file: string): FieldFact[] {
  if (index === undefined) return [];
  const facts: FieldFact[] = [];
  for (const at of parts.own) {
    const unit = index.outline.units[at];
    if (unit?.kind !== 'text' || unit.depth === 0) continue;
    const match = RULE_LINE.exec(unit.text.trim());
    if (match === null) continue;
    const remark = `${match[2] ?? ''} ${match[3] ?? ''}`;
    const required = OPTIONAL_WORD.test(remark) ? false : REQUIRED_WORD.test(remark) ? true : undefined;
    facts.push({
      name: match[1] ?? '',
      type: undefined,
      required,
      description: (match[3] ?? '').replace(/`/g, '').trim(),
      source: { file, line: unit.line },
    });
  }
  return facts;
}

/** The line of the first unit (from line `after` on) that writes `name` as a word. */
function locateName(
  index: PlanIndex | undefined,
  indexes: readonly number[],
  name: string,
  after: number,
): number | undefined {
  if (index === undefined) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`);
  const { units, lines } = index.outline;
  for (const at of indexes) {
    const unit = units[at];
    if (unit === undefined) continue;
    if (unit.kind === 'code') {
      for (let line = unit.line; line <= unit.end; line++) {
        if (line >= after && word.test(lines.clean[line - 1] ?? '')) return line;
      }
      continue;
    }
    const text = unit.kind === 'row' ? unit.row.cells.join(' ') : unit.text;
    if (unit.line >= after && word.test(text)) return unit.line;
  }
  return undefined;
}

/** The first line of the unit holding the body text. */
function locateText(units: readonly Unit[], parts: DefinitionParts, body: string): number | undefined {
  const head = body.trim().split('\n')[0]?.trim().slice(0, 40) ?? '';
  if (head.length === 0) return undefined;
  for (const at of [...parts.own, ...parts.shared]) {
    const unit = units[at];
    if (unit === undefined) continue;
    const text =
      unit.kind === 'code' ? unit.value : unit.kind === 'row' ? unit.row.cells.join(' ') : unit.text;
    if (text.includes(head)) return unit.line;
  }
  return undefined;
}

/** The endpoint's whole text: its own lines, and for a table row the table head and the blocks under it. */
function definitionOf(reading: Reading, endpoint: Endpoint, file: string): ApiFacts['definition'] {
  const { index, parts } = reading;
  const base = {
    file,
    line: endpoint.lines.start,
    endLine: endpoint.lines.end,
    text: endpoint.markdown,
    section: endpoint.section,
  };
  if (index === undefined || parts.tableLine === undefined) return base;
  const { units, lines } = index.outline;
  const numbers = new Set<number>([parts.tableLine, parts.tableLine + 1, endpoint.lines.start]);
  for (const at of [...parts.own, ...parts.shared]) {
    const unit = units[at];
    if (unit === undefined) continue;
    const end = unit.kind === 'code' ? unit.end : unit.line;
    for (let line = unit.line; line <= end; line++) numbers.add(line);
  }
  const sorted = [...numbers].sort((a, b) => a - b);
  const pieces: string[] = [];
  let previous = -1;
  for (const line of sorted) {
    const text = lines.text.slice(lines.starts[line - 1] ?? 0, lines.ends[line - 1] ?? 0);
    if (previous > 0 && line > previous + 1) pieces.push('');
    pieces.push(text);
    previous = line;
  }
  return { ...base, endLine: sorted[sorted.length - 1] ?? endpoint.lines.end, text: pieces.join('\n') };
}
