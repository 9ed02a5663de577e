/** The HTTP methods an endpoint can be defined with, in the order lists show them. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** An HTTP method an endpoint can be defined with. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The methods as a regular-expression alternation (`GET|POST|…`), for patterns that find routes in text. */
export const METHOD_ALTERNATION = HTTP_METHODS.join('|');

/** Reads an HTTP method from a word such as `post`, `**GET**` or `` `DELETE` ``. */
export function parseMethod(word: string): HttpMethod | undefined {
  const bare = word.replace(/[`*_\s]/g, '').toUpperCase();
  return HTTP_METHODS.find((method) => method === bare);
}

/** Every HTTP method named in a cell such as `GET / POST` or `GET, PATCH`, once each, in order. */
export function parseMethods(text: string): readonly HttpMethod[] {
  const found: HttpMethod[] = [];
  for (const word of text.split(/[^A-Za-z]+/)) {
    const method = parseMethod(word);
    if (method !== undefined && !found.includes(method)) found.push(method);
  }
  return found;
}
