// n8n's own community-node rules, exactly as @n8n/node-cli configures them for `n8n-node lint`.
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	// A rule that can be switched off in a comment is not a rule: inline disables are refused.
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' } },
	{ ignores: ['emulator/**', 'test/**', 'scripts/**', 'examples/**', '*.js', '*.mjs'] },
];
