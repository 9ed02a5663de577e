import { HANDLER_METHODS, joinPaths, toPlanSpelling } from '../routes/spellings.ts';
import { assetKindByPath } from './assets.ts';
import { EMPTY_SCAN, type FileScan, type RouteHandler, type RouterUnit } from './model.ts';

/** The part of a tree-sitter syntax node the scanners read (web-tree-sitter's `Node` fits it). */
export type SyntaxNode = {
  readonly type: string;
  readonly text: string;
  readonly startPosition: { readonly row: number };
  /** Identifies the node within its tree: two objects for one node share it. */
  readonly id: number;
  readonly parent: SyntaxNode | null;
  readonly namedChildren: readonly (SyntaxNode | null)[];
  childForFieldName(name: string): SyntaxNode | null;
  /** Every node below of one of `types`, found inside the parser (no node objects built for the others). */
  descendantsOfType(types: string | string[]): readonly (SyntaxNode | null)[];
};

/** The languages parsed through tree-sitter grammars. */
export type TreeLanguage = 'python' | 'java' | 'csharp';

/** Words whose presence makes a file worth parsing, per language. */
export const TREE_HINTS: Readonly<Record<TreeLanguage, RegExp>> = {
  python:
    /@\w+\.(?:get|post|put|patch|delete|api_route|route)\s*\(|APIRouter\s*\(|FastAPI\s*\(|include_router|urlpatterns|\.register\s*\(/,
  java: /@(?:RestController|Controller|RequestMapping|GetMapping|PostMapping|PutMapping|PatchMapping|DeleteMapping)\b/,
  csharp:
    /\.Map(?:Get|Post|Put|Patch|Delete|Methods|Group)\s*\(|\[(?:Http(?:Get|Post|Put|Patch|Delete)|Route|ApiController)\b/,
};
function kids(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** Nodes of the given types below `root`, in document order. */
function ofTypes(root: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  return root.descendantsOfType([...types]).filter((node): node is SyntaxNode => node !== null);
}

/** The first string literal inside `node`, searched by the parser. */
function firstString(node: SyntaxNode): string | undefined {
  for (const literal of ofTypes(node, [
    'string',
    'string_literal',
    'verbatim_string_literal',
    'raw_string_literal',
  ])) {
    const value = stringValue(literal);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The value of a string literal node, quotes and prefixes (`r"…"`, `@"…"`, `$"…"`) removed. */
function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (node === null || node === undefined) return undefined;
  if (!/string/.test(node.type)) return undefined;
  const match = /^[rRbBuUfF@$]*("""|'''|"|')([\s\S]*)\1$/.exec(node.text);
  return match?.[2];
}

const line = (node: SyntaxNode): number => node.startPosition.row + 1;

/** Statements of a body that only raise/throw or answer 501 make a stub. */
function bodyIsStub(body: SyntaxNode | null): boolean {
  if (body === null) return false;
  const statements = kids(body).filter(
    (s) => s.type !== 'comment' && s.type !== 'line_comment' && s.type !== 'block_comment',
  );
  if (statements.length === 0) return false;
  return statements.every((s) => {
    if (/raise|throw/.test(s.type)) return true;
    const text = s.text;
    if (s.type === 'expression_statement' && /^["']/.test(text.trim())) return true;
    return (
      /\b501\b|NOT_IMPLEMENTED|NotImplemented/.test(text) && /return|raise|throw|=>/.test(`${s.type} ${text}`)
    );
  });
}

/**
 * Scans one parsed Python, Java or C# file for route handlers, routers and reusable top-level names. `routes` is
 * false for a file without any word of its language's hint: it is read for its names only.
 */
export function scanTree(language: TreeLanguage, file: string, root: SyntaxNode, routes = true): FileScan {
  switch (language) {
    case 'python':
      return scanPython(file, root, routes);
    case 'java':
      return scanAnnotated(file, root, 'java', routes);
    case 'csharp':
      return scanAnnotated(file, root, 'csharp', routes);
  }
}

function withAsset(file: string, scan: FileScan, names: readonly string[]): FileScan {
  const kind = assetKindByPath(file);
  if (kind === undefined || names.length === 0) return scan;
  return { ...scan, asset: { kind, file, exports: [...new Set(names)] } };
}

/** The keyword argument `name=` of a call's argument list. */
function keywordArgument(args: SyntaxNode | null, name: string): SyntaxNode | undefined {
  if (args === null) return undefined;
  for (const a of kids(args)) {
    if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) {
      return a.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

function positional(args: SyntaxNode | null, index: number): SyntaxNode | undefined {
  if (args === null) return undefined;
  return kids(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment')[index];
}

/** FastAPI decorators and routers, Django `urlpatterns` and DRF routers. */
function scanPython(file: string, root: SyntaxNode, routes: boolean): FileScan {
  const units = new Map<
    string,
    {
      name: string;
      ownPrefix: string;
      routes: RouterUnit['routes'][number][];
      mounts: RouterUnit['mounts'][number][];
    }
  >();
  const unit = (name: string) => {
    let found = units.get(name);
    if (found === undefined) {
      found = { name, ownPrefix: '', routes: [], mounts: [] };
      units.set(name, found);
    }
    return found;
  };
  const imports: { local: string; specifier: string; name: string }[] = [];
  const names: string[] = [];
  const isAsset = assetKindByPath(file) !== undefined;
  let framework: FileScan['framework'];

  for (const statement of kids(root)) {
    if (statement.type === 'import_from_statement') {
      const module = statement.childForFieldName('module_name')?.text ?? '';
      for (const child of kids(statement).slice(1)) {
        if (child.type === 'dotted_name')
          imports.push({ local: child.text, specifier: module, name: child.text });
        if (child.type === 'aliased_import') {
          const name = child.childForFieldName('name')?.text ?? '';
          const alias = child.childForFieldName('alias')?.text ?? name;
          imports.push({ local: alias, specifier: module, name });
        }
      }
    }
    if (!isAsset) continue;
    if (statement.type === 'class_definition' || statement.type === 'function_definition') {
      names.push(statement.childForFieldName('name')?.text ?? '');
    }
    if (statement.type === 'decorated_definition') {
      const definition = statement.childForFieldName('definition');
      if (definition !== null) names.push(definition.childForFieldName('name')?.text ?? '');
    }
  }

  for (const node of routes ? ofTypes(root, ['decorated_definition', 'assignment', 'call']) : []) {
    if (node.type === 'decorated_definition') {
      const definition = node.childForFieldName('definition');
      for (const decorator of kids(node).filter((k) => k.type === 'decorator')) {
        const call = kids(decorator)[0];
        if (call?.type !== 'call') continue;
        const fn = call.childForFieldName('function');
        if (fn?.type !== 'attribute') continue;
        const method = fn.childForFieldName('attribute')?.text.toUpperCase() ?? '';
        const object = fn.childForFieldName('object')?.text ?? '';
        const args = call.childForFieldName('arguments');
        const path = stringValue(positional(args, 0)) ?? stringValue(keywordArgument(args, 'path'));
        if (path === undefined) continue;
        const body = definition?.childForFieldName('body') ?? null;
        let methods: string[] = [];
        if (HANDLER_METHODS.has(method)) methods = [method];
        if (method === 'API_ROUTE' || method === 'ROUTE') {
          const listed = keywordArgument(args, 'methods');
          methods =
            listed === undefined
              ? ['GET']
              : [...listed.text.matchAll(/["'](\w+)["']/g)].map((m) => (m[1] ?? '').toUpperCase());
        }
        for (const m of methods) {
          unit(object).routes.push({ method: m, path, line: line(node), stub: bodyIsStub(body) });
          framework = 'fastapi';
        }
      }
    }
    if (node.type !== 'assignment' && node.type !== 'call') continue;
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left')?.text ?? '';
      const right = node.childForFieldName('right');
      if (right?.type === 'call') {
        const callee = right.childForFieldName('function')?.text ?? '';
        const args = right.childForFieldName('arguments');
        if (/(?:^|\.)APIRouter$|(?:^|\.)FastAPI$/.test(callee)) {
          unit(left).ownPrefix = stringValue(keywordArgument(args, 'prefix')) ?? '';
        }
      }
      if (left === 'urlpatterns' && right !== null) {
        framework = 'django';
        for (const element of kids(right)) {
          if (element.type !== 'call') continue;
          const callee = element.childForFieldName('function')?.text ?? '';
          if (!/^(?:path|re_path|url)$/.test(callee)) continue;
          const args = element.childForFieldName('arguments');
          let route = stringValue(positional(args, 0)) ?? '';
          if (callee !== 'path')
            route = route
              .replace(/^\^/, '')
              .replace(/\$$/, '')
              .replace(/\(\?P<(\w+)>[^)]*\)/g, '<$1>');
          const target = positional(args, 1);
          if (target?.type === 'call' && target.childForFieldName('function')?.text === 'include') {
            const included = positional(target.childForFieldName('arguments'), 0);
            const module = stringValue(included);
            if (module !== undefined)
              unit('<module>').mounts.push({
                prefix: `/${route}`,
                from: { specifier: module, name: '<module>' },
              });
            else if (included !== undefined) {
              const local = included.text.replace(/\.urls$/, '');
              unit('<module>').mounts.push({ prefix: `/${route}`, local });
            }
            continue;
          }
          unit('<module>').routes.push({
            method: 'ALL',
            path: `/${route}`,
            line: line(element),
            stub: false,
          });
        }
      }
    }
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute') continue;
      const attribute = fn.childForFieldName('attribute')?.text ?? '';
      const object = fn.childForFieldName('object')?.text ?? '';
      const args = node.childForFieldName('arguments');
      if (attribute === 'include_router') {
        const target = positional(args, 0);
        const prefix = stringValue(keywordArgument(args, 'prefix')) ?? '';
        if (target === undefined) continue;
        const [head, ...rest] = target.text.split('.');
        const imported = imports.find((i) => i.local === head);
        if (imported !== undefined && rest.length > 0) {
          const module = imported.specifier.endsWith('.')
            ? `${imported.specifier}${imported.name}`
            : `${imported.specifier}.${imported.name}`;
          unit(object).mounts.push({ prefix, from: { specifier: module, name: rest.join('.') } });
        } else if (imported !== undefined) {
          unit(object).mounts.push({ prefix, from: { specifier: imported.specifier, name: imported.name } });
        } else {
          unit(object).mounts.push({ prefix, local: target.text });
        }
      }
      if (attribute === 'register') {
        const prefix = stringValue(positional(args, 0));
        if (prefix === undefined) continue;
        framework = 'django';
        const base = `/${prefix.replace(/^\^/, '').replace(/\/?$/, '/')}`;
        const at = line(node);
        for (const m of ['GET', 'POST'])
          unit(object).routes.push({ method: m, path: base, line: at, stub: false });
        for (const m of ['GET', 'PUT', 'PATCH', 'DELETE']) {
          unit(object).routes.push({ method: m, path: `${base}{pk}/`, line: at, stub: false });
        }
      }
    }
  }
  const routers = [...units.values()].filter(
    (u) => u.routes.length > 0 || u.mounts.length > 0 || u.ownPrefix !== '',
  );
  const exportedRouters = routers.map((u) => ({ exported: u.name, local: u.name }));
  return withAsset(
    file,
    { ...EMPTY_SCAN, routers, framework, imports, exportedRouters },
    names.filter((n) => n !== ''),
  );
}

/** Attributes (C#) or annotations (Java) on a declaration: name → first string argument. */
function annotations(
  node: SyntaxNode,
  language: 'java' | 'csharp',
): { name: string; path: string | undefined; text: string }[] {
  const found: { name: string; path: string | undefined; text: string }[] = [];
  const holders =
    language === 'java'
      ? kids(node)
          .filter((k) => k.type === 'modifiers')
          .flatMap(kids)
      : kids(node)
          .filter((k) => k.type === 'attribute_list')
          .flatMap(kids);
  for (const a of holders) {
    if (!/annotation|attribute/.test(a.type)) continue;
    const name = (a.childForFieldName('name')?.text ?? '').split('.').at(-1) ?? '';
    found.push({ name: name.replace(/Attribute$/, ''), path: firstString(a), text: a.text });
  }
  return found;
}

const JAVA_METHODS: Readonly<Record<string, string>> = {
  GetMapping: 'GET',
  PostMapping: 'POST',
  PutMapping: 'PUT',
  PatchMapping: 'PATCH',
  DeleteMapping: 'DELETE',
};

/** The node types of annotations (Java) and attributes (C#). */
const NOTE_TYPES: Readonly<Record<'java' | 'csharp', readonly string[]>> = {
  java: ['annotation', 'marker_annotation'],
  csharp: ['attribute'],
};

/**
 * The annotated methods of each class body (by the body's id), found from the annotations: the parser lists them
 * in the same pass as the classes, without a node object for each of a class's other members and statements.
 */
function annotatedMembers(notes: readonly SyntaxNode[]): Map<number, SyntaxNode[]> {
  const byBody = new Map<number, Map<number, SyntaxNode>>();
  for (const note of notes) {
    // annotation → modifiers → method (Java); attribute → attribute_list → method (C#).
    const member = note.parent?.parent;
    const body = member?.parent;
    if (member?.type !== 'method_declaration' || body === null || body === undefined) continue;
    const members = byBody.get(body.id) ?? new Map<number, SyntaxNode>();
    members.set(member.id, member);
    byBody.set(body.id, members);
  }
  return new Map([...byBody].map(([id, members]) => [id, [...members.values()]]));
}

/** Spring controllers, ASP.NET Core controllers and ASP.NET Core minimal APIs (`app.MapGet`, `MapGroup`). */
function scanAnnotated(
  file: string,
  root: SyntaxNode,
  language: 'java' | 'csharp',
  routes: boolean,
): FileScan {
  const handlers: RouteHandler[] = [];
  const names: string[] = [];
  const framework = language === 'java' ? 'spring' : 'aspnet';
  const groups = new Map<string, string>();
  const types = ['class_declaration', 'interface_declaration', 'record_declaration', 'enum_declaration'];
  if (language === 'csharp' && routes) types.push('variable_declarator', 'invocation_expression');
  const noteTypes = NOTE_TYPES[language];
  const nodes = ofTypes(root, routes ? [...types, ...noteTypes] : types);
  const annotated = annotatedMembers(nodes.filter((node) => noteTypes.includes(node.type)));
  for (const node of nodes) {
    if (/^(?:class|interface|record|enum)_declaration$/.test(node.type)) {
      const className = node.childForFieldName('name')?.text ?? '';
      names.push(className);
      if (!routes) continue;
      const classNotes = annotations(node, language);
      const routeNote = classNotes.find((a) => a.name === 'RequestMapping' || a.name === 'Route');
      const prefix = (routeNote?.path ?? '').replace(
        /\[controller\]/gi,
        className.replace(/Controller$/, '').toLowerCase(),
      );
      const body = node.childForFieldName('body');
      if (body === null) continue;
      for (const member of annotated.get(body.id) ?? []) {
        for (const note of annotations(member, language)) {
          let method: string | undefined = JAVA_METHODS[note.name];
          if (language === 'csharp' && /^Http(Get|Post|Put|Patch|Delete)$/.test(note.name)) {
            method = note.name.slice(4).toUpperCase();
          }
          if (note.name === 'RequestMapping') {
            method = /RequestMethod\.(\w+)/.exec(note.text)?.[1] ?? 'ALL';
          }
          if (method === undefined) continue;
          const ownRoute = annotations(member, language).find((a) => a.name === 'Route')?.path;
          const path = toPlanSpelling(joinPaths(prefix, note.path ?? ownRoute ?? ''));
          handlers.push({
            method,
            path,
            file,
            line: line(member),
            framework,
            stub: bodyIsStub(member.childForFieldName('body')),
          });
        }
      }
    }
    if (language !== 'csharp') continue;
    if (node.type === 'variable_declarator') {
      const value = kids(node).find((k) => k.type === 'invocation_expression');
      const fn = value?.childForFieldName('function');
      if (fn?.type === 'member_access_expression' && fn.childForFieldName('name')?.text === 'MapGroup') {
        const base = groups.get(fn.childForFieldName('expression')?.text ?? '') ?? '';
        const arg = stringValue(kids(value?.childForFieldName('arguments') ?? node).flatMap(kids)[0]);
        groups.set(
          node.childForFieldName('name')?.text ?? kids(node)[0]?.text ?? '',
          joinPaths(base, arg ?? ''),
        );
      }
    }
    if (node.type === 'invocation_expression') {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'member_access_expression') continue;
      const name = fn.childForFieldName('name')?.text ?? '';
      const match = /^Map(Get|Post|Put|Patch|Delete)$/.exec(name);
      if (match === null) continue;
      const args = kids(node.childForFieldName('arguments') ?? node).flatMap(kids);
      const route = stringValue(args[0]);
      if (route === undefined) continue;
      const target = fn.childForFieldName('expression')?.text ?? '';
      const handler = args[1];
      const lambdaBody = handler?.type === 'lambda_expression' ? handler.childForFieldName('body') : null;
      const stub =
        lambdaBody !== null &&
        (/throw/.test(lambdaBody.type) ||
          (lambdaBody.type === 'block'
            ? bodyIsStub(lambdaBody)
            : /\b501\b|NotImplemented/.test(lambdaBody.text)));
      handlers.push({
        method: (match[1] ?? 'GET').toUpperCase(),
        path: toPlanSpelling(joinPaths(groups.get(target) ?? '', route)),
        file,
        line: line(node),
        framework,
        stub,
      });
    }
  }
  return withAsset(
    file,
    { ...EMPTY_SCAN, handlers, framework: handlers.length > 0 ? framework : undefined },
    names.filter((n) => n !== ''),
  );
}
