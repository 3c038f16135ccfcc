import { readFileSync } from 'node:fs';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LEAD_PT_BR_DESCRIBE_FILE, startEmulator, type EmulatorHandle, type EmulatorOptions, type RecordedRequest } from '../../emulator';
import type { OutputItem, StoredCredential, WorkflowResult } from '../harness';
import { connectedCredential, forgetSharedState, runWorkflow, webhookItem, webhookToSalesforce } from '../harness';

export const API = '/services/data/v66.0';

export interface ConnectedOrg {
	emulator: EmulatorHandle;
	credential: StoredCredential;
}

/** An org of one test's own: a fresh emulator, a credential connected to it as a user would, and a cold describe cache. */
export async function connectedOrg(options: EmulatorOptions = {}): Promise<ConnectedOrg> {
	forgetSharedState();
	const emulator = await startEmulator(options);
	return { emulator, credential: await connectedCredential(emulator) };
}

/**
 * A fresh org for each test of the enclosing block (see connectedOrg), stopped after it: read
 * `org.emulator` and `org.credential` inside the tests. Blocks that need orgs of different options
 * may fill one shared `org`.
 */
export function orgForEachTest(options: EmulatorOptions = {}, org = {} as ConnectedOrg): ConnectedOrg {
	beforeEach(async () => Object.assign(org, await connectedOrg(options)));
	afterEach(async () => await org.emulator.stop());
	return org;
}

/** The real Lead describe captured from a Developer Edition org (pt_BR labels). */
export function capturedLeadDescribe(): IDataObject {
	return JSON.parse(readFileSync(LEAD_PT_BR_DESCRIBE_FILE, 'utf8')) as IDataObject;
}

/** The emulator serves English labels by default; tests that read the capture's labels ask for the capture. */
export const CAPTURED_LEAD: Record<string, string> = { Lead: LEAD_PT_BR_DESCRIBE_FILE };

/** Lead fields mapped from the webhook body, as a user maps them in the editor. */
export const LEAD_MAPPING: INodeParameters = {
	FirstName: '={{ $json.body.first_name }}',
	LastName: '={{ $json.body.last_name }}',
	Company: '={{ $json.body.company }}',
	Email: '={{ $json.body.email }}',
};

export interface LeadBody extends IDataObject {
	first_name?: string;
	last_name?: string;
	company?: string;
	email?: string;
}

/** The body of lead number `index`: Lead / Number {index} / Company {index}, and its email (lead{index}@example.com unless given). */
export function numberedLead(index: number, email = `lead${index}@example.com`): LeadBody {
	return { first_name: 'Lead', last_name: `Number ${index}`, company: `Company ${index}`, email };
}

/** `count` distinct webhook-shaped leads: Lead 0, Lead 1, ... */
export function numberedLeads(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => webhookItem(numberedLead(index)));
}

/** One webhook-shaped lead per email, numbered in order (an email may repeat). */
export function leadsWithEmails(emails: string[]): IDataObject[] {
	return emails.map((email, index) => webhookItem(numberedLead(index, email)));
}

/** The Salesforce record LEAD_MAPPING makes of a lead body (and `more` fields, mapped besides). */
export function leadRecord(body: LeadBody, more: Record<string, unknown> = {}): IDataObject {
	return {
		attributes: { type: 'Lead' },
		FirstName: body.first_name,
		LastName: body.last_name,
		Company: body.company,
		Email: body.email,
		...(more as IDataObject),
	};
}

/** The body of each webhook item, in order. */
export function bodiesOf(items: IDataObject[]): LeadBody[] {
	return items.map((item) => item.body as LeadBody);
}

/** The calls to the REST API (not OAuth), in order. */
export function dataCalls(emulator: EmulatorHandle): RecordedRequest[] {
	return emulator.requests().filter((request) => request.path.startsWith('/services/data/'));
}

/** The Collections creates (`POST /composite/sobjects`), in order. */
export function createCalls(emulator: EmulatorHandle): RecordedRequest[] {
	return dataCalls(emulator).filter((request) => request.method === 'POST' && request.path.endsWith('/composite/sobjects'));
}

/** The calls with this method to this path (below the API version: `/composite/sobjects`), in order. */
export function callsTo(emulator: EmulatorHandle, method: string, path: string): RecordedRequest[] {
	return dataCalls(emulator).filter((request) => request.method === method && request.path === `${API}${path}`);
}

/** The SOQL text of each query (`GET /query?q=`), in order. */
export function queriesSent(emulator: EmulatorHandle): string[] {
	return callsTo(emulator, 'GET', '/query').map((request) => request.query.q);
}

/** The Email lookup of Create or Update by Email, for SOQL literals written as the query must show them. */
export function emailLookup(literals: string[]): string {
	return `SELECT Id, Email FROM Lead WHERE IsConverted = false AND Email IN (${literals.join(', ')}) ORDER BY LastModifiedDate DESC`;
}

/** A Collections body. */
export function collection(allOrNone: boolean, records: Array<Record<string, unknown>>): IDataObject {
	return { allOrNone, records: records as IDataObject[] };
}

/** `METHOD path` of each request, for asserting the sequence of calls. */
export function callLine(request: RecordedRequest): string {
	return `${request.method} ${request.path} ${request.status}`;
}

/** The headers that carry meaning for Salesforce (auth, body type, Sforce-* options). */
export function salesforceHeaders(request: RecordedRequest): Record<string, string> {
	const picked: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (name === 'authorization' || name === 'content-type' || name.startsWith('sforce-')) picked[name] = value;
	}
	return picked;
}

export function accessToken(credential: StoredCredential): string {
	return String((credential.data.oauthTokenData as IDataObject).access_token);
}

/** The headers a save call carries: the bearer token, JSON, the assignment choice and any other `Sforce-*` header. */
export function saveCallHeaders(credential: StoredCredential, autoAssign: string, more: Record<string, string> = {}): Record<string, string> {
	return { authorization: `Bearer ${accessToken(credential)}`, 'content-type': 'application/json', 'sforce-auto-assign': autoAssign, ...more };
}

/** Runs Webhook → Salesforce REST with these parameters on these webhook items. */
export async function runSalesforce(credential: StoredCredential, parameters: INodeParameters, input: IDataObject[], continueOnFail = false): Promise<WorkflowResult> {
	return await runWorkflow({ workflow: webhookToSalesforce(parameters, { continueOnFail }), input, credentials: [credential] });
}

/** An output item the node answers for input item `item`. */
export function outputItem(item: number, json: Record<string, unknown>): OutputItem {
	return { json: json as IDataObject, pairedItem: { item } };
}

/** A lead stored before the run (no API call): Existing / Stored Ltd unless `fields` say otherwise. Answers its Id. */
export function storedLead(emulator: EmulatorHandle, fields: IDataObject): string {
	return emulator.insert('Lead', { LastName: 'Existing', Company: 'Stored Ltd', ...fields });
}

/** The stored leads with this email (any letter case). */
export function leadsWithEmail(emulator: EmulatorHandle, email: string): Array<Record<string, unknown>> {
	return emulator.records('Lead').filter((lead) => String(lead.Email).toLowerCase() === email.toLowerCase());
}

/** The execution hints (addExecutionHints) of the Salesforce node's run. */
export function executionHints(result: WorkflowResult): unknown[] {
	return result.run.data.resultData.runData.Salesforce?.[0]?.hints ?? [];
}
