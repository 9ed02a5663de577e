/** Where a command writes, and what it knows about the terminal. */
export type Io = {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  readonly color: boolean;
  /** Terminal width for tables, 80 when unknown. */
  readonly columns: number;
};

/** An input or usage problem the user can fix: printed without a stack, exit 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
