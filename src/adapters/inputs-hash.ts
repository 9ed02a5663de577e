import { createHash } from 'node:crypto';
import type { Endpoint } from '../core/docs/model.ts';

/** The hash kept beside a saved plan, by `generate` and the wizard alike: the engine and the endpoint's definition. */
export function planInputsHash(endpoint: Pick<Endpoint, 'markdown'>, engine: string): string {
  return createHash('sha256').update(`${engine}\n${endpoint.markdown}`).digest('hex');
}
