/** Field groups and picklists that standard objects share, built as a real describe shows them. */
import { field } from './field';

export const GEOCODE_ACCURACY = ['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'Neighborhood', 'City', 'County', 'State', 'Unknown'];
export const CLEAN_STATUS = ['Matched', 'Different', 'Acknowledged', 'NotFound', 'Inactive', 'Pending', 'SelectMatch', 'Skipped'];
export const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

/** A compound address (Billing, Shipping, Mailing, Other): its parts are createable, the compound is read-only. */
export function addressFields(prefix: string): Array<Record<string, unknown>> {
	const compound = { compoundFieldName: `${prefix}Address` };
	return [
		field(`${prefix}Street`, `${prefix} Street`, 'textarea', 255, 'cun', compound),
		field(`${prefix}City`, `${prefix} City`, 'string', 40, 'cun', compound),
		field(`${prefix}State`, `${prefix} State/Province`, 'string', 80, 'cun', compound),
		field(`${prefix}PostalCode`, `${prefix} Zip/Postal Code`, 'string', 20, 'cun', compound),
		field(`${prefix}Country`, `${prefix} Country`, 'string', 80, 'cun', compound),
		field(`${prefix}Latitude`, `${prefix} Latitude`, 'double', 0, 'cun', { ...compound, precision: 18, scale: 15 }),
		field(`${prefix}Longitude`, `${prefix} Longitude`, 'double', 0, 'cun', { ...compound, precision: 18, scale: 15 }),
		field(`${prefix}GeocodeAccuracy`, `${prefix} Geocode Accuracy`, 'picklist', 40, 'cun', { ...compound, picklist: GEOCODE_ACCURACY, restrictedPicklist: true }),
		field(`${prefix}Address`, `${prefix} Address`, 'address', 0, 'n'),
	];
}
