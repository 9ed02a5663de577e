import { indexHandlers } from '../core/code/match.ts';
import type { CodeMap, Implementation } from '../core/code/model.ts';
import { displayTitle } from '../core/docs/display-title.ts';
import type { Diagnostic, Spec } from '../core/docs/model.ts';
import { attributePlans, plannedByEndpoint } from '../core/plan/planned.ts';
import type { PlannedFile } from '../core/ports.ts';
import { pathWithQuery } from '../core/routes/paths.ts';
import type { Io } from '../io.ts';
import { colors, paintMethod } from '../terminal/colors.ts';

/** What `list --json` prints: stable field names, documented in the README. */
export type ListJson = {
  /** The documents a plan would use, relative to the project; null for one not found. */
  readonly sources: {
    readonly apiPlan: string;
    readonly dbPlan: string | null;
    readonly types: string | null;
    readonly techStack: string | null;
    readonly rules: readonly string[];
  };
  readonly endpoints: readonly {
    readonly id: string;
    readonly method: string;
    readonly path: string;
    /** The query string written after `?` with the path, or null. */
    readonly query: string | null;
    readonly title: string;
    readonly line: number;
    readonly planned: string | null;
    /** True when the plan's facts changed since it was saved; null when unplanned or not known. */
    readonly stale: boolean | null;
    /** The file of the route handler that implements it, relative to the project, or null. */
    readonly implemented: string | null;
    /** True when that handler only throws or answers 501. */
    readonly implementedStub: boolean;
  }[];
  readonly diagnostics: readonly Diagnostic[];
};

/** Builds the JSON listing from the spec and the plan files found. */
export function listJson(
  spec: Spec,
  planned: readonly PlannedFile[],
  code: CodeMap | undefined,
  stale: ReadonlyMap<string, boolean | null> = new Map(),
): ListJson {
  const byId = plannedByEndpoint(attributePlans(planned, spec.api.endpoints));
  const handlers = indexHandlers(code ?? { handlers: [] });
  return {
    sources: {
      apiPlan: spec.sources.apiPlan,
      dbPlan: spec.sources.dbPlan ?? null,
      types: spec.sources.types ?? null,
      techStack: spec.sources.techStack ?? null,
      rules: spec.sources.rules,
    },
    endpoints: spec.api.endpoints.map((e) => ({
      id: e.id,
      method: e.method,
      path: e.path,
      query: e.query ?? null,
      // The title the table shows: a heading that only repeats method and path gives way to the description.
      title: displayTitle(e),
      line: e.lines.start,
      planned: byId.get(e.id)?.file ?? null,
      stale: byId.has(e.id) ? (stale.get(e.id) ?? null) : null,
      ...implementedFields(handlers.find(e.method, e.path)),
    })),
    diagnostics: [...spec.diagnostics, ...(code?.diagnostics ?? [])],
  };
}

function implementedFields(found: Implementation | undefined): {
  implemented: string | null;
  implementedStub: boolean;
} {
  return { implemented: found?.file ?? null, implementedStub: found?.stub ?? false };
}

/** Prints a diagnostic as `file:line: severity: message`. */
export function formatDiagnostic(d: Diagnostic, paint: ReturnType<typeof colors>): string {
  const tag =
    d.severity === 'error'
      ? paint.red('error')
      : d.severity === 'warning'
        ? paint.yellow('warning')
        : paint.dim('note');
  return `${d.file}:${d.line}: ${tag}: ${d.message}`;
}

/** `endpoint-planner list`: an aligned table, or JSON with --json. */
export async function listEndpoints(input: {
  io: Io;
  spec: Spec;
  planned: readonly PlannedFile[];
  code: CodeMap | undefined;
  /** Whether each planned endpoint's plan is stale (see `staleness`). */
  stale?: ReadonlyMap<string, boolean | null> | undefined;
  json: boolean;
}): Promise<number> {
  const { io, spec, planned } = input;
  const listing = listJson(spec, planned, input.code, input.stale);
  if (input.json) {
    io.out(`${JSON.stringify(listing, null, 2)}\n`);
    return 0;
  }
  const paint = colors(io.color);
  const rows = listing.endpoints;
  if (rows.length === 0) {
    io.out(`No endpoints found in ${spec.sources.apiPlan}.\n`);
  } else {
    const { padEnd, truncate } = await import('../terminal/text-width.ts');
    const numberWidth = String(rows.length).length;
    // Ids are what users copy into `generate` and `show`: never cut. In a terminal the title gives way.
    const idWidth = Math.max(...rows.map((r) => r.id.length));
    const routes = rows.map((r) => pathWithQuery(r.path, r.query));
    // A pipe gets whole routes (queries can be long); a terminal gets them cut to a column.
    const longest = Math.max(...routes.map((route) => route.length));
    const pathWidth = io.stdoutIsTTY ? Math.min(56, longest) : longest;
    const fixed = numberWidth + 2 + 7 + pathWidth + 2 + idWidth + 2;
    // A pipe gets whole titles; a terminal gets them cut to its width.
    const titleWidth = io.stdoutIsTTY ? Math.max(10, io.columns - fixed - 2) : Number.POSITIVE_INFINITY;
    const lines = spec.api.endpoints.map((e, i) => {
      const row = rows[i];
      const built =
        row?.implemented == null
          ? ''
          : row.implementedStub
            ? `${paint.yellow('stub')} `
            : `${paint.cyan('built')} `;
      const staleMark = row?.stale === true ? paint.yellow(' (stale: its facts changed)') : '';
      const mark = built + (row?.planned ? paint.green(`✓ ${row.planned}`) + staleMark : paint.dim('·'));
      return [
        paint.dim(String(i + 1).padStart(numberWidth)),
        ' ',
        paintMethod(e.method, paint),
        ' ',
        padEnd(truncate(routes[i] ?? e.path, pathWidth), pathWidth),
        '  ',
        paint.dim(padEnd(e.id, idWidth)),
        '  ',
        padEnd(truncate(displayTitle(e), titleWidth), Math.min(titleWidth, 40)),
        '  ',
        mark,
      ].join('');
    });
    io.out(`${lines.join('\n')}\n`);
    const plannedCount = rows.filter((r) => r.planned !== null).length;
    const staleCount = rows.filter((r) => r.stale === true).length;
    const staleNote = staleCount === 0 ? '' : `, ${staleCount} stale (generate --stale)`;
    const builtCount = rows.filter((r) => r.implemented !== null && !r.implementedStub).length;
    io.out(
      paint.dim(
        `\n${rows.length} endpoints, ${plannedCount} planned${staleNote}, ${builtCount} implemented · API plan: ${spec.sources.apiPlan}\n`,
      ),
    );
  }
  for (const d of listing.diagnostics) io.err(`${formatDiagnostic(d, paint)}\n`);
  return 0;
}
