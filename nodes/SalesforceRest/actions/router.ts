import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { failedOutput, failureJson } from '../helpers/output';
import { asNodeError, problemOfError } from '../transport/errors';
import { DEFAULT_TIMEOUT_MS, openConnection, type ConnectionOptions, type SalesforceConnection } from '../transport';
import * as lead from './lead/Lead.resource';
import * as object from './object/Object.resource';

type OperationExecute = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	/** The node's Options collection, read once per execution (the router needs the Timeout too). */
	options: IDataObject,
) => Promise<INodeExecutionData[]>;

const operations: Record<string, OperationExecute> = {
	'lead.create': lead.create.execute,
	'lead.upsert': lead.upsert.execute,
	'object.describe': object.describe.execute,
};

/** The Timeout and the API reserve, for operations that offer them; defaults for the others. */
function connectionOptions(options: IDataObject): ConnectionOptions {
	const { timeout, keepInReserve } = options;
	return {
		timeoutMs: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? Math.round(timeout * 1000) : DEFAULT_TIMEOUT_MS,
		keepInReserve: typeof keepInReserve === 'number' && Number.isFinite(keepInReserve) && keepInReserve > 0 ? keepInReserve : 0,
	};
}

/**
 * Picks the operation and owns the continue-on-fail policy for failures that concern every item (no
 * connection, the describe refused): with it on, each item reports the failure; with it off, the node
 * stops. Failures of single items are handled by the operations, which know their items.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = operations[`${resource}.${operation}`];
	if (!chosen) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	try {
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const connection = await openConnection(this, this.getNodeParameter('apiVersion', 0), connectionOptions(options));
		try {
			return [await chosen.call(this, items, connection, options)];
		} finally {
			const spent = connection.budget.summary();
			if (spent !== undefined) this.addExecutionHints({ message: spent, location: 'outputPane' });
		}
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		const problem = problemOfError(error);
		return [items.map((_, itemIndex) => failedOutput(this.getNode(), failureJson(problem), itemIndex))];
	}
}
