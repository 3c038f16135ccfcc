/** The top level of a describe, with the same keys as the Lead capture, for the built-in objects. */

export interface SObjectSpec {
	name: string;
	label: string;
	labelPlural: string;
	keyPrefix: string;
	/** Setup data the API reads but never writes (AssignmentRule): not createable, updateable or deletable. */
	readOnly?: boolean;
	fields: Array<Record<string, unknown>>;
	childRelationships: Array<{ childSObject: string; field: string; relationshipName: string | null; cascadeDelete?: boolean }>;
}

/** My Domain of the emulated org, used where Salesforce puts absolute UI links. */
const UI_HOST = 'https://emulator-dev-ed.my.salesforce.com';

export function sobjectDescribe(spec: SObjectSpec, version: string): Record<string, unknown> {
	const base = `/services/data/v${version}/sobjects/${spec.name}`;
	const writable = spec.readOnly !== true;
	return {
		actionOverrides: [],
		activateable: false,
		associateEntityType: null,
		associateParentEntity: null,
		childRelationships: spec.childRelationships.map((child) => ({
			cascadeDelete: child.cascadeDelete ?? false,
			childSObject: child.childSObject,
			deprecatedAndHidden: false,
			field: child.field,
			junctionIdListNames: [],
			junctionReferenceTo: [],
			relationshipName: child.relationshipName,
			restrictedDelete: false,
		})),
		compactLayoutable: true,
		createable: writable,
		custom: false,
		customSetting: false,
		deepCloneable: false,
		defaultImplementation: null,
		deletable: writable,
		deprecatedAndHidden: false,
		extendedBy: null,
		extendsInterfaces: null,
		feedEnabled: true,
		fields: spec.fields,
		hasSubtypes: false,
		implementedBy: null,
		implementsInterfaces: null,
		isInterface: false,
		isSubtype: false,
		keyPrefix: spec.keyPrefix,
		label: spec.label,
		labelPlural: spec.labelPlural,
		layoutable: true,
		listviewable: null,
		lookupLayoutable: null,
		mergeable: writable,
		mruEnabled: true,
		name: spec.name,
		namedLayoutInfos: [],
		networkScopeFieldName: null,
		queryable: true,
		recordTypeInfos: [
			{
				active: true,
				available: true,
				defaultRecordTypeMapping: true,
				developerName: 'Master',
				master: true,
				name: 'Master',
				recordTypeId: '012000000000000AAA',
				urls: { layout: `${base}/describe/layouts/012000000000000AAA` },
			},
		],
		replicateable: true,
		retrieveable: true,
		searchLayoutable: true,
		searchable: true,
		sobjectDescribeOption: 'FULL',
		supportedScopes: [
			{ label: `All ${spec.labelPlural.toLowerCase()}`, name: 'everything' },
			{ label: `My ${spec.labelPlural.toLowerCase()}`, name: 'mine' },
			{ label: 'My team\'s ' + spec.labelPlural.toLowerCase(), name: 'team' },
		],
		triggerable: true,
		undeletable: writable,
		updateable: writable,
		urls: {
			compactLayouts: `${base}/describe/compactLayouts`,
			rowTemplate: `${base}/{ID}`,
			approvalLayouts: `${base}/describe/approvalLayouts`,
			uiDetailTemplate: `${UI_HOST}/{ID}`,
			uiEditTemplate: `${UI_HOST}/{ID}/e`,
			listviews: `${base}/listviews`,
			describe: `${base}/describe`,
			uiNewRecord: `${UI_HOST}/${spec.keyPrefix}/e`,
			quickActions: `${base}/quickActions`,
			layouts: `${base}/describe/layouts`,
			sobject: base,
		},
	};
}
