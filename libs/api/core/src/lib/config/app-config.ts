import { Environment } from './environment';

/** The validated configuration, injected wherever settings are needed. */
export class AppConfig {
  constructor(
    readonly env: Environment,
    /** The database URL in use: DATABASE_URL, or the embedded server's. */
    readonly databaseUrl: string,
    readonly embeddedDatabase: boolean,
  ) {}

  get publicUrl(): string {
    return (this.env.PUBLIC_URL ?? `http://${this.env.HOST === '0.0.0.0' ? '127.0.0.1' : this.env.HOST}:${this.env.PORT}`).replace(
      /\/$/,
      '',
    );
  }

  get mailConfigured(): boolean {
    return Boolean(this.env.SMTP_URL);
  }

  /** TRUST_PROXY in the form Fastify's `trustProxy` option takes. */
  get trustProxy(): boolean | number | string[] {
    const value = this.env.TRUST_PROXY.trim();
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(',').map((part) => part.trim());
  }
}
