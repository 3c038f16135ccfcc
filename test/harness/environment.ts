import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * n8n-core keeps its instance settings (encryption key, binary data) under N8N_USER_FOLDER, by
 * default the home directory. Point it at a temporary folder before n8n-core first reads it, so
 * runs leave nothing behind in the user's home.
 */
export function useTemporaryUserFolder(): string {
	process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
	// The runs report their outcome themselves; n8n's logger would repeat every node error on stdout.
	process.env.N8N_LOG_LEVEL ??= 'silent';
	// Without a key n8n-core generates one and announces it on stdout; nothing here is encrypted.
	process.env.N8N_ENCRYPTION_KEY ??= 'engine-harness-temporary-key';
	return process.env.N8N_USER_FOLDER;
}

/** The repository root: the package n8n would install, with its built dist/. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
