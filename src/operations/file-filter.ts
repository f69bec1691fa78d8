// Which files an operation registered from outside wants, as plain data: it
// travels to worker threads with the operation's spec, so every thread applies
// the same filter. Entries are extensions ('.md') or glob patterns ('*.md',
// '**/docs/**'); a pattern without a slash is matched against the file's name,
// one with a slash against the whole path (forward slashes). An entry that
// starts with '!' leaves out what it matches.
import picomatch from 'picomatch';

/** Extensions ('.md') or glob patterns; empty or absent: every file. */
export type FileFilter = readonly string[];

/** The filter as a predicate over absolute paths. */
export function fileFilterMatcher(filter: FileFilter | undefined): (path: string) => boolean {
  if (!filter || filter.length === 0) return () => true;
  const included = filter.filter((e) => !e.startsWith('!'));
  const excluded = filter.filter((e) => e.startsWith('!')).map((e) => e.slice(1));
  const include = included.length > 0 ? anyOf(included) : () => true;
  const exclude = excluded.length > 0 ? anyOf(excluded) : () => false;
  return (path) => include(path) && !exclude(path);
}

function anyOf(filter: readonly string[]): (path: string) => boolean {
  const byName: string[] = [];
  const byPath: string[] = [];
  for (const entry of filter) {
    if (/^\.[^/*?[\]{}]+$/.test(entry)) byName.push(`*${entry}`);
    else if (entry.includes('/')) byPath.push(entry);
    else byName.push(entry);
  }
  const name = byName.length > 0 ? picomatch(byName, { dot: true, nocase: false }) : undefined;
  const whole = byPath.length > 0 ? picomatch(byPath, { dot: true }) : undefined;
  return (path) => {
    const slashed = path.replace(/\\/g, '/');
    const base = slashed.slice(slashed.lastIndexOf('/') + 1);
    return (name?.(base) ?? false) || (whole?.(slashed) ?? false);
  };
}
