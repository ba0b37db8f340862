import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Access } from '../access/access.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @Access('public')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 200 when the database answers, 503 otherwise' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1500 })]);
  }

  @Get('live')
  @Access('public')
  @ApiOperation({ summary: 'Liveness: 200 while the process is serving requests' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
