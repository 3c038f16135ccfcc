/**
 * Before anything is measured: each worker must have run the node, which proves it found the
 * community package in its own user folder, decrypted the credential the main process saved, and
 * reached the emulator. Ten warm-up leads at a time until both workers have created one (Bull hands
 * jobs to whichever worker asks first), five rounds at most.
 */
import { lastExecutionId, readExecutions, waitForExecutions } from './executions';
import { makeLeads, postLeads } from './lead-intake';
import type { ScaleContext } from './scenario';

const LEADS_PER_ROUND = 10;
const ROUNDS = 5;

export async function verifyWorkersRunTheNode({ runner, stack, workflow }: ScaleContext): Promise<void> {
	const postgres = stack.postgres!;
	const created = new Map(stack.workers.map((worker) => [worker.name, 0]));
	for (let round = 1; round <= ROUNDS; round++) {
		const afterId = await lastExecutionId(postgres);
		const posted = await postLeads(workflow.webhookUrl, makeLeads(`warm-up-${round}`, LEADS_PER_ROUND), LEADS_PER_ROUND, 30_000);
		const refused = posted.filter((entry) => entry.status !== 200);
		if (refused.length > 0) throw new Error(`the webhook refused warm-up leads: ${refused.map((entry) => entry.error).join(', ')}`);
		await waitForExecutions(postgres, workflow.id, afterId, posted.length, 60_000);
		for (const execution of await readExecutions(postgres, workflow.id, afterId, stack.workers)) {
			if (execution.createdId === undefined) {
				throw new Error(`warm-up execution ${execution.id} on ${execution.worker ?? 'no worker'} ended ${execution.status} without a lead id: ${execution.executionError ?? execution.itemError ?? 'no error recorded'}`);
			}
			if (execution.worker !== undefined) created.set(execution.worker, (created.get(execution.worker) ?? 0) + 1);
		}
		if ([...created.values()].every((count) => count > 0)) {
			runner.note(`${round * LEADS_PER_ROUND} warm-up leads: ${[...created].map(([worker, count]) => `${worker} created ${count}`).join(', ')}`);
			return;
		}
	}
	throw new Error(`after ${ROUNDS * LEADS_PER_ROUND} warm-up leads not every worker had run the node: ${JSON.stringify(Object.fromEntries(created))}`);
}
