import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';
import { isValidTimeZone } from '@pactwatch/shared/deadlines';
import { ValidateBy } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return value;
};
const IsTimeZone = () =>
  ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
      defaultMessage: () => 'must be an IANA time zone such as Europe/Brussels',
    },
  });

/**
 * Every environment variable Pactwatch reads. `.env.example` documents each one.
 * Validated once at start-up; nothing else reads `process.env`.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true },
    {
      message: 'must be a postgres:// connection URL',
    },
  )
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** CSV imports one instance runs at once (each holds a pooled connection and a transaction); more answer 429. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(50)
  CSV_IMPORTS_PER_INSTANCE = 2;

  /** CSV imports one user runs at once across every instance (counted in PostgreSQL); more answer 429. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10)
  CSV_IMPORTS_PER_USER = 1;

  /**
   * Which reverse proxies' X-Forwarded-For to believe for the client's address (login throttling, audit):
   * false (none: the default, so a client cannot pick its own address), true (any), a number of hops,
   * or addresses and CIDR ranges separated by commas.
   */
  @IsOptional()
  @Matches(/^(true|false|\d{1,2}|[\da-fA-F.:]+(\/\d{1,3})?(\s*,\s*[\da-fA-F.:]+(\/\d{1,3})?)*)$/, {
    message: 'must be false, true, a number of proxies, or addresses/CIDR ranges separated by commas',
  })
  TRUST_PROXY = 'false';

  @IsOptional()
  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  SEED_DEMO_DATA?: boolean;

  @IsOptional()
  @IsString()
  WEB_DIST_DIR = 'dist/apps/web/browser';

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    {
      message: 'must be the public http(s) URL of the app, e.g. https://pactwatch.example.org',
    },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @IsUrl(
    { protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true },
    {
      message: 'must be an smtp:// or smtps:// URL',
    },
  )
  SMTP_URL?: string;

  /** DKIM signing by Pactwatch itself (domain, selector, PEM key file), for relays that do not sign. All three or none. */
  @IsOptional()
  @IsString()
  MAIL_DKIM_DOMAIN?: string;

  @IsOptional()
  @IsString()
  MAIL_DKIM_SELECTOR?: string;

  @IsOptional()
  @IsString()
  MAIL_DKIM_PRIVATE_KEY_FILE?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM = 'Pactwatch <pactwatch@localhost>';

  @IsOptional()
  @IsTimeZone()
  DEFAULT_TIME_ZONE = 'UTC';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  SCHEDULER_ENABLED = true;

  /** How often each instance plans reminders into the outbox. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(86400)
  REMINDER_PLAN_INTERVAL_SECONDS = 300;

  /** How often each instance sends what is due in the outbox. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(3600)
  MAIL_SEND_INTERVAL_SECONDS = 60;

  /** The wait after a first failed send; it doubles with each further failure (up to 6 hours). */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(86400)
  MAIL_RETRY_BASE_SECONDS = 300;

  /** A mail claimed for sending but not confirmed within this time (its sender died) is sent again. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(86400)
  MAIL_CLAIM_LEASE_SECONDS = 600;

  /** The largest source document (upload or fetched URL) Pactwatch accepts, in bytes. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1024)
  @Max(1_073_741_824)
  SOURCE_MAX_BYTES = 26_214_400;

  /** How long fetching a source document's URL may take. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(300)
  SOURCE_FETCH_TIMEOUT_SECONDS = 20;

  /**
   * Whether a source URL may point at a loopback, private or link-local address. Off by default, so that
   * nobody can make the server fetch from its own network; tests turn it on for their 127.0.0.1 servers.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  SOURCE_FETCH_ALLOW_PRIVATE = false;

  @IsOptional()
  @IsString()
  SESSION_SECRET?: string;

  @IsOptional()
  @IsString()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  /**
   * A session ends this many hours after sign-in however active it is (absolute lifetime). 12 hours: one working
   * day, then sign in again (ASVS 4.0 3.3.2, level 2).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(720)
  SESSION_ABSOLUTE_HOURS = 12;

  /**
   * A viewer's or analyst's session ends after this many minutes without a request (idle timeout). Two hours: they
   * read and edit commitments, and cannot manage users, settings or the audit log.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(5)
  @Max(43200)
  SESSION_IDLE_MINUTES = 120;

  /** An admin's session ends after this many minutes without a request: shorter, since an admin session can make admins. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(5)
  @Max(43200)
  SESSION_ADMIN_IDLE_MINUTES = 30;
}

/** Variables an older release read, with what replaced them: set, they stop the start-up rather than being ignored. */
const RETIRED: Record<string, string> = {
  SESSION_IDLE_HOURS: 'was replaced by SESSION_IDLE_MINUTES (and SESSION_ADMIN_IDLE_MINUTES for admins)',
  SESSION_MAX_DAYS: 'was replaced by SESSION_ABSOLUTE_HOURS',
};

export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
    value: unknown,
  ) {
    super(`Invalid environment variable ${variable}=${JSON.stringify(value)}: ${reason}`);
    this.name = 'ConfigurationError';
  }
}

/** Validate raw environment variables; throws a ConfigurationError naming the first bad variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): Environment {
  for (const [variable, reason] of Object.entries(RETIRED)) {
    if (raw[variable] !== undefined && raw[variable] !== '') throw new ConfigurationError(variable, reason, raw[variable]);
  }
  const known = Object.fromEntries(
    Object.keys(new Environment())
      .concat([
        'DATABASE_URL',
        'SEED_DEMO_DATA',
        'PUBLIC_URL',
        'SMTP_URL',
        'MAIL_DKIM_DOMAIN',
        'MAIL_DKIM_SELECTOR',
        'MAIL_DKIM_PRIVATE_KEY_FILE',
        'SESSION_SECRET',
        'ADMIN_EMAIL',
        'ADMIN_PASSWORD',
      ])
      .filter((key) => raw[key] !== undefined && raw[key] !== '')
      .map((key) => [key, raw[key]]),
  );
  const env = plainToInstance(Environment, known);
  const errors = validateSync(env, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    // Type checks (isInt, isUrl...) say more than range checks, so report them first.
    const constraints = Object.entries(first.constraints ?? {}).sort(
      ([a], [b]) => Number(!a.startsWith('is')) - Number(!b.startsWith('is')),
    );
    const reason = constraints[0]?.[1] ?? 'is invalid';
    throw new ConfigurationError(first.property, reason.replace(`${first.property} `, ''), known[first.property]);
  }
  const absoluteMinutes = env.SESSION_ABSOLUTE_HOURS * 60;
  for (const variable of ['SESSION_IDLE_MINUTES', 'SESSION_ADMIN_IDLE_MINUTES'] as const) {
    if (env[variable] > absoluteMinutes) {
      throw new ConfigurationError(
        variable,
        `must not be longer than SESSION_ABSOLUTE_HOURS (${absoluteMinutes} minutes)`,
        known[variable],
      );
    }
  }
  const dkim = ['MAIL_DKIM_DOMAIN', 'MAIL_DKIM_SELECTOR', 'MAIL_DKIM_PRIVATE_KEY_FILE'] as const;
  const missing = dkim.filter((key) => !env[key]);
  if (missing.length > 0 && missing.length < dkim.length) {
    throw new ConfigurationError(
      missing[0],
      `must be set too when ${dkim.filter((key) => env[key]).join(' and ')} is set (DKIM signing)`,
      '',
    );
  }
  return env;
}
