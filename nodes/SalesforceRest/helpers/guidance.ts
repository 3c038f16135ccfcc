/**
 * What a user should read about a problem: Salesforce's message plus, for the codes where the message
 * alone leaves them stuck, what to do. Pure; matched on codes, never on (localised) text.
 */
import { withFullStop } from './bounded';
import type { SalesforceProblem } from './problem';

const REST_EDITIONS =
	'The REST API is available in Enterprise, Unlimited, Performance and Developer Edition, and in Professional Edition with the API add-on; the user also needs the "API Enabled" permission.';
const RECONNECT = 'Open the Salesforce REST credential and reconnect it.';

/** What the user should do about a problem, by code; undefined when Salesforce's message says it all. */
export function guidanceFor(problem: SalesforceProblem): string | undefined {
	switch (problem.errorCode) {
		case 'API_DISABLED_FOR_ORG':
		case 'API_CURRENTLY_DISABLED':
			return `This Salesforce org or user may not use the API. ${REST_EDITIONS}`;
		case 'REQUEST_LIMIT_EXCEEDED':
			return 'The org has spent its API request allowance (the daily limit over a rolling 24 hours, or too many long requests at once). Wait until calls free up, or ask a Salesforce admin to raise the limit.';
		case 'invalid_grant':
			return `Salesforce no longer accepts this credential's refresh token (revoked, expired, or the user or org is inactive). ${RECONNECT}`;
		case 'INVALID_SESSION_ID':
			return `Salesforce refused the session even after n8n refreshed the access token. ${RECONNECT} If it keeps happening, the org's session settings (IP restrictions, sessions locked to an IP) may block API use from n8n.`;
		case 'INVALID_TYPE':
		case 'NOT_FOUND':
			return 'Check the object or record name: it must be an API name that exists in this org and is visible to the connected user.';
		case 'UNABLE_TO_LOCK_ROW':
			return 'Another process was updating the same records. Running the workflow again usually succeeds.';
		case 'DUPLICATES_DETECTED':
			return 'An org duplicate rule blocked the save. Choose "Save Anyway" under "When a Duplicate Rule Matches" (an alert rule then saves it, a block rule never does), or "Use the Existing Record".';
	}
	if (problem.httpStatus === 410) return 'This API version is retired: choose a newer API Version.';
	if (problem.httpStatus !== undefined && problem.httpStatus >= 500) {
		return 'Salesforce had a server problem. Nothing that failed this way needs fixing in the workflow; try again later.';
	}
	return undefined;
}

/** A problem reported on an output item (Continue On Fail): the message and, when useful, what to do. */
export function readableMessage(problem: SalesforceProblem): string {
	const guidance = guidanceFor(problem);
	return guidance ? `${withFullStop(problem.message)} ${guidance}` : problem.message;
}
