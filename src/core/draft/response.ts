import type { DraftFacts, DraftInput } from './facts.ts';
import { at, code, fence, fenceLanguage, oneLine, reasonPhrase, statusLine } from './markdown.ts';
import type { DraftText } from './text.ts';

/** Section 4: the success status, the response DTO and body as declared, and every status code with its source. */
export function responseSection(input: DraftInput, facts: DraftFacts, t: DraftText): string[] {
  const { dossier } = input;
  const { success } = facts;
  const lines = [
    success.fact === undefined
      ? `- ${t.success}: ${t.successUnstated} ${t.recommended}: ${code(statusLine(success.code))} (${t.seedDefault})`
      : `- ${t.success}: ${code(statusLine(success.code))} (${code(at(success.fact.source))})`,
  ];
  for (const type of dossier.types.response)
    lines.push(`- ${t.responseType}: ${code(type.name)} (${code(at(type.source))})`);
  if (dossier.responseBody !== undefined) {
    lines.push(
      `- ${t.responseBody}:`,
      '',
      fence(dossier.responseBody, fenceLanguage(dossier.responseBody)),
      '',
    );
  } else if (success.code === 204) {
    lines.push(`- ${t.responseBody}: ${t.none}`);
  } else if (facts.responseType !== undefined) {
    lines.push(`- ${t.responseBody}: ${t.bodyIsType(code(facts.responseType.name))}`);
  } else {
    lines.push(`- ${t.responseBody}: ${t.responseUnstated}`);
  }
  lines.push('', `| ${t.status} | ${t.meaning} | ${t.source} |`, '|---|---|---|');
  const rows = new Map<number, string>();
  for (const status of dossier.statusCodes) {
    if (rows.has(status.code)) continue;
    const said = oneLine(status.meaning);
    // The docs often write the reason phrase themselves ("Bad Request: invalid data"): it is not repeated.
    const meaning =
      said === '' || said.toLowerCase().startsWith(reasonPhrase(status.code).toLowerCase())
        ? said === ''
          ? reasonPhrase(status.code)
          : said
        : `${reasonPhrase(status.code)}: ${said}`;
    rows.set(
      status.code,
      `| ${status.code} | ${meaning.replace(/\|/g, '\\|')} | ${code(at(status.source))} (${t.origin[status.origin]}) |`,
    );
  }
  if (success.fact === undefined)
    rows.set(success.code, `| ${success.code} | ${reasonPhrase(success.code)} | ${t.recommended} |`);
  for (const status of facts.recommendedErrors)
    rows.set(status, `| ${status} | ${reasonPhrase(status)} | ${t.recommended}: ${t.noCodeInDocs} |`);
  if (!rows.has(500)) rows.set(500, `| 500 | ${reasonPhrase(500)} | ${t.seedDefault} |`);
  lines.push(...[...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row));
  return lines;
}
