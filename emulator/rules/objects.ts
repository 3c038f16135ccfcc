/**
 * What some objects do on save beyond their describe, as Salesforce's own logic does (the emulated
 * org has no triggers or validation rules of its own).
 */
import type { Org } from '../org';
import type { SaveError } from '../rest/errors';
import type { FieldValues } from '../rest/validation';
import type { StoredRecord } from '../store';
import { CAMPAIGN_MEMBER_RULES, CAMPAIGN_RULES } from './campaigns';

/** One write call's settings, read from its Sforce-* headers. */
export interface SaveContext {
	org: Org;
	/** For record URLs in answers, e.g. '66.0'. */
	version: string;
	/** Sforce-Duplicate-Rule-Header: allowSave=true. */
	allowSave: boolean;
	/** The user whose token writes: owner and audit fields of what it creates, LastModifiedById of what it edits. */
	userId: string;
	/** The owner the assignment rule asked for by Sforce-Auto-Assign gives a Lead; undefined when no rule runs. */
	assignedOwnerId?: string;
}

export interface ObjectRules {
	/** Errors of a new record once its fields passed; `claim(key)` is false when an earlier record of the call holds that key. */
	createErrors?(context: SaveContext, values: FieldValues, claim: (key: string) => boolean): SaveError[];
	/** Errors of an edit, checked before its fields. */
	updateErrors?(context: SaveContext, target: StoredRecord): SaveError[];
	/** What the org derives on insert, on the record with its defaults. */
	beforeInsert?(context: SaveContext, record: Record<string, unknown>): void;
	beforeUpdate?(context: SaveContext, target: StoredRecord, changes: FieldValues): void;
	/** Records the org adds along with a new one. */
	afterInsert?(context: Pick<SaveContext, 'org' | 'userId'>, stored: StoredRecord): void;
}

/**
 * Leads: a converted lead cannot be edited; the assignment rule Sforce-Auto-Assign asks for sets
 * OwnerId on create and on edit (absent = TRUE = the active rule, also on edit, as documented).
 */
const LEAD_RULES: ObjectRules = {
	updateErrors: (_context, target) => (target.IsConverted === true ? [{ errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD', message: 'cannot reference converted lead', fields: [] }] : []),
	beforeInsert: (context, record) => assignOwner(context, record),
	beforeUpdate: (context, _target, changes) => assignOwner(context, changes),
};

/** The rule wins over an OwnerId the caller gave, as in Salesforce. */
function assignOwner(context: SaveContext, record: Record<string, unknown>): void {
	if (context.assignedOwnerId !== undefined) record.OwnerId = context.assignedOwnerId;
}

export const OBJECT_RULES: Record<string, ObjectRules | undefined> = {
	Lead: LEAD_RULES,
	Campaign: CAMPAIGN_RULES,
	CampaignMember: CAMPAIGN_MEMBER_RULES,
};
