import type { DraftText } from './text.ts';

const opt = (text: string | undefined, before = ' '): string =>
  text === undefined ? '' : `${before}${text}`;

const SCENARIOS: Readonly<Record<number, string>> = {
  400: 'Dane wejściowe nie przechodzą walidacji (niepoprawny JSON, złe typy, brakujące pola)',
  401: 'Brak ważnej sesji lub tokenu',
  403: 'Użytkownik jest uwierzytelniony, ale nie ma uprawnień do tej operacji',
  404: 'Zasób wskazany w ścieżce nie istnieje (lub nie jest widoczny dla użytkownika)',
  409: 'Zapis koliduje z istniejącymi danymi',
  410: 'Zasób został usunięty',
  413: 'Żądanie jest zbyt duże',
  415: 'Treść żądania nie jest JSON-em',
  422: 'Dane są poprawne składniowo, ale łamią regułę danych',
  429: 'Zbyt wiele żądań: przekroczony limit',
  500: 'Nieoczekiwany błąd serwera lub bazy danych',
  503: 'Usługa, od której zależy endpoint, jest niedostępna',
};

// The dossier's own phrases (why a table is read, what is missing) as the builders write them, in Polish.
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/^the resource of the path$/, 'zasób ścieżki'],
  [/^parent named in the path$/, 'rodzic wskazany w ścieżce'],
  [/^named by the path$/, 'wskazana w ścieżce'],
  [/^named by the endpoint$/, 'wymieniona przy endpoincie'],
  [/^the caller’s account$/, 'konto wywołującego'],
  [/^written by a stated step$/, 'zapisywana w opisanym kroku'],
  [/^a rule stated for every request$/, 'reguła podana dla każdego żądania'],
  [/^rows given in (.+)$/, 'wiersze podane w $1'],
  [/^read by (.+)$/, 'czytana przez $1'],
  [/^tables$/, 'tabele'],
  [/^types$/, 'typy'],
  [
    /^no db plan was found, so tables, constraints and policies are unknown$/,
    'nie znaleziono planu bazy, więc tabele, ograniczenia i polityki są nieznane',
  ],
  [/^no db plan was found$/, 'nie znaleziono planu bazy'],
  [/^no types file was found$/, 'nie znaleziono pliku typów'],
  [
    /^the API plan names it but no types file declares it$/,
    'plan API go wymienia, ale żaden plik typów go nie deklaruje',
  ],
  [/^the API plan names it but (.+) does not declare it$/, 'plan API go wymienia, ale $1 go nie deklaruje'],
];

/** Polish wording of drafts. */
export const PL: DraftText = {
  phrase: (text) => {
    const known = PHRASES.find(([pattern]) => pattern.test(text));
    return known === undefined ? text : text.replace(known[0], known[1]);
  },
  title: (name) => `Plan implementacji endpointu API: ${name}`,
  headings: [
    'Przegląd punktu końcowego',
    'Szczegóły żądania',
    'Wykorzystywane typy',
    'Szczegóły odpowiedzi',
    'Przepływ danych',
    'Względy bezpieczeństwa',
    'Obsługa błędów',
    'Wydajność',
    'Etapy wdrożenia',
  ],
  recommended: '**Zalecenie**',
  none: 'brak',
  yes: 'tak',
  no: 'nie',
  unstated: 'nie podano',
  source: 'Źródło',
  status: 'Status',
  meaning: 'Znaczenie',
  on: 'na',
  noDescription: 'plan API nie podaje opisu poza metodą i ścieżką.',
  definedAt: 'Zdefiniowany w planie API w',
  tables: 'Tabele',
  noTables: 'dokumentacja nie wskazuje tabeli dla tego endpointu (brak planu bazy lub żadna nie pasuje).',
  writesTable: (table) => `Zapisuje ${table}`,
  readsTable: (table) => `Czyta ${table}`,
  alsoWrites: 'Zapisuje też (opisane skutki uboczne)',
  requestType: 'Typ żądania',
  responseType: 'Typ odpowiedzi',
  stack: 'Stos (dokument tech stack)',
  unknownStack: 'dokument tech stack nie wymienia znanego frameworka backendowego',
  docsSilent: 'Czego dokumentacja nie podaje',
  typeUnstated: 'typ nie podany',
  where: { path: 'ścieżka', query: 'zapytanie', body: 'treść' },
  limit: {
    min: 'co najmniej',
    max: 'co najwyżej',
    minLength: 'długość co najmniej',
    maxLength: 'długość co najwyżej',
  },
  oneOf: 'jedna z wartości',
  column: 'kolumna',
  httpMethod: 'Metoda HTTP',
  urlPattern: 'Wzorzec URL',
  queryAsWritten: 'Parametry zapytania w zapisie planu',
  parameters: 'Parametry',
  required: 'Wymagane',
  optional: 'Opcjonalne',
  requiredUnstated: 'Wymagane czy opcjonalne: dokumentacja nie mówi',
  requestBody: 'Treść żądania',
  bodyFromFields: (fields) => `JSON z polami ${fields} (plan API nie podaje przykładowej treści).`,
  bodyUnstated:
    'plan API nie podaje pól treści dla tego endpointu i nie zadeklarowano typu żądania; przed dodaniem pól potwierdź je z autorami dokumentacji.',
  bodyFromType: (type) => `plan API nie podaje przykładu; pola są polami typu ${type} (Wykorzystywane typy).`,
  field: 'Pole',
  in: 'Miejsce',
  requiredHeader: 'Wymagane',
  rules: 'Reguły z dokumentacji',
  noValidator:
    'Tech stack nie wymienia biblioteki walidacji ani języka backendu, więc plan nie podaje kodu schematu: zwaliduj każde pole według powyższych reguł.',
  schemaNamed: (library) =>
    `Schemat walidacji (${library}, biblioteka wymieniona w tech stacku), zbudowany z pól, kolumn, typów i ograniczeń CHECK powyżej:`,
  schemaRecommended: (library) =>
    `tech stack nie wymienia biblioteki walidacji; schemat (${library}) zbudowany z pól, kolumn, typów i ograniczeń CHECK powyżej:`,
  schemaFile: (path, origin) => `Plik: ${path} (${origin}).`,
  recommendedPlace: 'zalecane miejsce',
  inProject: 'już istnieje w projekcie',
  noRequestType: 'plik typów nie deklaruje go dla tego endpointu.',
  declareRequestType: (file) =>
    `zadeklaruj typ komendy dla treści żądania${file === undefined ? '' : ` w ${file}`} i wyprowadź z niego schemat.`,
  noResponseType: 'plik typów nie deklaruje go dla tego endpointu.',
  declareResponseType: (file) =>
    `zadeklaruj DTO odpowiedzi${file === undefined ? '' : ` w ${file}`} na podstawie zwracanych kolumn.`,
  newInPlan: 'Nowe w tym planie (nie ma ich w dokumentacji)',
  schemasOf: (library) => `schematy ${library}`,
  serviceFunction: 'funkcja serwisu',
  success: 'Sukces',
  successUnstated: 'dokumentacja nie podaje kodu sukcesu dla tego endpointu.',
  seedDefault: 'domyślnie według szablonu planu',
  noCodeInDocs: 'dokumentacja nie podaje kodu dla tego błędu',
  newMarker: '(nowy)',
  requiredUnknown: 'wymagane? dokumentacja nie mówi',
  responseBody: 'Treść odpowiedzi',
  bodyIsType: (type) => `plan API nie podaje przykładu; treścią jest ${type}.`,
  responseUnstated:
    'dokumentacja nie podaje ani treści, ani typu odpowiedzi; potwierdź kształt z autorami dokumentacji.',
  origin: {
    endpoint: 'endpoint',
    section: 'jego sekcja',
    requirement: 'podane wymaganie',
    global: 'reguła ogólna',
  },
  flowRouteUnknown: (method) => `Handler ${method} przyjmuje żądanie (tech stack nie określa układu plików).`,
  flowRoute: (path, method, source) =>
    `Handler ${method} w ${path}${source === undefined ? '' : ` (reguły: ${source})`} przyjmuje żądanie.`,
  flowAuth: (status, source) =>
    `Uwierzytelnia wywołującego; bez ważnej sesji odpowiada ${status}${opt(source, ' ')}.`,
  flowNoAuth:
    'Dokumentacja nie podaje reguły uwierzytelniania dla tego endpointu, więc plan nie dodaje kroku uwierzytelniania.',
  flowValidate: (status, source) =>
    `Waliduje parametry i treść schematem ze Szczegółów żądania; błąd daje ${status}${opt(source, ' ')} przed jakąkolwiek operacją na bazie.`,
  flowServed: (what) =>
    `Tę ścieżkę obsługuje sam Supabase (${what}): projekt nie pisze handlera, a klient wywołuje ją przez supabase-js.`,
  servedTable: (table) => `jego REST API nad tabelą ${table}`,
  servedRpc: (fn) => `jego REST API nad funkcją bazy ${fn}`,
  servedAuth: 'Supabase Auth',
  flowValidateClient:
    'Klient waliduje dane schematem ze Szczegółów żądania przed wywołaniem; po stronie serwera sprawdzają je ograniczenia bazy (zob. mapę w Obsłudze błędów).',
  flowPolicies: (names) => `O tym, co wolno wywołującemu, decydują polityki RLS ${names}.`,
  flowNoPolicies: (table) =>
    `W planie bazy nie znaleziono polityki RLS dla ${table}: bez niej REST API Supabase nie przepuści żadnego klienta (RLS włączone) albo przepuści każdego (RLS wyłączone).`,
  stepClientCall: (method, path) =>
    `Wywołaj ${method} ${path} z klienta przez supabase-js (bez handlera: obsługuje to Supabase):`,
  stepNoPolicy: (table, operation) =>
    `Dodaj w migracji politykę RLS ${operation} dla ${table}: w planie bazy nie znaleziono żadnej.`,
  flowAuthServed: (status, source) =>
    `Supabase sprawdza token JWT wywołującego; bez ważnego odpowiada ${status}${opt(source, ' ')}.`,
  flowRespondServed: (status, dto) => `Supabase odpowiada ${status}${dto === undefined ? '' : ` z ${dto}`}.`,
  flowServiceUnknown: (name) => `Wywołuje funkcję serwisu ${name}, która zawiera logikę.`,
  flowService: (name, path) => `Wywołuje ${name} z ${path}, która zawiera logikę.`,
  flowLookup: (table, condition, status, source) =>
    `Serwis czyta ${table}, gdzie ${condition}${status === undefined ? '' : `; brak wiersza daje ${status}${opt(source, ' ')}`}.`,
  flowRead: (table, why) => `Operacja czyta tabelę ${table}: ${why}.`,
  unnamedTrigger: 'wyzwalacz',
  flowMain: (operation, filter, notFound) =>
    `Serwis wykonuje ${operation}${filter === undefined ? '' : `, gdzie ${filter}`}${notFound === undefined ? '' : `; brak wiersza daje ${notFound}`}.`,
  flowInsert: (operation, sets) =>
    `Serwis wykonuje ${operation}${sets === undefined ? '' : ` z ${sets}`} i zwraca nowy wiersz.`,
  flowNoTable:
    'Dokumentacja nie wskazuje tabeli dla tej operacji; serwis działa na tym, co opisuje plan API.',
  flowWrite: (table, why) => `Serwis zapisuje też tabelę ${table}${why === undefined ? '' : `: ${why}`}.`,
  flowTrigger: (name, text, source) => `Przy tym zapisie baza uruchamia ${name}: ${text} (${source}).`,
  flowConstraints:
    'Naruszenie ograniczenia w bazie (UNIQUE, klucz obcy, CHECK) daje status z mapy w Obsłudze błędów.',
  flowRespond: (status, dto) => `Handler odpowiada ${status}${dto === undefined ? '' : ` z ${dto}`}.`,
  authentication: 'Uwierzytelnianie',
  authUnstated:
    'dokumentacja nie podaje reguły uwierzytelniania dla tego endpointu; plan zakłada jej brak. Potwierdź przed udostępnieniem.',
  authFromCode: (status) => `bez ważnej sesji endpoint odpowiada ${status} (zob. Szczegóły odpowiedzi).`,
  authorization: 'Autoryzacja',
  policyApplies: (name, operation, table) => `${operation} na ${table} działa w ramach polityki ${name}`,
  otherPolicies: 'Polityki tych tabel dla innych operacji',
  noPolicy: (tables) =>
    `W planie bazy nie znaleziono polityki RLS dla ${tables}, a w dokumentacji reguły własności, więc plan nie dodaje filtra po właścicielu; sprawdź sekcję bezpieczeństwa planu bazy, zanim oprzesz na tym implementację.`,
  noOwnershipRule: 'Dokumentacja nie podaje reguły własności dla tego endpointu.',
  forbidden: (meaning) =>
    `403, gdy wywołujący nie może wykonać operacji: ${meaning === '' ? 'zob. Obsługa błędów' : meaning}`,
  inputValidation: 'Walidacja danych wejściowych',
  nothingToValidate: 'endpoint nie przyjmuje parametrów ani treści.',
  validationBySchema: (status) =>
    `każdy parametr i każde pole treści przechodzi przez schemat ze Szczegółów żądania; błąd daje ${status}.`,
  rateLimit: 'Limit żądań',
  rateLimitUnstated: 'dokumentacja nie podaje limitu żądań dla tego endpointu.',
  securityAdvice:
    'korzystaj z bazy tylko przez query builder lub ORM z parametrami wiązanymi i nigdy nie zwracaj w odpowiedziach błędów bazy ani stosu wywołań.',
  when: 'Kiedy',
  scenario: (status) => SCENARIOS[status] ?? 'Zob. plan API',
  constraintIntro:
    'Ograniczenia zapisywanych tabel i status, który daje ich naruszenie (kod z dokumentacji, jeśli go podaje):',
  constraint: 'Ograniczenie',
  errorFormat: 'Format błędów (z dokumentacji)',
  errorAdvice:
    'loguj nieoczekiwane błędy po stronie serwera z endpointem i identyfikatorem żądania, a odpowiadaj 500 z ogólnym komunikatem.',
  indexes: 'Indeksy używanych tabel',
  noIndexes: 'w planie bazy nie znaleziono indeksu na tabelach, których używa ta operacja.',
  pagination: 'Paginacja',
  triggerCost: (name, table) => `Każdy zapis do ${table} uruchamia też ${name}`,
  performanceAdvice: (list) =>
    `pobieraj tylko kolumny potrzebne w odpowiedzi${list ? '; dokumentacja nie podaje paginacji tej listy, więc ogranicz ją limitem' : ''} i czytaj powiązane wiersze jednym zapytaniem, a nie osobnym dla każdego wiersza.`,
  conventionOf: (label) => `konwencja ${label}; zalecenie`,
  fromRules: 'z reguł,',
  stepTypes: (types, file) =>
    `Użyj ${types}${file === undefined ? '' : ` z ${file}`} dla wejścia i wyjścia; nie dodawaj nowego DTO.`,
  stepDeclareTypes: (file) =>
    `najpierw zadeklaruj typy żądania i odpowiedzi${file === undefined ? '' : ` w ${file}`} (Wykorzystywane typy).`,
  stepSchema: (path, library) =>
    `Napisz schemat ${library} ze Szczegółów żądania${path === undefined ? '' : ` w ${path}`}.`,
  stepService: (name, path, operations) =>
    `Napisz ${name}${path === undefined ? '' : ` w ${path}`}${operations === '' ? '' : `: ${operations}`}, mapując naruszenia ograniczeń jak w Obsłudze błędów.`,
  stepRouteExisting: (at, method, stub) =>
    stub
      ? `Dokończ zalążek handlera ${method} w ${at}: uwierzytelnij, zwaliduj, wywołaj serwis, odpowiedz.`
      : `Porównaj istniejący handler ${method} w ${at} z tym planem i zmień tylko to, co się różni.`,
  columnUnset: 'NOT NULL bez wartości domyślnej i poza żądaniem; dokumentacja nie mówi, skąd wziąć wartość',
  stepReuse: (assets) => `Wykorzystaj to, co projekt już ma: ${assets}.`,
  implementedAt: (at, stub) =>
    stub
      ? `Zaimplementowany jako zalążek (tylko rzuca wyjątek lub odpowiada 501) w ${at}`
      : `Już zaimplementowany w ${at}`,
  stepRouteUnknown: (method) =>
    `Napisz handler ${method} tam, gdzie projekt trzyma trasy: uwierzytelnij, zwaliduj, wywołaj serwis, odpowiedz.`,
  stepRoute: (path, method) =>
    `Napisz handler ${method} w ${path}: uwierzytelnij, zwaliduj, wywołaj serwis, odpowiedz.`,
  stepMiddleware: (path, status) =>
    `Upewnij się, że ${path} ustala sesję dla tej trasy, aby handler mógł odpowiedzieć ${status}.`,
  stepErrors: (codes) =>
    `Obsłuż każdy status błędu z Obsługi błędów (${codes}) w formacie błędów z dokumentacji.`,
  stepPolicies: (names) => `Sprawdź, że polityki ${names} pozwalają wywołującemu dokładnie na tę operację.`,
  stepTests: (codes) => `napisz test dla każdego statusu (${codes}).`,
  stepRules: (files) => `Stosuj się do plików reguł ${files}.`,
  analysisEndpoint: 'Endpoint',
  analysisRequired: 'Parametry wymagane',
  analysisOptional: 'Parametry opcjonalne',
  analysisTypes: 'Typy',
  analysisTables: 'Tabele',
  analysisCodes: 'Kody statusu',
  analysisStack: 'Stos',
  analysisGaps: 'Luki',
  analysisNote:
    'Szkic offline z dossier: każdy fakt powyżej pochodzi z dokumentacji; zalecenia są oznaczone.',
};
