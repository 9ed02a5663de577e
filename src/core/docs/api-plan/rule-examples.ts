import type { Anchor, HeadingInfo } from './anchors.ts';
import { fold } from './labels.ts';

// Headings of prose about who may call what and how often, English and Polish (folded: no marks).
const RULE_SECTION =
  /\b(?:auth(?:enti\w*|ori[sz]\w*)?|security|roles?|permissions?|access control|rate[- ]?limit\w*|throttl\w*|quotas?|limits?|uwierzytelni\w*|autoryzac\w*|bezpieczenstw\w*|uprawnien\w*|rol[aeiy]?|kontrola dostepu|limit\w*|ograniczeni\w*)\b/;
// Words that state a rule about a route rather than describe it: a role, an "only", a limit, a refusal code.
const RULE_WORDS =
  /\b(?:only|roles?|permissions?|permitted|forbidden|denied|admins?|administrators?|staff|owners?|managers?|moderators?|limit\w*|throttl\w*|rate|quota|at most|per (?:second|minute|hour|day)|40[13]|429|tylko|wylacznie|rol[aeiy]|uprawnien\w*|dozwolon\w*|zabronion\w*|administrator\w*|wlasciciel\w*|moderator\w*|limit\w*|maksymalnie|co najwyzej|na (?:sekunde|minute|godzine|dzien|dobe))\b/;

/** A word without a plural ending, so `roles` and `role` compare equal. */
function stem(word: string): string {
  return word.replace(/(?:es|s)$/, '');
}

// Every bullet under a heading asks about it: fold each heading's text once.
const ruleSections = new WeakMap<HeadingInfo, boolean>();

function isRuleSection(heading: HeadingInfo): boolean {
  let rule = ruleSections.get(heading);
  if (rule === undefined) {
    rule = RULE_SECTION.test(fold(heading.text));
    ruleSections.set(heading, rule);
  }
  return rule;
}

/**
 * True when a bullet in a section about auth, roles, permissions or rate limits names a route only as an
 * example of a rule (`Admin only: DELETE /api/x`, `POST /api/x: 5 requests per minute`): such a bullet
 * does not make an endpoint. A heading of its own, nested items or a body under it make it a definition.
 */
export function isRuleExample(
  anchor: Anchor,
  headings: readonly HeadingInfo[],
  defines: () => boolean,
): boolean {
  if (anchor.kind !== 'item' && anchor.kind !== 'bare') return false;
  const own = headings[anchor.heading];
  if (own === undefined) return false;
  const pathWords = new Set(fold(anchor.path).split(/[^a-z0-9]+/));
  const ruleHeadings = [...own.parents, anchor.heading]
    .map((index) => headings[index])
    .filter((heading): heading is HeadingInfo => heading !== undefined && isRuleSection(heading));
  if (ruleHeadings.length === 0) return false;
  // A section named after the route's own resource (`Roles` over `GET /api/roles`, `Auth` over
  // `POST /api/auth/login`) defines endpoints; it is not prose about rules.
  const stems = new Set([...pathWords].map(stem));
  const aboutResource = ruleHeadings.some((heading) =>
    fold(heading.text)
      .split(/[^a-z0-9]+/)
      .some((word) => word.length > 2 && stems.has(stem(word))),
  );
  if (aboutResource) return false;
  const words = fold(`${anchor.ownTitle ?? ''} ${anchor.tail}`)
    .split(/\s+/)
    .filter((word) => !pathWords.has(word.replace(/[^a-z0-9]/g, '')))
    .join(' ');
  return RULE_WORDS.test(words) && anchor.item?.childItems === 0 && !defines();
}
