import type { Endpoint } from './model.ts';

const bare = (text: string): string => text.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The title worth showing beside method and path: when the title only repeats them, the description's first sentence. */
export function displayTitle(endpoint: Endpoint): string {
  if (endpoint.title !== '' && bare(endpoint.title) !== bare(`${endpoint.method} ${endpoint.path}`)) {
    return endpoint.title;
  }
  const description = endpoint.description.replace(/\s+/g, ' ').trim();
  return (/^(.+?[.!?])(?:\s|$)/.exec(description)?.[1] ?? description).trim();
}
