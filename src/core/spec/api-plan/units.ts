import { assertNever } from '../../assert-never.ts';
import type { Block, TableRow } from './blocks.ts';

/** A list item as the endpoint finder sees it. */
export type ItemInfo = {
  readonly start: number;
  readonly end: number;
  readonly parent: ItemInfo | undefined;
  /** The first line of the item's text, or `''` when it starts with something else. */
  readonly firstLine: string;
  /** True when the item holds more than its first paragraph line (nested items, code, more text). */
  readonly hasMore: boolean;
  /** Index among the parent's child items, 0 for the first. */
  readonly index: number;
  /** How many child items it holds. */
  readonly childItems: number;
};

/** A table's header, shared by its rows. */
export type TableInfo = {
  readonly start: number;
  readonly header: readonly string[];
  readonly rows: readonly TableRow[];
};

/** One unit of the document in reading order: what endpoint finding and field reading walk over. */
export type Unit =
  | { readonly kind: 'heading'; readonly line: number; readonly depth: number; readonly text: string }
  | {
      readonly kind: 'text';
      readonly line: number;
      readonly text: string;
      readonly depth: number;
      readonly paragraph: number;
      readonly item: ItemInfo | undefined;
      /** True for the first line of the item's first paragraph. */
      readonly itemFirst: boolean;
    }
  | {
      readonly kind: 'code';
      readonly line: number;
      readonly end: number;
      readonly value: string;
      readonly depth: number;
      readonly item: ItemInfo | undefined;
    }
  | { readonly kind: 'row'; readonly line: number; readonly row: TableRow; readonly table: TableInfo };

/** Flattens the block tree into units in document order. */
export function flattenBlocks(blocks: readonly Block[]): readonly Unit[] {
  const units: Unit[] = [];
  let paragraph = 0;
  const walk = (children: readonly Block[], depth: number, item: ItemInfo | undefined): void => {
    let itemIndex = 0;
    for (let position = 0; position < children.length; position++) {
      const block = children[position];
      if (block === undefined) continue;
      switch (block.type) {
        case 'heading':
          units.push({ kind: 'heading', line: block.line, depth: block.depth, text: block.text });
          break;
        case 'paragraph': {
          paragraph++;
          const first = item !== undefined && position === 0;
          for (let offset = 0; offset < block.lines.length; offset++) {
            units.push({
              kind: 'text',
              line: block.start + offset,
              text: block.lines[offset] ?? '',
              depth,
              paragraph,
              item,
              itemFirst: first && offset === 0,
            });
          }
          break;
        }
        case 'code':
          units.push({ kind: 'code', line: block.start, end: block.end, value: block.value, depth, item });
          break;
        case 'table': {
          const table: TableInfo = { start: block.start, header: block.header, rows: block.rows };
          for (const row of block.rows) units.push({ kind: 'row', line: row.line, row, table });
          break;
        }
        case 'item': {
          const head = block.children[0];
          const firstLine = head?.type === 'paragraph' ? (head.lines[0] ?? '') : '';
          const hasMore =
            block.children.length > 1 ||
            (head?.type === 'paragraph' && head.lines.length > 1) ||
            head?.type !== 'paragraph';
          const info: ItemInfo = {
            start: block.start,
            end: block.end,
            parent: item,
            firstLine,
            hasMore,
            index: itemIndex,
            childItems: countItems(block.children),
          };
          itemIndex++;
          walk(block.children, depth + 1, info);
          break;
        }
        case 'quote':
          walk(block.children, depth, item);
          break;
        case 'html':
        case 'break':
          break;
        default:
          assertNever(block);
      }
    }
  };
  walk(blocks, 0, undefined);
  return units;
}

function countItems(blocks: readonly Block[]): number {
  let count = 0;
  for (const block of blocks) if (block.type === 'item') count++;
  return count;
}
