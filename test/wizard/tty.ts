import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';

/** A writable that says it is a terminal of a given size and keeps what was written. */
export class FakeTty extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;
  readonly writes: string[] = [];

  constructor(columns = 100, rows = 30) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    this.writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  }

  /** The screen as the last frame left it, escape sequences removed. */
  lastFrame(): string {
    for (let index = this.writes.length - 1; index >= 0; index -= 1) {
      const text = stripVTControlCharacters(this.writes[index] ?? '');
      if (text.trim() !== '') return text.replace(/\n$/, '');
    }
    return '';
  }

  /** Changes the size and tells listeners, as a terminal does on resize. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/**
 * A readable terminal input the test types into. Like a real terminal, keys arrive on a later turn of the event
 * loop, one at a time, and keys typed before Ink listens are kept rather than lost.
 */
export class FakeTtyInput extends EventEmitter {
  readonly isTTY = true;
  rawMode = false;
  private data: string | null = null;
  private readonly queue: string[] = [];
  private delivering = false;

  write(data: string): void {
    this.queue.push(data);
    this.deliver();
  }

  private deliver(): void {
    if (this.delivering) return;
    this.delivering = true;
    setImmediate(() => {
      this.delivering = false;
      if (this.listenerCount('readable') === 0) {
        this.once('newListener', () => this.deliver());
        return;
      }
      const key = this.queue.shift();
      if (key === undefined) return;
      this.data = key;
      this.emit('readable');
      if (this.queue.length > 0) this.deliver();
    });
  }

  read(): string | null {
    const { data } = this;
    this.data = null;
    return data;
  }

  setEncoding(): this {
    return this;
  }

  setRawMode(mode: boolean): this {
    this.rawMode = mode;
    return this;
  }

  resume(): this {
    return this;
  }

  pause(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}
