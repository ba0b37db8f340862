import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Access } from '../access/access.decorator';
import { MailHealthReader } from './mail-health';

/** The health report; `degraded` (HTTP 200) while a dependency that serving does not need, mail, is failing. */
export type HealthReport = Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded' };

/** Checks that came back up but flagged `degraded` (mail) are reported as such, and so is the whole answer. */
function markDegraded(result: HealthCheckResult): HealthReport {
  const flagged = Object.entries(result.info ?? {}).filter(([, entry]) => entry?.['degraded'] === true);
  if (flagged.length === 0) return result;
  const mark = (group: HealthCheckResult['info']) =>
    Object.fromEntries(
      Object.entries(group ?? {}).map(([key, entry]) => {
        if (entry?.['degraded'] !== true) return [key, entry];
        const { degraded: _flag, ...rest } = entry;
        return [key, { ...rest, status: 'degraded' }];
      }),
    );
  return { ...result, status: 'degraded', info: mark(result.info), details: mark(result.details) } as HealthReport;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly mail: MailHealthReader,
  ) {}

  @Get()
  @Access('public')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: 200 when the database answers, 503 otherwise (with which check failed). While mail has been failing for ' +
      '15 minutes or more the answer stays 200 with status "degraded" and the details under info.mail: mail is not needed to serve.',
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    try {
      const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 1500 }), () => this.mail.check('mail')]);
      return markDegraded(result);
    } catch (error) {
      // Answer the health report itself (not a problem document), so probes and people see which check is down.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503).header('retry-after', '5');
      return error.getResponse() as HealthCheckResult;
    }
  }

  @Get('live')
  @Access('public')
  @ApiOperation({ summary: 'Liveness: 200 while the process is serving requests' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
