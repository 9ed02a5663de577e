import type { Endpoint } from '../core/spec/model.ts';

/** The hash kept beside a saved plan, by `generate` and the wizard alike: the engine and the endpoint's definition. */
export function planInputsHash(endpoint: Pick<Endpoint, 'markdown'>, engine: string): string {
  // node:crypto loads 25 internal modules: fetched on the first save, not on the wizard's first frame.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(`${engine}\n${endpoint.markdown}`).digest('hex');
}
