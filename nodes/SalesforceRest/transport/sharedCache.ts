/**
 * A small cache shared by the executions of one n8n process: bounded in entries and in age, single
 * flight (callers that need an entry while it is being loaded wait for that one load), and a failed
 * load is never kept. Module-level state, deliberately: see describeCache.ts for why it is worth it.
 */

interface Entry<T> {
	promise: Promise<T>;
	/** When the load finished (Date.now()); undefined while it is in flight. */
	loadedAt?: number;
	value?: T;
}

export interface CacheHit<T> {
	value: T;
	/** When the value was loaded; a value loaded while this call waited counts as just loaded. */
	loadedAt: number;
	/** True when the value was loaded before this call asked (it may be stale). */
	fromCache: boolean;
}

/** Sets `key` as the most recently used entry of `map`; past `maxEntries` the least recently used go. */
export function setMostRecent<K, V>(map: Map<K, V>, key: K, value: V, maxEntries: number): void {
	map.delete(key);
	map.set(key, value);
	while (map.size > maxEntries) map.delete(map.keys().next().value as K);
}

export class SharedCache<T> {
	private readonly entries = new Map<string, Entry<T>>();

	constructor(private readonly maxEntries: number) {}

	get size(): number {
		return this.entries.size;
	}

	/** The entry for `key` when younger than `maxAgeMs`, else a new load (one at a time per key). */
	async get(key: string, maxAgeMs: number, load: () => Promise<T>, now = Date.now()): Promise<CacheHit<T>> {
		const entry = this.entries.get(key);
		if (entry !== undefined && (entry.loadedAt === undefined || now - entry.loadedAt < maxAgeMs)) {
			setMostRecent(this.entries, key, entry, this.maxEntries);
			const fromCache = entry.loadedAt !== undefined;
			const value = await entry.promise;
			return { value, loadedAt: entry.loadedAt ?? Date.now(), fromCache };
		}
		return await this.load(key, load);
	}

	/** A new load that replaces the entry, unless one is already in flight (then that one is awaited). */
	async reload(key: string, load: () => Promise<T>): Promise<CacheHit<T>> {
		const entry = this.entries.get(key);
		if (entry !== undefined && entry.loadedAt === undefined) {
			const value = await entry.promise;
			return { value, loadedAt: entry.loadedAt ?? Date.now(), fromCache: false };
		}
		return await this.load(key, load);
	}

	/** Forgets the entry (a schema change was seen), unless it was replaced since `value` was read. */
	drop(key: string, value?: T): void {
		const entry = this.entries.get(key);
		if (entry !== undefined && (value === undefined || entry.value === value)) this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}

	private async load(key: string, load: () => Promise<T>): Promise<CacheHit<T>> {
		const entry: Entry<T> = { promise: load() };
		setMostRecent(this.entries, key, entry, this.maxEntries);
		// Registered before anyone awaits the load, so the entry is settled before any caller goes on.
		entry.promise.then(
			(value) => {
				entry.loadedAt = Date.now();
				entry.value = value;
			},
			() => {
				if (this.entries.get(key) === entry) this.entries.delete(key);
			},
		);
		const value = await entry.promise;
		return { value, loadedAt: entry.loadedAt ?? Date.now(), fromCache: false };
	}
}
