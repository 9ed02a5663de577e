import { type HeadingInfo, scanAnchors } from './anchors.ts';
import { readLines, type SourceLines } from './lines.ts';
import { scanUnits, type Unit } from './units.ts';

/** The API plan as blocks in reading order, with its headings: what readers other than the endpoint finder walk. */
export type PlanOutline = {
  readonly lines: SourceLines;
  readonly units: readonly Unit[];
  readonly headings: readonly HeadingInfo[];
  /** For each unit, the index in `headings` of the innermost heading above it (a heading's own), or -1. */
  readonly headingOf: readonly number[];
};

/** Reads an API plan's blocks and headings the same way the endpoint finder does. */
export function readPlanOutline(text: string): PlanOutline {
  const lines = readLines(text);
  const units = scanUnits(lines.clean);
  const { headings } = scanAnchors(units);
  const headingOf: number[] = new Array(units.length);
  let current = -1;
  let next = 0;
  for (let index = 0; index < units.length; index++) {
    while (next < headings.length && (headings[next]?.unitIndex ?? Number.POSITIVE_INFINITY) <= index) {
      current = next;
      next++;
    }
    headingOf[index] = current;
  }
  return { lines, units, headings, headingOf };
}
