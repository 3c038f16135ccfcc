/**
 * n8n's internal REST API (`/rest/...`) spoken from Node, as the editor speaks it: the owner's
 * session cookie is kept after owner setup and sent with every later call. No `browser-id` header:
 * a session opened without one is not bound to a browser.
 */
export class N8nRestClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await this.send(method, `/rest${path}`, body);
		const text = await response.text();
		if (response.status >= 300) throw new Error(`${method} /rest${path} answered ${response.status}: ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** A GET with the session that does not follow redirects (the OAuth callback), answered as text. */
	async page(pathAndQuery: string): Promise<{ status: number; text: string }> {
		const response = await this.send('GET', pathAndQuery);
		return { status: response.status, text: await response.text() };
	}

	async setUpOwner(owner: { email: string; firstName: string; lastName: string; password: string }): Promise<void> {
		await this.call('POST', '/owner/setup', owner);
		if (!this.cookie) throw new Error('owner setup answered without a session cookie');
	}

	private async send(method: string, path: string, body?: unknown): Promise<Response> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			redirect: 'manual',
			headers: { 'content-type': 'application/json', ...(this.cookie && { cookie: this.cookie }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (session) this.cookie = session.split(';')[0];
		return response;
	}
}
