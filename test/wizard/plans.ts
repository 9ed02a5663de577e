import type { Endpoint } from '../../src/core/docs/model.ts';
import { SECTION_HEADINGS } from '../support/plan-replies.ts';

/** A plan that passes the validator for `endpoint`; `extra` lands in Error Handling. */
export function aValidPlan(endpoint: Endpoint, extra = ''): string {
  const body = SECTION_HEADINGS.map((title, index) => {
    const number = index + 1;
    const text =
      title === 'Request Details'
        ? `- HTTP Method: ${endpoint.method}\n- URL Pattern: ${endpoint.path}`
        : title === 'Error Handling'
          ? `${endpoint.errorCodes.map((code) => `- ${code}`).join('\n')}${extra === '' ? '' : `\n${extra}`}`
          : `Text of ${title.toLowerCase()}.`;
    return `## ${number}. ${title}\n\n${text}\n`;
  }).join('\n');
  return `# API Endpoint Implementation Plan: ${endpoint.method} ${endpoint.path}\n\n${body}`;
}

/** The stream an engine sends for a plan: an analysis, then the plan. */
export function anAnswer(plan: string, analysis = 'Key points of the endpoint.'): string {
  return `<analysis>\n${analysis}\n</analysis>\n\n${plan}`;
}
