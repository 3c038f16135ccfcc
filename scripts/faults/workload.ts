/** What a scenario sends through the node: its workflow and the items of each execution. */
import type { INodeParameters } from 'n8n-workflow';

import { leadAutoMapParameters, leadCreateParameters, webhookItem, webhookToSalesforce, type WorkflowFile } from '../../test/harness';
import { LEAD_MAPPING } from '../../test/engine/helpers';
import { hostileItem, HOSTILE_KEY_FIELD, type GeneratedItem } from './hostile-items';
import type { Scenario } from './scenarios';

/** The node's name in the workflow, where its output is read. */
export const NODE_NAME = 'Salesforce';

/** The stored field that tells which item a record came from. */
export function keyFieldOf(scenario: Scenario): string {
	return scenario.items === 'hostile' ? HOSTILE_KEY_FIELD : 'LastName';
}

export function workflowOf(scenario: Scenario): WorkflowFile {
	const { batchSize, timeoutS } = scenario.shape;
	const options: INodeParameters = { batchSize, ...(timeoutS !== undefined && { timeout: timeoutS }) };
	const parameters = scenario.items === 'hostile' ? leadAutoMapParameters(options) : leadCreateParameters(LEAD_MAPPING, options);
	return webhookToSalesforce(parameters, { continueOnFail: true, name: NODE_NAME });
}

/** A webhook lead whose LastName is unique across the scenario. */
function plainLead(scenario: Scenario, index: number): GeneratedItem {
	const key = `${scenario.name} #${index}`;
	const body = { first_name: 'Fault', last_name: key, company: `Company ${index}`, email: `lead${index}@example.com` };
	return { json: webhookItem(body), key, valid: true };
}

export function itemsOf(scenario: Scenario, execution: number): GeneratedItem[] {
	const { itemsPerExecution } = scenario.shape;
	return Array.from({ length: itemsPerExecution }, (_, position) => {
		const index = execution * itemsPerExecution + position;
		return scenario.items === 'hostile' ? hostileItem(index) : plainLead(scenario, index);
	});
}
