import { readFileSync } from 'node:fs';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LEAD_PT_BR_DESCRIBE_FILE, startEmulator, type EmulatorHandle, type EmulatorOptions, type RecordedRequest } from '../../emulator';
import type { StoredCredential } from '../harness';
import { connectedCredential, forgetSharedState, webhookItem } from '../harness';

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

/** `count` distinct webhook-shaped leads: Lead 0, Lead 1, ... */
export function numberedLeads(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) =>
		webhookItem({
			first_name: 'Lead',
			last_name: `Number ${index}`,
			company: `Company ${index}`,
			email: `lead${index}@example.com`,
		}),
	);
}

/** The Salesforce record LEAD_MAPPING makes of a lead body. */
export function leadRecord(body: LeadBody): IDataObject {
	return {
		attributes: { type: 'Lead' },
		FirstName: body.first_name,
		LastName: body.last_name,
		Company: body.company,
		Email: body.email,
	};
}

/** The calls to the REST API (not OAuth), in order. */
export function dataCalls(emulator: EmulatorHandle): RecordedRequest[] {
	return emulator.requests().filter((request) => request.path.startsWith('/services/data/'));
}

/** The Collections creates (`POST /composite/sobjects`), in order. */
export function createCalls(emulator: EmulatorHandle): RecordedRequest[] {
	return dataCalls(emulator).filter((request) => request.method === 'POST' && request.path.endsWith('/composite/sobjects'));
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
