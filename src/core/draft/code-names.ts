import type { Dossier, TableFact } from '../dossier/model.ts';
import { literalSegmentsOf, lowerFirst, pascalSingular, sameName, wordsOf } from './markdown.ts';

/** Names the draft gives the code it proposes: service function, schema constants. */
export type CodeNames = {
  /** `createDailyChore`, `listDailyChores`, `joinRoom`. */
  readonly service: string;
  readonly bodySchema: string;
  readonly querySchema: string;
  readonly paramsSchema: string;
};

const pascalWords = (name: string): string =>
  wordsOf(name)
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');

/** Picks the names from the method and path: CRUD verbs for a table's segment, the segment itself for an action. */
export function codeNames(dossier: Dossier, resource: TableFact | undefined): CodeNames {
  const segments = literalSegmentsOf(dossier.path);
  const last = segments.at(-1) ?? resource?.name ?? 'root';
  const bare = (dossier.path.split('?')[0] ?? '').replace(/\/+$/, '');
  const endsWithParam = /\/(?:\{[^}]*\}|:[^/]+|\[[^\]]*\]|<[^>]*>)$/.test(bare);
  const isTable =
    dossier.tables.some((table) => sameName(table.name, last)) ||
    resource === undefined ||
    sameName(resource.name, last);
  const entity = pascalSingular(last);
  let verb: string;
  switch (dossier.method) {
    case 'GET':
    case 'HEAD':
      verb = endsWithParam || last === 'me' ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'DELETE':
      verb = 'delete';
      break;
    default:
      verb = 'update';
  }
  const edge = /^\/functions\/v1\/([\w-]+)/i.exec(dossier.path)?.[1];
  const service =
    edge !== undefined
      ? lowerFirst(pascalWords(edge))
      : !isTable && !endsWithParam && dossier.method === 'POST'
        ? lowerFirst(pascalWords(last)) + (segments.length > 1 ? pascalSingular(segments.at(-2) ?? '') : '')
        : verb === 'list'
          ? `list${pascalWords(last)}`
          : `${verb}${entity}`;
  const stem = lowerFirst(service.replace(/^list/, 'list'));
  return {
    service,
    bodySchema: `${stem}BodySchema`,
    querySchema: `${stem}QuerySchema`,
    paramsSchema: `${stem}ParamsSchema`,
  };
}
