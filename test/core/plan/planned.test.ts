import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../../src/core/docs/model.ts';
import { attributePlans, plannedByEndpoint } from '../../../src/core/plan/planned.ts';
import type { PlannedFile } from '../../../src/core/ports.ts';
import { anEndpoint } from '../../support/builders.ts';

const list = anEndpoint({ id: 'get-doctors', method: 'GET', path: '/rest/v1/doctors', query: 'select=*' });
const detail = anEndpoint({
  id: 'get-doctors-by-id',
  method: 'GET',
  path: '/rest/v1/doctors',
  query: 'select=*&id=eq.{doctorId}',
});
const analyse = anEndpoint({ id: 'post-analyse', method: 'POST', path: '/functions/v1/analyse' });
const endpoints: readonly Endpoint[] = [list, detail, analyse];

const aFile = (number: number, endpointId: string, route?: PlannedFile['route']): PlannedFile => ({
  file: `${String(number).padStart(3, '0')}-${endpointId}.md`,
  number,
  endpointId,
  inputsHash: undefined,
  ...(route === undefined ? {} : { route }),
});

const planOf = (files: readonly PlannedFile[], endpoint: Endpoint): string | undefined =>
  plannedByEndpoint(attributePlans(files, endpoints)).get(endpoint.id)?.file;

describe('attributePlans', () => {
  it('matches a sidecar by method, path and query, whatever id it recorded', () => {
    const file = aFile(1, 'get-doctors-2', {
      method: 'GET',
      path: '/rest/v1/doctors',
      query: 'select=*&id=eq.{doctorId}',
    });
    expect(planOf([file], detail)).toBe(file.file);
    expect(planOf([file], list)).toBeUndefined();
  });

  it('matches a sidecar written before queries were kept by its old id when its path is shared', () => {
    const old = aFile(2, 'get-doctors-2', { method: 'GET', path: '/rest/v1/doctors', query: undefined });
    const first = aFile(1, 'get-doctors', { method: 'GET', path: '/rest/v1/doctors', query: undefined });
    expect(planOf([first, old], detail)).toBe(old.file);
    expect(planOf([first, old], list)).toBe(first.file);
  });

  it('matches a plan without a sidecar by its id as it was spelled before', () => {
    const files = [aFile(1, 'get-doctors-2'), aFile(2, 'post-functions-v1-analyse')];
    expect(planOf(files, detail)).toBe(files[0]?.file);
    expect(planOf(files, analyse)).toBe(files[1]?.file);
  });

  it('leaves files that match nothing as they are', () => {
    const files = [aFile(1, 'get-patients')];
    expect(attributePlans(files, endpoints)).toEqual(files);
    expect(attributePlans([], endpoints)).toEqual([]);
  });
});
