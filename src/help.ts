import type { CommandName } from './args.ts';

const GLOBAL = `Where the docs are (found by convention; each flag overrides, as does .endpoint-planner.json):
  --cwd DIR            project root (default: the current directory)
  --api-plan FILE      REST API plan (default: .ai/api-plan.md, docs/api-plan.md, 8-api-plan.md, …)
  --db-plan FILE       database plan (db-plan.md, database-structure.md, …)
  --types FILE         DTOs and command models (default: src/types.ts)
  --tech-stack FILE    tech stack doc (tech-stack.md, techstack.md, tech_stack.md, stack.md)
  --rules FILE         AI rules file to follow; repeat for several (default: backend-relevant
                       .cursor/rules/*.mdc, AGENTS.md, CLAUDE.md, …)
  --out DIR            plans folder (default: .ai/documents/api-plans)

Which engine writes the plans:
  --offline            the built-in offline draft engine (no model, no key)
  --model NAME         model name (default: $ENDPOINT_PLANNER_MODEL, config, gpt-4.1-mini)
  --base-url URL       OpenAI-compatible server (default: $OPENAI_BASE_URL; Ollama: http://localhost:11434/v1)
  --language CODE      language of the plans, e.g. pl (default: the config file's, else the docs')
  --prompt FILE        prompt template (default: .ai/prompts/endpoint-plan.md, then the built-in one)
  --timeout S          request timeout in seconds (default 600)
  --idle-timeout S     give up on a stream silent for S seconds (default 60)
  --max-retries N      retries for rate limits, server errors and dropped streams (default 4)
  --context-window N   the model's context window in tokens: every prompt is cut to fit (default: asked
                       from a local server, else none)

  -h, --help           this help         -v, --version     the version
  The API key is read from OPENAI_API_KEY only.`;

const TEXT: Record<CommandName | 'main', string> = {
  main: `endpoint-planner: one detailed implementation plan per REST endpoint, from your planning docs.

Usage:
  endpoint-planner [--prefetch N] [flags]       the interactive wizard (needs a terminal); --prefetch N
                                                generates N plans ahead while you review (default 1 with
                                                a model, 0 off; "prefetch" in the config file)
  endpoint-planner list [--json]                endpoints found in the API plan, planned or not
  endpoint-planner generate (--all | ID...)     write plans without the wizard
  endpoint-planner show ID [--json]             every fact the docs give about one endpoint, with sources
  endpoint-planner prompt ID                    print the exact messages sent for one endpoint

  ID is an endpoint id from \`list\` (post-flashcards-id-review) or "METHOD /path".
  Run \`endpoint-planner help COMMAND\` for a command's flags.

${GLOBAL}

Exit codes: 0 ok, 1 a runtime failure (a plan could not be written), 2 a usage or input error.`,
  wizard: '',
  list: `Usage: endpoint-planner list [--json] [flags]

Lists every endpoint of the API plan in document order, with the plan file of those already planned, marked
stale when the endpoint's facts in the docs changed since its plan was saved.
  --json               {"sources", "endpoints": [{id, method, path, query, title, line, planned, stale}],
                       "diagnostics"}; stale is true/false for planned endpoints, null for unplanned ones and
                       plans saved without a fingerprint

${GLOBAL}`,
  generate: `Usage: endpoint-planner generate (--all | --stale | ID...) [--offline] [--yes] [--force] [--concurrency N] [--dry-run] [--strict] [--json]

Writes one plan per endpoint as NNN-<id>.md, numbered in the order given (document order with --all).
Endpoints that already have a plan are skipped; a re-run picks up exactly what is missing.
  --all                every endpoint of the API plan
  --stale              every endpoint whose saved plan is stale (its facts changed); planned again
  --force              plan again endpoints that already have a plan (a new file; nothing is overwritten)
  -y, --yes            do not ask before starting
  --concurrency N      requests at once (default 3)
  --dry-run            show what would be sent, the estimated tokens and cost; send nothing
  --strict             exit 1 when any plan has grounding findings (a name the docs do not have, a dropped code)
  --json               print the results (each plan's file, warnings and findings) as JSON on stdout

${GLOBAL}`,
  show: `Usage: endpoint-planner show ID [--json] [flags]

Prints the endpoint's dossier: its definition, fields, status codes, tables and their constraints, types and the
project-wide rules that cover it, each fact with the file and line it was read from. The dossier is what the
model is told about the endpoint.
  --json               {id, method, path, query, title, language, definition, fields, statusCodes, tables,
                       writes, unique, checks, foreignKeys, triggers, policies, indexes, types, crossCutting, gaps}

${GLOBAL}`,
  prompt: `Usage: endpoint-planner prompt ID [flags]

Prints the exact messages that would be sent for one endpoint and their token count.

${GLOBAL}`,
};

/** The help text for the wizard/main usage or one command. */
export function helpText(command: CommandName | undefined): string {
  if (command === undefined || command === 'wizard') return TEXT.main;
  return TEXT[command];
}
