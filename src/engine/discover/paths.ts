// Path helpers of the walk.
import * as path from 'node:path';
import type { EntryLike } from '../read/fs';
import { compareCodeUnits } from '../../util/order';

/** The directory with a trailing separator: a prefix of every path inside it. */
export function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

/** Directory entries in code unit order of their names: the walk's order. */
export function byName(a: EntryLike, b: EntryLike): number {
  return compareCodeUnits(a.name, b.name);
}
