/**
 * Debian's Chromium for the end-to-end run: used from /usr/bin/chromium, installed with apt-get when
 * missing (through scripts/ensure-chromium.sh when the repository has it).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runLogged } from './processes';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Quiet, headless-friendly switches: no sandbox (root in CI), no GPU, no calls home. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage',
];

export async function ensureChromium(say: (message: string) => void, logFile: string): Promise<void> {
	if (existsSync(CHROMIUM_PATH)) return;
	const script = resolve(__dirname, '..', 'ensure-chromium.sh');
	if (existsSync(script)) {
		say(`${CHROMIUM_PATH} missing: running scripts/ensure-chromium.sh`);
		await runLogged('sh', [script], { logFile });
	} else {
		say(`${CHROMIUM_PATH} missing: apt-get install chromium (log: ${logFile})`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await runLogged('apt-get', ['update'], { logFile, env });
		await runLogged('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { logFile, env });
	}
	if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} still missing after installing chromium; see ${logFile}`);
}
