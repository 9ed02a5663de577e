import { assertNever } from '../assert-never.ts';

/** Where the stream is: nothing decided yet, inside the analysis, or past it (the plan). */
export type SplitPhase = 'before' | 'analysis' | 'plan';

/** The analysis and the plan as far as they have arrived (cumulative, not deltas). */
export type SplitSnapshot = { readonly analysis: string; readonly plan: string; readonly phase: SplitPhase };

/** Separates a model's streamed answer into its analysis and its markdown plan, chunk by chunk. */
export type Splitter = {
  push(delta: string): SplitSnapshot;
  /** Flushes the last line and settles every open question; the plan it returns is what gets saved. */
  finish(): SplitSnapshot;
};

type Fence = { readonly char: string; readonly length: number; readonly info: string };

type Mode =
  | { readonly kind: 'before' }
  /** `tagged` is false when a heading such as "## Analysis" opened it; `level` is that heading's level. */
  | { readonly kind: 'analysis'; readonly tagged: boolean; readonly level: number }
  | { readonly kind: 'between' }
  | { readonly kind: 'plan'; readonly outer: Fence | undefined }
  | { readonly kind: 'done' };

/** Lines held back in the plan until the next line says what they were. */
type Held =
  | { readonly kind: 'none' }
  /** A bare fence: an unlabelled code block, or a stray fence closing a plan that was never opened. */
  | { readonly kind: 'open'; readonly fence: Fence; readonly text: string }
  /** A fence that may close the ```markdown wrapper, or may open an unlabelled block inside it. */
  | { readonly kind: 'close'; readonly fence: Fence; readonly text: string };

const ANALYSIS_NAME =
  /^(?:[a-z]+[_-])*(?:analysis|analiza|analizy|thinking|think|thoughts|reasoning|scratchpad)(?:[_-][a-z]+)*$/i;
const WRAPPER_NAME = /^(?:[a-z]+[_-])*(?:plan|output|answer|response|result)$/i;
const OPEN_TAG = /<([A-Za-z][\w-]*)(?:\s[^<>]*)?>/g;
const CLOSE_TAG = /<\/([A-Za-z][\w-]*)\s*>/g;
const LONE_TAG = /^<\/?([A-Za-z][\w-]*)(?:\s[^<>]*)?>$/;
const PARTIAL_TAG = /^<\/?[\w-]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const FENCE = /^(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const PLAN_TITLE = /implementation plan|plan implementacji|plan wdro[żz]enia|api endpoint/i;
const ANALYSIS_HEADING = /^[\s*_]*(?:\d+[.)]\s*)?(?:analysis|analiza|thinking|reasoning)\b/i;
const PLAN_FENCE_INFO = /^(?:markdown|md|mdx)?$/i;

function fenceOf(line: string): Fence | undefined {
  const match = FENCE.exec(line.trim());
  if (match === null) return undefined;
  const [, run = '', info = ''] = match;
  return { char: run.charAt(0), length: run.length, info };
}

function closes(fence: Fence | undefined, open: Fence): boolean {
  return fence !== undefined && fence.info === '' && fence.char === open.char && fence.length >= open.length;
}

function headingOf(line: string): { level: number; text: string } | undefined {
  const match = HEADING.exec(line.replace(/\r?\n$/, ''));
  if (match === null) return undefined;
  return { level: (match[1] ?? '').length, text: (match[2] ?? '').trim() };
}

/** The first tag in `line` of the given direction whose name passes `test`, skipping tags quoted in backticks. */
function findTag(line: string, pattern: RegExp, test: RegExp): { start: number; end: number } | undefined {
  for (const match of line.matchAll(pattern)) {
    if (test.test(match[1] ?? '') && line.charAt(match.index - 1) !== '`') {
      return { start: match.index, end: match.index + match[0].length };
    }
  }
  return undefined;
}

/**
 * A splitter for one answer. It works a line at a time: only the unfinished last line is looked at again
 * when a chunk arrives, so a long stream costs time in proportion to its length, and any chunking of the
 * same text gives the same final result.
 */
export function createSplitter(): Splitter {
  let mode: Mode = { kind: 'before' };
  let analysis = '';
  let plan = '';
  // Text not yet known to be analysis or plan: chatter before a plan, or a plan without headings.
  let preamble = '';
  let pending = '';
  let inner: Fence | undefined;
  let held: Held = { kind: 'none' };

  const startAnalysis = (tagged: boolean, level: number): void => {
    analysis += preamble;
    preamble = '';
    if (analysis !== '' && !analysis.endsWith('\n')) analysis += '\n';
    inner = undefined;
    mode = { kind: 'analysis', tagged, level };
  };

  const startPlan = (outer: Fence | undefined): void => {
    analysis += preamble;
    preamble = '';
    inner = undefined;
    mode = { kind: 'plan', outer };
  };

  const lookForStart = (line: string): void => {
    const open = findTag(line, OPEN_TAG, ANALYSIS_NAME);
    if (open !== undefined) {
      preamble += line.slice(0, open.start);
      startAnalysis(true, 0);
      const rest = line.slice(open.end);
      if (rest.trim() !== '') analysisLine(rest);
      return;
    }
    const trimmed = line.trim();
    const heading = headingOf(line);
    if (heading !== undefined) {
      if (mode.kind === 'before' && ANALYSIS_HEADING.test(heading.text)) {
        startAnalysis(false, heading.level);
        analysis += line;
      } else {
        startPlan(undefined);
        planLine(line);
      }
      return;
    }
    const fence = fenceOf(line);
    if (fence !== undefined && PLAN_FENCE_INFO.test(fence.info)) {
      startPlan(fence);
      return;
    }
    const lone = LONE_TAG.exec(trimmed)?.[1];
    if (lone !== undefined && (WRAPPER_NAME.test(lone) || ANALYSIS_NAME.test(lone))) return;
    preamble += line;
  };

  const analysisLine = (line: string): void => {
    if (mode.kind !== 'analysis') return;
    const close = findTag(line, CLOSE_TAG, ANALYSIS_NAME);
    if (close !== undefined) {
      analysis += line.slice(0, close.start);
      mode = { kind: 'between' };
      const rest = line.slice(close.end);
      if (rest.trim() !== '') lookForStart(rest);
      return;
    }
    const fence = fenceOf(line);
    if (inner !== undefined) {
      if (closes(fence, inner)) inner = undefined;
      analysis += line;
      return;
    }
    if (!mode.tagged && fence !== undefined && PLAN_FENCE_INFO.test(fence.info) && fence.info !== '') {
      startPlan(fence);
      return;
    }
    if (fence !== undefined) {
      inner = fence;
      analysis += line;
      return;
    }
    const heading = headingOf(line);
    // A model that forgets to close its analysis still starts the plan with the title line.
    const planStarts =
      heading !== undefined &&
      ((heading.level === 1 && PLAN_TITLE.test(heading.text)) ||
        (!mode.tagged && heading.level <= mode.level && !ANALYSIS_HEADING.test(heading.text)));
    if (planStarts) {
      startPlan(undefined);
      planLine(line);
      return;
    }
    analysis += line;
  };

  const resolveHeld = (line: string): boolean => {
    switch (held.kind) {
      case 'none':
        return false;
      case 'open':
        if (line.trim() === '') {
          held = { ...held, text: held.text + line };
          return true;
        }
        plan += held.text;
        inner = held.fence;
        held = { kind: 'none' };
        return false;
      case 'close': {
        const fence = fenceOf(line);
        if (fence !== undefined && fence.info !== '') {
          mode = { kind: 'done' };
          held = { kind: 'none' };
          return true;
        }
        if (closes(fence, held.fence)) {
          plan += held.text + line;
          held = { kind: 'none' };
          return true;
        }
        held = { ...held, text: held.text + line };
        return true;
      }
      default:
        return assertNever(held);
    }
  };

  const planLine = (line: string): void => {
    if (mode.kind !== 'plan') return;
    if (resolveHeld(line)) return;
    if (mode.kind !== 'plan') return;
    const fence = fenceOf(line);
    if (inner !== undefined) {
      if (closes(fence, inner)) inner = undefined;
      plan += line;
      return;
    }
    if (fence !== undefined && fence.info === '') {
      const { outer } = mode;
      held =
        outer !== undefined && closes(fence, outer)
          ? { kind: 'close', fence, text: line }
          : { kind: 'open', fence, text: line };
      return;
    }
    if (fence !== undefined) {
      inner = fence;
      plan += line;
      return;
    }
    const lone = LONE_TAG.exec(line.trim());
    if (lone !== null && line.trim().startsWith('</') && WRAPPER_NAME.test(lone[1] ?? '')) {
      mode = { kind: 'done' };
      return;
    }
    if (plan === '' && line.trim() === '') return;
    plan += line;
  };

  const processLine = (line: string): void => {
    switch (mode.kind) {
      case 'before':
      case 'between':
        lookForStart(line);
        break;
      case 'analysis':
        analysisLine(line);
        break;
      case 'plan':
        planLine(line);
        break;
      case 'done':
        break;
      default:
        assertNever(mode);
    }
  };

  const phase = (): SplitPhase => {
    switch (mode.kind) {
      case 'before':
        return 'before';
      case 'analysis':
        return 'analysis';
      case 'between':
      case 'plan':
      case 'done':
        return 'plan';
      default:
        return assertNever(mode);
    }
  };

  // The unfinished last line is shown only where it cannot turn out to be a tag, a fence or the plan's title.
  const provisional = (): { analysis: string; plan: string } => {
    switch (mode.kind) {
      case 'analysis': {
        const close = findTag(pending, CLOSE_TAG, ANALYSIS_NAME);
        if (close !== undefined) return { analysis: pending.slice(0, close.start), plan: '' };
        if (pending.trimStart().startsWith('#')) return { analysis: '', plan: '' };
        const lt = pending.lastIndexOf('<');
        const shown = lt >= 0 && PARTIAL_TAG.test(pending.slice(lt)) ? pending.slice(0, lt) : pending;
        return { analysis: shown, plan: '' };
      }
      case 'plan': {
        const start = pending.trimStart().charAt(0);
        const unsure = held.kind !== 'none' || start === '`' || start === '~' || start === '<';
        return { analysis: '', plan: unsure || (plan === '' && pending.trim() === '') ? '' : pending };
      }
      case 'before':
      case 'between':
      case 'done':
        return { analysis: '', plan: '' };
      default:
        return assertNever(mode);
    }
  };

  return {
    push(delta) {
      const searchFrom = pending.length;
      pending += delta;
      let newline = pending.indexOf('\n', searchFrom);
      if (newline !== -1) {
        let start = 0;
        while (newline !== -1) {
          processLine(pending.slice(start, newline + 1));
          start = newline + 1;
          newline = pending.indexOf('\n', start);
        }
        pending = pending.slice(start);
      }
      const shown = provisional();
      const undecided = mode.kind === 'before' || mode.kind === 'between' ? preamble : '';
      return { analysis: analysis + undecided + shown.analysis, plan: plan + shown.plan, phase: phase() };
    },
    finish() {
      if (pending !== '') processLine(pending);
      pending = '';
      // Still held at the end: a stray fence after the plan, or the ```markdown wrapper's close and chatter.
      held = { kind: 'none' };
      if ((mode.kind === 'before' || mode.kind === 'between') && preamble.trim() !== '') {
        plan = preamble;
        preamble = '';
        mode = { kind: 'plan', outer: undefined };
      }
      const finalPlan = plan.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
      const newline = finalPlan.includes('\r\n') ? '\r\n' : '\n';
      return {
        analysis: analysis.trim(),
        plan: finalPlan === '' ? '' : `${finalPlan}${newline}`,
        phase: phase(),
      };
    },
  };
}
