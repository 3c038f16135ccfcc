/** The org's data: records per sObject, in insertion order. */

export type StoredRecord = Record<string, unknown> & { Id: string };

/** The org's records at one moment, by object. */
export type StoreSnapshot = ReadonlyMap<string, readonly StoredRecord[]>;

export class RecordStore {
	private readonly byObject = new Map<string, StoredRecord[]>();

	insert(objectName: string, record: StoredRecord): void {
		const records = this.byObject.get(objectName) ?? [];
		records.push(record);
		this.byObject.set(objectName, records);
	}

	/** Copies of every record as it is now, for `restore`: an all-or-none composite that fails puts the org back. */
	snapshot(): StoreSnapshot {
		return new Map([...this.byObject].map(([name, records]) => [name, records.map((record) => structuredClone(record))]));
	}

	/** Puts back what `snapshot` took: records created since are gone, edited ones have their old values. */
	restore(snapshot: StoreSnapshot): void {
		this.byObject.clear();
		for (const [name, records] of snapshot) this.byObject.set(name, records.map((record) => structuredClone(record)));
	}

	/** The live records (callers inside the emulator only). */
	all(objectName: string): StoredRecord[] {
		return this.byObject.get(objectName) ?? [];
	}

	/** Copies, for tests: what they change does not change the org. */
	copies(objectName: string): StoredRecord[] {
		const key = [...this.byObject.keys()].find((name) => name.toLowerCase() === objectName.toLowerCase());
		return key === undefined ? [] : this.all(key).map((record) => structuredClone(record));
	}

	/** The record with this id, given in its 15- or 18-character form (the first 15 characters are the id, case-sensitive). */
	byId(objectName: string, id: string): StoredRecord | undefined {
		const id15 = id.slice(0, 15);
		return id.length === 15 || id.length === 18 ? this.all(objectName).find((record) => record.Id.slice(0, 15) === id15) : undefined;
	}

	/** Records whose field equals the value (text compared case-insensitively unless asked otherwise). */
	findBy(objectName: string, fieldName: string, value: unknown, caseSensitive = false): StoredRecord[] {
		const wanted = normalise(value, caseSensitive);
		return this.all(objectName).filter((record) => record[fieldName] !== undefined && record[fieldName] !== null && normalise(record[fieldName], caseSensitive) === wanted);
	}
}

function normalise(value: unknown, caseSensitive: boolean): string {
	const text = String(value);
	return caseSensitive ? text : text.toLowerCase();
}
