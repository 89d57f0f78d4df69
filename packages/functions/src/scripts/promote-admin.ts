/**
 * Bootstraps the first admin (and fixes roles by hand): sets the role of the
 * user with this email, through the same repository the API uses.
 *
 *   MONGODB_URI=mongodb://… npx tsx packages/functions/src/scripts/promote-admin.ts ada@example.com
 *   MONGODB_URI=mongodb://… npx tsx packages/functions/src/scripts/promote-admin.ts ada@example.com --role user
 *
 * The new role is in the user's next access token (next login or refresh); tokens issued before are taken back.
 */
import { parseArgs } from 'node:util';
import { isRole } from '@nocturnal/core/auth/roles';
import { loadConfig, requireSetting } from '@nocturnal/core/config';
import { createMongo } from '@nocturnal/core/db/mongo';
import { normaliseEmail } from '@nocturnal/core/users/email';
import { mongoUserRepository } from '@nocturnal/core/users/users.mongo';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { role: { type: 'string', default: 'admin' } } });
const [email] = positionals;
if (!email || positionals.length !== 1 || !isRole(values.role)) {
  process.stderr.write('usage: promote-admin.ts <email> [--role admin|user]\n');
  process.exit(2);
}

const config = loadConfig({}, ['MONGODB_URI']);
const mongo = createMongo({ MONGODB_URI: requireSetting(config, 'MONGODB_URI'), MONGODB_DB: config.MONGODB_DB });
try {
  const users = mongoUserRepository(mongo.db);
  const user = await users.findByEmail(normaliseEmail(email));
  if (!user) {
    process.stderr.write(`no user with email ${normaliseEmail(email)}: register first\n`);
    process.exitCode = 1;
  } else {
    await users.update(user.id, { role: values.role }, new Date(), { revokeTokens: true });
    process.stdout.write(`${user.email} (${user.id}): role ${user.role} → ${values.role}\n`);
  }
} finally {
  await mongo.client.close();
}
