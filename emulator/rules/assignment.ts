/**
 * Lead assignment rules: AssignmentRule records (queryable, read-only through the API) and the
 * owner each one gives, which the API does not show; and what the Sforce-Auto-Assign header asks.
 */
import { isWellFormedId } from '../ids';
import { storeNew, withDefaults, type Org } from '../org';
import type { SaveError } from '../rest/errors';
import type { AssignmentRuleOption } from '../types';

/** Absent, TRUE: the active rule; FALSE: none; an AssignmentRule id: that rule, active or not. */
export type AssignmentChoice = { run: 'active' } | { run: 'none' } | { run: 'rule'; ruleId: string };

/** TRUE and FALSE are not case-sensitive; anything else must be shaped like an id (the call fails with MALFORMED_ID otherwise). */
export function readAutoAssignHeader(value: string | undefined): AssignmentChoice | SaveError {
	const text = (value ?? '').trim();
	if (text === '' || text.toUpperCase() === 'TRUE') return { run: 'active' };
	if (text.toUpperCase() === 'FALSE') return { run: 'none' };
	if (isWellFormedId(text)) return { run: 'rule', ruleId: text };
	return { errorCode: 'MALFORMED_ID', message: `Sforce-Auto-Assign: invalid AssignmentRule id: ${text}` };
}

interface Rule {
	id: string;
	active: boolean;
	ownerId: string;
}

export class AssignmentRules {
	private readonly rules: Rule[] = [];

	/** Stores the AssignmentRule record and remembers its owner. At most one Lead rule is active, as in Setup. */
	add(org: Org, option: AssignmentRuleOption): string {
		if (typeof option.name !== 'string' || option.name.trim() === '') throw new Error('assignmentRules: every rule needs a name');
		if (!isWellFormedId(option.ownerId)) throw new Error(`assignmentRules: "${option.name}" needs an ownerId shaped like a Salesforce id, got ${JSON.stringify(option.ownerId)}`);
		if (option.active && this.rules.some((rule) => rule.active)) throw new Error(`assignmentRules: "${option.name}" cannot be active too: an org has one active Lead assignment rule`);
		const schema = org.catalog.find('AssignmentRule');
		if (schema === undefined) throw new Error('The AssignmentRule describe is missing');
		const stored = storeNew(org, schema, withDefaults(schema, { Name: option.name, SobjectType: 'Lead', Active: option.active }, org.users.defaultUser.id));
		this.rules.push({ id: stored.Id, active: option.active, ownerId: option.ownerId });
		return stored.Id;
	}

	/**
	 * The OwnerId a Lead gets, undefined when no rule runs. A well-shaped id that is no rule of this
	 * org fails the call (undocumented: the emulator chooses INVALID_CROSS_REFERENCE_KEY).
	 */
	ownerFor(choice: AssignmentChoice): { ownerId?: string } | SaveError {
		if (choice.run === 'none') return {};
		if (choice.run === 'active') return { ownerId: this.rules.find((rule) => rule.active)?.ownerId };
		const wanted = choice.ruleId.slice(0, 15);
		const rule = this.rules.find((candidate) => candidate.id.slice(0, 15) === wanted);
		if (rule === undefined) return { errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: `Sforce-Auto-Assign: invalid cross reference id: ${choice.ruleId}` };
		return { ownerId: rule.ownerId };
	}
}
