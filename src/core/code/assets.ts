import type { AssetKind } from './model.ts';

/** Generated database type files (Supabase, Prisma clients, Kysely, hand-written `db.types.ts`). */
const DB_TYPES =
  /(?:^|\/)(?:database|db|supabase|schema)[._-]?types?\.(?:[cm]?ts|d\.ts)$|(?:^|\/)database\.ts$/i;

/**
 * What reusable code a file is by its place and name: `services/`, `*.service.ts`, `OrderService.cs` →
 * service; `schemas/`, `validators/`, `*.schema.ts`, `schemas.py`, `serializers.py` → schema; `middleware*` →
 * middleware; `errors/`, `*error*` → error helper; `database.types.ts` → db types. Undefined for other files.
 */
export function assetKindByPath(file: string): AssetKind | undefined {
  const lower = file.toLowerCase();
  const name = lower.split('/').at(-1) ?? '';
  if (DB_TYPES.test(lower)) return 'db-types';
  if (/(?:^|\/)middlewares?(?:\/|\.)/.test(lower) || /middleware/.test(name)) return 'middleware';
  if (
    /(?:^|\/)(?:errors?|exceptions?)\//.test(lower) ||
    /(?:^|[._-])(?:errors?|exceptions?|http-error|api-error)\b/.test(name)
  ) {
    return 'error-helper';
  }
  if (
    /(?:^|\/)(?:schemas?|validators?|validations?|validation-schemas|dtos?)\//.test(lower) ||
    /[.-](?:schema|schemas|validator|validators|validation|dto)\.[a-z]+$/.test(name) ||
    /^(?:schemas|serializers|validators)\.py$/.test(name) ||
    /(?:validator|dto|request)\.(?:cs|java)$/.test(name)
  ) {
    return 'schema';
  }
  if (
    /(?:^|\/)services?\//.test(lower) ||
    /[.-]service\.[a-z]+$/.test(name) ||
    /service\.(?:cs|java|py)$/.test(name) ||
    /^services?\.py$/.test(name)
  ) {
    return 'service';
  }
  return undefined;
}
