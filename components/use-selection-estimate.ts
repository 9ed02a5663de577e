import { useMemo, useRef } from 'react';
import type { Endpoint } from '../src/core/docs/model.ts';
import type { Estimate } from './pick-view.tsx';

/** Sums per-endpoint estimates, each computed once: toggling must not re-tokenize every prompt. */
export function useSelectionEstimate(
  estimate: (endpoints: readonly Endpoint[]) => Estimate,
  endpoints: readonly Endpoint[],
): Estimate {
  const cache = useRef(new Map<string, Estimate>());
  // A new estimator (the whole spec arrived after the first frame) makes every cached figure stale.
  const owner = useRef(estimate);
  if (owner.current !== estimate) {
    owner.current = estimate;
    cache.current.clear();
  }
  return useMemo(() => {
    let tokens = 0;
    let costUsd: number | undefined = 0;
    for (const endpoint of endpoints) {
      let one = cache.current.get(endpoint.id);
      if (one === undefined) {
        one = estimate([endpoint]);
        cache.current.set(endpoint.id, one);
      }
      tokens += one.tokens;
      costUsd = costUsd === undefined || one.costUsd === undefined ? undefined : costUsd + one.costUsd;
    }
    return { tokens, costUsd };
  }, [estimate, endpoints]);
}
