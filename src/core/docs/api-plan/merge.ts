import { normaliseQuery, routeShape, routeSpelling } from '../../routes/paths.ts';
import type { Diagnostic, LineRange } from '../model.ts';
import type { Anchor } from './anchors.ts';
import type { Fields } from './fields.ts';

/** An anchor with its definition's extent and what the definition says: one input to merging. */
export type Candidate = {
  readonly anchor: Anchor;
  readonly lines: LineRange;
  readonly title: string;
  readonly section: readonly string[];
  /** What the definition says, read on first call: `list` never asks, so a large plan starts faster. */
  readonly fields: () => Fields;
  /** 3 heading or label definition, 2 a bullet or line with details, 1 a bare mention in a list or table, 0 a caption. */
  readonly rank: number;
  /** Line of the chapter heading the definition sits in, 0 before the first. */
  readonly chapter: number;
  /** The definition has a heading of its own (the route's, or a title heading over it alone). */
  readonly headed: boolean;
  /** A bullet of a prose section on auth, roles or limits naming the route as an example of a rule. */
  readonly ruleExample: boolean;
};

/** The definition's text with whitespace folded, for telling repeats from rewrites. */
export type ContentOf = (candidate: Candidate) => string;

/** The merged endpoints, in document order, and what merging noticed. */
export type Merged = {
  readonly endpoints: readonly Candidate[];
  readonly diagnostics: readonly Diagnostic[];
};

type Cluster = {
  readonly key: string;
  readonly first: Candidate;
  readonly members: Candidate[];
};

/**
 * Merges repeats of one endpoint (summary tables, business-logic bullets, examples with a query string)
 * into its richest definition. Two detailed definitions in one chapter whose parameter names or query
 * strings differ are different operations and both stay; the route-conflict diagnostic names them. Two
 * definitions of one route under headings of their own with different text are two operations too: both
 * stay, and a duplicate-endpoint diagnostic says so.
 */
export function mergeCandidates(
  candidates: readonly Candidate[],
  file: string,
  contentOf: ContentOf,
): Merged {
  const diagnostics: Diagnostic[] = [];
  const counts = new Map<number, number>();
  let detailed = 0;
  for (const candidate of candidates) {
    if (candidate.rank === 0) continue;
    counts.set(candidate.chapter, (counts.get(candidate.chapter) ?? 0) + 1);
    if (candidate.rank >= 2) detailed++;
  }
  const main = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const definingChapters = new Set(candidates.filter((c) => c.rank >= 2).map((c) => c.chapter));
  // A bare mention creates an endpoint only where endpoints are defined: a list in the auth or business-logic
  // chapter repeats them.
  const mayCreate = (candidate: Candidate): boolean =>
    !candidate.ruleExample &&
    (candidate.rank >= 2 ||
      (candidate.rank === 1 &&
        (candidate.chapter === main || definingChapters.has(candidate.chapter) || detailed === 0)));

  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster[]>();
  const twinIn = (cluster: Cluster, candidate: Candidate): Candidate | undefined =>
    cluster.members.find(
      (member) =>
        member.chapter === main &&
        member.headed &&
        candidate.headed &&
        member.chapter === candidate.chapter &&
        sameSpelling(member, candidate) &&
        contentOf(member) !== contentOf(candidate),
    );

  for (const candidate of candidates) {
    if (!mayCreate(candidate)) continue;
    const key = baseKey(candidate);
    const existing = byKey.get(key) ?? [];
    const match = pick(
      existing.filter((cluster) => compatible(cluster.first, candidate, false)),
      candidate,
    );
    const twin = match === undefined ? undefined : twinIn(match, candidate);
    if (match !== undefined && twin === undefined) {
      match.members.push(candidate);
      continue;
    }
    if (twin !== undefined) {
      diagnostics.push({
        file,
        line: candidate.anchor.line,
        severity: 'warning',
        code: 'duplicate-endpoint',
        message: `${describe(candidate)} is defined twice, under separate headings with different text (lines ${twin.lines.start} and ${candidate.lines.start}); both are kept as separate endpoints.`,
      });
    }
    const cluster: Cluster = { key, first: candidate, members: [candidate] };
    clusters.push(cluster);
    existing.push(cluster);
    byKey.set(key, existing);
  }
  for (const candidate of candidates) {
    if (mayCreate(candidate)) continue;
    const existing = byKey.get(baseKey(candidate)) ?? [];
    const match = pick(
      existing.filter((cluster) => compatible(cluster.first, candidate, true)),
      candidate,
    );
    if (match !== undefined) match.members.push(candidate);
  }

  const endpoints = clusters
    .map((cluster) => combine(cluster, main))
    .sort((a, b) => a.lines.start - b.lines.start);
  diagnostics.push(...routeConflicts(endpoints, file));
  return { endpoints, diagnostics };
}

const shapes = new WeakMap<Anchor, string>();
const spellings = new WeakMap<Anchor, string>();

function baseKey(candidate: Candidate): string {
  let key = shapes.get(candidate.anchor);
  if (key === undefined) {
    key = `${candidate.anchor.method} ${routeShape(candidate.anchor.path)}`;
    shapes.set(candidate.anchor, key);
  }
  return key;
}

function spellingOf(candidate: Candidate): string {
  let spelling = spellings.get(candidate.anchor);
  if (spelling === undefined) {
    spelling = routeSpelling(candidate.anchor.path);
    spellings.set(candidate.anchor, spelling);
  }
  return spelling;
}

function sameSpelling(a: Candidate, b: Candidate): boolean {
  return spellingOf(a) === spellingOf(b) && normaliseQuery(a.anchor.query) === normaliseQuery(b.anchor.query);
}

function compatible(first: Candidate, candidate: Candidate, weak: boolean): boolean {
  const a = normaliseQuery(first.anchor.query);
  const b = normaliseQuery(candidate.anchor.query);
  if (a.length > 0 && b.length > 0 && a !== b) return false;
  if (weak) return true;
  const distinct = first.rank >= 2 && candidate.rank >= 2 && first.chapter === candidate.chapter;
  if (a !== b && distinct) return false;
  return spellingOf(first) === spellingOf(candidate) || !distinct;
}

function pick(clusters: readonly Cluster[], candidate: Candidate): Cluster | undefined {
  return clusters.find((cluster) => sameSpelling(cluster.first, candidate)) ?? clusters[0];
}

function combine(cluster: Cluster, main: number | undefined): Candidate {
  const score = (candidate: Candidate): number[] => [
    candidate.rank > 0 ? 1 : 0,
    candidate.chapter === main ? 1 : 0,
    candidate.rank,
    candidate.lines.end - candidate.lines.start,
  ];
  let best = cluster.first;
  for (const member of cluster.members) {
    const a = score(member);
    const b = score(best);
    const index = a.findIndex((value, position) => value !== b[position]);
    if (index >= 0 && (a[index] ?? 0) > (b[index] ?? 0)) best = member;
  }
  if (cluster.members.length === 1) return best;
  const merged = (): Fields => {
    let fields = best.fields();
    for (const member of cluster.members) {
      if (member === best) continue;
      const other = member.fields();
      const kept = fields;
      fields = {
        description: fields.description ?? (member.anchor.kind === 'row' ? other.description : undefined),
        get params() {
          return kept.params;
        },
        requestBody: fields.requestBody ?? (member.rank === 0 ? other.requestBody : undefined),
        responseBody: fields.responseBody ?? (member.rank === 0 ? other.responseBody : undefined),
        successStatus: fields.successStatus ?? (member.rank === 0 ? other.successStatus : undefined),
        errorCodes: fields.errorCodes,
      };
    }
    return fields;
  };
  return { ...best, fields: once(merged) };
}

/** `read`, run once on first call and remembered. */
export function once<T>(read: () => T): () => T {
  let cached: { readonly value: T } | undefined;
  return () => {
    cached ??= { value: read() };
    return cached.value;
  };
}

function describe(candidate: Candidate): string {
  const query = candidate.anchor.query === undefined ? '' : `?${candidate.anchor.query}`;
  return `\`${candidate.anchor.method} ${candidate.anchor.path}${query}\``;
}

/** Routes with the same shape but different parameter names, which one router cannot tell apart. */
function routeConflicts(endpoints: readonly Candidate[], file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstByShape = new Map<string, Map<string, Candidate>>();
  for (const endpoint of endpoints) {
    const path = endpoint.anchor.path;
    const shape = path
      .replace(/\/+$/, '')
      .toLowerCase()
      .replace(/\{[^}]*\}|:[\w-]+|\[[^\]]*\]|<[^>]*>/g, '{}');
    if (!shape.includes('{}')) continue;
    const spelling = routeSpelling(path);
    const seen = firstByShape.get(shape) ?? new Map<string, Candidate>();
    if (!seen.has(spelling)) {
      for (const [, earlier] of seen) {
        diagnostics.push({
          file,
          line: endpoint.anchor.line,
          severity: 'warning',
          code: 'route-conflict',
          message: `\`${path}\` (line ${endpoint.anchor.line}) and \`${earlier.anchor.path}\` (line ${earlier.anchor.line}) have the same shape but different parameter names; one router cannot serve both.`,
        });
      }
      seen.set(spelling, endpoint);
    }
    firstByShape.set(shape, seen);
  }
  return diagnostics;
}
