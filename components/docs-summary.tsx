import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { DocsLanguage } from '../src/core/docs/language.ts';
import type { Diagnostic, Spec } from '../src/core/docs/model.ts';
import { languageName } from '../src/core/prompt/build-messages.ts';
import { formatTokens } from './format.ts';

/** One input document as the pick screen reports it. */
export type DocInfo = {
  readonly label: string;
  /** Path relative to the project; undefined when the doc was not found. */
  readonly file: string | undefined;
  readonly tokens: number | undefined;
};

/** The docs the planner read (or looked for), each with its size in tokens. */
export function docsFromSpec(
  spec: Spec,
  countTokens: (text: string) => number,
  language?: DocsLanguage | undefined,
): readonly DocInfo[] {
  const doc = (label: string, file: string | undefined, text: string | undefined): DocInfo => ({
    label,
    file,
    tokens: file === undefined || text === undefined ? undefined : countTokens(text),
  });
  const ruleTokens = spec.rules.reduce((sum, picked) => sum + countTokens(picked.rule.body), 0);
  const docs = [
    doc('API plan', spec.sources.apiPlan, spec.apiText),
    doc('Database plan', spec.sources.dbPlan, spec.dbText),
    doc('Types', spec.sources.types, spec.typesText),
    doc('Tech stack', spec.sources.techStack, spec.techStack),
  ];
  const rules: DocInfo =
    spec.rules.length === 0
      ? { label: 'Rules', file: undefined, tokens: undefined }
      : {
          label: 'Rules',
          file: spec.rules.map((picked) => `${picked.rule.path} (${picked.reason})`).join(', '),
          tokens: ruleTokens,
        };
  // Dropped rules and the language are notes, not docs: `tokens: undefined` keeps the size column off them.
  const dropped: readonly DocInfo[] =
    spec.skippedRules.length === 0
      ? []
      : [
          {
            label: 'Rules dropped',
            file: spec.skippedRules.map((skip) => `${skip.path} (${skip.reason})`).join(', '),
            tokens: undefined,
          },
        ];
  const planLanguage: readonly DocInfo[] =
    language === undefined
      ? []
      : [
          {
            label: 'Plan language',
            file: `${languageName(language.code)} (${language.why})`,
            tokens: undefined,
          },
        ];
  return [...docs, rules, ...dropped, ...planLanguage];
}

/** All diagnostics of the docs: the spec's own and each parser's, without duplicates. */
export function allDiagnostics(spec: Spec): readonly Diagnostic[] {
  const seen = new Set<string>();
  const all = [
    ...spec.diagnostics,
    ...spec.api.diagnostics,
    ...(spec.db?.diagnostics ?? []),
    ...(spec.types?.diagnostics ?? []),
  ];
  return all.filter((d) => {
    const key = `${d.file}:${d.line}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Lines the summary needs when it has room for all of them. */
export function docsSummaryHeight(docs: readonly DocInfo[], diagnostics: readonly Diagnostic[]): number {
  return docs.length + (diagnostics.length === 0 ? 0 : 1 + Math.min(3, diagnostics.length));
}

type Row = { readonly key: string; readonly node: ReactNode };

/** The docs found, their sizes, the missing ones and the first diagnostics, in at most `maxLines` rows. */
export function DocsSummary(props: {
  readonly docs: readonly DocInfo[];
  readonly diagnostics: readonly Diagnostic[];
  readonly maxLines: number;
  /** The docs besides the API plan are still being read. */
  readonly loading?: boolean | undefined;
}) {
  const { docs, diagnostics, maxLines } = props;
  const rows: Row[] = docs.map((doc) => ({
    key: doc.label,
    node:
      doc.file === undefined && props.loading === true ? (
        <Text wrap="truncate-end" dimColor>
          … {doc.label.padEnd(14)}reading…
        </Text>
      ) : doc.file === undefined ? (
        <Text wrap="truncate-end">
          <Text color="yellow">✗ {doc.label.padEnd(14)}</Text>
          <Text dimColor>not found</Text>
        </Text>
      ) : (
        <Text wrap="truncate-end">
          <Text color="green">✓ </Text>
          {doc.label.padEnd(14)}
          {doc.file}
          {doc.tokens === undefined ? null : <Text dimColor> · {formatTokens(doc.tokens)} tokens</Text>}
        </Text>
      ),
  }));
  if (diagnostics.length > 0) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    rows.push({
      key: 'diagnostics',
      node: (
        <Text color={errors > 0 ? 'red' : 'yellow'} wrap="truncate-end">
          {diagnostics.length} diagnostic{diagnostics.length === 1 ? '' : 's'}
          {errors > 0 ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}
        </Text>
      ),
    });
    for (const d of diagnostics.slice(0, 3)) {
      rows.push({
        key: `${d.file}:${d.line}:${d.code}:${d.message}`,
        node: (
          <Text dimColor wrap="truncate-end">
            {'  '}
            {d.file}:{d.line} {d.message}
          </Text>
        ),
      });
    }
  }
  const budget = Math.max(1, maxLines);
  const shown = rows.length <= budget ? rows : rows.slice(0, budget - 1);
  const hidden = rows.length - shown.length;
  return (
    <Box flexDirection="column">
      {shown.map((row) => (
        <Box key={row.key}>{row.node}</Box>
      ))}
      {hidden > 0 ? (
        <Text dimColor>… {hidden} more about the docs (endpoint-planner list shows all)</Text>
      ) : null}
    </Box>
  );
}
