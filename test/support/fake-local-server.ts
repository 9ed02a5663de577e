import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which local server the fake answers as, and the window it reports. */
export type LocalFlavour = 'ollama' | 'ollama-default' | 'lm-studio' | 'vllm' | 'llama.cpp' | 'openai';

/** A fake of a local model server's model endpoints (not its chat endpoint). */
export async function startFakeLocalServer(
  flavour: LocalFlavour,
  window = 8192,
): Promise<{ baseURL: string; close: () => Promise<void>; requests: string[] }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const model = (owner: string, extra: object = {}) => ({
      object: 'list',
      data: [{ id: 'local-model', object: 'model', owned_by: owner, ...extra }],
    });
    if (req.url === '/v1/models') {
      if (flavour === 'ollama' || flavour === 'ollama-default') return send(200, model('library'));
      if (flavour === 'lm-studio') return send(200, model('organization_owner'));
      if (flavour === 'vllm') return send(200, model('vllm', { max_model_len: window }));
      if (flavour === 'llama.cpp') return send(200, model('llamacpp', { meta: { n_ctx_train: window * 4 } }));
      return send(200, model('openai'));
    }
    if (req.url === '/api/show' && flavour.startsWith('ollama')) {
      const parameters = flavour === 'ollama' ? `temperature 0.7\nnum_ctx ${window}\n` : 'temperature 0.7\n';
      return send(200, { parameters, model_info: { 'llama.context_length': 131072 } });
    }
    if (req.url === '/api/v0/models' && flavour === 'lm-studio') {
      return send(200, {
        data: [{ id: 'local-model', max_context_length: window * 4, loaded_context_length: window }],
      });
    }
    if (req.url === '/props' && flavour === 'llama.cpp')
      return send(200, { default_generation_settings: { n_ctx: window } });
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
