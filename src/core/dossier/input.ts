import type { Endpoint, Spec } from '../docs/model.ts';

/** What a dossier is built from: the parsed docs and one of their endpoints. */
export type DossierInput = {
  readonly spec: Pick<
    Spec,
    'sources' | 'db' | 'types' | 'api' | 'apiText' | 'dbText' | 'typesText' | 'unreadDocs'
  >;
  readonly endpoint: Endpoint;
};
