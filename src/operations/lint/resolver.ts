// The markdownlint configuration of one document, found and merged exactly as
// markdownlint-cli2 0.22 does (createDirInfos in markdownlint-cli2.mjs):
//
// - Each folder from the workspace root down to the document's may hold an
//   options file (.markdownlint-cli2.*) and a configuration file (.markdownlint.*).
// - Options merge down the folders: a deeper folder's keys replace, except
//   `config`, whose rules merge shallowly (a rule's object is replaced whole).
//   The setting batchOperations.lint.config is cli2's optionsDefault: the root's
//   options merge over it.
// - A configuration file replaces, never merges: the document's nearest folder
//   holding any file uses its own .markdownlint.*, else the nearest ancestor's,
//   unless an options `config` was met on the way up; markdownlint gets that
//   file's configuration, or the merged options' `config` when there is none.
// - `ignores` apply relative to that nearest folder holding a file; the root's
//   also leave out whole folders (as globby does with them).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Configuration, Rule } from 'markdownlint';
import { type Cli2Options, type ConfigFileProbe, type FolderConfig, javaScriptNotice, readFolderConfig, requireModule } from './config-files';
import type { LintOptions } from './markdownlint';
import { markdownlint } from './library';
import { byKey } from '../../util/order';

export interface LintResolverOptions {
  /** The setting batchOperations.lint.config: the base configuration under every file's. */
  readonly baseConfig?: Configuration;
  /** Load JavaScript configuration and custom rules (trusted workspace and the setting on). Default false. */
  readonly allowCode?: boolean;
}

export interface LintConfiguration {
  /** markdownlint's rule configuration (options.config); undefined: every rule on. */
  readonly config: Configuration | undefined;
  /** What markdownlint gets: the configuration, front matter, inline configuration, custom rules. */
  readonly options: LintOptions;
  /** True when the configuration's `ignores` leave the document out (markdownlint-cli2 would not lint it). */
  readonly ignored: boolean;
  /** A stable hash of all of the above: add it to the document's cache key. */
  readonly key: string;
  /** The configuration files it came from (extends targets included), nearest folder first. */
  readonly sources: readonly string[];
  /** Things to tell the user once (JavaScript configuration not loaded). */
  readonly notices: readonly string[];
  /** A configuration file that could not be used: the document cannot be linted. */
  readonly error?: string;
}

/** The real file system, for the engine. */
export const nodeConfigFileProbe: ConfigFileProbe = {
  readFile(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (file) => fs.existsSync(file),
};

export class LintConfigResolver {
  private readonly folders = new Map<string, FolderConfig>();
  private readonly resolved = new Map<string, Resolved>();
  /** resolved's entries by the folder and root as callers wrote them (see configFor). */
  private readonly given = new Map<string, Resolved>();
  private readonly allowCode: boolean;

  constructor(
    private readonly probe: ConfigFileProbe = nodeConfigFileProbe,
    private readonly options: LintResolverOptions = {},
  ) {
    this.allowCode = options.allowCode === true;
  }

  /** The configuration of the document at `documentPath` (absolute), found from it up to `root`. */
  configFor(documentPath: string, root: string): LintConfiguration {
    // Memoized by the strings as given first: path.resolve for every document was most of a
    // warm lint run's cache-key time over tldr (38,000 calls, twice each).
    const slash = Math.max(documentPath.lastIndexOf('/'), documentPath.lastIndexOf(path.sep));
    const givenKey = `${slash < 0 ? '' : documentPath.slice(0, slash)}\0${root}`;
    let folder = this.given.get(givenKey);
    if (!folder) {
      const dir = path.dirname(path.resolve(documentPath));
      const base = path.resolve(root);
      const memoKey = `${dir}\0${base}`;
      folder = this.resolved.get(memoKey);
      if (!folder) {
        folder = this.resolve(dir, base);
        this.resolved.set(memoKey, folder);
      }
      this.given.set(givenKey, folder);
    }
    if (folder.ignores.length === 0 && folder.rootIgnores.length === 0) return folder.configuration;
    const ignored = isIgnored(documentPath, folder) || folder.configuration.ignored;
    return ignored === folder.configuration.ignored ? folder.configuration : withIgnored(folder.configuration, ignored);
  }

  /** Forget what was read from `configPath` (created, changed or deleted): the editor's file watcher calls this. */
  invalidate(configPath: string): void {
    const file = path.resolve(configPath);
    const dir = path.dirname(file);
    for (const [key, folder] of this.folders) if (key === dir || folder.sources.includes(file)) this.folders.delete(key);
    this.resolved.clear();
    this.given.clear();
  }

  private folder(dir: string): FolderConfig {
    let folder = this.folders.get(dir);
    if (!folder) {
      folder = readFolderConfig(dir, this.probe, this.allowCode);
      this.folders.set(dir, folder);
    }
    return folder;
  }

  private resolve(dir: string, root: string): Resolved {
    const chain = foldersUpTo(dir, root);
    const read = chain.map((d) => this.folder(d));
    const baseOptions: Cli2Options | null = this.options.baseConfig ? { config: this.options.baseConfig } : null;
    // The root always takes part (cli2's base options object is never null).
    const optionsOf = (i: number): Cli2Options | null => (i === chain.length - 1 ? mergeOptions(baseOptions, read[i]!.options) : read[i]!.options);
    const nearest = read.findIndex((f, i) => f.options !== null || f.config !== null || i === chain.length - 1);
    let options = optionsOf(nearest);
    let config = read[nearest]!.config;
    for (let i = nearest + 1; i < chain.length; i++) {
      const parent = optionsOf(i);
      if (parent) options = mergeOptions(parent, options);
      if (!config && read[i]!.config && !options?.config) config = read[i]!.config;
    }
    const sources = read.flatMap((f) => f.sources);
    const notices = read.flatMap((f) => f.notices);
    const error = read.find((f) => f.error)?.error;
    const customRules = this.customRules(options, read[nearest]!.dir, notices);
    const lintOptions: LintOptions = {
      config: config ?? options?.config ?? undefined,
      ...(typeof options?.frontMatter === 'string' ? { frontMatter: options.frontMatter } : {}),
      ...(options?.noInlineConfig ? { noInlineConfig: true } : {}),
      ...(customRules.rules.length > 0 ? { customRules: customRules.rules } : {}),
    };
    const key = hashOf({ options: { ...lintOptions, customRules: customRules.ids }, error: error ?? null });
    const configuration: LintConfiguration = { config: lintOptions.config, options: lintOptions, ignored: false, key, sources, notices, ...(error ? { error } : {}) };
    const rootOptions = optionsOf(chain.length - 1);
    return {
      configuration,
      ignoresDir: read[nearest]!.dir,
      ignores: (options?.ignores ?? []).map((g) => picomatch(g, { dot: true })),
      root,
      rootIgnores: (rootOptions?.ignores ?? []).map((g) => picomatch(g, { dot: true })),
    };
  }

  private customRules(options: Cli2Options | null, dir: string, notices: string[]): { rules: Rule[]; ids: string[] } {
    const ids = (options?.customRules ?? []).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return { rules: [], ids };
    if (!this.allowCode) {
      notices.push(javaScriptNotice(`Custom rules ${ids.join(', ')} (in ${dir})`));
      return { rules: [], ids: [] };
    }
    const dirs = [dir, ...(options?.modulePaths ?? []).map((p) => path.resolve(dir, p))];
    const rules = ids.flatMap((id) => requireModule(markdownlint().resolveModule(id, dirs)) as Rule | Rule[]);
    return { rules, ids };
  }
}

interface Resolved {
  readonly configuration: LintConfiguration;
  readonly ignoresDir: string;
  readonly ignores: readonly picomatch.Matcher[];
  readonly root: string;
  readonly rootIgnores: readonly picomatch.Matcher[];
}

/** markdownlint-cli2's mergeOptions: keys replace, `config` merges one level deep. */
export function mergeOptions(first: Cli2Options | null | undefined, second: Cli2Options | null | undefined): Cli2Options {
  const merged: Record<string, unknown> = { ...first, ...second };
  if (first?.config || second?.config) merged.config = { ...first?.config, ...second?.config };
  return merged as Cli2Options;
}

/** `dir` and its parents up to `root` (both included), nearest first; [dir, root] for a folder outside root. */
function foldersUpTo(dir: string, root: string): string[] {
  const relative = path.relative(root, dir);
  if (relative === '') return [root];
  if (relative.startsWith('..') || path.isAbsolute(relative)) return [dir, root];
  const chain: string[] = [];
  for (let d = dir; d !== root; d = path.dirname(d)) chain.push(d);
  chain.push(root);
  return chain;
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

function isIgnored(documentPath: string, r: Resolved): boolean {
  const file = path.resolve(documentPath);
  const relative = toPosix(path.relative(r.ignoresDir, file));
  if (r.ignores.some((m) => m(relative))) return true;
  if (r.rootIgnores.length === 0) return false;
  // At the root, globby also skips a folder that an ignore pattern matches.
  const fromRoot = toPosix(path.relative(r.root, file)).split('/');
  for (let n = 1; n <= fromRoot.length; n++) {
    const prefix = fromRoot.slice(0, n).join('/');
    if (r.rootIgnores.some((m) => m(prefix))) return true;
  }
  return false;
}

function withIgnored(c: LintConfiguration, ignored: boolean): LintConfiguration {
  return { ...c, ignored, key: hashOf({ key: c.key, ignored }) };
}

/** SHA-1 of the value's JSON with object keys sorted: equal configurations, equal keys. */
export function hashOf(value: unknown): string {
  return createHash('sha1').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value instanceof RegExp) return JSON.stringify(String(value));
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(byKey);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
