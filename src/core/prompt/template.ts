import { assertNever } from '../assert-never.ts';

/** Whether a placeholder's value is the same for every endpoint of a run or differs per endpoint. */
export type PlaceholderScope = 'run' | 'endpoint';

/** A documented placeholder of the prompt template. */
export type PlaceholderInfo = {
  readonly name: string;
  readonly scope: PlaceholderScope;
  readonly description: string;
};

/** Every placeholder a template may use; anything else is an error that names it. */
export const PLACEHOLDERS = [
  { name: 'api_plan', scope: 'run', description: 'the whole API plan, as written' },
  { name: 'db_plan', scope: 'run', description: 'the whole database plan, as written' },
  { name: 'types_file', scope: 'run', description: 'the whole types file' },
  { name: 'tech_stack', scope: 'run', description: 'the tech stack document' },
  { name: 'rules', scope: 'run', description: 'the implementation rules, each under its file name' },
  { name: 'language', scope: 'run', description: 'the language of the plan, e.g. "Polish"' },
  {
    name: 'new_marker',
    scope: 'run',
    description: 'the marker for names a plan adds on purpose, in its language, e.g. "(new)"',
  },
  {
    name: 'plan_headings',
    scope: 'run',
    description: "the nine section headings in the plan's language (empty when English)",
  },
  { name: 'endpoint', scope: 'endpoint', description: "the endpoint's exact markdown from the API plan" },
  {
    name: 'dossier',
    scope: 'endpoint',
    description:
      'everything the docs say about the endpoint: definition, fields, codes, tables, types, rules',
  },
  { name: 'endpoint_method', scope: 'endpoint', description: 'the HTTP method, e.g. POST' },
  { name: 'endpoint_path', scope: 'endpoint', description: 'the path as written' },
  { name: 'endpoint_title', scope: 'endpoint', description: "the endpoint's title in the API plan" },
  {
    name: 'endpoint_error_codes',
    scope: 'endpoint',
    description: 'the error codes the API plan lists for it',
  },
  {
    name: 'db_resources',
    scope: 'endpoint',
    description: 'the tables it touches with every column and constraint, from its dossier',
  },
  {
    name: 'types',
    scope: 'endpoint',
    description: 'the declarations of the types file it takes and returns',
  },
  {
    name: 'decisions',
    scope: 'endpoint',
    description: 'files and names that plans already saved in the project decided (same resource first)',
  },
  { name: 'instructions', scope: 'endpoint', description: 'extra instructions from the user' },
  { name: 'problems', scope: 'endpoint', description: 'problems of the previous draft to fix' },
  { name: 'plan_file', scope: 'endpoint', description: 'where the plan will be saved' },
] as const satisfies readonly PlaceholderInfo[];

/** The name of a known placeholder. */
export type PlaceholderName = (typeof PLACEHOLDERS)[number]['name'];

/** A value for every placeholder; an empty string means "not available" (sections test for it). */
export type PromptValues = Readonly<Record<PlaceholderName, string>>;

/** The three parts of a template, in the order their messages are sent. */
export type PartName = 'system' | 'shared' | 'endpoint';

/** The parts in message order: what is identical for every endpoint comes first, for prefix caching. */
export const PART_ORDER: readonly PartName[] = ['system', 'shared', 'endpoint'];

/** A piece of a parsed template. */
export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'slot'; readonly name: PlaceholderName }
  | {
      readonly kind: 'section';
      readonly name: PlaceholderName;
      /** True for `{{^name}}`: kept only when the value is empty. */
      readonly inverted: boolean;
      readonly children: readonly TemplateNode[];
    };

/** A parsed, checked prompt template. */
export type Template = {
  readonly file: string;
  readonly parts: Readonly<Record<PartName, readonly TemplateNode[]>>;
};

/** The outcome of parsing a template: all its problems in one message, each with file and line. */
export type ParseTemplateResult =
  | { readonly kind: 'ok'; readonly template: Template }
  | { readonly kind: 'error'; readonly message: string };

/** The text of each part with the values in place. */
export type RenderedPrompt = Readonly<Record<PartName, string>>;

const MARKER = /^[ \t]*<!--[ \t]*@([A-Za-z-]+)[ \t]*-->[ \t]*$/;
// Only identifier-like tags are template syntax, so `{{ color: 'red' }}` in a JSX example stays text.
const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const KNOWN = new Map<string, PlaceholderInfo>(PLACEHOLDERS.map((info) => [info.name, info]));

type Builder = { name: PlaceholderName | undefined; inverted: boolean; line: number; nodes: TemplateNode[] };

function isPlaceholder(name: string): name is PlaceholderName {
  return KNOWN.has(name);
}

function knownList(): string {
  return PLACEHOLDERS.map((info) => `{{${info.name}}}`).join(', ');
}

/** Splits off the lines a standalone section tag sits on, as mustache does, so sections leave no blank lines. */
function standaloneSpans(body: string): Set<number> {
  const starts = new Set<number>();
  let lineStart = 0;
  while (lineStart < body.length) {
    const end = body.indexOf('\n', lineStart);
    const lineEnd = end === -1 ? body.length : end;
    const line = body.slice(lineStart, lineEnd);
    if (/^[ \t]*\{\{\s*[#^/]\s*[A-Za-z_][A-Za-z0-9_-]*\s*\}\}[ \t]*$/.test(line)) starts.add(lineStart);
    lineStart = lineEnd + 1;
  }
  return starts;
}

function parsePart(
  body: string,
  part: PartName,
  firstLine: number,
  file: string,
  errors: string[],
): TemplateNode[] {
  const root: Builder = { name: undefined, inverted: false, line: firstLine, nodes: [] };
  const stack: Builder[] = [root];
  const standalone = standaloneSpans(body);
  let cursor = 0;
  let line = firstLine;
  const lineAt = (index: number): number => {
    for (let i = cursor; i < index; i++) if (body.charCodeAt(i) === 10) line++;
    cursor = Math.max(cursor, index);
    return line;
  };
  let textStart = 0;
  const top = (): Builder => stack[stack.length - 1] ?? root;
  const pushText = (end: number): void => {
    if (end > textStart) top().nodes.push({ kind: 'text', text: body.slice(textStart, end) });
  };
  for (const match of body.matchAll(TAG)) {
    const [whole, sigil = '', name = ''] = match;
    const at = match.index;
    const tagLine = lineAt(at);
    const lineStart = body.lastIndexOf('\n', at - 1) + 1;
    const isStandalone = sigil !== '' && standalone.has(lineStart);
    const newline = body.indexOf('\n', at);
    const tagEnd = isStandalone ? (newline === -1 ? body.length : newline + 1) : at + whole.length;
    const where = `${file}:${tagLine}`;
    if (!isPlaceholder(name)) {
      errors.push(`${where}: unknown placeholder {{${name}}}. Known placeholders: ${knownList()}.`);
      continue;
    }
    if (part !== 'endpoint' && KNOWN.get(name)?.scope === 'endpoint') {
      errors.push(
        `${where}: {{${name}}} differs per endpoint, so it belongs in the <!-- @endpoint --> part; in the ${part} part it would stop providers from caching the shared prefix.`,
      );
    }
    pushText(isStandalone ? lineStart : at);
    textStart = tagEnd;
    if (sigil === '#' || sigil === '^') {
      stack.push({ name, inverted: sigil === '^', line: tagLine, nodes: [] });
    } else if (sigil === '/') {
      const open = top();
      if (open.name !== name) {
        errors.push(
          open.name === undefined
            ? `${where}: {{/${name}}} closes a section that was never opened.`
            : `${where}: {{/${name}}} closes {{${open.inverted ? '^' : '#'}${open.name}}} opened at line ${open.line}.`,
        );
        continue;
      }
      stack.pop();
      top().nodes.push({ kind: 'section', name, inverted: open.inverted, children: open.nodes });
    } else {
      top().nodes.push({ kind: 'slot', name });
    }
  }
  pushText(body.length);
  for (const open of stack.slice(1)) {
    errors.push(`${file}:${open.line}: {{${open.inverted ? '^' : '#'}${open.name}}} is never closed.`);
  }
  return root.nodes;
}

/** Parses a prompt template: `<!-- @system -->`, `<!-- @shared -->`, `<!-- @endpoint -->` parts with `{{placeholders}}`. */
export function parseTemplate(text: string, file: string): ParseTemplateResult {
  const lines = text.split('\n');
  const errors: string[] = [];
  const found: { part: PartName; line: number; bodyStart: number }[] = [];
  for (const [index, line] of lines.entries()) {
    const marker = MARKER.exec(line)?.[1];
    if (marker === undefined) continue;
    const part = PART_ORDER.find((name) => name === marker);
    if (part === undefined) {
      errors.push(
        `${file}:${index + 1}: unknown part marker <!-- @${marker} -->; the parts are ${partList()}.`,
      );
    } else if (found.some((f) => f.part === part)) {
      errors.push(`${file}:${index + 1}: a second <!-- @${part} --> marker; each part appears once.`);
    } else {
      found.push({ part, line: index + 1, bodyStart: index + 1 });
    }
  }
  for (const part of PART_ORDER) {
    if (!found.some((f) => f.part === part)) {
      errors.push(
        `${file}: the <!-- @${part} --> part marker is missing; a template has the parts ${partList()}.`,
      );
    }
  }
  const order = found.map((f) => f.part).join(',');
  if (errors.length === 0 && order !== PART_ORDER.join(',')) {
    errors.push(
      `${file}: the parts must come in the order ${partList()}, not ${order.replaceAll(',', ', ')}.`,
    );
  }
  const parts: Record<PartName, TemplateNode[]> = { system: [], shared: [], endpoint: [] };
  for (const [i, f] of found.entries()) {
    const next = found[i + 1];
    const body = lines.slice(f.bodyStart, next === undefined ? lines.length : next.line - 1).join('\n');
    parts[f.part] = parsePart(body, f.part, f.bodyStart + 1, file, errors);
  }
  if (errors.length > 0) return { kind: 'error', message: errors.join('\n') };
  return { kind: 'ok', template: { file, parts } };
}

function partList(): string {
  return PART_ORDER.map((part) => `<!-- @${part} -->`).join(', ');
}

function renderNodes(nodes: readonly TemplateNode[], values: PromptValues, out: string[]): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out.push(node.text);
        break;
      case 'slot':
        out.push(values[node.name]);
        break;
      case 'section': {
        const present = values[node.name].trim() !== '';
        if (present !== node.inverted) renderNodes(node.children, values, out);
        break;
      }
      default:
        assertNever(node);
    }
  }
}

/** Fills every part with the values; values are inserted verbatim and never expanded again. */
export function renderTemplate(template: Template, values: PromptValues): RenderedPrompt {
  const render = (part: PartName): string => {
    const out: string[] = [];
    renderNodes(template.parts[part], values, out);
    return out
      .join('')
      .replace(/^(?:[ \t]*\n)+/, '')
      .trimEnd();
  };
  return { system: render('system'), shared: render('shared'), endpoint: render('endpoint') };
}
