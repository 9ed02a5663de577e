/** Key presses as a terminal sends them, for `stdin.write`. */
export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  shiftUp: '\u001B[1;2A',
  shiftDown: '\u001B[1;2B',
  left: '\u001B[D',
  right: '\u001B[C',
  home: '\u001B[H',
  end: '\u001B[F',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  space: ' ',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  tab: '\t',
  ctrlC: '\u0003',
} as const;
