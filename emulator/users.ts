/**
 * The users of the emulated org: the default API user every org has (emulator.user@example.com /
 * emulator) and the ones the `users` option adds. Each has its own id; tokens, identity answers
 * and the audit fields of what its tokens write say which.
 */
import { userIdOf } from './ids';
import type { UserOption } from './types';

/** The default user; the consent form comes pre-filled with these so a click on Allow is enough. */
export const EMULATOR_USERNAME = 'emulator.user@example.com';
export const EMULATOR_PASSWORD = 'emulator';
/** Salesforce's limit on a username (which must look like an email address). */
const USERNAME_MAX_LENGTH = 80;

export interface EmulatorUser {
	/** 005 id, 18 characters. */
	id: string;
	username: string;
	password: string;
	firstName: string;
	lastName: string;
}

export class UserDirectory {
	readonly defaultUser: EmulatorUser;
	private readonly users: EmulatorUser[];

	/** `org`: the org number the ids are minted for; `extra`: users beyond the default one, in order (ids 2, 3, ...). */
	constructor(org: number, extra: UserOption[] = []) {
		this.defaultUser = { id: userIdOf(org, 1), username: EMULATOR_USERNAME, password: EMULATOR_PASSWORD, firstName: 'Emulator', lastName: 'User' };
		this.users = [this.defaultUser];
		for (const option of extra) {
			const username = checkedUsername(option?.username);
			if (this.byUsername(username) !== undefined) throw new Error(`users: ${username} is there twice (usernames are unique, in any letter case)`);
			if (option.password !== undefined && (typeof option.password !== 'string' || option.password === '')) {
				throw new Error(`users: the password of ${username} must be a non-empty string`);
			}
			const k = this.users.length + 1;
			this.users.push({ id: userIdOf(org, k), username, password: option.password ?? EMULATOR_PASSWORD, firstName: 'Emulator', lastName: `User ${k}` });
		}
	}

	/** Usernames are not case-sensitive, as in Salesforce. */
	byUsername(username: string): EmulatorUser | undefined {
		const wanted = username.toLowerCase();
		return this.users.find((user) => user.username.toLowerCase() === wanted);
	}

	/** By the 15- or 18-character id. */
	byId(id: string): EmulatorUser | undefined {
		const wanted = id.slice(0, 15);
		return this.users.find((user) => user.id.slice(0, 15) === wanted);
	}

	/** The user a login form's username and password name, or undefined. */
	signIn(username: string | undefined, password: string | undefined): EmulatorUser | undefined {
		if (username === undefined || password === undefined) return undefined;
		const user = this.byUsername(username);
		return user !== undefined && user.password === password ? user : undefined;
	}
}

/** An email-shaped username of at most 80 characters: one @ with text on both sides, no spaces. */
function checkedUsername(value: unknown): string {
	if (typeof value !== 'string') throw new Error(`users: every user needs a username, got ${typeof value}`);
	if (value.length > USERNAME_MAX_LENGTH) throw new Error(`users: a username has at most ${USERNAME_MAX_LENGTH} characters, got one of ${value.length}`);
	const shown = JSON.stringify(value);
	const at = value.indexOf('@');
	const emailShaped = at > 0 && at === value.lastIndexOf('@') && at < value.length - 1 && !/\s/.test(value);
	if (!emailShaped) throw new Error(`users: a username looks like an email address (name@example.com), got ${shown}`);
	return value;
}

/** The name part of a username: the identity's nick_name. */
export function nickNameOf(user: EmulatorUser): string {
	return user.username.slice(0, user.username.indexOf('@'));
}
