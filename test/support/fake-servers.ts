import { afterEach } from 'vitest';
import { type FakeServer, type FakeServerOptions, startFakeOpenAI } from './fake-openai-server.ts';

/** A starter for fake OpenAI servers that closes every server it started after each test. */
export function fakeServers(): (options?: FakeServerOptions) => Promise<FakeServer> {
  const servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options) => {
    const server = await startFakeOpenAI(options);
    servers.push(server);
    return server;
  };
}
