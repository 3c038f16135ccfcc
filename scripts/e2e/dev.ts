/**
 * `npm run dev`: the real n8n 2.41 (from the e2e cache; downloaded the first time, ~5 minutes) with
 * this package installed as a community node, kept in step with the working tree, and the Salesforce
 * emulator beside it, so a person can try the node in the editor.
 *
 *   - `tsc --watch` recompiles nodes/ and credentials/ into dist/ on every change;
 *   - every change in dist/ is copied into the installed package, and n8n (N8N_DEV_RELOAD=true)
 *     reloads the node without a restart (refresh the editor page);
 *   - the emulator runs on http://127.0.0.1:8787 (E2E_DEV_EMULATOR_PORT), n8n on
 *     http://localhost:5678 (E2E_DEV_N8N_PORT); the n8n user folder .cache/dev/n8n-user is kept
 *     between runs (owner account, credentials, workflows);
 *   - a connected "Salesforce (emulator)" credential (My Domain = the emulator) is imported on
 *     every start with fresh tokens, and examples/lead-intake.workflow.json on the first start.
 * Ctrl+C stops everything.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator } from '../../emulator';
import { installLikeCommunityNode, packRepository } from './install-package';
import { configuredCacheDir, ensureN8nRuntime, type N8nRuntime } from './n8n-runtime';
import { startN8n } from './n8n-server';
import { runLogged, startManaged, type ManagedProcess } from './processes';

const REPO = resolve(__dirname, '..', '..');
const DEV_DIR = join(REPO, '.cache', 'dev');
const USER_FOLDER = join(DEV_DIR, 'n8n-user');
const EXAMPLE_WORKFLOW = join(REPO, 'examples', 'lead-intake.workflow.json');
/** The id and name examples/lead-intake.workflow.json refers to. */
const EXAMPLE_CREDENTIAL = { id: 'salesforce-emulator', name: 'Salesforce (emulator)' };
const EXAMPLE_WORKFLOW_ID = 'leadIntakeExample';

async function main(): Promise<void> {
	const say = (message: string) => console.log(`[dev] ${message}`);
	const n8nPort = Number(process.env.E2E_DEV_N8N_PORT ?? 5678);
	const emulatorPort = Number(process.env.E2E_DEV_EMULATOR_PORT ?? 8787);
	const n8nUrl = `http://localhost:${n8nPort}`;
	mkdirSync(USER_FOLDER, { recursive: true });

	say('checking the n8n 2.41 cache (.cache/e2e; the first run downloads n8n, about 5 minutes)');
	const runtime = await ensureN8nRuntime(configuredCacheDir(), say);
	say('building the package');
	await runLogged('npm', ['run', 'build'], { cwd: REPO, logFile: join(DEV_DIR, 'build.log') });
	const { tarball } = packRepository(REPO, join(DEV_DIR, 'pack'), join(DEV_DIR, 'pack.json'));
	const installed = await installLikeCommunityNode(tarball, USER_FOLDER, runtime.env, join(DEV_DIR, 'install.log'));

	const emulator = await startEmulator({
		port: emulatorPort,
		redirectUris: [`${n8nUrl}/rest/oauth2-credential/callback`],
		log: (line) => console.log(`[salesforce] ${line}`),
	});
	const running: ManagedProcess[] = [];
	const stopAll = async () => {
		for (const child of running.reverse()) await child.stop();
		await emulator.stop();
	};
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			say('stopping');
			void stopAll().then(() => process.exit(0));
		});
	}
	try {
		await importExample(runtime, emulator.url, emulator.issueTokens(), say);
		running.push(startManaged('tsc', 'npx', ['tsc', '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], { cwd: REPO, logFile: 'inherit' }));
		mirrorDist(join(REPO, 'dist'), join(installed.directory, 'dist'), say);
		const n8n = await startN8n({ runtime, userFolder: USER_FOLDER, port: n8nPort, logFile: join(DEV_DIR, 'n8n.log'), env: { N8N_DEV_RELOAD: 'true' } });
		running.push(n8n.process);
		say(`emulator: ${emulator.url} (OAuth app ${emulator.app.clientId} / ${emulator.app.clientSecret})`);
		say(`n8n log: ${join(DEV_DIR, 'n8n.log')}`);
		say(`editor: ${n8nUrl}/workflow/${EXAMPLE_WORKFLOW_ID}  (workflow "Lead intake", credential "${EXAMPLE_CREDENTIAL.name}"; POST leads to ${n8nUrl}/webhook/lead-intake once published)`);
		const code = await n8n.process.exited;
		say(`n8n exited (${code})`);
	} finally {
		await stopAll();
	}
}

/** Imports a connected credential (fresh tokens of this emulator) and, once, the example workflow. */
async function importExample(runtime: N8nRuntime, emulatorUrl: string, tokens: object, say: (message: string) => void): Promise<void> {
	const credentialFile = join(DEV_DIR, 'credential.json');
	writeFileSync(credentialFile, JSON.stringify([{
		...EXAMPLE_CREDENTIAL,
		type: 'salesforceRestOAuth2Api',
		data: { clientId: 'emulator-client-id', clientSecret: 'emulator-client-secret', environment: 'myDomain', myDomainUrl: emulatorUrl, oauthTokenData: tokens },
	}]));
	const env = { ...runtime.env, N8N_USER_FOLDER: USER_FOLDER, N8N_DIAGNOSTICS_ENABLED: 'false' };
	const log = join(DEV_DIR, 'import.log');
	say(`importing the credential "${EXAMPLE_CREDENTIAL.name}" (log: ${log})`);
	await runLogged(runtime.nodeBin, [runtime.n8nBin, 'import:credentials', `--input=${credentialFile}`], { env, logFile: log });
	const stamp = join(DEV_DIR, 'workflow-imported');
	if (!existsSync(stamp)) {
		say('importing examples/lead-intake.workflow.json');
		// import:workflow needs an id; the example file has none so that an editor import makes a new one.
		const workflowFile = join(DEV_DIR, 'workflow.json');
		writeFileSync(workflowFile, JSON.stringify({ id: EXAMPLE_WORKFLOW_ID, ...JSON.parse(readFileSync(EXAMPLE_WORKFLOW, 'utf8')) }));
		await runLogged(runtime.nodeBin, [runtime.n8nBin, 'import:workflow', `--input=${workflowFile}`], { env, logFile: log });
		writeFileSync(stamp, new Date().toISOString());
	}
}

/** Copies dist/ into the installed package whenever tsc writes to it (debounced). */
function mirrorDist(from: string, to: string, say: (message: string) => void): void {
	let timer: NodeJS.Timeout | undefined;
	watch(from, { recursive: true }, () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			cpSync(from, to, { recursive: true });
			say('dist/ copied into the installed package: n8n reloads it (refresh the editor)');
		}, 300);
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
