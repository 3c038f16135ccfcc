/**
 * `npm run emulator -- [flags]`: runs the Salesforce emulator until SIGINT/SIGTERM.
 * Flags are listed by --help and in emulator/README.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { EMULATOR_PASSWORD, EMULATOR_USERNAME, startEmulator, type EmulatorHandle, type EmulatorOptions } from './index';

const USAGE = `Usage: npm run emulator -- [flags]

  --port N                     port to listen on (default 8787; 0 = any free port)
  --org N                      which org this is, 1 to 62 (default 1): its org id, tokens and record ids
  --user NAME[:PASSWORD]       another user who can log in (repeatable; password default emulator)
  --host ADDRESS               interface to listen on (default 127.0.0.1)
  --latency-ms N               delay added to every answer (default 0)
  --describe Name=file.json    serve this describe for Name (repeatable; replaces a built-in)
  --access-token-ttl-s N       access token lifetime (default 7200)
  --auth-code-ttl-s N          authorization code lifetime (default 900)
  --client-id ID               registered OAuth app (default emulator-client-id)
  --client-secret SECRET       (default emulator-client-secret)
  --redirect-uri URL           registered callback (repeatable; default http://localhost:5678/rest/oauth2-credential/callback)
  --no-client-secret-required  accept token requests without client_secret (PKCE alone)
  --rotate-refresh-tokens      every refresh answers a new refresh token; the old one stops working
  --api-limit N                daily API calls allowed (default 15000)
  --api-used N                 API calls already spent at start (default 0)
  --duplicate-rule-email       activate a Lead duplicate rule on Email that alerts (allowSave=true saves)
  --duplicate-rule-email-block activate a Lead duplicate rule on Email that blocks (allowSave never saves)
  --assignment-rule-owner ID   activate a Lead assignment rule giving this OwnerId
  --assignment-rule NAME=ID    an inactive Lead assignment rule giving OwnerId ID (repeatable)
  --campaign NAME              an active campaign with the statuses Sent and Responded (repeatable)
  --instance-url URL           instance_url in token answers (default the emulator's own URL)
  --tls-key FILE --tls-cert FILE  serve https
  --quiet                      do not print one line per request
  --help                       this text
`;

function numberFlag(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new Error(`--${name} expects a non-negative number, got "${value}"`);
	return number;
}

function describesFlag(values: string[] | undefined): Record<string, string> | undefined {
	if (values === undefined) return undefined;
	const describes: Record<string, string> = {};
	for (const value of values) {
		const match = /^([A-Za-z][A-Za-z0-9_]*)=(.+)$/.exec(value);
		if (match === null) throw new Error(`--describe expects Name=path/to/describe.json, got "${value}"`);
		describes[match[1]] = match[2];
	}
	return describes;
}

/** "West coast=005..." -> an inactive rule: the active one is --assignment-rule-owner. */
function assignmentRulesFlag(values: string[] | undefined): EmulatorOptions['assignmentRules'] {
	return values?.map((value) => {
		const equals = value.lastIndexOf('=');
		if (equals <= 0) throw new Error(`--assignment-rule expects NAME=OWNER_ID, got "${value}"`);
		return { name: value.slice(0, equals), active: false, ownerId: value.slice(equals + 1) };
	});
}

/** "name@example.com:secret" -> that user; without ":" the default password. */
function usersFlag(values: string[] | undefined): EmulatorOptions['users'] {
	return values?.map((value) => {
		const colon = value.indexOf(':');
		if (colon === 0 || colon === value.length - 1) throw new Error(`--user expects NAME or NAME:PASSWORD, got "${value}"`);
		return colon < 0 ? { username: value } : { username: value.slice(0, colon), password: value.slice(colon + 1) };
	});
}

function duplicateRuleFlag(alert: boolean | undefined, block: boolean | undefined): EmulatorOptions['duplicateRuleOnEmail'] {
	if (alert === true && block === true) throw new Error('--duplicate-rule-email and --duplicate-rule-email-block: choose one');
	return block === true ? 'block' : alert;
}

function readTls(key: string | undefined, cert: string | undefined): EmulatorOptions['tls'] {
	if (key === undefined && cert === undefined) return undefined;
	if (key === undefined || cert === undefined) throw new Error('--tls-key and --tls-cert go together');
	return { key: readFileSync(key), cert: readFileSync(cert) };
}

export function optionsFromArgs(args: string[]): EmulatorOptions | 'help' {
	const { values } = parseArgs({
		args,
		strict: true,
		options: {
			port: { type: 'string' },
			org: { type: 'string' },
			user: { type: 'string', multiple: true },
			host: { type: 'string' },
			'latency-ms': { type: 'string' },
			describe: { type: 'string', multiple: true },
			'access-token-ttl-s': { type: 'string' },
			'auth-code-ttl-s': { type: 'string' },
			'client-id': { type: 'string' },
			'client-secret': { type: 'string' },
			'redirect-uri': { type: 'string', multiple: true },
			'rotate-refresh-tokens': { type: 'boolean' },
			'no-client-secret-required': { type: 'boolean' },
			'api-limit': { type: 'string' },
			'api-used': { type: 'string' },
			'duplicate-rule-email': { type: 'boolean' },
			'duplicate-rule-email-block': { type: 'boolean' },
			'assignment-rule-owner': { type: 'string' },
			'assignment-rule': { type: 'string', multiple: true },
			campaign: { type: 'string', multiple: true },
			'instance-url': { type: 'string' },
			'tls-key': { type: 'string' },
			'tls-cert': { type: 'string' },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});
	if (values.help === true) return 'help';
	return {
		port: numberFlag('port', values.port) ?? 8787,
		org: numberFlag('org', values.org),
		users: usersFlag(values.user),
		host: values.host,
		latencyMs: numberFlag('latency-ms', values['latency-ms']),
		describes: describesFlag(values.describe),
		accessTokenTtlS: numberFlag('access-token-ttl-s', values['access-token-ttl-s']),
		authCodeTtlS: numberFlag('auth-code-ttl-s', values['auth-code-ttl-s']),
		clientId: values['client-id'],
		clientSecret: values['client-secret'],
		redirectUris: values['redirect-uri'],
		requireClientSecret: values['no-client-secret-required'] === true ? false : undefined,
		rotateRefreshTokens: values['rotate-refresh-tokens'],
		apiLimit: numberFlag('api-limit', values['api-limit']),
		apiUsed: numberFlag('api-used', values['api-used']),
		duplicateRuleOnEmail: duplicateRuleFlag(values['duplicate-rule-email'], values['duplicate-rule-email-block']),
		assignmentRuleOwnerId: values['assignment-rule-owner'],
		assignmentRules: assignmentRulesFlag(values['assignment-rule']),
		campaigns: values.campaign?.map((name) => ({ name })),
		instanceUrl: values['instance-url'],
		tls: readTls(values['tls-key'], values['tls-cert']),
		log: values.quiet === true ? undefined : (line) => console.log(line),
	};
}

/** The org and who can log in, as printed at start. */
export function orgLines(emulator: Pick<EmulatorHandle, 'orgId' | 'userId'>, options: EmulatorOptions): string[] {
	const lines = [`org ${options.org ?? 1}: ${emulator.orgId}`];
	lines.push(`login as ${EMULATOR_USERNAME} / ${EMULATOR_PASSWORD} (pre-filled on the consent page), user ${emulator.userId(EMULATOR_USERNAME)}`);
	for (const user of options.users ?? []) {
		lines.push(`login as ${user.username} / ${user.password ?? EMULATOR_PASSWORD}, user ${emulator.userId(user.username)}`);
	}
	return lines;
}

async function main(): Promise<void> {
	let options: EmulatorOptions | 'help';
	try {
		options = optionsFromArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`emulator: ${(error as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (options === 'help') {
		console.log(USAGE);
		return;
	}
	const emulator = await startEmulator(options);
	console.log(`Salesforce emulator listening on ${emulator.url}`);
	console.log(`  OAuth app: client id ${emulator.app.clientId}, client secret ${emulator.app.clientSecret}`);
	console.log(`  redirect URIs: ${emulator.app.redirectUris.join(', ')}`);
	console.log(`  authorize: ${emulator.url}/services/oauth2/authorize  token: ${emulator.url}/services/oauth2/token`);
	for (const line of orgLines(emulator, options)) console.log(`  ${line}`);
	console.log(`  REST: ${emulator.url}/services/data/`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`emulator: ${signal}, stopping`);
		emulator.stop().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(`emulator: stop failed: ${error.message}`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(`emulator: ${error.message}`);
		process.exit(1);
	});
}
