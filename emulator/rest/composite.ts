/**
 * Composite (POST /composite, v38.0+): up to 25 subrequests run in order through the same REST
 * routes and checks as calls of their own, all in the composite's one API call; a later one may
 * use an earlier answer (@{ref.id}, composite-references.ts). HTTP 200 with one result per
 * subrequest, in order: {body, httpHeaders, httpStatusCode, referenceId}.
 * - allOrNone true: the first subrequest that fails rolls the org back to where it was before the
 *   composite; it keeps its own answer and every other subrequest, run before it or not run at
 *   all, reports 400 PROCESSING_HALTED "The transaction was rolled back ...".
 * - allOrNone false: every subrequest runs; one that refers to a failed one finds no value there
 *   and halts with 400 PROCESSING_HALTED "Invalid reference specified ...".
 */
import { jsonReply, type EmulatorRequest, type Reply } from '../http';
import { isPlainObject, type RestCall } from './call';
import { resolveReferences } from './composite-references';
import { INHERITED_HEADERS, readComposite, type Subrequest } from './composite-request';
import { notFound } from './errors';

/** Runs one subrequest through the REST routes (router.ts), inside the composite's call. */
export type SubrequestRunner = (composite: RestCall, request: EmulatorRequest) => Reply;

interface SubrequestResult {
	body: unknown;
	httpHeaders: Record<string, string>;
	httpStatusCode: number;
	referenceId: string;
}

const FIRST_COMPOSITE_VERSION = 38;
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';
/** Subrequest URLs are paths; this only gives them somewhere to be parsed from. */
const URL_BASE = 'http://subrequest.invalid';

export function runComposite(call: RestCall, runSubrequest: SubrequestRunner): Reply {
	if (Number(call.version) < FIRST_COMPOSITE_VERSION) return notFound();
	const read = readComposite(call);
	if (!read.ok) return read.reply;
	const before = read.allOrNone ? call.org.store.snapshot() : undefined;
	const answers = new Map<string, unknown>();
	const results: SubrequestResult[] = [];
	for (const subrequest of read.subrequests) {
		const result = execute(call, subrequest, answers, runSubrequest);
		if (before !== undefined && failed(result)) {
			call.org.store.restore(before);
			return compositeReply(read.subrequests.map((other) => (other === subrequest ? result : halted(other.referenceId, ROLLED_BACK))));
		}
		answers.set(subrequest.referenceId, result.body);
		results.push(result);
	}
	return compositeReply(results);
}

function execute(call: RestCall, subrequest: Subrequest, answers: Map<string, unknown>, runSubrequest: SubrequestRunner): SubrequestResult {
	const resolved = resolveReferences(subrequest, answers, Number(call.version));
	if ('invalid' in resolved) return halted(subrequest.referenceId, resolved.invalid);
	const reply = runSubrequest(call, subrequestRequest(call.request, subrequest, resolved.url, resolved.body));
	return { body: replyBody(reply), httpHeaders: replyHeaders(reply), httpStatusCode: reply.status, referenceId: subrequest.referenceId };
}

/** The subrequest as its route sees it: its own method, url, body and headers, the composite's Accept, Authorization and Content-Type. */
function subrequestRequest(composite: EmulatorRequest, subrequest: Subrequest, url: string, body: unknown): EmulatorRequest {
	const target = new URL(url, URL_BASE);
	const query: Record<string, string> = {};
	for (const [name, value] of target.searchParams) query[name] = value;
	const inherited = Object.fromEntries(INHERITED_HEADERS.filter((name) => composite.headers[name] !== undefined).map((name) => [name, composite.headers[name]]));
	return {
		...composite,
		method: subrequest.method,
		path: target.pathname,
		query,
		headers: { ...inherited, ...subrequest.httpHeaders },
		rawBody: body === undefined ? '' : JSON.stringify(body),
	};
}

/**
 * Status 400 or more; or, in an all-or-none composite, a Collections answer (200) with a failed
 * record: Salesforce rolls the whole composite back then too ("allOrNone Parameters in Composite
 * and Collections Requests", case 4), keeping that answer as it was.
 */
function failed(result: SubrequestResult): boolean {
	if (result.httpStatusCode >= 400) return true;
	return Array.isArray(result.body) && result.body.some((entry) => isPlainObject(entry) && entry.success === false);
}

function halted(referenceId: string, message: string): SubrequestResult {
	return { body: [{ errorCode: 'PROCESSING_HALTED', message }], httpHeaders: {}, httpStatusCode: 400, referenceId };
}

/** The answer's JSON (null when it had no body, as a 204 has none). */
function replyBody(reply: Reply): unknown {
	const text = reply.body.toString();
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The answer's headers (a create's Location, say) without Content-Type, which the composite answer has once. */
function replyHeaders(reply: Reply): Record<string, string> {
	return Object.fromEntries(Object.entries(reply.headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
}

function compositeReply(results: SubrequestResult[]): Reply {
	return jsonReply(200, { compositeResponse: results });
}
