import type { N8nServer } from '../../scripts/e2e/n8n-server';
import type { SalesforceStandIn } from '../../scripts/e2e/salesforce-stand-in';
import type { Editor } from './editor';
import type { StepRunner } from './steps';

/** What the scenario steps share; getters because the run creates these in earlier steps. */
export interface ScenarioContext {
	runner: StepRunner;
	editor(): Editor;
	standIn(): SalesforceStandIn;
	n8n(): N8nServer;
	imagesDir: string;
	repo: string;
}

export function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}
