/**
 * The Composite request body (POST /composite), checked whole before any subrequest runs:
 * Salesforce answers a malformed envelope with one 400 and runs nothing ("High Level Parsing
 * Errors", Salesforce's blog "Handle Errors with Composite Resources", 2017). More than 25
 * subrequests is the one envelope problem answered inside a 200, as a live org answers it.
 */
import { jsonReply, type Reply } from '../http';
import { isPlainObject, unsupportedMediaType, type RestCall } from './call';
import { errorsReply, type SaveError } from './errors';
import { booleanFlag, parseJsonBody, parserError } from './json-body';

export const SUBREQUEST_LIMIT = 25;
/** Case-sensitive, as documented. */
const METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'];
/** Subrequests take these from the composite request; a subrequest that names one fails the whole request. */
export const INHERITED_HEADERS = ['accept', 'authorization', 'content-type'];
/** From API version 52.0 a referenceId with any other character fails the whole request. */
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
const FIRST_VERSION_CHECKING_REFERENCE_IDS = 52;
/** "The URL must start with /services/data/vXX.X/"; whether that version exists is the subrequest's own answer. */
const SUBREQUEST_URL = /^\/services\/data\/v\d+\.\d+\//;

export interface Subrequest {
	method: string;
	url: string;
	referenceId: string;
	/** undefined when the subrequest has no body. */
	body: unknown;
	/** Lower-cased names. */
	httpHeaders: Record<string, string>;
}

export type CompositeRead = { ok: true; allOrNone: boolean; subrequests: Subrequest[] } | { ok: false; reply: Reply };

export function readComposite(call: RestCall): CompositeRead {
	const fail = (reply: Reply): CompositeRead => ({ ok: false, reply });
	const refuse = (message: string): CompositeRead => fail(errorsReply(400, [parserError(message)]));
	const unsupported = unsupportedMediaType(call.request);
	if (unsupported !== undefined) return fail(unsupported);
	const parsed = parseJsonBody(call.request.rawBody);
	if (!parsed.ok) return fail(errorsReply(400, [parsed.error]));
	const body = parsed.value;
	if (!isPlainObject(body) || !Array.isArray(body.compositeRequest)) return refuse('\'compositeRequest\' is a required field.');
	// collateSubrequests only lets Salesforce reorder unrelated subrequests: the emulator always runs them in order.
	const [allOrNone, collate] = [booleanFlag(body, 'allOrNone'), booleanFlag(body, 'collateSubrequests')];
	for (const flag of [allOrNone, collate]) if (typeof flag !== 'boolean') return fail(errorsReply(400, [flag]));
	if (body.compositeRequest.length > SUBREQUEST_LIMIT) return fail(tooManySubrequests());
	const subrequests: Subrequest[] = [];
	for (const entry of body.compositeRequest as unknown[]) {
		const subrequest = readSubrequest(entry, Number(call.version));
		if (typeof subrequest === 'string') return refuse(subrequest);
		if (subrequests.some((earlier) => earlier.referenceId === subrequest.referenceId)) {
			return refuse(`Duplicate referenceId provided in the request: ${subrequest.referenceId}`);
		}
		subrequests.push(subrequest);
	}
	return { ok: true, allOrNone: allOrNone === true, subrequests };
}

/** Captured from a live org (guardian/support-service-lambdas#766): HTTP 200, one result without a referenceId. */
function tooManySubrequests(): Reply {
	const error: Pick<SaveError, 'errorCode' | 'message'> = { errorCode: 'LIMIT_EXCEEDED', message: `The request can’t contain more than ${SUBREQUEST_LIMIT} operations.` };
	return jsonReply(200, { compositeResponse: [{ body: [error], httpHeaders: {}, httpStatusCode: 400, referenceId: null }] });
}

/** The subrequest, or the message of the 400 that refuses the whole request. */
function readSubrequest(entry: unknown, version: number): Subrequest | string {
	if (!isPlainObject(entry)) return 'Each entry of \'compositeRequest\' must be an object with method, url and referenceId';
	const missing = ['method', 'url', 'referenceId'].find((name) => typeof entry[name] !== 'string' || entry[name] === '');
	if (missing !== undefined) return `'${missing}' is a required field.`;
	const { method, url, referenceId } = entry as Record<'method' | 'url' | 'referenceId', string>;
	if (version >= FIRST_VERSION_CHECKING_REFERENCE_IDS && !REFERENCE_ID.test(referenceId)) {
		return `Provided referenceId ('${referenceId}') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_').`;
	}
	if (!METHODS.includes(method)) return `Subrequest ${referenceId}: method '${method}' is not one of ${METHODS.join(', ')} (case-sensitive)`;
	if (!SUBREQUEST_URL.test(url)) return `Subrequest ${referenceId}: the url must start with /services/data/vXX.X/, got ${url}`;
	const headers = entry.httpHeaders ?? {};
	if (!isPlainObject(headers) || Object.values(headers).some((value) => typeof value !== 'string')) {
		return `Subrequest ${referenceId}: 'httpHeaders' must map header names to strings`;
	}
	const inherited = Object.keys(headers).find((name) => INHERITED_HEADERS.includes(name.toLowerCase()));
	if (inherited !== undefined) {
		return `Subrequest ${referenceId}: the ${inherited} header cannot be set on a subrequest; it is taken from the composite request`;
	}
	const httpHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value as string]));
	return { method, url, referenceId, body: entry.body, httpHeaders };
}
