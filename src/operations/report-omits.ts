// What the JSON report leaves out of the built-in operations' results (their
// Operation.reportOmits), for the editor's export, which has a finished run's report
// and not its operations. The command line reads each operation's own.
import { LINKS_REPORT_OMITS } from './links/types';
import { LINT_REPORT_OMITS } from './lint/types';

export const BUILTIN_REPORT_OMITS: Readonly<Record<string, readonly string[]>> = { links: LINKS_REPORT_OMITS, lint: LINT_REPORT_OMITS };
