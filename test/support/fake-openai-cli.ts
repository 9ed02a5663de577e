import { pathToFileURL } from 'node:url';
import type { FakeReply, FakeServerOptions } from './fake-openai-server.ts';
import { startFakeOpenAI } from './fake-openai-server.ts';

// Starts the fake server for another process (benchmarks, e2e tests spawning the built CLI):
//   node --experimental-strip-types test/support/fake-openai-cli.ts '<json>'
//   FAKE_OPENAI_SCRIPT='<json>' node --experimental-strip-types test/support/fake-openai-cli.ts
//   node --experimental-strip-types test/support/fake-openai-cli.ts --module ./my-script.ts
// JSON: an array of replies (a queue) or `{ "script": [...], "fallback": {...}, "models": [...] }`.
// A module exports `options` (FakeServerOptions) or `script` (a queue or a function of the request).
// Prints `{"baseURL": "..."}` as its first stdout line and serves until killed.

type JsonOptions = {
  readonly script?: readonly FakeReply[];
  readonly fallback?: FakeReply;
  readonly models?: readonly string[];
};

async function loadOptions(argv: readonly string[]): Promise<FakeServerOptions> {
  const moduleFlag = argv.indexOf('--module');
  if (moduleFlag >= 0) {
    const path = argv[moduleFlag + 1];
    if (path === undefined) throw new Error('--module needs a path');
    const loaded = (await import(pathToFileURL(path).href)) as {
      readonly options?: FakeServerOptions;
      readonly script?: FakeServerOptions['script'];
    };
    return loaded.options ?? (loaded.script === undefined ? {} : { script: loaded.script });
  }
  const json = argv.find((arg) => !arg.startsWith('--')) ?? process.env.FAKE_OPENAI_SCRIPT;
  if (json === undefined || json.trim() === '') return {};
  const parsed = JSON.parse(json) as JsonOptions | readonly FakeReply[];
  if (Array.isArray(parsed)) return { script: parsed as readonly FakeReply[] };
  const object = parsed as JsonOptions;
  return {
    ...(object.script === undefined ? {} : { script: object.script }),
    ...(object.fallback === undefined ? {} : { fallback: object.fallback }),
    ...(object.models === undefined ? {} : { models: object.models }),
  };
}

const server = await startFakeOpenAI(await loadOptions(process.argv.slice(2)));
process.stdout.write(`${JSON.stringify({ baseURL: server.baseURL })}\n`);
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
