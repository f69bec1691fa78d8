// Configuration text parsers, the same libraries and order markdownlint-cli2 uses:
// JSONC (trailing commas allowed, any error rejects), TOML, YAML. markdownlint's
// readConfig tries them in order and keeps the first that gives an object.
import { parse as parseJsoncText, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { load as loadYaml } from 'js-yaml';
import { parse as parseToml } from 'smol-toml';

export type ConfigurationParser = (text: string) => unknown;

/** JSONC as markdownlint-cli2's parser reads it: any syntax error throws. */
export const parseJsonc: ConfigurationParser = (text) => {
  const errors: ParseError[] = [];
  const result: unknown = parseJsoncText(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const aggregate = errors.map((e) => `${printParseErrorCode(e.error)} (offset ${e.offset}, length ${e.length})`).join(', ');
    throw new Error(`Unable to parse JSONC content, ${aggregate}`);
  }
  return result;
};

export const parseYaml: ConfigurationParser = (text) => loadYaml(text);

export const parseTomlText: ConfigurationParser = (text) => parseToml(text);

/** markdownlint-cli2's parsers, by priority (for readConfig and inline configure-file comments). */
export const CONFIG_PARSERS: readonly ConfigurationParser[] = [parseJsonc, parseTomlText, parseYaml];
