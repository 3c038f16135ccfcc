import type { IDataObject } from 'n8n-workflow';

import type { OutputItem, WorkflowFile, WorkflowResult } from '../../test/harness';
import { pairedItemIndex, SALESFORCE_NODE_TYPE } from '../../test/harness';

/** One row per item a lead-saving node received: who it was, and what Salesforce made of it. */
interface LeadRow {
	item: number;
	name: string;
	company: string;
	email: string;
	outcome: string;
	/** Create or Update: whether the lead was created (true) or an existing one updated (false). */
	created?: boolean;
	failure?: string;
}

/** The first key present, in any of the spellings a webhook or a Salesforce record uses. */
function pick(source: IDataObject, ...keys: string[]): string {
	const lowerKeys = new Map(Object.keys(source).map((key) => [key.toLowerCase().replace(/_/g, ''), key]));
	for (const key of keys) {
		const actual = lowerKeys.get(key.toLowerCase().replace(/_/g, ''));
		if (actual && source[actual] !== undefined && source[actual] !== '') return String(source[actual]);
	}
	return '';
}

function leadRows(inputs: OutputItem[], outputs: OutputItem[]): LeadRow[] {
	return outputs.map((output, position) => {
		const item = pairedItemIndex(output, position);
		const received = inputs[item]?.json ?? {};
		const lead = (typeof received.body === 'object' && received.body !== null ? received.body : received) as IDataObject;
		const name = [pick(lead, 'first_name', 'firstname'), pick(lead, 'last_name', 'lastname')].join(' ').trim();
		const base = { item, name, company: pick(lead, 'company'), email: pick(lead, 'email') };
		if (output.json.success) {
			const created = output.json.created === undefined ? undefined : output.json.created === true;
			return { ...base, created, outcome: `${output.json.id}${created === false ? ' (updated)' : ''}` };
		}
		const fields = (output.json.fields as string[] | undefined)?.join(', ');
		const outcome = `FAILED ${output.json.errorCode ?? ''}${fields ? ` (${fields})` : ''}`;
		return { ...base, outcome, failure: String(output.json.error ?? JSON.stringify(output.json)) };
	});
}

function table(headers: string[], rows: string[][]): string {
	const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
	return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The node feeding `nodeName` on its first input. */
function parentOf(workflow: WorkflowFile, nodeName: string): string | undefined {
	return Object.entries(workflow.connections).find(([, connection]) =>
		(connection.main ?? []).some((targets) => (targets ?? []).some((target) => target.node === nodeName)),
	)?.[0];
}

function describeLine(nodeName: string, summary: IDataObject): string {
	if (summary.error) return `${nodeName}: FAILED ${summary.errorCode}: ${summary.error}`;
	const required = (summary.requiredOnCreate as string[] | undefined)?.join(', ') ?? '?';
	const fields = Array.isArray(summary.fields) ? summary.fields.length : '?';
	return `${nodeName}: ${summary.name} (key prefix ${summary.keyPrefix}), ${fields} fields, required on create: ${required}`;
}

/** A readable account of a run: a table per lead-saving node, a line per Describe. */
export function leadReport(workflow: WorkflowFile, result: WorkflowResult): string {
	const sections: string[] = [];
	for (const node of workflow.nodes) {
		const outputs = result.outputs[node.name];
		if (node.type !== SALESFORCE_NODE_TYPE || !outputs) continue;
		if (node.parameters.resource === 'lead') {
			const parent = parentOf(workflow, node.name);
			const rows = leadRows(parent ? (result.outputs[parent] ?? []) : [], outputs);
			const saved = rows.filter((row) => !row.failure);
			const updated = saved.filter((row) => row.created === false).length;
			const counts = [`${saved.length - updated} created`, ...(updated > 0 ? [`${updated} updated`] : []), `${rows.length - saved.length} failed`];
			sections.push(
				`${node.name}: ${counts.join(', ')}\n\n` +
					table(
						['#', 'Name', 'Company', 'Email', 'Salesforce id / failure'],
						rows.map((row) => [String(row.item), row.name, row.company || '(none)', row.email, row.outcome]),
					),
			);
			const failures = rows.filter((row) => row.failure);
			if (failures.length > 0) {
				sections.push(
					'Failures explained:\n' + failures.map((row) => `  #${row.item} ${row.name}: ${row.failure}`).join('\n'),
				);
			}
		} else {
			sections.push(outputs.map((output) => describeLine(node.name, output.json)).join('\n'));
		}
	}
	return sections.join('\n\n');
}

/** API calls the emulator counted, per endpoint, as Salesforce would bill them. */
export function apiUsageReport(usage: { used: number; limit: number; byEndpoint: Record<string, number> }): string {
	const rows = Object.entries(usage.byEndpoint).map(([endpoint, calls]) => [endpoint, String(calls)]);
	return `API calls counted by the emulator: ${usage.used} of ${usage.limit} daily\n\n${table(['Endpoint', 'Calls'], rows)}`;
}
