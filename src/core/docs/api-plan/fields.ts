import { assertNever } from '../../assert-never.ts';
import { pathParamNames } from '../../routes/paths.ts';
import type { Param } from '../model.ts';
import { type Label, type LabelKind, readLabel } from './labels.ts';
import { findRoute } from './route.ts';

/** One piece of a definition, in document order: a text line, a code block, or a sub-heading. */
export type Entry =
  | {
      readonly kind: 'text';
      readonly line: number;
      readonly text: string;
      /** List nesting: 0 at the top level, 1 inside an item, … */
      readonly depth: number;
      /** Lines of one paragraph share this number. */
      readonly paragraph: number;
    }
  | { readonly kind: 'code'; readonly line: number; readonly value: string; readonly depth: number }
  | { readonly kind: 'heading'; readonly line: number; readonly text: string };

/** What a definition says about its endpoint, besides method and path. */
export type Fields = {
  readonly description: string | undefined;
  readonly params: readonly Param[];
  readonly requestBody: string | undefined;
  readonly responseBody: string | undefined;
  readonly successStatus: number | undefined;
  readonly errorCodes: readonly number[];
};

const REASON_PHRASES =
  'Bad Request|Unauthori[sz]ed|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Request Timeout|Conflict|Gone|' +
  'Precondition Failed|Payload Too Large|Content Too Large|Unsupported Media Type|Unprocessable (?:Entity|Content)|Locked|' +
  'Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout';
const ERROR_WITH_PHRASE = new RegExp(
  `(?<![\\d.])([45]\\d\\d)\\s*[\`:–—-]?\\s*(?:${REASON_PHRASES})\\b`,
  'gi',
);
const SUCCESS_WITH_PHRASE =
  /(?<![\d.])(2\d\d)\s*[`:–—-]?\s*(?:OK|Created|Accepted|No Content|Partial Content)\b/i;
const STATUS_NUMBER = /(?<![\d$€£-]|\d[.,])\b([1-5]\d\d)\b(?![\d%]|[.,]\d)/g;
const HAS_STATUS = /[1-5]\d\d/;
const ERROR_NUMBER = /[45]\d\d/;
const NONE = /^(?:none|brak|n\/a|-|—|nie dotyczy|empty|no body|puste|nothing)\.?$/i;
const TYPE_WORD =
  /^(?:string|number|integer|int|float|double|decimal|boolean|bool|uuid|date|datetime|timestamp|timestamptz|timestampz|array|object|enum|json|file|text|\w+\[\])(?:\b|$)/i;
const PASCAL_TYPE = /^[A-Z][A-Za-z]*(?:\[\])?$/;
const PARAM_LINE =
  /^[*_]{0,2}(`?)([A-Za-z_$][\w.$[\]-]*)\1[*_]{0,2}(?:\s*\(([^)]*)\))?(?:\s*(?:[:=–—]|\s-\s)\s*(.*)|\s+(.*))?$/;
const REQUIRED = /\b(?:required|wymagan\w*|obowi[aą]zkow\w*|mandatory)\b/i;
const OPTIONAL = /\b(?:optional|opcjonaln\w*|nieobowi[aą]zkow\w*)\b/i;

type Context = { readonly kind: LabelKind; readonly depth: number; readonly paragraph: number };

/** Reads description, parameters, bodies and status codes from a definition's entries. */
export function extractFields(entries: readonly Entry[], path: string, query: string | undefined): Fields {
  // A description may wrap onto more lines of its paragraph: keep the raw text and the paragraph it is in.
  let description: string | undefined;
  let descriptionParagraph = -1;
  let fallbackDescription: string | undefined;
  let fallbackParagraph = -1;
  let requestBody: string | undefined;
  let responseBody: string | undefined;
  let successStatus: number | undefined;
  let fallbackSuccess: number | undefined;
  const errors = new Set<number>();
  // Parameter lists are parsed only when `params` is read: `list` needs the description, not the parameters.
  const declared: (readonly [string, LabelKind])[] = [];
  const requestProse: string[] = [];
  const responseProse: string[] = [];
  let context: Context | undefined;

  const addStatusCodes = (text: string, kind: LabelKind): void => {
    if (!HAS_STATUS.test(text)) return;
    STATUS_NUMBER.lastIndex = 0;
    for (let match = STATUS_NUMBER.exec(text); match !== null; match = STATUS_NUMBER.exec(text)) {
      const code = Number(match[1]);
      if (code >= 200 && code < 300 && kind !== 'errors') successStatus ??= code;
      if (code >= 400 && kind !== 'success') errors.add(code);
    }
  };

  for (const entry of entries) {
    if (entry.kind === 'code') {
      const value = trimBlankLines(entry.value);
      if (context?.kind === 'request') requestBody ??= value;
      else if (context?.kind === 'response' || context?.kind === 'success') responseBody ??= value;
      continue;
    }
    if (entry.kind === 'heading') {
      const label = readLabel(entry.text);
      context = label === undefined ? undefined : { kind: label.kind, depth: -1, paragraph: -1 };
      if (label !== undefined && label.kind !== 'errors') addStatusCodes(label.qualifier, label.kind);
      continue;
    }
    const text = entry.text;
    const hasNumber = HAS_STATUS.test(text);
    if (hasNumber && ERROR_NUMBER.test(text)) {
      ERROR_WITH_PHRASE.lastIndex = 0;
      for (let match = ERROR_WITH_PHRASE.exec(text); match !== null; match = ERROR_WITH_PHRASE.exec(text))
        errors.add(Number(match[1]));
    }
    if (fallbackSuccess === undefined && hasNumber) {
      const success = SUCCESS_WITH_PHRASE.exec(text);
      if (success !== null) fallbackSuccess = Number(success[1]);
    }
    const inContext =
      context !== undefined && (entry.depth > context.depth || entry.paragraph === context.paragraph);
    const label = readLabel(text);
    if (label !== undefined && label.kind !== 'other' && !(inContext && isParamContext(context))) {
      context = { kind: label.kind, depth: entry.depth, paragraph: entry.paragraph };
      const value = label.value;
      let plainCache: string | undefined;
      const plainValue = (): string => {
        plainCache ??= plain(value);
        return plainCache;
      };
      switch (label.kind) {
        case 'description':
          if (description === undefined) {
            if (value.length > 0) description = value;
            descriptionParagraph = entry.paragraph;
          }
          break;
        case 'query':
        case 'params':
        case 'path-params':
          if (!NONE.test(value)) declared.push([value, label.kind]);
          break;
        case 'request':
          if (value.length > 0 && !NONE.test(value)) requestProse.push(value);
          break;
        case 'response':
        case 'success':
          addStatusCodes(label.qualifier, label.kind);
          if (label.kind === 'success') addStatusCodes(value, 'success');
          else if (/^\d{3}\b/.test(plainValue())) addStatusCodes(plainValue().slice(0, 3), 'response');
          if (value.length > 0 && !NONE.test(value) && !/^\d{3}\b[^{[]*$/.test(plainValue()))
            responseProse.push(value);
          break;
        case 'status':
          addStatusCodes(`${label.qualifier} ${value}`, 'status');
          break;
        case 'errors':
          addStatusCodes(`${label.qualifier} ${value}`, 'errors');
          break;
        case 'method':
        case 'path':
        case 'endpoint':
          break;
        default:
          assertNever(label.kind);
      }
      continue;
    }
    if (context !== undefined && inContext) {
      switch (context.kind) {
        case 'query':
        case 'params':
        case 'path-params': {
          declared.push([text, context.kind]);
          break;
        }
        case 'request':
          requestProse.push(text);
          break;
        case 'response':
        case 'success':
          responseProse.push(text);
          break;
        case 'errors':
        case 'status':
          addStatusCodes(text, context.kind);
          break;
        case 'description':
          if (entry.paragraph === descriptionParagraph && continues(text, label))
            description = description === undefined ? text : `${description} ${text}`;
          else descriptionParagraph = -1;
          break;
        case 'method':
        case 'path':
        case 'endpoint':
        case 'other':
          break;
        default:
          assertNever(context.kind);
      }
      continue;
    }
    context =
      label?.kind === 'other' ? { kind: 'other', depth: entry.depth, paragraph: entry.paragraph } : undefined;
    if (entry.paragraph === fallbackParagraph && continues(text, label) && findRoute(text) === undefined) {
      fallbackDescription = `${fallbackDescription ?? ''} ${text}`;
      continue;
    }
    fallbackParagraph = -1;
    if (label === undefined && fallbackDescription === undefined && isProse(text)) {
      fallbackDescription = text;
      fallbackParagraph = entry.paragraph;
    }
  }

  const described = description ?? fallbackDescription;
  let params: Param[] | undefined;
  return {
    description: described === undefined ? undefined : plain(described),
    get params() {
      params ??= buildParams(
        path,
        query,
        declared.flatMap(([text, kind]) => parseParamList(text, kind)),
      );
      return params;
    },
    requestBody: requestBody ?? joinProse(requestProse),
    responseBody: responseBody ?? joinProse(responseProse),
    successStatus: successStatus ?? fallbackSuccess,
    errorCodes:
      errors.size === 0 ? [] : [...errors].filter((code) => code >= 400 && code < 600).sort((a, b) => a - b),
  };
}

/**
 * True when a line of a paragraph carries on the text above it (a wrapped sentence, lazily or indented),
 * not a new `**Label:**` line. A colon alone does not start a label here: wrapped prose has them.
 */
function continues(text: string, label: Label | undefined): boolean {
  if (label === undefined) return true;
  const first = text.charCodeAt(0);
  return label.kind === 'other' && first !== 42 && first !== 95;
}

function isParamContext(context: Context | undefined): boolean {
  return context?.kind === 'query' || context?.kind === 'params' || context?.kind === 'path-params';
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

function joinProse(lines: readonly string[]): string | undefined {
  const text = lines.join('\n').trim();
  return text.length > 0 ? text : undefined;
}

function isProse(text: string): boolean {
  const bare = plain(text);
  // A line that is all bold is a title, and a line naming a route is the definition's own head.
  if (/^[*_]{2}[^*_]+[*_]{2}:?$/.test(text.trim()) || findRoute(text) !== undefined) return false;
  return bare.length >= 3 && /\p{L}{2}/u.test(bare) && !bare.startsWith('/');
}

const MARKUP = /[*_`]/;
const LOOSE_SPACE = /\s{2,}|[^\S ]/;

/** Text without emphasis markers and code backticks. */
export function plain(text: string): string {
  // Most lines carry no markup and single spaces: skip the rewrites that would change nothing.
  let out = text;
  if (MARKUP.test(out)) {
    out = out
      .replace(/\*\*|__/g, '')
      .replace(/(^|\s)[*_](\S)/g, '$1$2')
      .replace(/(\S)[*_](?=\s|$|[.,;:])/g, '$1')
      .replace(/`/g, '');
  }
  if (LOOSE_SPACE.test(out)) out = out.replace(/\s+/g, ' ');
  return out.trim();
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inCode = false;
  let from = 0;
  const add = (part: string): void => {
    const trimmed = part.trim();
    if (trimmed.length > 0) parts.push(trimmed);
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 96) inCode = !inCode;
    else if (inCode) continue;
    else if (code === 40 || code === 91 || code === 123) depth++;
    else if (code === 41 || code === 93 || code === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (code === 44 || code === 59)) {
      add(text.slice(from, i));
      from = i + 1;
    }
  }
  add(text.slice(from));
  return parts;
}

function parseParamList(text: string, kind: LabelKind): Param[] {
  const where = kind === 'path-params' ? 'path' : 'query';
  const line = text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim();
  const single = parseParam(line, where, false);
  if (!line.includes(',') && !line.includes(';')) return single === undefined ? [] : [single];
  const parts = splitTopLevel(line);
  if (parts.length <= 1) return single === undefined ? [] : [single];
  const many = parts.map((part) => parseParam(part, where, true));
  if (many.every((param) => param !== undefined)) return many.filter((param) => param !== undefined);
  return single === undefined ? [] : [single];
}

function parseParam(text: string, where: 'path' | 'query', strict: boolean): Param | undefined {
  const match = PARAM_LINE.exec(text.trim());
  if (match === null) return undefined;
  const quoted = match[1] === '`';
  const name = match[2] ?? '';
  const inParens = match[3];
  const afterSeparator = match[4];
  const trailing = match[5];
  if (name.length > 40 || /^\d/.test(name)) return undefined;
  // A bare word followed by more words is a sentence, not a parameter (`Supports search and sorting`).
  if (trailing !== undefined && !quoted && inParens === undefined) return undefined;
  if (strict && trailing !== undefined && !quoted && inParens === undefined) return undefined;
  const remark = joinDefined(joinDefined(inParens, afterSeparator), trailing) ?? '';
  const required = REQUIRED.test(remark) ? true : OPTIONAL.test(remark) ? false : undefined;
  const type = typeOf(inParens, afterSeparator);
  const descriptionText = plain(joinDefined(afterSeparator, trailing) ?? '');
  return {
    name,
    in: where,
    required,
    type,
    description: descriptionText.length > 0 ? descriptionText : undefined,
  };
}

function joinDefined(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined ? a : `${a} ${b}`;
}

function typeOf(inParens: string | undefined, afterSeparator: string | undefined): string | undefined {
  for (const part of (inParens ?? '').split(',')) {
    const word = part.trim().replace(/`/g, '');
    if (TYPE_WORD.test(word) || PASCAL_TYPE.test(word)) return /^[\w[\]]+/.exec(word)?.[0];
  }
  const first = (afterSeparator ?? '').trim().replace(/`/g, '');
  return TYPE_WORD.test(first) ? /^[\w[\]]+/.exec(first)?.[0] : undefined;
}

function buildParams(path: string, query: string | undefined, declared: readonly Param[]): Param[] {
  const params: Param[] = [];
  const byName = new Map<string, Param>();
  for (const param of declared) if (!byName.has(param.name)) byName.set(param.name, param);
  for (const name of pathParamNames(path)) {
    const known = byName.get(name);
    params.push({
      name,
      in: 'path',
      required: true,
      type: known?.type,
      description: known?.description,
    });
  }
  const seen = new Set(params.map((param) => param.name));
  for (const pair of (query ?? '').split('&')) {
    const name = /^([A-Za-z_][\w.[\]-]*)/.exec(pair)?.[1];
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    const known = byName.get(name);
    params.push({
      name,
      in: 'query',
      required: known?.required,
      type: known?.type,
      description: known?.description,
    });
  }
  for (const param of declared) {
    if (seen.has(param.name) || param.in === 'path') continue;
    seen.add(param.name);
    params.push({ ...param, in: 'query' });
  }
  return params;
}
