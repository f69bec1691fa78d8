// Reading one folder's markdownlint configuration files as markdownlint-cli2 0.22
// reads them: the first existing options file (.markdownlint-cli2.*) and the first
// existing configuration file (.markdownlint.*), `extends` followed through
// markdownlint's own readConfig. JavaScript files are loaded only when code may run.
import type { Configuration } from 'markdownlint';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_PARSERS, parseJsonc, parseYaml } from './parse';
import { markdownlint, markdownlintSync } from './library';

/** How the resolver reads files; synchronous so it runs alike on the main thread and in workers. */
export interface ConfigFileProbe {
  /** The file's text, or undefined when there is no such file. */
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
}

/** markdownlint-cli2's options object (the parts that decide how a document is linted). */
export interface Cli2Options {
  readonly config?: Configuration;
  readonly customRules?: readonly unknown[];
  readonly frontMatter?: string;
  readonly ignores?: readonly string[];
  readonly globs?: readonly string[];
  readonly modulePaths?: readonly string[];
  readonly noInlineConfig?: boolean;
  readonly [key: string]: unknown;
}

/** One folder's own files, read once. */
export interface FolderConfig {
  readonly dir: string;
  /** From .markdownlint-cli2.{jsonc,yaml,cjs,mjs}; null when there is none (or it was not loaded). */
  readonly options: Cli2Options | null;
  /** From .markdownlint.{jsonc,json,yaml,yml,cjs,mjs}; null when there is none (or it was not loaded). */
  readonly config: Configuration | null;
  /** Every file read for them, `extends` targets included. */
  readonly sources: readonly string[];
  readonly notices: readonly string[];
  /** Why a file could not be used (markdownlint-cli2 stops the run for it). */
  readonly error?: string;
}

export const OPTIONS_FILES = ['.markdownlint-cli2.jsonc', '.markdownlint-cli2.yaml', '.markdownlint-cli2.cjs', '.markdownlint-cli2.mjs'];
export const CONFIG_FILES = ['.markdownlint.jsonc', '.markdownlint.json', '.markdownlint.yaml', '.markdownlint.yml', '.markdownlint.cjs', '.markdownlint.mjs'];

export const isJavaScriptFile = (file: string): boolean => file.endsWith('.cjs') || file.endsWith('.mjs');

export function javaScriptNotice(what: string): string {
  return `${what} not loaded: JavaScript configuration needs a trusted workspace and batchOperations.lint.allowJavaScriptConfig`;
}

/** Loads a JavaScript module as markdownlint-cli2's import() would (its default export). */
export function requireModule(file: string): unknown {
  const mod = createRequire(file)(file) as { default?: unknown };
  return file.endsWith('.mjs') ? mod.default : mod;
}

/** Reads `dir`'s configuration files through `probe`. */
export function readFolderConfig(dir: string, probe: ConfigFileProbe, allowCode: boolean): FolderConfig {
  const sources: string[] = [];
  const notices: string[] = [];
  const fsLike = {
    readFileSync(file: string): string {
      const text = probe.readFile(file);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
      sources.push(file);
      return text;
    },
    accessSync(file: string): void {
      if (!probe.exists(file)) throw Object.assign(new Error(`ENOENT: no such file or directory, access '${file}'`), { code: 'ENOENT' });
    },
  };
  const firstExisting = (names: readonly string[]) => names.map((n) => path.join(dir, n)).find((f) => probe.exists(f));
  const loadJavaScript = (file: string): unknown => {
    sources.push(file);
    if (allowCode) return requireModule(file);
    notices.push(javaScriptNotice(file));
    return null;
  };
  let current = '';
  try {
    let options: Cli2Options | null = null;
    const optionsFile = firstExisting(OPTIONS_FILES);
    if (optionsFile) {
      current = optionsFile;
      if (isJavaScriptFile(optionsFile)) options = loadJavaScript(optionsFile) as Cli2Options | null;
      else {
        const text = fsLike.readFileSync(optionsFile);
        options = (optionsFile.endsWith('.jsonc') ? parseJsonc(text) : parseYaml(text)) as Cli2Options | null;
      }
      if (options && options.config) {
        // markdownlint-cli2 resolves an options file's `extends` against its folder.
        options = { ...options, config: extendConfig(options.config, path.join(dir, 'utf8'), fsLike) };
      }
    }
    let config: Configuration | null = null;
    const configFile = firstExisting(CONFIG_FILES);
    if (configFile) {
      current = configFile;
      config = isJavaScriptFile(configFile)
        ? (loadJavaScript(configFile) as Configuration | null)
        : (markdownlintSync().readConfig(configFile, CONFIG_PARSERS as never, fsLike as never) as Configuration);
    }
    return { dir, options: options ?? null, config: config ?? null, sources, notices };
  } catch (err) {
    const error = `Unable to use configuration file '${current}'; ${err instanceof Error ? err.message : String(err)}`;
    return { dir, options: null, config: null, sources, notices, error };
  }
}

type FsLike = { readFileSync(file: string): string; accessSync(file: string): void };

/** markdownlint's extendConfig, synchronously: `extends` relative to `file`'s folder, or a module id. */
function extendConfig(config: Configuration, file: string, fsLike: FsLike): Configuration {
  const configExtends = config.extends;
  if (!configExtends) return config;
  const reference = expandTilde(configExtends);
  const dir = path.dirname(file);
  let resolved = path.resolve(dir, reference);
  try {
    fsLike.accessSync(resolved);
  } catch {
    try {
      resolved = markdownlint().resolveModule(reference, [dir]);
    } catch {
      // Unresolvable: markdownlint reads the path as it is (and fails on it).
    }
  }
  const result: Configuration = { ...(markdownlintSync().readConfig(resolved, CONFIG_PARSERS as never, fsLike as never) as Configuration), ...config };
  delete result.extends;
  return result;
}

function expandTilde(file: string): string {
  const home = os.homedir();
  return home ? file.replace(/^~($|\/|\\)/, `${home}$1`) : file;
}
