/**
 * A new Salesforce REST node as a first-time user meets it, before any credential exists: Lead →
 * Create from the node creator, the credential connected from the node itself, then "Add to
 * Campaign" with its Campaign Member Status left at the default.
 *
 * n8n 2.41's editor never asks a resourceMapper for its fields again when a credential is attached to
 * the open node (it watches the parameters named in loadOptionsDependsOn, not credentials), so the
 * node's answer without a credential has to say what to do; Retry then loads the org's fields.
 */
import { SALESFORCE_HOSTS } from '../../scripts/e2e/salesforce-stand-in';
import { allowAccess } from './credentials.scenario';
import { check, type ScenarioContext } from './scenario-context';

/** The campaign run.ts seeds in the emulator; a new campaign gets the statuses Sent (default) and Responded. */
export const E2E_CAMPAIGN = 'Spring Webinar';

const NODE_NAME = 'Salesforce REST';
const ACTION_NAME = 'Create leads';
const CREDENTIAL_NAME = 'Salesforce (connected from the node)';
const NO_CREDENTIAL_NOTICE = 'Choose or connect the Salesforce credential above, then press Retry';
const DEFAULT_STATUS = 'The Campaign’s Default Status';

export async function runNewNodeScenario(scenario: ScenarioContext): Promise<void> {
	const { runner } = scenario;
	const editor = () => scenario.editor();

	await runner.step(`a new ${NODE_NAME} → ${ACTION_NAME} node without a credential says to connect one; connected from the node, Retry lists the Lead fields, LastName and Company required`, async () => {
		await editor().addNodeToNewWorkflow(NODE_NAME, ACTION_NAME);
		const notice = editor().byTestId('empty-fields-notice');
		const shown = await notice.waitFor({ timeout: 15_000 }).then(() => true, () => false);
		const fieldsArea = await editor().byTestId('resource-mapper-container').innerText();
		check(shown, `without a credential the Fields list shows no notice of ours, only: ${JSON.stringify(fieldsArea)}`);
		check((await notice.innerText()).startsWith(NO_CREDENTIAL_NOTICE), `the notice reads ${JSON.stringify(await notice.innerText())}`);

		const app = scenario.standIn().emulator.app;
		await editor().byTestId('node-credentials-slot').getByText(`Connect to ${NODE_NAME}`).click();
		await editor().fillCredentialDialog({ name: CREDENTIAL_NAME, clientId: app.clientId, clientSecret: app.clientSecret, environmentLabel: 'My Domain', myDomainUrl: `https://${SALESFORCE_HOSTS.myDomain}` });
		await editor().connectCredential(allowAccess, { closesWhenConnected: true });
		const credentialInput = editor().byTestId('node-credentials-select').locator('input');
		await editor()
			.page.waitForFunction(([input, name]) => (input as HTMLInputElement | null)?.value === name, [await credentialInput.elementHandle(), CREDENTIAL_NAME] as const, { timeout: 10_000 })
			.catch(() => undefined);
		const selected = await credentialInput.inputValue();
		check(selected === CREDENTIAL_NAME, `the node's credential reads ${JSON.stringify(selected)} after connecting`);

		await editor().byTestId('mapping-mode-select').getByText('Retry').click();
		const fields = await editor().resourceMapperFields();
		const required = fields.filter((field) => field.required).map((field) => field.id).sort();
		check(JSON.stringify(required) === JSON.stringify(['Company', 'LastName']), `required fields shown: ${required.join(', ') || 'none'}`);
		runner.note(`notice without a credential; after connecting and Retry: ${fields.length} fields, required ${required.join(', ')}`);
	});

	await runner.step(`Add to Campaign (${E2E_CAMPAIGN}) and Campaign Member Status: the status starts at "${DEFAULT_STATUS}", no "is not supported" warning, the campaign's statuses after it`, async () => {
		const page = editor().page;
		await editor().addCollectionOption('Add to Campaign');
		await editor().byTestId('resource-locator-campaign').locator('[data-test-id="rlc-input"]').click();
		await page.locator('[data-test-id="rlc-item"]:visible', { hasText: E2E_CAMPAIGN }).first().click();
		await editor().addCollectionOption('Campaign Member Status');

		const status = editor().byTestId('parameter-input-campaignStatus').locator('input');
		await status.waitFor({ timeout: 15_000 });
		// The input reads "Loading options..." until the list arrives; n8n judges the value against it then.
		await page
			.waitForFunction((input) => !/^$|^Loading/.test((input as HTMLInputElement | null)?.value ?? ''), await status.elementHandle(), { timeout: 10_000 })
			.catch(() => undefined);
		const issues = await editor().parameterIssues('campaignStatus');
		check(issues.length === 0, `Campaign Member Status at its default shows: ${issues.join(' / ')}`);
		const shownValue = await status.inputValue();
		check(shownValue === DEFAULT_STATUS, `Campaign Member Status at its default reads ${JSON.stringify(shownValue)}`);

		await editor().byTestId('parameter-input-campaignStatus').click();
		const options = page.locator('[role="option"]:visible');
		await options.first().waitFor({ timeout: 10_000 });
		const offered = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
		await page.keyboard.press('Escape');
		check(JSON.stringify(offered) === JSON.stringify([DEFAULT_STATUS, 'Sent (default)', 'Responded']), `statuses offered: ${offered.join(' | ')}`);
		runner.note(`offered: ${offered.join(' | ')}`);
		await editor().byTestId('ndv-close-button').click();
		await editor().byTestId('ndv').waitFor({ state: 'hidden', timeout: 30_000 });
	});
}

