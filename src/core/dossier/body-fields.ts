/** A top-level field of a request body as the docs write it; `line` counts from the body's first line (0). */
export type BodyField = {
  readonly name: string;
  readonly type: string | undefined;
  readonly required: boolean | undefined;
  readonly description: string | undefined;
  readonly line: number;
};

const TYPE_WORD =
  /^(?:string|str|text|number|numeric|integer|int|float|double|decimal|bigint|boolean|bool|uuid|date|datetime|date-time|time|timestamp|timestamptz|timestampz|email|url|uri|array|object|enum|json|jsonb|file|binary|null|any|unknown|record|map|list|tablica|liczba|tekst|data)\b/i;
const REQUIRED = /\b(?:required|wymagan[eya]?\w*|obowi[aą]zkow\w*|mandatory|not null)\b/i;
const OPTIONAL = /\b(?:optional|opcjonaln\w*|nieobowi[aą]zkow\w*|nullable)\b/i;
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;
const NEXT_KEY = /^\s*(?:["'][\w$.-]+["']|[A-Za-z_$][\w$-]*)\??\s*:/;

/**
 * Reads the top-level fields of a request body written as JSON, a JSON-like or TypeScript-like shape
 * (`{ email: string, password?: string }`, `{ query_text, tags: [] }`), a list of field lines
 * (`- \`name\` (string, required): …`) or prose naming fields in code spans.
 */
export function readBodyFields(body: string): BodyField[] {
  const text = body.trim();
  const open = objectStart(text);
  if (open >= 0) {
    const fields = objectKeys(text, open);
    if (fields.length > 0) return fields;
  }
  const listed = fieldLines(text);
  if (listed.length > 0) return listed;
  return codeSpanNames(text);
}

/** Where the body's object starts: its first `{`, when nothing but a code span or a short label comes before. */
function objectStart(text: string): number {
  const brace = text.indexOf('{');
  if (brace < 0) return -1;
  const before = text.slice(0, brace);
  // `[{ … }]`: an array of objects; its items' keys are the fields.
  if (/^[\s`[]*$/.test(before)) return brace;
  // `interface CreateNote {`, `type CreateNote = {`, `z.object({`: a TypeScript or schema shape.
  if (
    /^\s*(?:\/\/[^\n]*\n\s*)*(?:export\s+)?(?:interface\s+[\w$]+(?:\s+extends\s+[^{]+)?|type\s+[\w$]+\s*=)\s*$/.test(
      before,
    )
  )
    return brace;
  if (/^[\s\w$.=:]*\bobject\(\s*$/.test(before)) return brace;
  // `Partial \`UserDTO\` (e.g. \`{ first_name, last_name }\`)`: a shape inside a code span in prose.
  if (/`\s*$/.test(before) && /\}\s*`/.test(text.slice(brace))) return brace;
  return -1;
}

type Scan = { depth: number; line: number };

/** The keys at depth 1 of the object opening at `open`, with what their values say about them. */
function objectKeys(text: string, open: number): BodyField[] {
  const fields: BodyField[] = [];
  const seen = new Set<string>();
  const state: Scan = { depth: 0, line: countLines(text, open) };
  let entryStart = true;
  let i = open;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      state.line++;
      i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      state.line += countLines(text.slice(i, end), end - i);
      i = end;
      continue;
    }
    if (state.depth === 1 && entryStart && !/\s/.test(ch)) {
      entryStart = false;
      const key = readKey(text, i);
      if (key !== undefined) {
        const value = key.hasValue ? readValue(text, key.end) : { text: '', end: key.end };
        if (!seen.has(key.name)) {
          seen.add(key.name);
          fields.push({ ...describeValue(value.text, key.optional), name: key.name, line: state.line });
        }
        state.line += countLines(text.slice(i, value.end), value.end - i);
        i = value.end;
        // A value ended by its line (`title?: string` with no comma), or by a separator it took with its
        // trailing comment, leaves a new entry next.
        if (text[i] === '\n' || text[i - 1] === ',' || text[i - 1] === ';') entryStart = true;
        continue;
      }
    }
    if (ch === '"' || ch === "'") {
      const end = stringEnd(text, i);
      state.line += countLines(text.slice(i, end), end - i);
      i = end;
      continue;
    }
    if (ch === '{' || ch === '[' || ch === '(') {
      state.depth++;
      if (state.depth === 1) entryStart = true;
    } else if (ch === '}' || ch === ']' || ch === ')') {
      state.depth--;
      if (state.depth <= 0) break;
    } else if ((ch === ',' || ch === ';') && state.depth === 1) {
      entryStart = true;
    }
    i++;
  }
  return fields;
}

function countLines(text: string, upTo: number): number {
  let lines = 0;
  for (let i = 0; i < upTo && i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === quote || ch === '\n') return i + 1;
  }
  return text.length;
}

/** A key at the start of an entry: `"name":`, `name:`, `name?:`, or a shorthand `name` before `,` or `}`. */
function readKey(
  text: string,
  start: number,
): { name: string; optional: boolean; hasValue: boolean; end: number } | undefined {
  let name: string;
  let i: number;
  const first = text[start];
  if (first === '"' || first === "'") {
    const end = stringEnd(text, start);
    name = text.slice(start + 1, end - 1);
    i = end;
  } else {
    const match = /^[A-Za-z_$][\w$-]*/.exec(text.slice(start, start + 80));
    if (match === null) return undefined;
    name = match[0];
    i = start + name.length;
  }
  if (!IDENTIFIER.test(name) && !/^[\w$.-]+$/.test(name)) return undefined;
  let optional = false;
  if (text[i] === '?') {
    optional = true;
    i++;
  }
  while (text[i] === ' ' || text[i] === '\t') i++;
  const next = text[i];
  if (next === ':') return { name, optional, hasValue: true, end: i + 1 };
  // A shorthand key (`{ email, password }`), or a name with a remark in parentheses (`last_name (opcjonalnie)`).
  if (next === ',' || next === '}' || next === '\n' || next === '(' || next === undefined) {
    if (first === '"' || first === "'") return undefined;
    if (next === '(') {
      const close = text.indexOf(')', i);
      const remark = close < 0 ? '' : text.slice(i + 1, close);
      return {
        name,
        optional: optional || OPTIONAL.test(remark),
        hasValue: false,
        end: close < 0 ? i : close + 1,
      };
    }
    return { name, optional, hasValue: false, end: i };
  }
  return undefined;
}

/** The value after a key, up to the `,` or `}` that ends its entry. */
function readValue(text: string, start: number): { text: string; end: number } {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '"' || ch === "'") {
      i = stringEnd(text, i);
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      const comment = text.slice(i + 2, eol < 0 ? text.length : eol);
      // A trailing comment says something about the field (`"currency": "PLN", // optional`).
      return { text: `${text.slice(start, i)} /*${comment}*/`, end: eol < 0 ? text.length : eol };
    }
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if ((ch === ',' || ch === ';') && depth === 0) {
      const rest = text.slice(i + 1, text.indexOf('\n', i + 1) < 0 ? text.length : text.indexOf('\n', i + 1));
      const comment = /^\s*\/\/(.*)$/.exec(rest);
      if (comment !== null) return { text: `${text.slice(start, i)} /*${comment[1] ?? ''}*/`, end: i + 1 };
      break;
    } else if (ch === '\n' && depth === 0 && NEXT_KEY.test(text.slice(i + 1, i + 120))) {
      break;
    }
    i++;
  }
  return { text: text.slice(start, i), end: i };
}

/** Type, required and description from a value: `"string (required, min 1 char)"`, `number`, `"uuid|null"`, `3`. */
function describeValue(
  raw: string,
  optionalKey: boolean,
): { type: string | undefined; required: boolean | undefined; description: string | undefined } {
  const commentMatch = /\/\*(.*)\*\/\s*$/.exec(raw);
  const comment = commentMatch?.[1]?.trim();
  const value = (commentMatch === null ? raw : raw.slice(0, commentMatch.index)).trim();
  const quoted = /^["'](.*)["']$/s.exec(value);
  const inner = quoted?.[1]?.trim() ?? value;
  const remarks = [/\(([^)]*)\)/.exec(inner)?.[1], comment].filter((part) => part !== undefined).join(', ');
  let required: boolean | undefined = optionalKey ? false : undefined;
  if (required === undefined && OPTIONAL.test(remarks)) required = false;
  else if (required === undefined && REQUIRED.test(remarks)) required = true;
  let type: string | undefined;
  const head = inner.replace(/\s*\(.*$/s, '').trim();
  const schema = /^z\.(\w+)\(/.exec(value);
  if (schema !== null) {
    type = schema[1];
    if (/\.(?:optional|nullish)\(\)/.test(value)) required = false;
  } else if (quoted === null) {
    if (/^-?\d/.test(value)) type = 'number';
    else if (/^(?:true|false)$/.test(value)) type = 'boolean';
    else if (value.startsWith('[')) type = 'array';
    else if (value.startsWith('{')) type = 'object';
    else if (TYPE_WORD.test(head) || /^[A-Z][\w]*(?:\[\])?$/.test(head)) type = head.split(/[\s,;]/)[0];
  } else if (TYPE_WORD.test(head) && /^[\w|:[\]<>.-]+$/.test(head)) {
    type = head;
  } else {
    type = 'string';
  }
  const description = [/\(([^)]*)\)/.exec(inner)?.[1], comment]
    .filter((part): part is string => part !== undefined && part.trim().length > 0)
    .map((part) => part.trim())
    .join('; ');
  return { type, required, description: description.length > 0 ? description : undefined };
}

const FIELD_LINE =
  /^(?:[-*+]|\d+[.)])?\s*[*_]{0,2}(`?)([A-Za-z_$][\w$.[\]-]*)\1[*_]{0,2}(?:\s*\(([^)]*)\))?\s*(?:[:=–—]|\s-\s)\s*(.*)$/;

/** One field per line: `- \`name\` (string, required): what it is`, `name: string`. */
function fieldLines(text: string): BodyField[] {
  const fields: BodyField[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const match = FIELD_LINE.exec(line.trim());
    if (match === null) return;
    const quoted = match[1] === '`';
    const name = match[2] ?? '';
    const paren = match[3];
    const rest = (match[4] ?? '').trim();
    // A bare capitalised word before a colon is a label (`Note: …`), not a field.
    if (!quoted && paren === undefined && !TYPE_WORD.test(rest) && /^[A-Z]/.test(name)) return;
    const remarks = `${paren ?? ''} ${rest}`;
    const typeSource = (paren ?? '').split(',')[0]?.trim() ?? '';
    const type = TYPE_WORD.test(typeSource)
      ? typeSource
      : TYPE_WORD.test(rest)
        ? (rest.split(/[\s,;]/)[0] ?? undefined)
        : undefined;
    fields.push({
      name,
      type,
      required: OPTIONAL.test(remarks) ? false : REQUIRED.test(remarks) ? true : undefined,
      description: rest.length > 0 ? rest.replace(/[`*_]/g, '') : undefined,
      line: index,
    });
  });
  // A list is a list of fields when most of its lines are field lines.
  const nonBlank = lines.filter((line) => line.trim().length > 0).length;
  return fields.length >= Math.max(1, Math.ceil(nonBlank / 2)) ? fields : [];
}

/** Field-like names in code spans of a sentence: `zawiera \`first_name\`, \`last_name\` …`. */
function codeSpanNames(text: string): BodyField[] {
  const withoutLinks = text.replace(/\[[^\]]*\]\([^)]*\)/g, '');
  const fields: BodyField[] = [];
  const seen = new Set<string>();
  for (const match of withoutLinks.matchAll(/`([^`]+)`/g)) {
    const name = (match[1] ?? '').trim();
    // Types are capitalised (`CreateDoctorCommand`); fields are not.
    if (!/^[a-z_][\w]*$/.test(name) || seen.has(name)) continue;
    seen.add(name);
    const after = withoutLinks.slice((match.index ?? 0) + (match[0]?.length ?? 0));
    const remark = /^\s*\(([^)]*)\)/.exec(after)?.[1];
    fields.push({
      name,
      type: undefined,
      required: undefined,
      description: remark,
      line: countLines(withoutLinks, match.index ?? 0),
    });
  }
  return fields.length >= 2 ? fields : [];
}
