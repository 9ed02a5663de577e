import type { Endpoint, Spec } from '../core/docs/model.ts';
import { buildDossier } from '../core/dossier/build.ts';
import { dossierJson } from '../core/dossier/json.ts';
import { renderDossier } from '../core/dossier/render.ts';
import type { Io } from '../io.ts';

/** `endpoint-planner show ID`: everything the docs say about one endpoint, each fact with its source. */
export function showEndpoint(input: { io: Io; spec: Spec; endpoint: Endpoint; json: boolean }): number {
  const dossier = buildDossier({ spec: input.spec, endpoint: input.endpoint });
  input.io.out(input.json ? `${JSON.stringify(dossierJson(dossier), null, 2)}\n` : renderDossier(dossier));
  return 0;
}
