/** What a scenario sends through the node: its workflow, the items of each execution, and how items and records are matched. */
import type { INodeParameters } from 'n8n-workflow';

import { leadAutoMapParameters, leadCreateParameters, leadUpsertParameters, webhookItem, webhookToSalesforce, type WorkflowFile } from '../../test/harness';
import { LEAD_MAPPING } from '../../test/engine/helpers';
import { hostileItem, HOSTILE_KEY_FIELD, type GeneratedItem } from './hostile-items';
import type { ItemIdentity } from './protocol';
import { orgCount, tenantByTurn, tenantsOf, type Scenario } from './scenario';

/** The node's name in the workflow, where its output is read. */
export const NODE_NAME = 'Salesforce';

export type WorkloadItem = GeneratedItem & ItemIdentity;

const byEmail = (scenario: Scenario) => scenario.operation === 'upsertByEmail';

/** The stored field that tells which item a record came from (or, by Email, which key it has). */
export function keyFieldOf(scenario: Scenario): string {
	if (scenario.items === 'hostile') return HOSTILE_KEY_FIELD;
	return byEmail(scenario) ? 'Email' : 'LastName';
}

/** A value of the key field as items and records are matched on it: Emails in any letter case, each org apart. */
export function keyOf(scenario: Scenario, org: number, value: unknown): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	const key = byEmail(scenario) ? text.toLowerCase() : text;
	return orgCount(scenario) > 1 ? `org ${org}: ${key}` : key;
}

/** The Email of the lead numbered `index` (as first posted). */
export const emailOf = (index: number): string => `lead${index}@example.com`;

export function workflowOf(scenario: Scenario): WorkflowFile {
	const { batchSize, timeoutS } = scenario.shape;
	const options: INodeParameters = { batchSize, ...(timeoutS !== undefined && { timeout: timeoutS }) };
	const parameters =
		scenario.items === 'hostile'
			? leadAutoMapParameters(options)
			: byEmail(scenario)
				? leadUpsertParameters(LEAD_MAPPING, { matchOn: 'email' }, options)
				: leadCreateParameters(LEAD_MAPPING, options);
	return webhookToSalesforce(parameters, { continueOnFail: true, name: NODE_NAME });
}

/** A webhook lead whose LastName is unique across the scenario; posted `again`, its Email in capitals. */
function plainLead(scenario: Scenario, index: number, execution: number, tenant: number, again: boolean): WorkloadItem {
	const { org } = tenantsOf(scenario)[tenant];
	const lastName = `${scenario.name} #${index}${again ? ' again' : ''}`;
	const email = again ? emailOf(index).toUpperCase() : emailOf(index);
	const body = { first_name: 'Fault', last_name: lastName, company: `Company ${index}`, email };
	const key = keyOf(scenario, org, byEmail(scenario) ? email : lastName);
	return { json: webhookItem(body), key, valid: true, execution, tenant, org, lastName };
}

/** An execution's items, as sent for `tenant` (by default its turn's). */
export function itemsOf(scenario: Scenario, execution: number, tenant = tenantByTurn(scenario, execution)): WorkloadItem[] {
	const { itemsPerExecution } = scenario.shape;
	// Posted twice: executions 2n and 2n+1 send the same leads.
	const first = (scenario.postedTwice ? Math.floor(execution / 2) : execution) * itemsPerExecution;
	const again = scenario.postedTwice === true && execution % 2 === 1;
	return Array.from({ length: itemsPerExecution }, (_, position) =>
		scenario.items === 'hostile' ? { ...hostileItem(first + position), execution, tenant: 0, org: 0 } : plainLead(scenario, first + position, execution, tenant, again),
	);
}
