import { codeNames } from './code-names.ts';
import { dataFlowSection } from './data-flow.ts';
import { errorsSection } from './errors.ts';
import { type DraftFacts, type DraftInput, draftFacts } from './facts.ts';
import { overviewSection } from './overview.ts';
import { performanceSection } from './performance.ts';
import { requestSection } from './request.ts';
import { responseSection } from './response.ts';
import { securitySection } from './security.ts';
import { stepsSection } from './steps.ts';
import { draftText } from './text.ts';
import { usedTypesSection } from './used-types.ts';

function section(number: number, heading: string | undefined, body: readonly string[]): string {
  return [`## ${number}. ${heading ?? ''}`, '', ...body].join('\n').replace(/\n+$/, '');
}

/** Writes the nine-section plan of one endpoint from its dossier; same input, same bytes. */
export function draftPlan(input: DraftInput): string {
  const facts = draftFacts(input);
  const t = draftText(input.language);
  const names = codeNames(input.dossier, facts.resource);
  const { dossier } = input;
  const title = dossier.title.trim() === '' ? `${dossier.method} ${dossier.path}` : dossier.title.trim();
  const bodies = [
    overviewSection(input, facts, t),
    requestSection(input, facts, names, t),
    usedTypesSection(input, facts, names, t),
    responseSection(input, facts, t),
    dataFlowSection(input, facts, names, t),
    securitySection(input, facts, t),
    errorsSection(input, facts, t),
    performanceSection(input, facts, t),
    stepsSection(input, facts, names, t),
  ];
  const sections = bodies.map((body, index) => section(index + 1, t.headings[index], body));
  return `${[`# ${t.title(title)}`, ...sections].join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** The key facts the draft rests on, as the `<analysis>` block a model would write first. */
export function draftAnalysis(input: DraftInput, facts: DraftFacts = draftFacts(input)): string {
  const { dossier, stack } = input;
  const t = draftText(input.language);
  const list = (items: readonly string[]): string => (items.length === 0 ? '-' : items.join(', '));
  const named = (where: 'required' | 'optional'): string =>
    list(
      facts.fields
        .filter((rule) => (where === 'required' ? rule.required === true : rule.required !== true))
        .map((rule) => `${rule.name} (${t.where[rule.where]})`),
    );
  return [
    '<analysis>',
    `${t.analysisEndpoint}: ${dossier.method} ${dossier.path} (${dossier.id}), ${dossier.definition.file}:${dossier.definition.line}.`,
    `${t.analysisRequired}: ${named('required')}.`,
    `${t.analysisOptional}: ${named('optional')}.`,
    `${t.analysisTypes}: ${list([...dossier.types.request, ...dossier.types.response].map((type) => type.name))}.`,
    `${t.analysisTables}: ${list(dossier.tables.map((table) => `${table.name} (${table.access})`))}.`,
    `${t.analysisCodes}: ${list(dossier.statusCodes.map((status) => String(status.code)))}.`,
    `${t.analysisStack}: ${stack.framework === 'unknown' ? t.unknownStack : list([stack.label, ...stack.evidence.filter((word) => word !== stack.label)])}.`,
    `${t.analysisGaps}: ${list(dossier.gaps.map((gap) => `${gap.what} (${gap.why})`))}.`,
    t.analysisNote,
    '</analysis>',
    '',
    '',
  ].join('\n');
}
