import { AppConfig } from './app-config';
import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMBEDDED_PG_PORT).not.toBe(5432);
  });

  it('believes no proxy unless told, and takes a hop count or addresses', () => {
    const trust = (value?: string) => new AppConfig(validateEnvironment(value ? { TRUST_PROXY: value } : {}), '', false).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('10.0.0.1, 192.168.0.0/16,::1')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
  });

  it('converts numbers and booleans', () => {
    const env = validateEnvironment({ PORT: '8080', SCHEDULER_ENABLED: 'false', SEED_DEMO_DATA: 'yes' });
    expect(env.PORT).toBe(8080);
    expect(env.SCHEDULER_ENABLED).toBe(false);
    expect(env.SEED_DEMO_DATA).toBe(true);
  });

  it.each([
    ['PORT', 'abc', 'PORT="abc": must be a whole number'],
    ['PORT', '70000', 'PORT="70000": must not be greater than 65535'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL="mysql://x": must be a postgres:// connection URL'],
    ['SMTP_URL', 'http://mail', 'SMTP_URL="http://mail": must be an smtp:// or smtps:// URL'],
    ['DEFAULT_TIME_ZONE', 'Mars/Olympus', 'DEFAULT_TIME_ZONE="Mars/Olympus": must be an IANA time zone'],
    ['SCHEDULER_ENABLED', 'maybe', 'SCHEDULER_ENABLED="maybe": must be true or false'],
    ['TRUST_PROXY', 'yes please', 'TRUST_PROXY="yes please": must be false, true, a number of proxies'],
  ])('rejects %s=%s with one line naming the variable', (name, value, expected) => {
    let error: unknown;
    try {
      validateEnvironment({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).variable).toBe(name);
    expect((error as Error).message).toContain(expected);
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps sessions to 12 hours, 2 idle hours for viewers and analysts and 30 idle minutes for admins, unless told', () => {
    expect(validateEnvironment({})).toMatchObject({
      SESSION_ABSOLUTE_HOURS: 12,
      SESSION_IDLE_MINUTES: 120,
      SESSION_ADMIN_IDLE_MINUTES: 30,
    });
    expect(validateEnvironment({ SESSION_ABSOLUTE_HOURS: '8', SESSION_ADMIN_IDLE_MINUTES: '15' })).toMatchObject({
      SESSION_ABSOLUTE_HOURS: 8,
      SESSION_ADMIN_IDLE_MINUTES: 15,
    });
  });

  it.each([
    [{ SESSION_IDLE_MINUTES: 'soon' }, 'SESSION_IDLE_MINUTES', 'must be a whole number'],
    [{ SESSION_ADMIN_IDLE_MINUTES: '1' }, 'SESSION_ADMIN_IDLE_MINUTES', 'must not be less than 5'],
    [
      { SESSION_ABSOLUTE_HOURS: '1', SESSION_IDLE_MINUTES: '90' },
      'SESSION_IDLE_MINUTES',
      'must not be longer than SESSION_ABSOLUTE_HOURS (60 minutes)',
    ],
    [{ SESSION_IDLE_HOURS: '24' }, 'SESSION_IDLE_HOURS', 'was replaced by SESSION_IDLE_MINUTES'],
    [{ SESSION_MAX_DAYS: '14' }, 'SESSION_MAX_DAYS', 'was replaced by SESSION_ABSOLUTE_HOURS'],
  ])('refuses session settings %j, naming %s', (raw, variable, reason) => {
    expect(() => validateEnvironment(raw)).toThrow(expect.objectContaining({ variable, message: expect.stringContaining(reason) }));
  });

  it('refuses DKIM signing set up by halves, naming the variable that is missing', () => {
    expect(() => validateEnvironment({ MAIL_DKIM_DOMAIN: 'example.org', MAIL_DKIM_SELECTOR: 'pw' })).toThrow(
      'Invalid environment variable MAIL_DKIM_PRIVATE_KEY_FILE="": must be set too when MAIL_DKIM_DOMAIN and MAIL_DKIM_SELECTOR is set',
    );
    expect(
      validateEnvironment({ MAIL_DKIM_DOMAIN: 'example.org', MAIL_DKIM_SELECTOR: 'pw', MAIL_DKIM_PRIVATE_KEY_FILE: '/run/key.pem' }),
    ).toMatchObject({ MAIL_DKIM_DOMAIN: 'example.org' });
  });
});
