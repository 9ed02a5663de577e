/** What a `Label: value` line in an endpoint definition is about. */
export type LabelKind =
  | 'method'
  | 'path'
  | 'endpoint'
  | 'description'
  | 'query'
  | 'path-params'
  | 'params'
  | 'request'
  | 'response'
  | 'success'
  | 'status'
  | 'errors'
  | 'other';

/** A `Label (qualifier): value` line, in English or Polish, bold or not. */
export type Label = {
  readonly kind: LabelKind;
  readonly name: string;
  /** A parenthesised remark or a status after the name: `Response (201 Created)`, `Success 201`. */
  readonly qualifier: string;
  readonly value: string;
};

const NAME = String.raw`([\p{L}][\p{L}\p{N} /&'’-]{0,40}?)`;
const QUALIFIER = String.raw`((?:\([^)]*\)|\d{3}(?:\s+[A-Za-z][A-Za-z ]*?)?)\s*)?`;
const EMPHASIS = '[*_]{0,2}';
const WITH_COLON = new RegExp(
  String.raw`^${EMPHASIS}\s*${NAME}\s*${EMPHASIS}\s*${QUALIFIER}${EMPHASIS}\s*[:：]\s*${EMPHASIS}\s*(.*)$`,
  'u',
);
const BARE = new RegExp(String.raw`^${EMPHASIS}\s*${NAME}\s*${EMPHASIS}\s*${QUALIFIER}${EMPHASIS}\s*$`, 'u');

/** Lowercase ASCII without Polish marks, for comparing label names. */
export function fold(text: string): string {
  return text
    .replace(/[łŁ]/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// Label names repeat on every endpoint ("Description", "Errors"): classify each spelling once.
const kinds = new Map<string, LabelKind>();
const MAX_CACHED_KINDS = 2000;

/** Classifies a label name; `other` when it is not one an endpoint definition uses. */
export function labelKind(name: string): LabelKind {
  let kind = kinds.get(name);
  if (kind === undefined) {
    kind = classify(fold(name));
    if (kinds.size >= MAX_CACHED_KINDS) kinds.clear();
    kinds.set(name, kind);
  }
  return kind;
}

function classify(n: string): LabelKind {
  if (/^(?:http )?(?:method|metoda|verb|czasownik)(?: http)?$/.test(n)) return 'method';
  if (/^(?:endpoint|punkt koncowy|api endpoint|route|trasa|url|uri)$/.test(n)) return 'endpoint';
  if (/^(?:path|sciezka|endpoint path|url path|sciezka url|adres|address|resource path)$/.test(n))
    return 'path';
  if (/^(?:description|desc|opis|summary|purpose|cel|podsumowanie|overview|dzialanie|notes?)$/.test(n)) {
    return 'description';
  }
  if (/error|bled|blad|failure/.test(n)) return 'errors';
  if (/^(?:path|route|url) param|^parametry (?:sciezki|url|trasy)/.test(n)) return 'path-params';
  if (/query|zapytani|^filters?$|^filtry|^search params|^query string/.test(n)) return 'query';
  if (/^(?:params|parameters|parametry)$/.test(n)) return 'params';
  if (/^(?:request|payload|body|tresc zadania|cialo zadania|zadanie|dane wejsciowe|input)/.test(n))
    return 'request';
  if (/^(?:success(?:ful)?(?: response)?|sukces)$/.test(n)) return 'success';
  if (/^(?:response|odpowiedz|tresc odpowiedzi|returns?|zwraca|output|wynik)/.test(n)) return 'response';
  if (
    /^(?:status(?: codes?)?|success codes?|http status(?: codes?)?|kody(?: odpowiedzi| statusu)?|kod statusu)$/.test(
      n,
    )
  ) {
    return 'status';
  }
  return 'other';
}

const LETTER = /\p{L}/u;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Reads `Label: value`, `**Label**: value`, `**Label:** value` or a line that is only a known label. */
export function readLabel(text: string): Label | undefined {
  const first = text.charCodeAt(0);
  // Cheap checks first: a label starts with a letter or emphasis and is short unless it has a colon.
  if (!(first === 42 || first === 95 || isAsciiLetter(first) || (first > 127 && LETTER.test(text[0] ?? ''))))
    return undefined;
  const colon = text.includes(':') || text.includes('：');
  if (!colon && text.length > 60) return undefined;
  const withColon = colon ? WITH_COLON.exec(text) : null;
  if (withColon !== null) {
    const name = (withColon[1] ?? '').trim();
    return {
      kind: labelKind(name),
      name,
      qualifier: (withColon[2] ?? '').trim(),
      value: (withColon[3] ?? '').trim(),
    };
  }
  const bare = BARE.exec(text);
  if (bare === null) return undefined;
  const name = (bare[1] ?? '').trim();
  const kind = labelKind(name);
  if (
    kind === 'other' ||
    kind === 'description' ||
    kind === 'method' ||
    kind === 'path' ||
    kind === 'endpoint'
  ) {
    return undefined;
  }
  return { kind, name, qualifier: (bare[2] ?? '').trim(), value: '' };
}
