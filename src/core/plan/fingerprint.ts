import type { Dossier } from '../dossier/model.ts';

/**
 * Bumped only when what a fingerprint covers changes meaning. A reader that finds more facts changes fingerprints
 * too, so it bumps this and plans whose fingerprint has another version count as not known (stale: null), rather
 * than every plan turning stale at once.
 */
export const FINGERPRINT_VERSION = 1;

// Where a fact was read (lines move when another endpoint is edited) says nothing about the fact.
const LOCATION_KEYS = new Set(['source', 'file', 'line', 'endLine']);
// Of the dossier itself: what is derived from the whole document (its language) and what the project's code holds
// (it changes as the plan is carried out) are not the docs' facts about this endpoint.
const NOT_FACTS = new Set(['language', 'code']);

/** Any run of whitespace is one space: re-wrapping or re-indenting a paragraph changes no fact. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function canonical(value: unknown): unknown {
  if (typeof value === 'string') return normalize(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([key, field]) => !LOCATION_KEYS.has(key) && field !== undefined)
      .map(([key, field]) => [key, canonical(field)] as const);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * 64 bits of FNV-1a over the text's UTF-16 units, as two 32-bit lanes with different offsets: enough to tell
 * versions of one endpoint's facts apart, and pure (node:crypto stays out of the core).
 */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The fingerprint of an endpoint's facts: its definition text and the text of every fact its dossier draws
 * from the docs (tables, constraints, types, rules), without where they were read and with whitespace folded.
 * The model, the rules files, the tech stack and the template are not part of it.
 */
export function factsFingerprint(dossier: Dossier): string {
  const facts = Object.fromEntries(Object.entries(dossier).filter(([key]) => !NOT_FACTS.has(key)));
  return `f${FINGERPRINT_VERSION}:${hashText(JSON.stringify(canonical(facts)))}`;
}

/** One digest of the docs a dossier reads, whitespace folded: equal digests mean equal fingerprints. */
export function docsDigest(texts: readonly (string | undefined)[]): string {
  return `d${FINGERPRINT_VERSION}:${hashText(texts.map((text) => (text === undefined ? '\u0000' : normalize(text))).join('\u0001'))}`;
}

/**
 * Whether each endpoint's saved plan is stale: true when its facts changed since it was saved, false when not,
 * null when it has no plan, or a plan without a fingerprint of this version (older or hand-written), or when
 * its facts cannot be known now.
 */
export function staleness(
  saved: ReadonlyMap<string, string | undefined>,
  current: ReadonlyMap<string, string>,
): ReadonlyMap<string, boolean | null> {
  const result = new Map<string, boolean | null>();
  for (const [id, fingerprint] of saved) {
    const now = current.get(id);
    const known = fingerprint?.startsWith(`f${FINGERPRINT_VERSION}:`) === true && now !== undefined;
    result.set(id, known ? fingerprint !== now : null);
  }
  return result;
}

/** The fingerprint of each endpoint's facts, by endpoint id (`dossierOf` builds one endpoint's dossier). */
export function fingerprintsOf<E extends { readonly id: string }>(
  endpoints: readonly E[],
  dossierOf: (endpoint: E) => Dossier,
): ReadonlyMap<string, string> {
  return new Map(endpoints.map((endpoint) => [endpoint.id, factsFingerprint(dossierOf(endpoint))]));
}
