/** The harness's connected credential for a chosen user of an emulator's org. */
import { USER_ID } from '../../emulator';
import { connectedCredential } from '../harness/salesforce';
import { emulator, stopAll } from './helpers';

afterEach(stopAll);

const SECOND = 'second.user@example.com';

function identityOf(credential: Awaited<ReturnType<typeof connectedCredential>>): unknown {
	return (credential.data.oauthTokenData as { id?: unknown }).id;
}

describe('connectedCredential', () => {
	it('connects the named user of the org', async () => {
		const em = await emulator({ org: 2, users: [{ username: SECOND }] });
		const credential = await connectedCredential(em, { user: SECOND });
		expect(identityOf(credential)).toBe(`${em.url}/id/${em.orgId}/${em.userId(SECOND)}`);
	});

	it('connects the default user when no user is named', async () => {
		const em = await emulator();
		expect(identityOf(await connectedCredential(em))).toBe(`${em.url}/id/${em.orgId}/${USER_ID}`);
	});
});
