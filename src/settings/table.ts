// The one table of the batchOperations.* settings: key, JSON type, default,
// description (the English text package.json shows through package.nls.json) and
// whether an untrusted workspace may set it. The editor (ui/settings.ts), the
// command line (cli/args.ts) and the engine's defaults read their defaults here;
// test/unit/settings/table.test.ts checks package.json's contributes.configuration
// and restrictedConfigurations against it, so a new setting starts in this table.
// No vscode and no engine imports: every part of the project can read it.

/** A JSON schema type as package.json writes it. */
export type SettingType = 'array' | 'boolean' | 'number' | 'object' | 'string' | readonly ('number' | 'string')[];

export interface Setting<T> {
  readonly type: SettingType;
  readonly default: T;
  /** The smallest value the editor's schema accepts (numbers). */
  readonly minimum?: number;
  /** Taken from user settings only in an untrusted workspace (capabilities.untrustedWorkspaces.restrictedConfigurations). */
  readonly restricted: boolean;
  /** The description is Markdown (package.json's markdownDescription). */
  readonly markdown?: boolean;
  /** English; package.nls.json holds it under the key `<name>.description`. */
  readonly description: string;
}

function setting<T>(s: Setting<T> & { readonly minimum: number }): Setting<T> & { readonly minimum: number };
function setting<T>(s: Setting<T>): Setting<T>;
function setting<T>(s: Setting<T>): Setting<T> {
  return s;
}

export const SECTION = 'batchOperations';

export const SETTINGS = {
  include: setting<readonly string[]>({
    type: 'array',
    default: [],
    restricted: true,
    description: 'Glob patterns (relative to each folder) of the files to process. Empty: every file.',
  }),
  exclude: setting<readonly string[]>({
    type: 'array',
    default: [],
    restricted: true,
    description: 'Glob patterns of files and folders to leave out, in addition to node_modules and .git.',
  }),
  useGitignore: setting<boolean>({
    type: 'boolean',
    default: true,
    restricted: false,
    description: 'Honour .gitignore files.',
  }),
  useFilesExclude: setting<boolean>({
    type: 'boolean',
    default: true,
    restricted: false,
    description: 'Honour the files.exclude setting.',
  }),
  useSearchExclude: setting<boolean>({
    type: 'boolean',
    default: true,
    restricted: false,
    description: 'Honour the search.exclude setting.',
  }),
  maxFileSize: setting<number>({
    type: 'number',
    default: 10,
    minimum: 0,
    restricted: true,
    description: 'Files larger than this many MiB are skipped.',
  }),
  concurrency: setting<number | 'auto'>({
    type: ['string', 'number'],
    default: 'auto',
    restricted: false,
    markdown: true,
    description: 'Worker threads: `"auto"` (one less than the number of cores, leaving the editor a core) or a number (0 runs on the extension host thread).',
  }),
  chunkSize: setting<number>({
    type: 'number',
    default: 1 << 20,
    minimum: 1024,
    restricted: true,
    description: 'Characters per chunk when a document is analysed in pieces.',
  }),
  chunkOverlap: setting<number>({
    type: 'number',
    default: 256,
    minimum: 0,
    restricted: true,
    description: 'Characters of context a chunk repeats from the previous one.',
  }),
  cacheTtlHours: setting<number>({
    type: 'number',
    default: 168,
    minimum: 0,
    restricted: false,
    description: 'How long a cached result stays valid, in hours.',
  }),
  cacheMaxMB: setting<number>({
    type: 'number',
    default: 512,
    minimum: 1,
    restricted: false,
    description: 'Upper bound of the result cache, in MB.',
  }),
  operations: setting<readonly string[]>({
    type: 'array',
    default: [],
    restricted: false,
    markdown: true,
    description: 'The operations a run runs, by id (`"analyze"`: statistics and markers; the others as they are built in, e.g. `"links"`, `"lint"`). Empty: every built-in operation. Turning one off removes its findings at the next run.',
  }),
  markers: setting<readonly string[]>({
    type: 'array',
    default: ['TODO', 'FIXME', 'HACK', 'XXX', 'BUG'],
    restricted: false,
    description: 'Marker tags reported in the tree and the Problems panel (case-sensitive whole words).',
  }),
  'diagnostics.enabled': setting<boolean>({
    type: 'boolean',
    default: true,
    restricted: false,
    description: 'Show the findings of every operation (markers, broken links, lint problems) in the Problems panel.',
  }),
  'diagnostics.severity': setting<'error' | 'warning' | 'information' | 'hint'>({
    type: 'string',
    default: 'information',
    restricted: false,
    description: 'Severity of marker diagnostics.',
  }),
  severity: setting<Readonly<Record<string, string>>>({
    type: 'object',
    default: {},
    restricted: false,
    markdown: true,
    description: 'Per-rule severity of findings, overriding each rule\'s default. Keys: a rule id (`"broken-fragment"`, `"MD013"`, `"marker"`) or `"operation/rule"` (`"links/broken-fragment"`), which wins over the plain rule id. Values: `"error"`, `"warning"`, `"info"`, or `"off"` to hide the rule\'s findings in the Problems panel and the Results view.',
  }),
  'statusBar.enabled': setting<boolean>({
    type: 'boolean',
    default: true,
    restricted: false,
    description: 'Show the batch status bar item.',
  }),
  timeoutSeconds: setting<number>({
    type: 'number',
    default: 30,
    minimum: 1,
    restricted: true,
    description: 'A document that takes longer than this is failed with reason \'timeout\' (its worker is replaced); the run goes on.',
  }),
  'limits.maxDocuments': setting<number>({
    type: 'number',
    default: 0,
    minimum: 0,
    restricted: true,
    description: 'End a run cleanly after this many documents (0: no limit). The rest are reported as \'limit-reached\'.',
  }),
  'limits.maxMB': setting<number>({
    type: 'number',
    default: 0,
    minimum: 0,
    restricted: true,
    description: 'End a run cleanly after this many MB of documents (0: no limit).',
  }),
  'limits.maxResults': setting<number>({
    type: 'number',
    default: 500_000,
    minimum: 1,
    restricted: true,
    description: 'End a run cleanly when this many results are held in memory for the views and the report.',
  }),
  'generated.maxLineLength': setting<number>({
    type: 'number',
    default: 20_000,
    minimum: 0,
    restricted: true,
    description: 'A file with a longer line is skipped as \'generated\' (minified or machine-made). 0 turns the check off.',
  }),
  'generated.maxRunLength': setting<number>({
    type: 'number',
    default: 5000,
    minimum: 0,
    restricted: true,
    description: 'A file with a longer run of characters without white space (CJK and Thai text excepted) is skipped as \'generated\'. 0 turns the check off.',
  }),
  'lm.vendor': setting<string>({
    type: 'string',
    default: "",
    restricted: true,
    markdown: true,
    description: "The vendor of the language model **Review / Enhance with Language Model** use (as `vscode.lm.selectChatModels` names it, e.g. `\"copilot\"`). Empty: any vendor; when several models match you choose one. Documents are sent only after you confirm.",
  }),
  'lm.family': setting<string>({
    type: 'string',
    default: "",
    restricted: true,
    markdown: true,
    description: "The model family (e.g. `\"gpt-4o\"`, `\"claude-3.5-sonnet\"`). Empty: any family of `#batchOperations.lm.vendor#`.",
  }),
  'lm.maxConcurrentRequests': setting<number>({
    type: 'number',
    default: 2,
    minimum: 1,
    restricted: true,
    description: "Requests to the language model in flight at once during a review or an enhance run.",
  }),
  'lm.instructions': setting<readonly string[]>({
    type: 'array',
    default: ["Fix spelling and grammar", "Make headings sentence case", "Make the wording plainer and shorter"],
    restricted: true,
    description: "The instructions Enhance with Language Model offers (besides typing one).",
  }),
  'lint.config': setting<Readonly<Record<string, unknown>>>({
    type: 'object',
    default: {},
    restricted: false,
    markdown: true,
    description: 'The base markdownlint configuration of the lint operation (`{ "MD013": { "line_length": 120 } }`), under the workspace\'s own `.markdownlint*` and `.markdownlint-cli2.*` files, which win.',
  }),
  'lint.allowJavaScriptConfig': setting<boolean>({
    type: 'boolean',
    default: false,
    restricted: true,
    markdown: true,
    description: 'Load markdownlint configuration files written in JavaScript (`.markdownlint.cjs`, `.markdownlint-cli2.mjs`, ...) and their custom rules. They run code from the workspace, so they load only in a trusted workspace; otherwise the run says once that it left them out.',
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;

/** The settings whose value is a number. */
export type NumberSettingName = { [N in SettingName]: (typeof SETTINGS)[N]['default'] extends number ? N : never }[SettingName];

/** The full configuration key: 'batchOperations.limits.maxMB'. */
export function settingKey(name: SettingName): string {
  return `${SECTION}.${name}`;
}

/** The setting's default, typed. */
export function defaultOf<N extends SettingName>(name: N): (typeof SETTINGS)[N]['default'] {
  return SETTINGS[name].default;
}

export const MiB = 1024 * 1024;
