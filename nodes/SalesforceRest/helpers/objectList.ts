/** Filtering describe global for the object picker. Pure. */
import type { SObjectSummary } from './describe';

/** Objects whose API name or label contains the filter (any letter case), sorted by label. */
export function filterObjects(objects: SObjectSummary[], filter?: string): SObjectSummary[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	return objects
		.filter(
			(object) =>
				wanted === '' ||
				object.name.toLowerCase().includes(wanted) ||
				(object.label ?? '').toLowerCase().includes(wanted),
		)
		.sort((a, b) => (a.label ?? a.name).localeCompare(b.label ?? b.name) || a.name.localeCompare(b.name));
}
