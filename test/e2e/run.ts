/**
 * `npm run test:e2e`: this package in the real n8n 2.41 server, through its editor, in Chromium.
 *
 *   cache → pack + install like "Install community node" → emulator (https for the Salesforce hosts)
 *   → n8n → owner setup → a new Create leads node, its credential connected from the node, Add to
 *   Campaign → one credential per Environment, connected with PKCE → lead-intake workflow
 *   → Create Lead's fields from the describe → publish → leads through the production webhook
 *   → access token expired → refresh through our credential → lead arrives once.
 *
 * Prints each step with its time and ends with "N passed, M failed". Everything it starts is stopped
 * in `finally`. On failure: n8n's log tail and a screenshot of the failing step in .e2e/failures/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensureChromium, CHROMIUM_PATH, CHROMIUM_ARGS } from '../../scripts/e2e/chromium';
import { freePort } from '../../scripts/e2e/free-port';
import { installLikeCommunityNode, packRepository } from '../../scripts/e2e/install-package';
import { configuredCacheDir, ensureN8nRuntime, type N8nRuntime } from '../../scripts/e2e/n8n-runtime';
import { startN8n, type N8nServer } from '../../scripts/e2e/n8n-server';
import { runLogged } from '../../scripts/e2e/processes';
import { startSalesforceStandIn, type SalesforceStandIn } from '../../scripts/e2e/salesforce-stand-in';
import { Editor } from './editor';
import { exitWhenDone, indent, StepRunner, stopOnSignals } from './steps';
import { E2E_CAMPAIGN } from './new-node.scenario';
import { runEditorScenario } from './scenario';

const REPO = resolve(__dirname, '..', '..');
const WORK_DIR = join(REPO, '.e2e');
const FAILURES_DIR = join(WORK_DIR, 'failures');
const IMAGES_DIR = join(REPO, 'docs', 'images');

async function main(): Promise<boolean> {
	rmSync(WORK_DIR, { recursive: true, force: true });
	mkdirSync(FAILURES_DIR, { recursive: true });
	mkdirSync(IMAGES_DIR, { recursive: true });

	let runtime: N8nRuntime | undefined;
	let standIn: SalesforceStandIn | undefined;
	let n8n: N8nServer | undefined;
	let browser: Browser | undefined;
	let editor: Editor | undefined;
	const n8nPort = await freePort();
	const n8nUrl = `http://localhost:${n8nPort}`;
	const userFolder = join(WORK_DIR, 'n8n-user');

	const runner = new StepRunner(async (stepName) => {
		if (editor) {
			const file = join(FAILURES_DIR, `${stepName.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
			await editor.screenshot(file);
			console.log(`    screenshot of the failing step: ${file}`);
		}
		if (n8n) console.log(`    end of n8n's log (${join(WORK_DIR, 'n8n.log')}):\n${indent(n8n.logTail(40), 6)}`);
	});

	const stopEverything = async () => {
		await browser?.close().catch(() => undefined);
		await n8n?.process.stop();
		await standIn?.emulator.stop().catch(() => undefined);
	};
	stopOnSignals(runner, 'n8n, the emulator and Chromium', stopEverything);

	try {
		await runner.step('n8n 2.41.1 and Node 24 ready in .cache/e2e', async () => {
			runtime = await ensureN8nRuntime(configuredCacheDir(), (message) => runner.note(message));
		});
		await runner.step('package built, packed and installed the way "Install community node" does', async () => {
			await runLogged('npm', ['run', 'build'], { cwd: REPO, logFile: join(WORK_DIR, 'build.log') });
			const { tarball, files } = packRepository(REPO, join(WORK_DIR, 'pack'), join(WORK_DIR, 'pack.json'));
			runner.note(`${tarball.slice(REPO.length + 1)}: ${files.length} files`);
			mkdirSync(userFolder, { recursive: true });
			await installLikeCommunityNode(tarball, userFolder, runtime!.env, join(WORK_DIR, 'install.log'));
		});
		await runner.step('emulator serves https for login.salesforce.com, test.salesforce.com and acme.my.salesforce.com', async () => {
			standIn = await startSalesforceStandIn(WORK_DIR, n8nUrl, { campaigns: [{ name: E2E_CAMPAIGN }] });
			runner.note(`emulator at ${standIn.emulator.url}; request log .e2e/emulator.log`);
		});
		await runner.step('n8n starts on a fresh user folder and answers /healthz/readiness', async () => {
			n8n = await startN8n({ runtime: runtime!, userFolder, port: n8nPort, logFile: join(WORK_DIR, 'n8n.log'), env: standIn!.n8nEnv });
			runner.note(`editor at ${n8nUrl}`);
		});
		await runner.step('Chromium opens the editor', async () => {
			await ensureChromium((message) => runner.note(message), join(WORK_DIR, 'chromium-install.log'));
			browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...standIn!.chromiumArgs] });
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			editor = new Editor(await context.newPage(), context, n8nUrl);
		});
		await runEditorScenario({ runner, editor: () => editor!, standIn: () => standIn!, n8n: () => n8n!, imagesDir: IMAGES_DIR, repo: REPO });
	} finally {
		await stopEverything();
	}
	console.log(runner.summary());
	return runner.ok;
}

exitWhenDone(main);
