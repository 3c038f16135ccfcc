import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { failureJson, pairedOutput } from '../helpers/output';
import { asNodeError, problemOfError } from '../transport/errors';
import { openConnection, type SalesforceConnection } from '../transport';
import * as lead from './lead/Lead.resource';
import * as object from './object/Object.resource';

type OperationExecute = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
) => Promise<INodeExecutionData[]>;

const operations: Record<string, OperationExecute> = {
	'lead.create': lead.create.execute,
	'object.describe': object.describe.execute,
};

/**
 * Picks the operation and owns the continue-on-fail policy for failures that concern every item (no
 * connection, the describe refused): with it on, each item reports the failure; with it off, the node
 * stops. Failures of single items are handled by the operations, which know their items.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[`${resource}.${operation}`];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	try {
		const connection = await openConnection(this, this.getNodeParameter('apiVersion', 0));
		return [await execute.call(this, items, connection)];
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		const problem = problemOfError(error);
		return [items.map((_, itemIndex) => pairedOutput(failureJson(problem), itemIndex))];
	}
}
