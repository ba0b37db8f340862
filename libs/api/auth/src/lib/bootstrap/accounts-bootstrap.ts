import { AuditService, SYSTEM_ACTOR } from '@pactwatch/api/audit';
import { ADVISORY_LOCKS, ConfigurationError, withAdvisoryLock } from '@pactwatch/api/core';
import type { Role } from '@pactwatch/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { hashPassword, passwordProblem } from '../passwords/passwords';
import { EMAIL_PATTERN, normalizeEmail } from '../secrets';
import { auditedUser } from '../users/user.mapper';

/** The password of every demo account (embedded mode only). Listed in the README. */
export const DEMO_PASSWORD = 'pactwatch-demo';

export const DEMO_ACCOUNTS: readonly { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@pactwatch.local', displayName: 'Demo Admin', role: 'admin' },
  { email: 'analyst@pactwatch.local', displayName: 'Demo Analyst', role: 'analyst' },
  { email: 'viewer@pactwatch.local', displayName: 'Demo Viewer', role: 'viewer' },
];

export interface AdminInput {
  email: string;
  password: string;
  displayName?: string;
}

export type AdminResult = 'created' | 'promoted' | 'exists';

/**
 * Creates the admin named by ADMIN_EMAIL / ADMIN_PASSWORD if no account has that email yet. An
 * existing account is left alone (its password is never reset from the environment on restart).
 * Runs under an advisory lock, so instances starting together create it once.
 */
export async function ensureConfiguredAdmin(
  dataSource: DataSource,
  env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string },
  log: (message: string) => void,
): Promise<AdminResult | 'not_configured'> {
  if (!env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) {
    const admins = await dataSource.getRepository(UserEntity).countBy({ role: 'admin' });
    if (admins === 0) log('No admin account yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run admin:create`');
    return 'not_configured';
  }
  if (!env.ADMIN_EMAIL) throw new ConfigurationError('ADMIN_EMAIL', 'must be set together with ADMIN_PASSWORD', undefined);
  if (!env.ADMIN_PASSWORD) throw new ConfigurationError('ADMIN_PASSWORD', 'must be set together with ADMIN_EMAIL', undefined);
  const input = checkedAdminInput({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  const result = await upsertAdmin(dataSource, input, { resetExisting: false });
  if (result === 'created') log(`Created the first admin account ${input.email} (from ADMIN_EMAIL)`);
  return result;
}

/**
 * Creates an admin, or (with resetExisting, as `npm run admin:create` does) promotes an existing
 * account to admin, re-enables it and sets its password.
 */
export async function upsertAdmin(dataSource: DataSource, input: AdminInput, options: { resetExisting: boolean }): Promise<AdminResult> {
  const checked = checkedAdminInput(input);
  const passwordHash = await hashPassword(checked.password);
  return withAdvisoryLock(dataSource, ADVISORY_LOCKS.accountsBootstrap, () =>
    dataSource.transaction(async (manager) => {
      const emailNormalized = normalizeEmail(checked.email);
      const existing = await manager.findOne(UserEntity, { where: { emailNormalized }, lock: { mode: 'pessimistic_write' } });
      if (existing && !options.resetExisting) return 'exists';
      if (existing) {
        const before = auditedUser(existing);
        Object.assign(existing, { role: 'admin', disabledAt: null, passwordHash });
        await manager.save(existing);
        await record(manager, 'update', existing, before, 'Made admin and set password from the command line');
        return 'promoted';
      }
      const user = await manager.save(
        manager.create(UserEntity, {
          email: checked.email,
          emailNormalized,
          displayName: checked.displayName ?? 'Administrator',
          role: 'admin',
          passwordHash,
        }),
      );
      await record(manager, 'create', user, null, `Created admin ${user.email}`);
      return 'created';
    }),
  );
}

/**
 * Adds the demo accounts (one per role, password DEMO_PASSWORD) that do not exist yet. Call it
 * only when the demo data is first loaded, so a deleted or disabled demo account stays that way.
 */
export async function seedDemoAccounts(dataSource: DataSource): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return withAdvisoryLock(dataSource, ADVISORY_LOCKS.accountsBootstrap, () =>
    dataSource.transaction(async (manager) => {
      const created: string[] = [];
      for (const account of DEMO_ACCOUNTS) {
        const emailNormalized = normalizeEmail(account.email);
        if (await manager.existsBy(UserEntity, { emailNormalized })) continue;
        const user = await manager.save(manager.create(UserEntity, { ...account, emailNormalized, passwordHash }));
        await record(manager, 'create', user, null, `Created demo ${user.role} ${user.email}`);
        created.push(`${account.email} (${account.role})`);
      }
      return created;
    }),
  );
}

function checkedAdminInput(input: AdminInput, prefix = 'ADMIN_'): AdminInput {
  const email = input.email.trim();
  if (!EMAIL_PATTERN.test(email) || email.length > 320)
    throw new ConfigurationError(`${prefix}EMAIL`, 'must be an email address', input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new ConfigurationError(`${prefix}PASSWORD`, problem, '(hidden)');
  return { ...input, email };
}

async function record(
  manager: EntityManager,
  action: 'create' | 'update',
  user: UserEntity,
  before: object | null,
  summary: string,
): Promise<void> {
  await new AuditService().record(manager, SYSTEM_ACTOR, {
    action,
    entityType: 'user',
    entityId: user.id,
    before,
    after: auditedUser(user),
    summary,
  });
}
