/**
 * The Lead duplicate rule on Email. An "alert" rule lets Sforce-Duplicate-Rule-Header allowSave=true
 * save; a "block" rule never does. It runs on create and on edit (excluding the record itself), and
 * compares with stored records only: records saved in the same call are not compared with each other.
 */
import type { ObjectSchema } from '../describes/catalog';
import type { Org } from '../org';
import type { SaveError } from '../rest/errors';

export type DuplicateRuleAction = 'alert' | 'block';

/** The rule as Setup would show it; messages are Salesforce's defaults for each action. */
const RULES: Record<DuplicateRuleAction, { name: string; message: string; matchEngine: string; matchRule: string }> = {
	alert: {
		name: 'Standard_Lead_Duplicate_Rule',
		message: 'You\'re creating a duplicate record. We recommend you use an existing record instead.',
		matchEngine: 'FuzzyMatchEngine',
		matchRule: 'Standard_Lead_Match_Rule_v1_0',
	},
	block: {
		name: 'Lead_Email_Block_Rule',
		message: 'Use one of these records?',
		matchEngine: 'ExactMatchEngine',
		matchRule: 'Lead_Email_Match_Rule',
	},
};

export function duplicateRuleAction(option: boolean | DuplicateRuleAction | undefined): DuplicateRuleAction | undefined {
	if (option === undefined || option === false) return undefined;
	if (option === true || option === 'alert') return 'alert';
	if (option === 'block') return 'block';
	throw new Error(`duplicateRuleOnEmail must be true, false, 'alert' or 'block', got ${JSON.stringify(option)}`);
}

/**
 * DUPLICATES_DETECTED with the rule's report, or undefined. `record` is the Lead as it would be
 * saved (for an edit: stored values plus changes). Converted leads are not matched (an assumption).
 */
export function duplicateRuleError(
	org: Org,
	schema: ObjectSchema,
	record: Record<string, unknown>,
	context: { allowSave: boolean; version: string; selfId?: string },
): SaveError | undefined {
	const action = org.rules.duplicateRuleOnEmail;
	if (action === undefined || schema.name !== 'Lead' || (action === 'alert' && context.allowSave)) return undefined;
	const email = record.Email;
	if (typeof email !== 'string') return undefined;
	const matches = org.store.findBy('Lead', 'Email', email).filter((match) => match.Id !== context.selfId && match.IsConverted !== true);
	if (matches.length === 0) return undefined;
	const rule = RULES[action];
	return {
		errorCode: 'DUPLICATES_DETECTED',
		message: rule.message,
		fields: [],
		duplicateResult: {
			allowSave: action === 'alert',
			duplicateRule: rule.name,
			duplicateRuleEntityType: 'Lead',
			errorMessage: rule.message,
			matchResults: [{
				entityType: 'Lead',
				errors: [],
				matchEngine: rule.matchEngine,
				matchRecords: matches.map((match) => ({
					additionalInformation: [],
					fieldDiffs: [],
					matchConfidence: 100.0,
					record: { attributes: { type: 'Lead', url: `/services/data/v${context.version}/sobjects/Lead/${match.Id}` }, Id: match.Id },
				})),
				rule: rule.matchRule,
				size: matches.length,
				success: true,
			}],
		},
	};
}
