import type { ChatMessage } from '../ports.ts';

/** A BPE encoding this module can count with. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Which encoding a model uses; `approximate` when the model is not an OpenAI one and o200k stands in. */
export type EncodingChoice = { readonly encoding: EncodingName; readonly approximate: boolean };

/** A token count; `encoding` names the tokenizer and says "approximate" when it is not the model's own. */
export type TokenCount = {
  readonly tokens: number;
  readonly encoding: string;
  readonly approximate: boolean;
};

/** A loaded tokenizer: counting is synchronous once the encoding tables are in memory. */
export type Tokenizer = EncodingChoice & { count(messages: readonly ChatMessage[]): TokenCount };

type CountText = (text: string) => number;

const O200K = /^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4|codex)(?:\b|-|$)/;
const CL100K = /^(?:gpt-4(?:-|$)|gpt-3\.5|text-embedding-3|text-embedding-ada)/;
// chatml wraps each message as <|im_start|>role<|im_sep|>content<|im_end|>, and the reply is primed with
// <|im_start|>assistant<|im_sep|>: OpenAI's own counting recipe.
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

/** The encoding of a model: o200k for gpt-4o/4.1/5 and the o-series, cl100k for gpt-4/3.5, else o200k as an estimate. */
export function encodingFor(model: string): EncodingChoice {
  // OpenRouter and proxies name models `openai/gpt-4o`; the family is the last segment.
  const name = (model.split('/').pop() ?? model).trim().toLowerCase();
  if (O200K.test(name)) return { encoding: 'o200k_base', approximate: false };
  if (CL100K.test(name)) return { encoding: 'cl100k_base', approximate: false };
  return { encoding: 'o200k_base', approximate: true };
}

const loaded = new Map<EncodingName, Promise<CountText>>();

// The encoding tables are large (o200k took ~350 ms to import on this machine), so they load on first use only.
function loadEncoding(encoding: EncodingName): Promise<CountText> {
  const cached = loaded.get(encoding);
  if (cached !== undefined) return cached;
  // Document text may contain `<|endoftext|>`: the API treats it as plain text, and so does the count.
  const plain = { disallowedSpecial: new Set<string>() };
  const promise =
    encoding === 'o200k_base'
      ? import('gpt-tokenizer/encoding/o200k_base').then(
          (m): CountText =>
            (text) =>
              m.countTokens(text, plain),
        )
      : import('gpt-tokenizer/encoding/cl100k_base').then(
          (m): CountText =>
            (text) =>
              m.countTokens(text, plain),
        );
  loaded.set(encoding, promise);
  return promise;
}

/** Loads the tokenizer for a model, once per encoding; the returned counter is synchronous. */
export async function loadTokenizer(model: string): Promise<Tokenizer> {
  const choice = encodingFor(model);
  const countText = await loadEncoding(choice.encoding);
  const label = choice.approximate ? `${choice.encoding} (approximate)` : choice.encoding;
  return {
    ...choice,
    count(messages) {
      let tokens = REPLY_PRIMING;
      for (const message of messages)
        tokens += TOKENS_PER_MESSAGE + countText(message.role) + countText(message.content);
      return { tokens, encoding: label, approximate: choice.approximate };
    },
  };
}

/** Counts the prompt tokens of chat messages with the model family's real tokenizer. */
export async function countTokens(messages: readonly ChatMessage[], model: string): Promise<TokenCount> {
  return (await loadTokenizer(model)).count(messages);
}
