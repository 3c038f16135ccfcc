/**
 * Something between n8n and Salesforce (a proxy, a WAF, a gateway) refuses a create and echoes the
 * request in its error body, bearer token included: the items and the thrown error quote the body
 * without the token.
 */
import type { IDataObject } from 'n8n-workflow';

import { leadCreateParameters, runWorkflow, webhookToSalesforce } from '../harness';
import { LEAD_MAPPING, numberedLeads, orgForEachTest } from './helpers';

const org = orgForEachTest();

const accessToken = () => (org.credential.data.oauthTokenData as IDataObject).access_token as string;

/** Anything shaped like a Salesforce access token: org id, "!", token. */
const SALESFORCE_TOKEN_SHAPE = /00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?!/;

/** What the echo becomes in a message. */
const ECHO_QUOTED = 'Authorization: [token removed] {"access_token":"[token removed]"}';

const createLeads = (continueOnFail: boolean) =>
	runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING), { continueOnFail }),
		input: numberedLeads(2),
		credentials: [org.credential],
	});

interface EchoingAnswer {
	status: number;
	body: (echo: string) => unknown;
	contentType?: string;
	/** The item's error and the code for that answer. */
	error: string;
	errorCode: string;
	/** What the error that stops the node says of it. */
	stopped: string;
}

const SERVER_PROBLEM = 'Salesforce had a server problem. Nothing that failed this way needs fixing in the workflow; try again later.';

const ANSWERS: Record<string, EchoingAnswer> = {
	'a 400 in Salesforce error JSON': {
		status: 400,
		body: (echo) => [{ errorCode: 'BAD_REQUEST', message: `Refused: ${echo}` }],
		error: `Refused: ${ECHO_QUOTED}`,
		errorCode: 'BAD_REQUEST',
		stopped: `BAD_REQUEST: Refused: ${ECHO_QUOTED}.`,
	},
	'a 502 in plain text': {
		status: 502,
		body: (echo) => `Bad Gateway. ${echo}`,
		contentType: 'text/plain',
		error: `Bad Gateway. ${ECHO_QUOTED}. ${SERVER_PROBLEM}`,
		errorCode: 'HTTP_502',
		stopped: `HTTP_502: Bad Gateway. ${ECHO_QUOTED}. ${SERVER_PROBLEM}`,
	},
};

/** The create is answered with a body echoing the request's Authorization header and a JSON access_token. */
function refuseCreateEchoing({ status, body, contentType }: EchoingAnswer): void {
	const token = accessToken();
	const echo = `Authorization: Bearer ${token} {"access_token":"${token}"}`;
	org.emulator.faults.add({ method: 'POST', path: '/composite/sobjects', status, body: body(echo), ...(contentType && { contentType }) });
}

/** Neither the credential's access token, nor any part of what follows its "!", nor anything of its shape. */
function expectNoToken(text: string): void {
	expect(text).not.toContain(accessToken().slice(16, 40));
	expect(text).not.toMatch(SALESFORCE_TOKEN_SHAPE);
}

describe.each(Object.keys(ANSWERS))('a create refused with %s that echoes the token', (name) => {
	const answer = ANSWERS[name];

	it('fails each item (Continue On Fail) quoting the answer without the token', async () => {
		refuseCreateEchoing(answer);

		const result = await createLeads(true);

		const failed = { success: false, error: answer.error, errorCode: answer.errorCode, fields: [] };
		expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([failed, failed]);
		expectNoToken(JSON.stringify(result.run.data.resultData));
	});

	it('stops (Continue On Fail off) with an error quoting the answer without the token', async () => {
		refuseCreateEchoing(answer);

		const result = await createLeads(false);

		const error = result.error as NonNullable<typeof result.error>;
		expect(error.message).toBe(
			`Creating items 0, 1 failed: ${answer.stopped} None of these items was saved. No earlier item had been created.`,
		);
		expectNoToken(`${error.message} ${String(error.description)} ${String(error.stack)} ${JSON.stringify(error)}`);
		expectNoToken(JSON.stringify(result.run.data.resultData));
	});
});
