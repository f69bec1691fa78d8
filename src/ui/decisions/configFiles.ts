// Which documents a change to a markdownlint configuration file affects, without
// the editor: the documents under the file's folder. A run over that folder
// re-lints exactly those whose applicable configuration changed (the cache key of
// a document includes its configuration's key, see Operation.cacheKeyFor) and
// serves the rest from the cache.
import * as path from 'node:path';

/**
 * The configuration files markdownlint-cli2 reads from a folder (JavaScript ones
 * are not watched: they are not loaded in the editor). One flat brace group:
 * VS Code's glob does not nest braces.
 */
export const MARKDOWNLINT_CONFIG_GLOB = '**/{.markdownlint.jsonc,.markdownlint.json,.markdownlint.yaml,.markdownlint.yml,.markdownlint-cli2.jsonc,.markdownlint-cli2.yaml}';

const CONFIG_NAME = /^\.markdownlint(?:\.(?:jsonc|json|yaml|yml)|-cli2\.(?:jsonc|yaml))$/;

export function isMarkdownlintConfig(file: string): boolean {
  return CONFIG_NAME.test(path.basename(file));
}

/**
 * The folders to run again for changed configuration files: each file's folder,
 * once, and none inside another one of them (the outer run covers it). Sorted.
 */
export function foldersToRerun(changedFiles: Iterable<string>): string[] {
  const folders = [...new Set([...changedFiles].filter(isMarkdownlintConfig).map((f) => path.dirname(f)))].sort();
  return folders.filter((f) => !folders.some((outer) => outer !== f && isInside(f, outer)));
}

function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
