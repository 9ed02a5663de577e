import type { CodeMap } from '../code/model.ts';
import type { Endpoint, Spec } from '../docs/model.ts';

/** What a dossier is built from: the parsed docs and one of their endpoints. */
export type DossierInput = {
  readonly spec: Pick<Spec, 'sources' | 'db' | 'types' | 'api' | 'apiText' | 'dbText' | 'typesText'> &
    Partial<Pick<Spec, 'unreadDocs'>>;
  readonly endpoint: Endpoint;
  /** The project's scanned code, when it was scanned: where the endpoint is built and what to reuse. */
  readonly code?: CodeMap | undefined;
};
