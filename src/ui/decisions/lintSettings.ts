// The lint operation's settings from batchOperations.lint.*: the base
// configuration, and whether JavaScript configuration files and custom rules may
// load, which needs both the setting and a trusted workspace (they run code from
// the workspace).
import type { LintSettings } from '../../operations/lint';

export function lintSettingsOf(raw: { readonly config?: unknown; readonly allowJavaScriptConfig?: unknown }, trusted: boolean): LintSettings {
  const config = raw.config && typeof raw.config === 'object' && !Array.isArray(raw.config) ? (raw.config as LintSettings['config']) : undefined;
  const allowCode = trusted && raw.allowJavaScriptConfig === true;
  return { ...(config && Object.keys(config).length > 0 ? { config } : {}), ...(allowCode ? { allowCode } : {}) };
}
