/**
 * The n8n 2.41 editor as a person uses it, driven through Playwright. Selectors are n8n's own
 * data-test-id attributes (learned from the 2.41.1 editor); every wait has a timeout so a changed
 * editor fails with a screenshot instead of hanging.
 */
import type { BrowserContext, Locator, Page, Request } from 'playwright-core';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface CredentialForm {
	name: string;
	clientId: string;
	clientSecret: string;
	/** The label of the Environment option: 'Production' | 'Sandbox' | 'My Domain'. */
	environmentLabel: string;
	myDomainUrl?: string;
}

const TIMEOUT = 30_000;

export class Editor {
	constructor(
		readonly page: Page,
		readonly context: BrowserContext,
		readonly baseUrl: string,
	) {}

	byTestId(id: string): Locator {
		return this.page.locator(`[data-test-id="${id}"]`);
	}

	async setUpOwner(owner: Owner): Promise<void> {
		await this.page.goto(`${this.baseUrl}/`);
		await this.page.waitForURL(/\/setup/, { timeout: TIMEOUT });
		for (const field of ['email', 'firstName', 'lastName', 'password'] as const) {
			await this.page.locator(`input[name="${field}"]`).fill(owner[field]);
		}
		await this.byTestId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/setup'), { timeout: TIMEOUT });
	}

	/**
	 * A call to n8n's REST API from inside the editor page, as the editor itself makes it: with the
	 * session cookie and the `browser-id` header (n8n answers 401 without it and drops the cookie).
	 */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await this.page.evaluate(
			async ({ method, path, body }) => {
				const response = await fetch(path, {
					method,
					headers: { 'content-type': 'application/json', 'browser-id': localStorage.getItem('n8n-browserId') ?? '' },
					body: body === undefined ? undefined : JSON.stringify(body),
				});
				return { status: response.status, text: await response.text() };
			},
			{ method, path: `/rest${path}`, body },
		);
		if (answer.status >= 300) throw new Error(`${method} /rest${path} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
		return (JSON.parse(answer.text) as { data: T }).data;
	}

	/** GET of a same-origin JSON file that needs the session (n8n's /types/*.json). */
	async getJson<T>(path: string): Promise<T> {
		const answer = await this.page.evaluate(async (path) => {
			const response = await fetch(path, { headers: { 'browser-id': localStorage.getItem('n8n-browserId') ?? '' } });
			return { status: response.status, text: await response.text() };
		}, path);
		if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
		return JSON.parse(answer.text) as T;
	}

	/** The Content-Type n8n serves a same-origin path with (icons), or undefined when it is not 200. */
	async contentType(path: string): Promise<string | undefined> {
		return await this.page.evaluate(async (path) => {
			const response = await fetch(path, { headers: { 'browser-id': localStorage.getItem('n8n-browserId') ?? '' } });
			return response.status === 200 ? (response.headers.get('content-type') ?? '') : undefined;
		}, path);
	}

	/** Opens "Create credential", picks the type by its display name and fills the connection form. */
	async openNewCredential(typeDisplayName: string, form: CredentialForm): Promise<Locator> {
		await this.page.goto(`${this.baseUrl}/home/credentials`);
		await this.byTestId('add-resource-credential').click();
		await this.byTestId('new-credential-type-select').click();
		await this.page.keyboard.type(typeDisplayName);
		await this.byTestId('new-credential-type-select-option').filter({ hasText: typeDisplayName }).first().click();
		await this.byTestId('new-credential-type-button').click();
		return await this.fillCredentialDialog(form);
	}

	/** Fills the connection form of the credential dialog that is opening (from the credentials page or a node). */
	async fillCredentialDialog(form: CredentialForm): Promise<Locator> {
		const dialog = this.byTestId('editCredential-modal');
		await dialog.waitFor({ timeout: TIMEOUT });

		await this.byTestId('credential-name').click();
		await this.byTestId('credential-name').locator('input').fill(form.name);
		await this.page.keyboard.press('Enter');
		await this.byTestId('parameter-input-clientId').locator('input').fill(form.clientId);
		await this.byTestId('parameter-input-clientSecret').locator('input').fill(form.clientSecret);
		await this.chooseOption('parameter-input-environment', form.environmentLabel);
		if (form.myDomainUrl !== undefined) {
			await this.byTestId('parameter-input-myDomainUrl').locator('input').fill(form.myDomainUrl);
		}
		return dialog;
	}

	/**
	 * Presses Connect in an open credential dialog, lets `consent` act on the authorization page that
	 * opens in a popup, and waits for n8n's "connected" banner, or, for a dialog opened from a node
	 * (which n8n closes once the account is connected), for the dialog to close. Returns the URLs the
	 * popup requested (the authorization URL n8n built comes first).
	 */
	async connectCredential(consent: (popup: Page) => Promise<void>, { closesWhenConnected = false } = {}): Promise<string[]> {
		const popupOpened = this.context.waitForEvent('page', { timeout: TIMEOUT });
		const requested: string[] = [];
		const record = (request: Request) => {
			if (request.isNavigationRequest() && request.frame().page() !== this.page) requested.push(request.url());
		};
		this.context.on('request', record);
		try {
			await this.byTestId('oauth-not-connected-banner').getByRole('button').first().click();
			await consent(await popupOpened);
			const connected = closesWhenConnected ? this.byTestId('editCredential-modal') : this.byTestId('oauth-connect-success-banner');
			await connected.waitFor({ state: closesWhenConnected ? 'hidden' : 'visible', timeout: TIMEOUT });
		} finally {
			this.context.off('request', record);
		}
		return requested;
	}

	async closeDialog(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.byTestId('editCredential-modal').waitFor({ state: 'hidden', timeout: TIMEOUT });
	}

	async chooseOption(parameterTestId: string, label: string): Promise<void> {
		await this.byTestId(parameterTestId).click();
		await this.page.locator('[role="option"]:visible', { hasText: label }).first().click();
	}

	/**
	 * A new workflow, then a node added the way a user does: the node creator's "+", the node found
	 * by name, one of its actions clicked. n8n adds the node (and a manual trigger) and opens its panel.
	 */
	async addNodeToNewWorkflow(nodeDisplayName: string, actionName: string): Promise<Locator> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.byTestId('canvas-add-button').waitFor({ timeout: TIMEOUT });
		await this.byTestId('node-creator-plus-button').click();
		await this.byTestId('node-creator-search-bar').waitFor({ timeout: TIMEOUT });
		await this.page.keyboard.type(nodeDisplayName);
		await this.byTestId('node-creator-item-name').filter({ hasText: nodeDisplayName }).first().click();
		await this.byTestId('node-creator-item-name').filter({ hasText: actionName }).first().click();
		const panel = this.byTestId('ndv');
		await panel.waitFor({ timeout: TIMEOUT });
		return panel;
	}

	/** Adds an option of the open node's "Options" collection by its display name. */
	async addCollectionOption(displayName: string): Promise<void> {
		await this.byTestId('ndv').locator('[data-test-id="collection-parameter-add"]').click();
		await this.page.locator('[data-test-id="collection-parameter-option"]:visible', { hasText: displayName }).first().click();
	}

	/** The issues n8n shows on a parameter of the open node (the texts of its warning icons' tooltips). */
	async parameterIssues(parameterName: string): Promise<string[]> {
		// The innermost parameter item holding the input (a collection's own item holds it too).
		const item = this.byTestId('ndv').locator('[data-test-id="parameter-item"]').filter({ has: this.byTestId(`parameter-input-${parameterName}`) }).last();
		const icons = item.locator('[data-test-id="parameter-issues"]');
		const texts: string[] = [];
		for (const icon of await icons.all()) {
			if (!(await icon.isVisible())) continue;
			await icon.hover();
			// n8n's tooltip: a title "Issues:" above the list of issues.
			const tooltip = this.page.getByText(/^\s*Issues:?\s*$/).filter({ visible: true }).last().locator('xpath=..');
			const text = await tooltip.innerText({ timeout: 5_000 }).catch(() => '(an issue icon whose tooltip did not open)');
			texts.push(text.replace(/\s+/g, ' ').trim());
		}
		return texts;
	}

	async openWorkflow(workflowId: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}`);
		await this.byTestId('canvas-node').first().waitFor({ timeout: TIMEOUT });
	}

	/** Opens a node's settings panel (NDV) by double-clicking it on the canvas. */
	async openNode(nodeName: string): Promise<Locator> {
		await this.byTestId('canvas-node').filter({ hasText: nodeName }).first().dblclick();
		const panel = this.byTestId('ndv');
		await panel.waitFor({ timeout: TIMEOUT });
		return panel;
	}

	async closeNode(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.byTestId('ndv').waitFor({ state: 'hidden', timeout: TIMEOUT });
	}

	/**
	 * The fields a resourceMapper parameter shows in the open node panel, once loaded. A field of an
	 * 'add' mapper is required when n8n offers no "remove field" button for it; its id is the API name
	 * in the label "Label (ApiName)" (or the whole label when it is the API name).
	 */
	async resourceMapperFields(): Promise<Array<{ id: string; label: string; required: boolean }>> {
		const items = this.byTestId('mapping-fields-container').locator('.parameter-item');
		await items.first().waitFor({ timeout: TIMEOUT });
		const rows = await items.evaluateAll((elements) =>
			elements.map((item) => ({
				// The label's first text leaf: later leaves are the Fixed / Expression toggle.
				label: Array.from(item.querySelector('label')?.querySelectorAll('*') ?? [])
					.find((element) => element.children.length === 0 && (element.textContent ?? '').trim() !== '')
					?.textContent?.trim() ?? '',
				removable: item.querySelector('[data-test-id^="remove-field-button-"]') !== null,
			})),
		);
		return rows.map(({ label, removable }) => ({
			id: /\(([A-Za-z][A-Za-z0-9_]*)\)(, values separated by ;)?$/.exec(label)?.[1] ?? label,
			label,
			required: !removable,
		}));
	}

	async publishWorkflow(): Promise<void> {
		await this.byTestId('workflow-open-publish-modal-button').click();
		await this.byTestId('workflow-publish-button').click();
		await this.byTestId('workflowPublish-modal').waitFor({ state: 'hidden', timeout: TIMEOUT });
		// The header button reads "Publishing..." until the server has activated the triggers.
		const button = this.byTestId('workflow-open-publish-modal-button');
		await this.page.waitForFunction(
			(element) => element !== null && !/publishing/i.test(element.textContent ?? ''),
			await button.elementHandle(),
			{ timeout: TIMEOUT },
		);
	}

	/** Opens the workflow's most recent execution and, in its preview, the given node's output. */
	async openLatestExecution(workflowId: string, nodeName: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}/executions`);
		const preview = this.byTestId('execution-preview-host');
		await preview.waitFor({ timeout: TIMEOUT });
		await this.page.keyboard.press('Escape');
		const node = preview.locator('[data-test-id="canvas-node"]').filter({ hasText: nodeName }).first();
		await node.waitFor({ timeout: TIMEOUT });
		await node.dblclick();
		await this.byTestId('ndv').waitFor({ timeout: TIMEOUT });
		await this.page.waitForTimeout(500);
	}

	async screenshot(path: string): Promise<void> {
		await this.page.screenshot({ path });
	}
}
