import { parse } from '@babel/parser';
import type { Comment, Node, Statement } from '@babel/types';
import type { Diagnostic, TypeDecl, TypesFile } from './model.ts';

/** Global TypeScript names that say nothing about the project's own types. */
const BUILT_INS: ReadonlySet<string> = new Set([
  'Array',
  'ReadonlyArray',
  'Promise',
  'Record',
  'Partial',
  'Required',
  'Readonly',
  'Pick',
  'Omit',
  'Exclude',
  'Extract',
  'NonNullable',
  'ReturnType',
  'Parameters',
  'Awaited',
  'InstanceType',
  'Uppercase',
  'Lowercase',
  'Capitalize',
  'Uncapitalize',
  'Date',
  'Map',
  'Set',
  'ReadonlyMap',
  'ReadonlySet',
  'Error',
  'File',
  'Blob',
  'URL',
]);

/** Generic helpers whose string argument names a table or enum: `Tables<'flashcards'>`, `Enums<"status">`. */
const TABLE_HELPERS = /^(Tables|TablesInsert|TablesUpdate|Enums|Views|CompositeTypes)$/;
/** Keys of a generated `Database` type after which the next key is a table or enum name. */
const SCHEMA_KEYS: ReadonlySet<string> = new Set(['Tables', 'Views', 'Enums', 'CompositeTypes']);

type Declared = { readonly name: string; readonly kind: TypeDecl['kind']; readonly node: Node };

/** Parses `src/types.ts`-style source into its exported types, interfaces and enums; syntax errors become diagnostics. */
export function parseTypesFile(text: string, file: string): TypesFile {
  let program: Statement[];
  const diagnostics: Diagnostic[] = [];
  try {
    const ast = parse(text, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true });
    program = ast.program.body;
    for (const error of ast.errors) {
      diagnostics.push(syntaxDiagnostic(file, error.loc?.line ?? 1, error.message));
    }
  } catch (error) {
    const line = lineOfError(error);
    const message = error instanceof Error ? error.message : String(error);
    return { file, decls: [], diagnostics: [syntaxDiagnostic(file, line, message)] };
  }

  const locals = new Map<string, Declared>();
  const exported: { readonly declared: Declared; readonly outer: Node }[] = [];
  for (const statement of program) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declared = statement.declaration ? declaredType(statement.declaration) : undefined;
      if (declared !== undefined) exported.push({ declared, outer: statement });
      continue;
    }
    const declared = declaredType(statement);
    if (declared !== undefined) locals.set(declared.name, declared);
  }
  for (const statement of program) {
    if (statement.type !== 'ExportNamedDeclaration' || statement.declaration) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ExportSpecifier') continue;
      if (specifier.local.type !== 'Identifier') continue;
      const local = locals.get(specifier.local.name);
      if (local !== undefined) exported.push({ declared: local, outer: local.node });
    }
  }

  const decls = exported
    .sort((a, b) => (a.outer.start ?? 0) - (b.outer.start ?? 0))
    .map(({ declared, outer }): TypeDecl => {
      const start = docCommentStart(text, outer) ?? outer.start ?? 0;
      return {
        name: declared.name,
        kind: declared.kind,
        text: text.slice(start, outer.end ?? start),
        references: withLocalReferences(referencesOf(declared), locals, declared.name),
        line: lineAt(text, start),
      };
    });
  return { file, decls, diagnostics };
}

/**
 * Adds what non-exported helpers mention: `type ProfileRow = Tables<'profiles'>` is private, but an exported
 * `ProfileDto = Pick<ProfileRow, …>` still uses the `profiles` table through it.
 */
function withLocalReferences(
  references: readonly string[],
  locals: ReadonlyMap<string, Declared>,
  self: string,
): string[] {
  const found = new Set(references);
  const queue = [...references];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const local = locals.get(name);
    if (local === undefined) continue;
    for (const reference of referencesOf(local)) {
      if (found.has(reference) || reference === self) continue;
      found.add(reference);
      queue.push(reference);
    }
  }
  return [...found];
}

function declaredType(node: Node): Declared | undefined {
  switch (node.type) {
    case 'TSTypeAliasDeclaration':
      return { name: node.id.name, kind: 'type', node };
    case 'TSInterfaceDeclaration':
      return { name: node.id.name, kind: 'interface', node };
    case 'TSEnumDeclaration':
      return { name: node.id.name, kind: 'enum', node };
    default:
      return undefined;
  }
}

/**
 * Where the declaration's own doc comment starts: the block comment right above it, or a run of `//` lines
 * right above it. A section banner separated by a blank line, or `// DTOs` above a `/** … *\/`, is not included.
 */
function docCommentStart(text: string, node: Node): number | undefined {
  const comments: readonly Comment[] = node.leadingComments ?? [];
  let start: number | undefined;
  let nextStart = node.start ?? 0;
  for (let index = comments.length - 1; index >= 0; index--) {
    const comment = comments[index];
    if (comment === undefined) break;
    const gap = text.slice(comment.end ?? 0, nextStart);
    if (gap.trim() !== '' || gap.split('\n').length > 2) break;
    if (comment.type === 'CommentBlock') {
      return start === undefined ? (comment.start ?? undefined) : start;
    }
    if (start !== undefined && comments[index + 1]?.type === 'CommentBlock') break;
    start = comment.start ?? undefined;
    nextStart = comment.start ?? nextStart;
  }
  return start;
}

/** Names a declaration mentions: type references, heritage clauses, and table names in generated-type lookups. */
function referencesOf(declared: Declared): string[] {
  const found = new Set<string>();
  const ownParams = new Set<string>();
  const node = declared.node;
  if (
    (node.type === 'TSTypeAliasDeclaration' || node.type === 'TSInterfaceDeclaration') &&
    node.typeParameters
  ) {
    for (const param of node.typeParameters.params) ownParams.add(param.name.name);
  }
  const visit = (current: unknown): void => {
    if (Array.isArray(current)) {
      for (const item of current) visit(item);
      return;
    }
    if (!isNode(current)) return;
    noteReference(current, found);
    for (const [key, value] of Object.entries(current)) {
      if (
        key === 'leadingComments' ||
        key === 'trailingComments' ||
        key === 'innerComments' ||
        key === 'loc'
      ) {
        continue;
      }
      if (typeof value === 'object' && value !== null) visit(value);
    }
  };
  switch (node.type) {
    case 'TSTypeAliasDeclaration':
      visit(node.typeAnnotation);
      break;
    case 'TSInterfaceDeclaration':
      visit(node.extends);
      visit(node.body);
      break;
    case 'TSEnumDeclaration':
      visit(node.body);
      break;
    default:
      break;
  }
  found.delete(declared.name);
  for (const param of ownParams) found.delete(param);
  return [...found];
}

function noteReference(node: Node, found: Set<string>): void {
  switch (node.type) {
    case 'TSTypeReference': {
      const name = entityRoot(node.typeName);
      if (name !== undefined && !BUILT_INS.has(name)) found.add(name);
      if (name !== undefined && TABLE_HELPERS.test(name)) {
        for (const argument of node.typeArguments?.params ?? []) {
          const literal = stringLiteralType(argument);
          if (literal !== undefined) found.add(literal);
        }
      }
      return;
    }
    case 'TSInterfaceHeritage':
    case 'TSClassImplements': {
      if (node.expression.type === 'Identifier' && !BUILT_INS.has(node.expression.name)) {
        found.add(node.expression.name);
      }
      return;
    }
    case 'TSTypeQuery': {
      const name = node.exprName.type === 'TSImportType' ? undefined : entityRoot(node.exprName);
      if (name !== undefined) found.add(name);
      return;
    }
    case 'TSIndexedAccessType': {
      const keys = indexedKeys(node);
      keys.forEach((key, index) => {
        const next = keys[index + 1];
        if (SCHEMA_KEYS.has(key) && next !== undefined) found.add(next);
      });
      return;
    }
    default:
      return;
  }
}

/** `Database['public']['Tables']['x']['Row']` → `['public', 'Tables', 'x', 'Row']` (string keys only). */
function indexedKeys(node: Node): string[] {
  if (node.type !== 'TSIndexedAccessType') return [];
  const key = stringLiteralType(node.indexType);
  return [...indexedKeys(node.objectType), ...(key === undefined ? [] : [key])];
}

function stringLiteralType(node: Node): string | undefined {
  if (node.type === 'TSLiteralType' && node.literal.type === 'StringLiteral') return node.literal.value;
  return undefined;
}

function entityRoot(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'TSQualifiedName') return entityRoot(node.left);
  return undefined;
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) line++;
  }
  return line;
}

function lineOfError(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'loc' in error) {
    const loc = (error as { loc?: { line?: unknown } }).loc;
    if (typeof loc?.line === 'number') return loc.line;
  }
  return 1;
}

function syntaxDiagnostic(file: string, line: number, message: string): Diagnostic {
  return {
    file,
    line,
    severity: 'error',
    message: `types file does not parse: ${message.replace(/\s*\(\d+:\d+\)$/, '')}`,
    code: 'types-syntax',
  };
}
