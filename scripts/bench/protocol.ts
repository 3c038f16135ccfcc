/** What the benchmark's parent process and a case's child process tell each other (over IPC). */
import type { TokenResponse } from '../../emulator';
import type { EmulatorAddress } from '../../test/harness';

export interface EmulatorConnection {
	address: EmulatorAddress;
	/** Issued by the parent, which runs the emulator, as if the user had connected the credential. */
	tokens: TokenResponse;
}

/** Parent → child: the one case to run, and where. */
export interface CaseRequest {
	caseId: string;
	variantId: string;
	/** The emulator the measured part runs against (with the added latency). */
	measured: EmulatorConnection;
	/** Another emulator for the warm-up, so that nothing the node caches per org carries over. */
	warmUp: EmulatorConnection;
	/** n8n-nodes-base in the real-n8n install, for the built-in node. */
	n8nNodesBaseDir: string;
}

/** What the node's output said about one lead. */
export interface LeadOutcome {
	key: string;
	/** The Salesforce id the output item carries when the lead was created. */
	id?: string;
	/** Why not, from the output item or the execution's error. */
	failure?: string;
}

/** Child → parent: the measured part, seen from the n8n process. */
export interface CaseMeasurement {
	wallMs: number;
	/** process.cpuUsage() user + system during the measured part. */
	cpuMs: number;
	/** The child's largest resident set over its life (process.resourceUsage().maxRSS). */
	peakRssMb: number;
	/** One per lead, in lead order. */
	outcomes: LeadOutcome[];
	/** Executions that stopped with an error. */
	executionErrors: string[];
}
