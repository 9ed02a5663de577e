import { MAX_SLUG_LENGTH, slugify } from './slug.ts';

/** The number and slug a plan file name carries. */
export type PlanFileName = { readonly number: number; readonly slug: string };

// The slug part is taken as written: plans saved by hand or by the old chat workflow count too.
const PLAN_FILE = /^(\d{3,})-([^/\\]+)\.md$/;
const SAFE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads `NNN-<anything>.md` (three or more digits); anything else, including dot-files and temp files, is undefined. */
export function parsePlanFileName(name: string): PlanFileName | undefined {
  const match = PLAN_FILE.exec(name);
  if (match === null) return undefined;
  const [, digits, slug] = match;
  if (digits === undefined || slug === undefined) return undefined;
  const number = Number.parseInt(digits, 10);
  if (!Number.isSafeInteger(number)) return undefined;
  return { number, slug };
}

/** The highest plan number among `existingNames` plus one, or 1; names that are not plan files are ignored. */
export function nextPlanNumber(existingNames: readonly string[]): number {
  let highest = 0;
  for (const name of existingNames) {
    const parsed = parsePlanFileName(name);
    if (parsed !== undefined && parsed.number > highest) highest = parsed.number;
  }
  return highest + 1;
}

/** True when `slug` is lowercase ASCII words joined by single `-`, at most 60 characters: it cannot leave the folder. */
export function isSafeSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= MAX_SLUG_LENGTH && SAFE_SLUG.test(slug);
}

/** Folds any text into a safe slug; text with no letters or digits becomes `endpoint`. */
export function safeSlug(text: string): string {
  const slug = slugify(text, MAX_SLUG_LENGTH);
  return isSafeSlug(slug) ? slug : 'endpoint';
}

/** `001-<slug>.md`: three digits, zero padded, longer from 1000 on; an unsafe slug is folded by `safeSlug` first. */
export function planFileName(number: number, slug: string): string {
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new RangeError(`Plan numbers start at 1, got ${number}`);
  }
  const safe = isSafeSlug(slug) ? slug : safeSlug(slug);
  return `${String(number).padStart(3, '0')}-${safe}.md`;
}
