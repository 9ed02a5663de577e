import { useState } from 'react';
import { TextInput } from './text-input.tsx';

/** What the review screen asks the user to type: instructions for the next draft, or a path to save it at. */
export type ReviewQuestion = 'instructions' | 'path';

const FIELDS: Readonly<Record<ReviewQuestion, { label: string; placeholder: string; hint: string }>> = {
  instructions: {
    label: 'Instructions:',
    placeholder: 'e.g. use cursor pagination; add a 409 for duplicates',
    hint: 'Enter regenerate with these instructions · Esc back',
  },
  path: {
    label: 'Save to:',
    placeholder: 'a new file, relative to the project, e.g. docs/plans/create-flashcards.md',
    hint: 'Enter save there (an existing file is never replaced) · Esc back',
  },
};

/** The key hint shown while `question` is being answered. */
export function questionHint(question: ReviewQuestion): string {
  return FIELDS[question].hint;
}

/** Props of the review screen's one-line question. */
export type ReviewPromptProps = {
  readonly question: ReviewQuestion;
  readonly isActive: boolean;
  readonly onSubmit: (text: string) => void;
  readonly onCancel: () => void;
};

/** A one-line answer to the review screen's question, typed below the draft. */
export function ReviewPrompt(props: ReviewPromptProps) {
  const [value, setValue] = useState('');
  const field = FIELDS[props.question];
  return (
    <TextInput
      label={field.label}
      value={value}
      placeholder={field.placeholder}
      isActive={props.isActive}
      onChange={setValue}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    />
  );
}
