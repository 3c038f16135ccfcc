/** API versions: v31.0 up to the current release; v20-v30 are retired (410), anything else unknown (404). */

export const OLDEST_VERSION = 31;
/** Summer '26. */
export const NEWEST_VERSION = 67;
const FIRST_VERSION_EVER = 20;

/** Release names cycle Spring, Summer, Winter (Winter carries the next year's number); v66 = Spring '26. */
export function releaseLabel(major: number): string {
	const offset = major - 66;
	const yearOffset = Math.floor(offset / 3);
	const season = ((offset % 3) + 3) % 3;
	const year = 26 + yearOffset + (season === 2 ? 1 : 0);
	return `${['Spring', 'Summer', 'Winter'][season]} '${String(year).padStart(2, '0')}`;
}

export function versionList(): Array<{ label: string; url: string; version: string }> {
	const versions = [];
	for (let major = OLDEST_VERSION; major <= NEWEST_VERSION; major++) {
		versions.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
	}
	return versions;
}

export type VersionStatus = 'supported' | 'retired' | 'unknown';

/** segment is the URL part after /services/data/, e.g. 'v66.0'. */
export function versionStatus(segment: string): VersionStatus {
	const match = /^v(\d+)\.0$/.exec(segment);
	if (match === null) return 'unknown';
	const major = Number(match[1]);
	if (major >= OLDEST_VERSION && major <= NEWEST_VERSION) return 'supported';
	if (major >= FIRST_VERSION_EVER && major < OLDEST_VERSION) return 'retired';
	return 'unknown';
}
