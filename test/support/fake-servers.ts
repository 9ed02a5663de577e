import { createServer } from 'node:net';
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

/** A port on 127.0.0.1 that nothing listens on: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
