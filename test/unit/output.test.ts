import { describeItems, failureJson, pairedOutput } from '../../nodes/SalesforceRest/helpers/output';

describe('failureJson', () => {
	it('is { error, errorCode, fields } for a failed item', () => {
		const problem = { httpStatus: 400, errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] };
		expect(failureJson(problem)).toEqual({ success: false, error: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] });
	});

	it('adds the matching record ids for DUPLICATES_DETECTED and takes a readable message', () => {
		const problem = { errorCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [], duplicates: ['00Q000000000001AAA'] };
		expect(failureJson(problem, 'Use one of these records? Turn on "Allow Duplicates"')).toEqual({
			success: false,
			error: 'Use one of these records? Turn on "Allow Duplicates"',
			errorCode: 'DUPLICATES_DETECTED',
			fields: [],
			duplicates: ['00Q000000000001AAA'],
		});
	});
});

describe('pairedOutput', () => {
	it('pairs the output item with its input item', () => {
		expect(pairedOutput({ id: '00Q', success: true }, 3)).toEqual({ json: { id: '00Q', success: true }, pairedItem: { item: 3 } });
	});
});

describe('describeItems', () => {
	it('names one item, a run of items, or a list', () => {
		expect(describeItems([4])).toBe('item 4');
		expect(describeItems([200, 201, 202])).toBe('items 200 to 202');
		expect(describeItems([1, 3, 4])).toBe('items 1, 3, 4');
	});
});

describe('describeItems on long lists', () => {
	it('writes runs as ranges', () => {
		expect(describeItems([1, 3, 4, 5, 6, 9])).toBe('items 1, 3 to 6, 9');
	});

	it('names at most ten parts and counts the rest', () => {
		const evens = Array.from({ length: 1000 }, (_, index) => index * 2);
		expect(describeItems(evens)).toBe('items 0, 2, 4, 6, 8, 10, 12, 14, 16, 18 and 990 more');
	});
});
