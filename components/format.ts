/** Thousands separated: `12,345`. */
export function formatTokens(tokens: number): string {
  // Grouped by hand: the first toLocaleString call loads ICU data (~9 ms), on the picker's first frame.
  return String(Math.round(tokens)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Dollars with enough digits to see small amounts; a dash when the price is unknown. */
export function formatCost(usd: number | undefined): string {
  if (usd === undefined) return '—';
  if (usd === 0) return '$0';
  return usd < 0.1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** `12.3 s`, or `2 min 05 s` from a minute on. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.floor(seconds - minutes * 60);
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** A live token estimate from streamed characters (about four per token in English and code). */
export function approxTokens(chars: number): number {
  return Math.round(chars / 4);
}

/** The last `count` lines of `text`, found from the end so a long stream is not split on every frame. */
export function lastLines(text: string, count: number): readonly string[] {
  if (count <= 0 || text === '') return [];
  let end = text.length;
  if (text.endsWith('\n')) end -= 1;
  let start = end;
  let found = 0;
  while (start > 0 && found < count) {
    const newline = text.lastIndexOf('\n', start - 1);
    found += 1;
    if (newline === -1) {
      start = 0;
      break;
    }
    if (found === count) {
      start = newline + 1;
      break;
    }
    start = newline;
  }
  return text.slice(start, end).split('\n');
}

/** `count` lines of `text` from line `offset`, and how many lines it has in all. */
export function linesFrom(
  text: string,
  offset: number,
  count: number,
): { lines: readonly string[]; total: number } {
  const all = text.replace(/\n$/, '').split('\n');
  return { lines: all.slice(offset, offset + Math.max(0, count)), total: all.length };
}

/** The picker's footer estimate: tokens and cost of the selection, or that the offline engine costs nothing. */
export function estimateText(
  engine: 'llm' | 'offline',
  estimate: { readonly tokens: number; readonly costUsd: number | undefined },
  prefetch = 0,
): string {
  if (engine === 'offline') return 'offline engine: no tokens, no cost';
  const cost = estimate.costUsd === undefined ? 'price unknown' : `~${formatCost(estimate.costUsd)}`;
  // A prefetched plan is paid for whether or not it is reviewed: quitting early can leave that many unused.
  const ahead = prefetch > 0 ? ` · ${prefetch} ahead (paid if you quit)` : '';
  return `~${formatTokens(estimate.tokens)} tokens · ${cost}${ahead}`;
}
