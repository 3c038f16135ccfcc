/**
 * The one error shape used inside the package, whatever Salesforce sent (an error array, a
 * Collections `statusCode` error, an OAuth `{error, error_description}` object, an HTML page) or
 * whatever the node found wrong with an item before sending it.
 */
export interface SalesforceProblem {
	/** HTTP status of the answer; absent when the node found the problem before any request. */
	httpStatus?: number;
	/** Salesforce's code (`REQUIRED_FIELD_MISSING`, `invalid_grant`, ...): match on this, never on text. */
	errorCode: string;
	/** Readable message, in the org user's language when it comes from Salesforce. */
	message: string;
	/** API names of the fields concerned, possibly empty. */
	fields: string[];
	/** Ids of the records a duplicate rule matched (DUPLICATES_DETECTED only). */
	duplicates?: string[];
	/** Ids of the records an item's match key found when it found several (Create or Update). */
	matches?: string[];
}

/**
 * Whether Salesforce answered (`answered`), the request surely never reached it (`not-sent`), or the
 * connection broke while it was in flight (`unknown`: a create may or may not have happened).
 */
export type Delivery = 'answered' | 'not-sent' | 'unknown';
