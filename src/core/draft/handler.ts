import { assertNever } from '../assert-never.ts';
import type { BackendFramework } from '../plan/tech-stack.ts';
import type { CodeNames } from './code-names.ts';
import type { DraftFacts, DraftInput, ValidatorLibrary } from './facts.ts';
import type { FieldRule } from './fields.ts';

/** A route handler skeleton in the stack's language. */
export type HandlerCode = { readonly code: string; readonly language: string };

type Parts = {
  readonly method: string;
  readonly path: string;
  readonly names: CodeNames;
  readonly facts: DraftFacts;
  readonly fields: readonly FieldRule[];
  readonly supabase: boolean;
};

const has = (parts: Parts, where: FieldRule['where']): boolean =>
  parts.fields.some((rule) => rule.where === where);

/** How a TypeScript validator parses one input and answers the validation status on failure. */
function tsParse(
  library: ValidatorLibrary | undefined,
  schema: string,
  input: string,
  target: string,
  status: number,
  ruleStatus: number = status,
): string[] {
  switch (library) {
    case 'Joi':
      return [
        `const ${target} = ${schema}.validate(${input});`,
        `if (${target}.error) return Response.json({ error: ${target}.error.details }, { status: ${status} });`,
      ];
    case 'Yup':
      return [
        `const ${target} = await ${schema}.validate(${input}).catch((error) => error);`,
        `if (${target} instanceof Error) return Response.json({ error: ${target}.message }, { status: ${status} });`,
      ];
    case 'Valibot':
      return [
        `const ${target} = v.safeParse(${schema}, ${input});`,
        `if (!${target}.success) return Response.json({ error: ${target}.issues }, { status: ${status} });`,
      ];
    default:
      if (ruleStatus !== status) {
        return [
          `const ${target} = ${schema}.safeParse(${input});`,
          `if (!${target}.success) {`,
          `  const status = ${target}.error.issues.every((issue) => issue.code === 'invalid_type') ? ${status} : ${ruleStatus};`,
          `  return Response.json({ error: ${target}.error.flatten() }, { status });`,
          '}',
        ];
      }
      return [
        `const ${target} = ${schema}.safeParse(${input});`,
        `if (!${target}.success) return Response.json({ error: ${target}.error.flatten() }, { status: ${status} });`,
      ];
  }
}

const dataOf = (library: ValidatorLibrary | undefined, target: string): string =>
  library === 'Joi'
    ? `${target}.value`
    : library === 'Yup'
      ? target
      : library === 'Valibot'
        ? `${target}.output`
        : `${target}.data`;

/** The body of a web-standard (Request → Response) handler: auth, validation, service call, answer. */
function webHandlerBody(
  parts: Parts,
  sources: { params: string; url: string; body: string; client: string; user: string | undefined },
): string[] {
  const { facts, names } = parts;
  const library = facts.validator?.library;
  const lines: string[] = [];
  if (sources.user !== undefined && facts.unauthenticated !== undefined) {
    lines.push(
      ...sources.user.split('\n'),
      `if (!user) return Response.json({ error: 'Unauthorized' }, { status: ${facts.unauthenticated.code} });`,
    );
  }
  const args: string[] = [];
  if (has(parts, 'path')) {
    lines.push(
      ...tsParse(library, names.paramsSchema, sources.params, 'parsedParams', facts.validation.code),
    );
    args.push(dataOf(library, 'parsedParams'));
  }
  if (has(parts, 'query')) {
    lines.push(
      ...tsParse(
        library,
        names.querySchema,
        `Object.fromEntries(${sources.url}.searchParams)`,
        'parsedQuery',
        facts.validation.code,
        facts.check.code,
      ),
    );
    args.push(dataOf(library, 'parsedQuery'));
  }
  if (has(parts, 'body')) {
    lines.push(
      ...tsParse(
        library,
        names.bodySchema,
        `await ${sources.body}.json().catch(() => null)`,
        'parsedBody',
        facts.validation.code,
        facts.check.code,
      ),
    );
    args.push(dataOf(library, 'parsedBody'));
  }
  const call = `await ${names.service}(${[sources.client, ...(sources.user !== undefined && facts.unauthenticated !== undefined ? ['user.id'] : []), ...args].join(', ')})`;
  lines.push(
    `const result = ${call};`,
    "if ('error' in result) return Response.json({ error: result.error }, { status: result.status });",
  );
  if (facts.success.code === 204) lines.push('return new Response(null, { status: 204 });');
  else lines.push(`return Response.json(result.data, { status: ${facts.success.code} });`);
  return lines;
}

const indent = (lines: readonly string[], by = '  '): string =>
  lines.map((line) => `${by}${line}`).join('\n');

const colonPath = (path: string): string =>
  path.replace(/\{([^}]+)\}|\[([^\]]+)\]|<(?:\w+:)?([^>]+)>/g, (_, a, b, c) => `:${a ?? b ?? c}`);
const bracePath = (path: string): string =>
  path.replace(/:([A-Za-z_]\w*)|\[([^\]]+)\]|<(?:\w+:)?([^>]+)>/g, (_, a, b, c) => `{${a ?? b ?? c}}`);
const pascalMethod = (method: string): string => `${method.charAt(0)}${method.slice(1).toLowerCase()}`;

/** The route handler for the endpoint in its framework; undefined for an unknown stack. */
export function handlerCode(input: DraftInput, facts: DraftFacts, names: CodeNames): HandlerCode | undefined {
  const { dossier, stack } = input;
  const parts: Parts = {
    method: dossier.method,
    path: dossier.path.split('?')[0] ?? dossier.path,
    names,
    facts,
    fields: facts.fields,
    supabase: stack.db.kind === 'supabase' || stack.db.kind === 'supabase-locals',
  };
  const framework: BackendFramework =
    facts.platform?.kind === 'edge-function' ? 'supabase-edge' : stack.framework;
  const method = dossier.method;
  const lower = method.toLowerCase();
  const status = facts.success.code;
  switch (framework) {
    case 'astro': {
      const user = parts.supabase
        ? 'const { data: { user } } = await locals.supabase.auth.getUser();'
        : 'const user = locals.user;';
      const body = webHandlerBody(parts, {
        params: 'params',
        url: 'url',
        body: 'request',
        client: parts.supabase ? 'locals.supabase' : 'locals',
        user,
      });
      return {
        language: 'ts',
        code: `import type { APIRoute } from 'astro';\n\nexport const prerender = false;\n\nexport const ${method}: APIRoute = async ({ params, request, url, locals }) => {\n${indent(body)}\n};`,
      };
    }
    case 'nextjs': {
      const user = parts.supabase
        ? 'const supabase = await createClient();\nconst { data: { user } } = await supabase.auth.getUser();'
        : 'const user = await auth();';
      const body = webHandlerBody(parts, {
        params: 'await context.params',
        url: 'new URL(request.url)',
        body: 'request',
        client: parts.supabase ? 'supabase' : 'db',
        user,
      });
      return {
        language: 'ts',
        code: `export async function ${method}(request: Request, context: { params: Promise<Record<string, string>> }) {\n${indent(body)}\n}`,
      };
    }
    case 'express':
    case 'fastify':
    case 'hono': {
      const router = framework === 'express' ? 'router' : framework === 'fastify' ? 'fastify' : 'app';
      const signature =
        framework === 'express' ? '(req, res)' : framework === 'fastify' ? '(request, reply)' : '(c)';
      const lines = [
        `// validate req params / query / body with ${names.paramsSchema}, ${names.querySchema}, ${names.bodySchema} as they apply; failures answer ${facts.validation.code}`,
        `const result = await ${names.service}(/* validated input */);`,
        framework === 'express'
          ? `res.status(${status}).json(result);`
          : framework === 'fastify'
            ? `return reply.code(${status}).send(result);`
            : `return c.json(result, ${status});`,
      ];
      return {
        language: 'ts',
        code: `${router}.${lower}('${colonPath(parts.path)}', async ${signature} => {\n${indent(lines)}\n});`,
      };
    }
    case 'nestjs':
      return {
        language: 'ts',
        code: `@${pascalMethod(method)}('${colonPath(parts.path).replace(/^\//, '')}')\n@HttpCode(${status})\nasync ${names.service}(${[has(parts, 'path') ? '@Param() params: Record<string, string>' : '', has(parts, 'query') ? '@Query() query: Record<string, string>' : '', has(parts, 'body') ? `@Body() body: ${facts.requestType?.name ?? 'unknown'}` : ''].filter((part) => part !== '').join(', ')}) {\n  return this.service.${names.service}(${[has(parts, 'path') ? 'params' : '', has(parts, 'query') ? 'query' : '', has(parts, 'body') ? 'body' : ''].filter((part) => part !== '').join(', ')});\n}`,
      };
    case 'supabase-edge': {
      const body = webHandlerBody(parts, {
        params:
          'Object.fromEntries(new URLPattern({ pathname: PATH }).exec(request.url)?.pathname.groups ?? {})',
        url: 'new URL(request.url)',
        body: 'request',
        client: 'supabase',
        user: 'const { data: { user } } = await supabase.auth.getUser();',
      });
      return {
        language: 'ts',
        code: [
          "import { createClient } from 'jsr:@supabase/supabase-js@2';",
          '',
          ...(has(parts, 'path') ? [`const PATH = '${colonPath(parts.path)}';`, ''] : []),
          'Deno.serve(async (request) => {',
          `  if (request.method !== '${method}') return new Response(null, { status: 405 });`,
          "  const supabase = createClient(Deno.env.get('SUPABASE_URL') ?? '', Deno.env.get('SUPABASE_ANON_KEY') ?? '', {",
          "    global: { headers: { Authorization: request.headers.get('Authorization') ?? '' } },",
          '  });',
          indent(body),
          '});',
        ].join('\n'),
      };
    }
    case 'fastapi': {
      const args = [
        ...facts.fields.filter((rule) => rule.where === 'path').map((rule) => `${rule.name}: str`),
        ...(has(parts, 'query') ? [`query: ${pascal(names.querySchema)} = Depends()`] : []),
        ...(has(parts, 'body') ? [`body: ${pascal(names.bodySchema)}`] : []),
      ];
      return {
        language: 'python',
        code: `@router.${lower}("${bracePath(parts.path)}", status_code=${status})\nasync def ${snake(names.service)}(${args.join(', ')}):\n    return await service.${snake(names.service)}(${args.map((arg) => arg.split(':')[0]).join(', ')})`,
      };
    }
    case 'django':
      return {
        language: 'python',
        code: `class ${pascal(names.service)}View(APIView):\n    def ${lower}(self, request${facts.fields
          .filter((rule) => rule.where === 'path')
          .map((rule) => `, ${rule.name}`)
          .join(
            '',
          )}):\n${has(parts, 'body') ? `        serializer = ${pascal(names.bodySchema)}Serializer(data=request.data)\n        serializer.is_valid(raise_exception=True)\n` : ''}        result = services.${snake(names.service)}(request.user${has(parts, 'body') ? ', serializer.validated_data' : ''})\n        return Response(result, status=${status})`,
      };
    case 'flask':
      return {
        language: 'python',
        code: `@bp.route("${bracePath(parts.path).replace(/\{([^}]+)\}/g, '<$1>')}", methods=["${method}"])\ndef ${snake(names.service)}(${facts.fields
          .filter((rule) => rule.where === 'path')
          .map((rule) => rule.name)
          .join(
            ', ',
          )}):\n    result = services.${snake(names.service)}(request.get_json(silent=True))\n    return jsonify(result), ${status}`,
      };
    case 'spring':
      return {
        language: 'java',
        code: `@${pascalMethod(method)}Mapping("${bracePath(parts.path)}")\n@ResponseStatus(HttpStatus.valueOf(${status}))\npublic Object ${names.service}(${[...facts.fields.filter((rule) => rule.where === 'path').map((rule) => `@PathVariable String ${rule.name}`), ...(has(parts, 'body') ? [`@Valid @RequestBody ${pascal(names.bodySchema)} body`] : [])].join(', ')}) {\n    return service.${names.service}(${[...facts.fields.filter((rule) => rule.where === 'path').map((rule) => rule.name), ...(has(parts, 'body') ? ['body'] : [])].join(', ')});\n}`,
      };
    case 'dotnet': {
      const args = [
        ...facts.fields
          .filter((rule) => rule.where === 'path')
          .map(
            (rule) =>
              `${rule.kind === 'uuid' ? 'Guid' : rule.kind === 'integer' ? 'int' : 'string'} ${rule.name}`,
          ),
        ...(has(parts, 'body')
          ? [`${pascal(names.bodySchema)} body`, `IValidator<${pascal(names.bodySchema)}> validator`]
          : []),
        'ClaimsPrincipal user',
      ];
      const validate = has(parts, 'body')
        ? `    var validation = await validator.ValidateAsync(body);\n    if (!validation.IsValid) return Results.ValidationProblem(validation.ToDictionary(), statusCode: ${facts.validation.code});\n`
        : '';
      return {
        language: 'csharp',
        code: `app.Map${pascalMethod(method)}("${bracePath(parts.path)}", async (${args.join(', ')}) =>\n{\n${validate}    var result = await service.${pascal(names.service)}Async(${[...facts.fields.filter((rule) => rule.where === 'path').map((rule) => rule.name), ...(has(parts, 'body') ? ['body'] : [])].join(', ')});\n    return Results.Json(result, statusCode: ${status});\n})${facts.unauthenticated === undefined ? '' : '\n.RequireAuthorization()'};`,
      };
    }
    case 'unknown':
      return undefined;
    default:
      return assertNever(framework);
  }
}

/** `createDailyChoreBodySchema` → `CreateDailyChoreBody`. */
export function pascal(name: string): string {
  const bare = name.replace(/Schema$/, '');
  return `${bare.charAt(0).toUpperCase()}${bare.slice(1)}`;
}

const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
