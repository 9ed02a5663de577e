import { routeShape, writtenSegments } from '../routes/paths.ts';
import { toPlanSpelling } from '../routes/spellings.ts';
import type { CodeAsset, CodeMap, Implementation, RouteHandler } from './model.ts';

/** A route's shape with its API prefix kept: file-based routers put `/api` in the folder path. */
function fullShape(path: string): string {
  return `/${writtenSegments(toPlanSpelling(path))
    .map((segment) => (segment.param ? '{}' : segment.name.toLowerCase()))
    .join('/')}`;
}

/** An index from route shapes to the handlers that answer them. */
export type HandlerIndex = {
  /** The handler that implements `method path`, preferring a real one over a stub. */
  find(method: string, path: string): Implementation | undefined;
};

/** Indexes the code map's handlers for matching against the plan's endpoints. */
export function indexHandlers(map: Pick<CodeMap, 'handlers'>): HandlerIndex {
  const exact = new Map<string, RouteHandler[]>();
  const loose = new Map<string, RouteHandler[]>();
  const add = (index: Map<string, RouteHandler[]>, key: string, h: RouteHandler) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [h]);
    else list.push(h);
  };
  for (const h of map.handlers) {
    add(exact, fullShape(h.path), h);
    add(loose, routeShape(toPlanSpelling(h.path)), h);
  }
  const pick = (
    candidates: readonly RouteHandler[] | undefined,
    method: string,
  ): Implementation | undefined => {
    const upper = method.toUpperCase();
    const fitting = (candidates ?? []).filter((h) => h.method === upper || h.method === 'ALL');
    const best = fitting.find((h) => !h.stub) ?? fitting[0];
    return best === undefined ? undefined : { file: best.file, line: best.line, stub: best.stub };
  };
  return {
    find(method, path) {
      return pick(exact.get(fullShape(path)), method) ?? pick(loose.get(routeShape(path)), method);
    },
  };
}

/** Lower-case words of a name or path: `OrderItemsService` → order, items, service; `/api/order-items` → … */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
}

/** A word's singular-ish stem, so `orders` and `order`, `categories` and `category` meet. */
function stem(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses') || word.endsWith('xes')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'api',
  'rest',
  'v1',
  'v2',
  'id',
  'src',
  'lib',
  'app',
  'index',
]);

/** Code a plan for `path` should reuse, most related first: same resource first, then shared helpers. */
export function relatedAssets(assets: readonly CodeAsset[], path: string, limit = 8): CodeAsset[] {
  const resource = new Set(
    words(path.replace(/\{[^}]*\}|:\w+/g, ''))
      .filter((w) => !GENERIC_WORDS.has(w))
      .map(stem),
  );
  const scored = assets.map((asset, order) => {
    const assetWords = new Set([...words(asset.file), ...asset.exports.flatMap(words)].map(stem));
    let score = 0;
    for (const w of resource) if (assetWords.has(w)) score += 10;
    if (asset.kind === 'error-helper' || asset.kind === 'middleware' || asset.kind === 'db-types') score += 3;
    return { asset, score, order };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((s) => ({ ...s.asset, exports: s.asset.exports.slice(0, 12) }));
}
