import { parse } from '@babel/parser';
import { HANDLER_METHODS, joinPaths, toPlanSpelling } from '../routes/spellings.ts';
import { assetKindByPath } from './assets.ts';
import { fileRoute } from './file-routes.ts';
import { EMPTY_SCAN, type FileScan, type RouteHandler, type RouterUnit } from './model.ts';

/** Words whose presence makes a file worth parsing for routers, mounts or decorators. */
const ROUTER_HINT =
  /\.(?:get|post|put|patch|delete|all|head|options|route|use|register|basePath)\s*\(\s*(?:['"`]\/|\{)|@(?:Controller|Get|Post|Put|Patch|Delete|All)\s*\(|setGlobalPrefix|\.(?:use|route|register)\s*\(\s*\w/;

type MutableUnit = {
  name: string;
  ownPrefix: string;
  routes: RouterUnit['routes'][number][];
  mounts: RouterUnit['mounts'][number][];
};

/** A Babel AST node read generically: the scanner looks at a few shapes of many node types. */
type AnyNode = { readonly type: string; readonly [key: string]: unknown };

function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Visits every node below `root` (depth first), skipping type annotations. */
function walk(root: AnyNode, visit: (node: AnyNode) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (!isNode(value)) continue;
    visit(value);
    for (const key in value) {
      if (
        key === 'loc' ||
        key === 'typeAnnotation' ||
        key === 'leadingComments' ||
        key === 'trailingComments'
      ) {
        continue;
      }
      const child = value[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

/** A string the source writes literally: `'x'`, `"x"` or a template without expressions. */
function literal(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral') {
    const quasis = node.quasis as readonly { value: { cooked?: string | null } }[];
    const expressions = node.expressions as readonly unknown[];
    if (expressions.length === 0 && quasis.length === 1) return quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

function lineOf(node: AnyNode): number {
  return (node.loc as { start?: { line?: number } } | undefined)?.start?.line ?? 1;
}

/** The function a handler value is: itself, or the first function passed to a wrapper (`withAuth(async …)`). */
function handlerFunction(node: unknown): AnyNode | undefined {
  if (!isNode(node)) return undefined;
  if (
    node.type === 'ArrowFunctionExpression' ||
    node.type === 'FunctionExpression' ||
    node.type === 'FunctionDeclaration' ||
    node.type === 'ClassMethod' ||
    node.type === 'ObjectMethod'
  ) {
    return node;
  }
  if (node.type === 'CallExpression') {
    for (const argument of node.arguments as readonly unknown[]) {
      const inner = handlerFunction(argument);
      if (inner !== undefined) return inner;
    }
  }
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression')
    return handlerFunction(node.expression);
  return undefined;
}

/** True when an expression answers 501: `{ status: 501 }`, `.status(501)`, `StatusCodes.NOT_IMPLEMENTED`. */
function answers501(node: AnyNode): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found) return;
    if (inner.type === 'NumericLiteral' && inner.value === 501) found = true;
    if (inner.type === 'Identifier' && /^NOT_IMPLEMENTED$|^NotImplemented/.test(inner.name as string))
      found = true;
  });
  return found;
}

/** A handler is a stub when every statement of its body throws or answers 501 (and it has at least one). */
function isStub(fn: AnyNode | undefined): boolean {
  if (fn === undefined) return false;
  const body = fn.body;
  if (!isNode(body)) return false;
  if (body.type !== 'BlockStatement') return answers501(body);
  const statements = (body.body as readonly AnyNode[]).filter((s) => s.type !== 'EmptyStatement');
  if (statements.length === 0) return false;
  return statements.every(
    (s) =>
      s.type === 'ThrowStatement' ||
      ((s.type === 'ReturnStatement' || s.type === 'ExpressionStatement') && answers501(s)),
  );
}

/** The base object of a call chain: `app.get(…).post(…)` and `app.route('/x').get(…)` → `app`. */
function chainBase(node: unknown): { name: string; routePath: string | undefined } | undefined {
  let routePath: string | undefined;
  let current = node;
  for (let depth = 0; depth < 50 && isNode(current); depth++) {
    if (current.type === 'Identifier') return { name: current.name as string, routePath };
    if (current.type === 'ThisExpression') return { name: 'this', routePath };
    if (current.type === 'MemberExpression') {
      current = current.object;
      continue;
    }
    if (current.type === 'CallExpression') {
      const callee = current.callee;
      if (isNode(callee) && callee.type === 'MemberExpression' && isNode(callee.property)) {
        const method = callee.property.name;
        const first = (current.arguments as readonly unknown[])[0];
        if (method === 'route' && routePath === undefined) routePath = literal(first);
      }
      current = callee;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** What a mount argument names: a local router (`router`, `router.routes()`, `sub.router`) or `require('./x')`. */
function mountTarget(node: unknown): { local: string } | { specifier: string } | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'Identifier') return { local: node.name as string };
  if (node.type === 'CallExpression') {
    if (isNode(node.callee) && node.callee.type === 'Identifier' && node.callee.name === 'require') {
      const specifier = literal((node.arguments as readonly unknown[])[0]);
      return specifier === undefined ? undefined : { specifier };
    }
    return mountTarget(node.callee);
  }
  if (node.type === 'MemberExpression') return mountTarget(node.object);
  return undefined;
}

/** A mount of what `node` names under `prefix`. */
function mountOf(prefix: string, node: unknown): RouterUnit['mounts'][number] | undefined {
  const target = mountTarget(node);
  if (target === undefined) return undefined;
  return 'local' in target
    ? { prefix, local: target.local }
    : { prefix, from: { specifier: target.specifier, name: 'default' } };
}

/** Scans one JavaScript/TypeScript file for route handlers, routers, mounts and reusable exports. */
export function scanJsFile(file: string, text: string): FileScan {
  const route = fileRoute(file);
  const assetKind = assetKindByPath(file);
  const routerHint = ROUTER_HINT.test(text);
  if (route === undefined && assetKind === undefined && !routerHint) return EMPTY_SCAN;
  let program: AnyNode;
  try {
    const jsx = /\.[cm]?[jt]sx$|\.[cm]?js$/.test(file);
    program = parse(text, {
      sourceType: 'unambiguous',
      attachComment: false,
      errorRecovery: true,
      plugins: jsx ? ['typescript', 'jsx', 'decorators-legacy'] : ['typescript', 'decorators-legacy'],
    }).program as unknown as AnyNode;
  } catch {
    return EMPTY_SCAN;
  }

  const exportsList: string[] = [];
  const methodExports: { method: string; line: number; fn: AnyNode | undefined }[] = [];
  const exportedRouters: { exported: string; local: string }[] = [];
  const imports: { local: string; specifier: string; name: string }[] = [];
  const functions = new Map<string, AnyNode>();
  const units = new Map<string, MutableUnit>();
  const handlers: RouteHandler[] = [];
  let defaultExport: AnyNode | undefined;
  let globalPrefix: string | undefined;
  let extendsError = false;
  let hasZodObject = false;

  const unit = (name: string): MutableUnit => {
    let found = units.get(name);
    if (found === undefined) {
      found = { name, ownPrefix: '', routes: [], mounts: [] };
      units.set(name, found);
    }
    return found;
  };

  const noteExport = (name: string, line: number, value: unknown): void => {
    exportsList.push(name);
    const method = name.toUpperCase();
    if (name === method && HANDLER_METHODS.has(method)) {
      methodExports.push({ method, line, fn: handlerFunction(value) });
    }
  };

  for (const statement of program.body as readonly AnyNode[]) {
    if (statement.type === 'ImportDeclaration') {
      const specifier = literal(statement.source) ?? '';
      for (const s of statement.specifiers as readonly AnyNode[]) {
        const local = (s.local as AnyNode).name as string;
        const name =
          s.type === 'ImportDefaultSpecifier'
            ? 'default'
            : s.type === 'ImportNamespaceSpecifier'
              ? '*'
              : (literal(s.imported) ?? ((s.imported as AnyNode).name as string));
        imports.push({ local, specifier, name });
      }
    } else if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (isNode(declaration)) {
        if (declaration.type === 'VariableDeclaration') {
          for (const d of declaration.declarations as readonly AnyNode[]) {
            if (isNode(d.id) && d.id.type === 'Identifier') {
              noteExport(d.id.name as string, lineOf(d), d.init);
              exportedRouters.push({ exported: d.id.name as string, local: d.id.name as string });
            }
          }
        } else if (isNode(declaration.id) && declaration.id.type === 'Identifier') {
          noteExport(declaration.id.name as string, lineOf(declaration), declaration);
        }
      }
      for (const s of (statement.specifiers ?? []) as readonly AnyNode[]) {
        if (s.type !== 'ExportSpecifier') continue;
        const local = (s.local as AnyNode).name as string;
        const exported = literal(s.exported) ?? ((s.exported as AnyNode).name as string);
        noteExport(exported, lineOf(s), functions.get(local));
        exportedRouters.push({ exported, local });
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration as AnyNode;
      defaultExport = declaration;
      exportsList.push('default');
      if (declaration.type === 'Identifier') {
        exportedRouters.push({ exported: 'default', local: declaration.name as string });
      }
    } else if (statement.type === 'FunctionDeclaration' && isNode(statement.id)) {
      functions.set(statement.id.name as string, statement);
    } else if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations as readonly AnyNode[]) {
        if (isNode(d.id) && d.id.type === 'Identifier' && isNode(d.init)) {
          functions.set(d.id.name as string, d.init);
        }
      }
    }
  }
  // `export { GET }` may name a function declared later in the file.
  for (const item of methodExports) {
    if (item.fn !== undefined) continue;
    const declared = exportsList.includes(item.method) ? functions.get(item.method) : undefined;
    item.fn = handlerFunction(declared);
  }

  // Routers, mounts, Nest controllers and global prefixes all need a word of the hint; without one, the walk
  // below is only for telling an error helper or a schema by its code, which a file named as an asset or
  // exporting handlers does not need.
  const needsWalk = routerHint || (assetKind === undefined && methodExports.length === 0);
  if (needsWalk)
    walk(program, (node) => {
      if (node.type === 'VariableDeclarator' && isNode(node.id) && node.id.type === 'Identifier') {
        const name = node.id.name as string;
        const init = node.init;
        if (isNode(init) && init.type === 'CallExpression') {
          const callee = init.callee;
          const first = (init.arguments as readonly unknown[])[0];
          if (isNode(callee) && callee.type === 'MemberExpression' && isNode(callee.property)) {
            const method = callee.property.name;
            if (method === 'basePath') unit(name).ownPrefix = literal(first) ?? '';
          }
          if (isNode(callee) && callee.type === 'Identifier' && callee.name === 'require') {
            const specifier = literal(first);
            if (specifier !== undefined) imports.push({ local: name, specifier, name: 'default' });
          }
        }
        if (isNode(init) && init.type === 'NewExpression') {
          const options = (init.arguments as readonly unknown[])[0];
          if (isNode(options) && options.type === 'ObjectExpression') {
            for (const p of options.properties as readonly AnyNode[]) {
              if (p.type === 'ObjectProperty' && isNode(p.key) && p.key.name === 'prefix') {
                unit(name).ownPrefix = literal(p.value) ?? '';
              }
            }
          }
        }
      }
      if (node.type === 'AssignmentExpression') {
        const left = node.left;
        if (
          isNode(left) &&
          left.type === 'MemberExpression' &&
          isNode(left.object) &&
          left.object.name === 'module' &&
          isNode(left.property) &&
          left.property.name === 'exports' &&
          isNode(node.right) &&
          node.right.type === 'Identifier'
        ) {
          exportedRouters.push({ exported: 'default', local: node.right.name as string });
        }
      }
      if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
        if (isNode(node.superClass) && /Error$|Exception$/.test((node.superClass.name as string) ?? '')) {
          extendsError = true;
        }
        scanNestClass(node, file, handlers);
      }
      if (node.type !== 'CallExpression') return;
      const callee = node.callee;
      if (!isNode(callee) || callee.type !== 'MemberExpression' || !isNode(callee.property)) return;
      const method = (callee.property.name as string | undefined) ?? '';
      const args = node.arguments as readonly AnyNode[];
      const first = args[0];
      if (method === 'object' && isNode(callee.object) && callee.object.name === 'z') hasZodObject = true;
      if (method === 'setGlobalPrefix') globalPrefix = literal(first) ?? globalPrefix;
      const base = chainBase(callee.object);
      if (base === undefined) return;
      const upper = method.toUpperCase();
      if (HANDLER_METHODS.has(upper) && base.routePath !== undefined && args.length >= 1) {
        const fn = handlerFunction(args.at(-1));
        unit(base.name).routes.push({
          method: upper,
          path: base.routePath,
          line: lineOf(node),
          stub: isStub(fn),
        });
        return;
      }
      if (HANDLER_METHODS.has(upper) && args.length >= 2) {
        const path = literal(first);
        if (path === undefined || !(path === '' || path.startsWith('/') || path === '*')) return;
        const fn = handlerFunction(args.at(-1));
        unit(base.name).routes.push({ method: upper, path, line: lineOf(node), stub: isStub(fn) });
        return;
      }
      if (method === 'route' && args.length === 1 && isNode(first) && first.type === 'ObjectExpression') {
        // Fastify's full declaration: `app.route({ method: 'GET', url: '/x', handler })`.
        let url: string | undefined;
        let methods: string[] = [];
        let fn: AnyNode | undefined;
        for (const p of first.properties as readonly AnyNode[]) {
          if (p.type !== 'ObjectProperty' && p.type !== 'ObjectMethod') continue;
          const key = isNode(p.key) ? ((p.key.name as string | undefined) ?? literal(p.key)) : undefined;
          if (key === 'url' || key === 'path') url = literal(p.value);
          if (key === 'method') {
            const value = p.value as AnyNode;
            methods =
              value.type === 'ArrayExpression'
                ? (value.elements as unknown[]).flatMap((e) => literal(e) ?? [])
                : [literal(value) ?? ''];
          }
          if (key === 'handler') fn = p.type === 'ObjectMethod' ? p : handlerFunction(p.value);
        }
        if (url === undefined) return;
        for (const m of methods) {
          if (HANDLER_METHODS.has(m.toUpperCase())) {
            unit(base.name).routes.push({
              method: m.toUpperCase(),
              path: url,
              line: lineOf(node),
              stub: isStub(fn),
            });
          }
        }
        return;
      }
      if ((method === 'use' || method === 'route') && args.length >= 2) {
        const prefix = literal(first);
        if (prefix === undefined || !prefix.startsWith('/')) return;
        for (const arg of args.slice(1)) {
          const mount = mountOf(prefix, arg);
          if (mount !== undefined) unit(base.name).mounts.push(mount);
        }
        return;
      }
      if (method === 'register' && args.length >= 2) {
        const options = args[1];
        if (!isNode(options) || options.type !== 'ObjectExpression') return;
        for (const p of options.properties as readonly AnyNode[]) {
          if (p.type === 'ObjectProperty' && isNode(p.key) && p.key.name === 'prefix') {
            const mount = mountOf(literal(p.value) ?? '', first);
            if (mount !== undefined) unit(base.name).mounts.push(mount);
          }
        }
      }
    });

  // Mounts of imported routers point at their module.
  const importByLocal = new Map(imports.map((i) => [i.local, i]));
  const routers: RouterUnit[] = [...units.values()].map((u) => ({
    ...u,
    mounts: u.mounts.map((m) => {
      const imported = m.local === undefined ? undefined : importByLocal.get(m.local);
      if (imported === undefined || units.has(m.local ?? '')) return m;
      return { prefix: m.prefix, from: { specifier: imported.specifier, name: imported.name } };
    }),
  }));

  let framework: FileScan['framework'];
  if (route !== undefined) {
    if (route.kind === 'pages' && methodExports.length === 0 && defaultExport !== undefined) {
      framework = 'nextjs-pages';
      const methods = pagesHandlerMethods(defaultExport, functions);
      const fn =
        handlerFunction(defaultExport) ?? handlerFunction(functions.get(defaultExport.name as string));
      for (const method of methods.length > 0 ? methods : ['ALL']) {
        handlers.push({
          method,
          path: route.path,
          file,
          line: lineOf(defaultExport),
          framework,
          stub: isStub(fn),
        });
      }
    } else if (methodExports.length > 0) {
      framework = route.kind === 'pages' ? 'astro' : route.kind;
      for (const m of methodExports) {
        handlers.push({
          method: m.method,
          path: route.path,
          file,
          line: m.line,
          framework,
          stub: isStub(m.fn),
        });
      }
    }
  }
  if (framework === undefined && handlers.length > 0) framework = 'nestjs';
  if (framework === undefined && routers.some((r) => r.routes.length > 0 || r.mounts.length > 0)) {
    framework = routerFramework(imports.map((i) => i.specifier));
  }

  const kind =
    assetKind ??
    (extendsError && methodExports.length === 0 ? 'error-helper' : undefined) ??
    (hasZodObject && handlers.length === 0 && routers.every((r) => r.routes.length === 0)
      ? 'schema'
      : undefined);
  const publicExports = exportsList.filter((name) => name !== 'default' || exportsList.length === 1);
  return {
    handlers,
    routers: routers.filter((r) => r.routes.length > 0 || r.mounts.length > 0 || r.ownPrefix !== ''),
    framework,
    exportedRouters,
    imports,
    asset:
      kind !== undefined && publicExports.length > 0 ? { kind, file, exports: publicExports } : undefined,
    globalPrefix,
  };
}

/** NestJS: `@Controller('users')` classes with `@Get(':id')` methods give complete handlers. */
function scanNestClass(node: AnyNode, file: string, handlers: RouteHandler[]): void {
  const decorators = (node.decorators ?? []) as readonly AnyNode[];
  const controller = decorators.find((d) => decoratorName(d) === 'Controller');
  if (controller === undefined) return;
  const prefix = decoratorPath(controller);
  const body = node.body as AnyNode;
  for (const member of body.body as readonly AnyNode[]) {
    for (const d of (member.decorators ?? []) as readonly AnyNode[]) {
      const name = decoratorName(d)?.toUpperCase();
      if (name === undefined || !HANDLER_METHODS.has(name)) continue;
      handlers.push({
        method: name,
        path: toPlanSpelling(joinPaths(prefix, decoratorPath(d))),
        file,
        line: lineOf(member),
        framework: 'nestjs',
        stub: isStub(member),
      });
    }
  }
}

function decoratorName(d: AnyNode): string | undefined {
  const e = d.expression as AnyNode;
  if (e.type === 'CallExpression' && isNode(e.callee)) return e.callee.name as string | undefined;
  if (e.type === 'Identifier') return e.name as string;
  return undefined;
}

/** The path a decorator names: `@Get(':id')`, `@Controller({ path: 'users' })`, or '' when none. */
function decoratorPath(d: AnyNode): string {
  const e = d.expression as AnyNode;
  if (e.type !== 'CallExpression') return '';
  const first = (e.arguments as readonly AnyNode[])[0];
  const direct = literal(first);
  if (direct !== undefined) return direct;
  if (isNode(first) && first.type === 'ObjectExpression') {
    for (const p of first.properties as readonly AnyNode[]) {
      if (p.type === 'ObjectProperty' && isNode(p.key) && p.key.name === 'path')
        return literal(p.value) ?? '';
    }
  }
  return '';
}

/** Methods a Next.js pages API handler answers: `req.method === 'POST'`, `case 'GET':`, `['GET'].includes(…)`. */
function pagesHandlerMethods(defaultExport: AnyNode, functions: ReadonlyMap<string, AnyNode>): string[] {
  const target =
    defaultExport.type === 'Identifier'
      ? (functions.get(defaultExport.name as string) ?? defaultExport)
      : defaultExport;
  const methods = new Set<string>();
  walk(target, (node) => {
    const value = node.type === 'StringLiteral' ? (node.value as string) : undefined;
    if (value !== undefined && HANDLER_METHODS.has(value) && value !== 'ALL') methods.add(value);
  });
  return [...methods];
}

/** Which router library a file's imports name; Express when none of the others. */
function routerFramework(specifiers: readonly string[]): 'express' | 'koa' | 'hono' | 'fastify' {
  for (const s of specifiers) {
    if (s === 'hono' || s.startsWith('hono/')) return 'hono';
    if (s === 'fastify' || s.startsWith('@fastify/')) return 'fastify';
    if (s === 'koa' || s === '@koa/router' || s === 'koa-router') return 'koa';
  }
  return 'express';
}
