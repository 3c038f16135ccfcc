/**
 * The steps that happen in the editor once n8n and Chromium run: owner account, package types, a new
 * node before any credential exists (new-node.scenario.ts), credentials (credentials.scenario.ts),
 * then the lead-intake workflow (leads.scenario.ts).
 */
import { connectCredentials, CREDENTIAL_TYPE_NAME } from './credentials.scenario';
import { runLeadIntake } from './leads.scenario';
import { runNewNodeScenario } from './new-node.scenario';
import { check, type ScenarioContext } from './scenario-context';

const PACKAGE_NAME = 'n8n-nodes-salesforce-rest';

export async function runEditorScenario(scenario: ScenarioContext): Promise<void> {
	const { runner } = scenario;
	await runner.step('owner account set up in the editor', async () => {
		await scenario.editor().setUpOwner({ email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'E2e-Passw0rd' });
	});
	await runner.step('n8n loaded the installed package: node, credential, icons and codex', async () => {
		const editor = scenario.editor();
		const nodes = await editor.getJson<Array<{ name: string; displayName: string; iconUrl?: string | { light: string; dark: string }; codex?: { categories?: string[] } }>>('/types/nodes.json');
		const node = nodes.find((type) => type.name === `${PACKAGE_NAME}.salesforceRest`);
		check(node !== undefined, `node type ${PACKAGE_NAME}.salesforceRest not loaded (see n8n's log)`);
		check(Array.isArray(node.codex?.categories) && node.codex.categories.includes('Sales'), `codex not applied: categories ${JSON.stringify(node.codex?.categories)}`);
		const credentials = await editor.getJson<Array<{ name: string; displayName: string; iconUrl?: string }>>('/types/credentials.json');
		const credential = credentials.find((type) => type.name === 'salesforceRestOAuth2Api');
		check(credential?.displayName === CREDENTIAL_TYPE_NAME, `credential type salesforceRestOAuth2Api not loaded as "${CREDENTIAL_TYPE_NAME}"`);
		const icons = [...iconUrls(node.iconUrl), ...iconUrls(credential.iconUrl)];
		check(icons.length >= 2, `icons missing: node ${JSON.stringify(node.iconUrl)}, credential ${JSON.stringify(credential.iconUrl)}`);
		for (const icon of icons) {
			const type = await editor.contentType(icon);
			check(type?.startsWith('image/svg+xml'), `icon ${icon} served as ${type}`);
		}
		const loadErrors = scenario.n8n().logTail(400).split('\n').filter((line) => line.includes(PACKAGE_NAME) && /fail|skip|error/i.test(line));
		check(loadErrors.length === 0, `n8n logged problems with the package:\n${loadErrors.join('\n')}`);
		runner.note(`node "${node.displayName}" and credential "${credential.displayName}" with ${icons.length} icons`);
	});
	await runNewNodeScenario(scenario);
	const credentials = await connectCredentials(scenario);
	await runLeadIntake(scenario, credentials);
}

function iconUrls(iconUrl: string | { light: string; dark: string } | undefined): string[] {
	if (iconUrl === undefined) return [];
	return typeof iconUrl === 'string' ? [iconUrl] : [iconUrl.light, iconUrl.dark];
}
