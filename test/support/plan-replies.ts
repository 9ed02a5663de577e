import type { FakePacing, FakeReply, FakeScriptFn, RecordedRequest } from './fake-openai-server.ts';

// Runs under `node --experimental-strip-types` too (benchmarks load it through fake-openai-cli.ts --module).

/** The endpoint a plan is written for: what a valid plan must name. */
export type PlannedEndpoint = {
  readonly method: string;
  readonly path: string;
  readonly title?: string | undefined;
  /** Error statuses the plan must mention; the fake reads them from the request's endpoint part. */
  readonly errorCodes?: readonly number[] | undefined;
};

/** The nine sections of a plan, in order, with their English headings. */
export const SECTION_HEADINGS = [
  'Endpoint Overview',
  'Request Details',
  'Used Types',
  'Response Details',
  'Data Flow',
  'Security Considerations',
  'Error Handling',
  'Performance Considerations',
  'Implementation Steps',
] as const;

/** A section heading of a plan. */
export type SectionHeading = (typeof SECTION_HEADINGS)[number];

/** How a built plan deviates from a valid one. */
export type PlanShape = {
  /** Sections left out, to make an invalid draft. */
  readonly omit?: readonly SectionHeading[];
  /** Extra paragraphs of filler in Implementation Steps, to make a long answer. */
  readonly fillerParagraphs?: number;
};

/** Text the analysis of every built reply contains, so tests can prove it never reaches a plan file. */
export const ANALYSIS_MARKER = 'Analysis notes for the fake model';

/** A plan in the shape the prompt asks for: title line, nine numbered sections, method, path and error codes. */
export function aPlan(endpoint: PlannedEndpoint, shape: PlanShape = {}): string {
  const { method, path } = endpoint;
  const codes = endpoint.errorCodes ?? [];
  const name = endpoint.title !== undefined && endpoint.title !== '' ? endpoint.title : `${method} ${path}`;
  const errorRows = codes.map(
    (code) => `| ${code} | The request cannot be served as asked (status ${code}). |`,
  );
  const body: Record<SectionHeading, string> = {
    'Endpoint Overview': `The endpoint ${method} ${path} does one thing for the signed-in user and returns JSON.`,
    'Request Details': `- HTTP Method: ${method}\n- URL Pattern: ${path}\n- Parameters: as listed in the API plan.`,
    'Used Types': '- The DTOs and command models the API plan names for this resource.',
    'Response Details': `- Success: the resource as JSON.\n- Errors: ${codes.length > 0 ? codes.join(', ') : 'none listed'}.`,
    'Data Flow': '1. Validate the input.\n2. Call the service.\n3. Map the result to the response DTO.',
    'Security Considerations': '- Authenticate the caller and scope every query to the caller.',
    'Error Handling': ['| Status | When |', '| --- | --- |', ...errorRows].join('\n'),
    'Performance Considerations': '- One indexed query; no extra round trips.',
    'Implementation Steps': [
      '1. Add the input schema.',
      '2. Add the service function.',
      '3. Add the route handler.',
      ...Array.from(
        { length: shape.fillerParagraphs ?? 0 },
        (_, i) =>
          `\nStep detail ${i + 1}: keep the handler thin, move the logic into the service, cover the happy path and each error status with a test, and document the response shape next to the route.`,
      ),
    ].join('\n'),
  };
  const omitted = new Set<string>(shape.omit ?? []);
  const sections = SECTION_HEADINGS.map((heading, i) => ({ heading, number: i + 1 }))
    .filter(({ heading }) => !omitted.has(heading))
    .map(({ heading, number }) => `## ${number}. ${heading}\n\n${body[heading]}`);
  return [`# API Endpoint Implementation Plan: ${name}`, ...sections].join('\n\n');
}

/** A whole model answer: the analysis inside `<analysis>` tags, then the plan. */
export function aPlanAnswer(endpoint: PlannedEndpoint, shape: PlanShape = {}): string {
  const analysis = `<analysis>\n${ANALYSIS_MARKER}: ${endpoint.method} ${endpoint.path} needs validation, a service and a route.\n</analysis>`;
  return `${analysis}\n\n${aPlan(endpoint, shape)}\n`;
}

/** The user-visible part of the request that is specific to one endpoint: the last message. */
function endpointPart(request: RecordedRequest): string {
  const messages = request.body?.messages ?? [];
  return messages[messages.length - 1]?.content ?? '';
}

/**
 * The endpoint a chat request plans, read from its last message: the default template opens it with
 * "Plan this endpoint: METHOD /path" and lists the error codes the plan must cover.
 */
export function endpointOfRequest(request: RecordedRequest): PlannedEndpoint | undefined {
  const text = endpointPart(request);
  const named =
    /Plan this endpoint:\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/\S*)/.exec(text) ??
    /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/[^\s`)]*)/.exec(text);
  if (named === null) return undefined;
  const listed = /must cover each of them:\s*([\d,\s]+)/.exec(text)?.[1] ?? '';
  const errorCodes = [...listed.matchAll(/\d{3}/g)].map((m) => Number(m[0]));
  return { method: named[1] ?? 'GET', path: named[2] ?? '/', errorCodes };
}

/** A key naming an endpoint in scripts: `"POST /api/flashcards"`. */
export function endpointKey(endpoint: Pick<PlannedEndpoint, 'method' | 'path'>): string {
  return `${endpoint.method} ${endpoint.path}`;
}

/** Whether the request is a regeneration: the previous draft's problems are named in it. */
export function namesProblems(request: RecordedRequest): boolean {
  return /previous draft of this plan had these problems/i.test(endpointPart(request));
}

/** A valid answer (analysis, then plan) for whatever endpoint the request names, error codes included. */
export function aPlanAnswerFor(request: RecordedRequest, shape: PlanShape = {}): string {
  return aPlanAnswer(endpointOfRequest(request) ?? { method: 'GET', path: '/unknown' }, shape);
}

/** A streamed valid answer for whatever endpoint the request names. */
export function aPlanReply(
  request: RecordedRequest,
  pacing: FakePacing = {},
  shape: PlanShape = {},
): FakeReply {
  return { kind: 'text', text: aPlanAnswerFor(request, shape), ...pacing };
}

/** A scripted reply, `'valid'` for a valid plan, or a reply made from the request (e.g. a fault over a real answer). */
export type ScriptedReply = FakeReply | 'valid' | ((request: RecordedRequest) => FakeReply);

/** What a by-endpoint script answers: scripted replies per endpoint, taken in order, then valid plans. */
export type EndpointScript = {
  /** Keyed by `endpointKey`; the n-th request for that endpoint gets the n-th entry, later ones a valid plan. */
  readonly byEndpoint?: Readonly<Record<string, readonly ScriptedReply[]>>;
  /** Replies for every request of an endpoint, used when its queue is empty; default a valid plan. */
  readonly always?: Readonly<Record<string, FakeReply>>;
  /** Pacing of the valid plans. */
  readonly pacing?: FakePacing;
};

/** A fake server script that answers each endpoint by its own queue, so one endpoint's fault leaves the others alone. */
export function scriptByEndpoint(script: EndpointScript = {}): FakeScriptFn {
  const seen = new Map<string, number>();
  return (request) => {
    const endpoint = endpointOfRequest(request);
    if (endpoint === undefined) return aPlanReply(request, script.pacing);
    const key = endpointKey(endpoint);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const scripted = script.byEndpoint?.[key]?.[index];
    if (typeof scripted === 'function') return scripted(request);
    if (scripted !== undefined && scripted !== 'valid') return scripted;
    if (scripted === undefined && script.always?.[key] !== undefined) return script.always[key];
    return aPlanReply(request, script.pacing);
  };
}
