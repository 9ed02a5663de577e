/** A PostgREST filter written in a query string: `id=eq.{doctorId}` → id, eq, `{doctorId}`. */
export type RestFilter = { readonly column: string; readonly operator: string; readonly value: string };

/** How Supabase serves a path itself, with no route handler of the project: its REST API, Auth, or an edge function. */
export type PlatformRoute =
  | {
      readonly kind: 'rest-table';
      readonly table: string;
      readonly select: string | undefined;
      readonly order: string | undefined;
      readonly filters: readonly RestFilter[];
    }
  | { readonly kind: 'rest-rpc'; readonly fn: string }
  | { readonly kind: 'auth'; readonly action: string }
  | { readonly kind: 'edge-function'; readonly name: string };

const OPERATORS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'is', 'in', 'cs', 'cd']);

/** `a=1&select=*,b(c, d)&x=eq.2` → its pairs, `&` inside parentheses kept. */
function pairs(query: string): readonly (readonly [string, string])[] {
  const found: [string, string][] = [];
  let depth = 0;
  let current = '';
  for (const ch of `${query}&`) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '&' && depth <= 0) {
      const at = current.indexOf('=');
      if (at > 0) found.push([current.slice(0, at), current.slice(at + 1)]);
      current = '';
      continue;
    }
    current += ch;
  }
  return found;
}

/** How Supabase serves `path` itself (`/rest/v1/…`, `/auth/v1/…`, `/functions/v1/…`), or undefined for the app's own routes. */
export function platformRoute(path: string, query: string | undefined): PlatformRoute | undefined {
  const rpc = /^\/rest\/v1\/rpc\/([\w-]+)\/?$/i.exec(path);
  if (rpc !== null) return { kind: 'rest-rpc', fn: rpc[1] ?? '' };
  const table = /^\/rest\/v1\/([\w-]+)\/?$/i.exec(path);
  if (table !== null) {
    const written = pairs(query ?? '');
    const filters = written.flatMap(([column, value]) => {
      const dot = value.indexOf('.');
      const operator = dot < 0 ? '' : value.slice(0, dot);
      return OPERATORS.has(operator) ? [{ column, operator, value: value.slice(dot + 1) }] : [];
    });
    return {
      kind: 'rest-table',
      table: table[1] ?? '',
      select: written.find(([key]) => key === 'select')?.[1],
      order: written.find(([key]) => key === 'order')?.[1],
      filters,
    };
  }
  const auth = /^\/auth\/v1\/(.+?)\/?$/i.exec(path);
  if (auth !== null) return { kind: 'auth', action: auth[1] ?? '' };
  const edge = /^\/functions\/v1\/([\w-]+)/i.exec(path);
  if (edge !== null) return { kind: 'edge-function', name: edge[1] ?? '' };
  return undefined;
}

/** A written filter value as code: `{doctorId}` → doctorId, `current_user_id` → currentUserId, `5` → '5'. */
function valueCode(value: string): string {
  const placeholder = /^\{(\w+)\}$|^:(\w+)$/.exec(value);
  if (placeholder !== null) return placeholder[1] ?? placeholder[2] ?? value;
  if (/^[a-z]+(?:_[a-z]+)+$/.test(value))
    return value.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return `'${value.replace(/'/g, "\\'")}'`;
}

const AUTH_CALLS: readonly (readonly [RegExp, string, string])[] = [
  [/^signup$/i, 'POST', 'supabase.auth.signUp({ email, password })'],
  [/^token\b/i, 'POST', 'supabase.auth.signInWithPassword({ email, password })'],
  [/^logout$/i, 'POST', 'supabase.auth.signOut()'],
  [/^recover$/i, 'POST', 'supabase.auth.resetPasswordForEmail(email)'],
  [/^user$/i, 'GET', 'supabase.auth.getUser()'],
  [/^user$/i, 'PUT', 'supabase.auth.updateUser(changes)'],
];

/** The supabase-js call a client makes for a route Supabase serves; undefined for an edge function. */
export function platformCall(route: PlatformRoute, method: string, withBody: boolean): string | undefined {
  switch (route.kind) {
    case 'rest-table': {
      const filters = route.filters
        .map((filter) =>
          filter.operator === 'is' || filter.operator === 'in'
            ? `.filter('${filter.column}', '${filter.operator}', ${valueCode(filter.value)})`
            : `.${filter.operator}('${filter.column}', ${valueCode(filter.value)})`,
        )
        .join('');
      const order =
        route.order === undefined
          ? ''
          : `.order('${route.order.split('.')[0]}'${/\.desc\b/.test(route.order) ? ', { ascending: false }' : ''})`;
      const from = `supabase.from('${route.table}')`;
      const select = `.select(${route.select === undefined ? '' : `'${route.select}'`})`;
      switch (method) {
        case 'GET':
          return `const { data, error } = await ${from}.select('${route.select ?? '*'}')${filters}${order};`;
        case 'POST':
          return `const { data, error } = await ${from}.insert(${withBody ? 'body' : '{}'})${select}.single();`;
        case 'PATCH':
        case 'PUT':
          return `const { data, error } = await ${from}.update(${withBody ? 'body' : '{}'})${filters}${select};`;
        case 'DELETE':
          return `const { error } = await ${from}.delete()${filters};`;
        default:
          return undefined;
      }
    }
    case 'rest-rpc':
      return `const { data, error } = await supabase.rpc('${route.fn}'${withBody ? ', body' : ''});`;
    case 'auth': {
      const call = AUTH_CALLS.find(([action, verb]) => action.test(route.action) && verb === method)?.[2];
      return call === undefined ? undefined : `const { data, error } = await ${call};`;
    }
    case 'edge-function':
      return undefined;
  }
}
