/**
 * A mirror filled directly with the sandbox's generated contacts (no HTTP): for benchmarks
 * whose figure is what happens after the pull. Run it in a child process when the
 * benchmark measures memory, so the generator's objects are not counted.
 */
import { toMirrorContact } from '../../src/main/crm/contact-mapper';
import { saveAccount, saveRights } from '../../src/main/mirror/accounts-repo';
import { upsertContacts } from '../../src/main/mirror/contacts-repo';
import { phoneRegion } from '../../src/main/phones/normalize';
import { createSandboxAccount } from '../../src/main/sandbox/account';
import { closeStore, openStore } from '../../src/main/store/open-store';

export function fillMirror(path: string, contactCount: number): number {
  const db = openStore(path);
  try {
    const crm = createSandboxAccount({ seed: 'bench', contactCount, anchorTime: 1_750_000_000 });
    const admin = crm.users.find((user) => user.key === 'admin');
    saveAccount(db, {
      id: crm.id,
      name: crm.name,
      subdomain: crm.subdomain,
      baseUrl: 'https://bench.amocrm.ru',
      country: 'RU',
      currentUserId: admin?.id ?? 1,
      isDemo: false,
      authKind: 'long-lived',
      connectedAt: 0,
    });
    saveRights(db, crm.id, { known: true, exportLetter: 'A', isAdmin: true, groupId: 0 }, 0);
    const region = phoneRegion('RU');
    for (let start = 0; start < contactCount; start += 250) {
      const page = [];
      for (let i = start; i < Math.min(contactCount, start + 250); i++)
        page.push(toMirrorContact(crm.contactAt(i), region));
      upsertContacts(db, crm.id, page);
    }
    return crm.id;
  } finally {
    closeStore(db);
  }
}
