import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@pactwatch/api/audit';
import { AccessGuard, AuthModule } from '@pactwatch/api/auth';
import { CommitmentsModule } from '@pactwatch/api/commitments';
import { AppConfig, buildDataSourceOptions, Clock, CoreModule, ProblemDetailsFilter, SystemClock } from '@pactwatch/api/core';
import { RemindersModule } from '@pactwatch/api/reminders';
import { SourcesModule } from '@pactwatch/api/sources';
import { ENTITIES } from '../database/entities';
import { MIGRATIONS } from '../migrations';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions({
            url: config.databaseUrl,
            entities: ENTITIES,
            migrations: MIGRATIONS,
            poolSize: config.env.DATABASE_POOL_SIZE,
          }),
          // Keep retrying quietly at boot is wrong for a CLI-started app: fail fast and say why.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        ScheduleModule.forRoot(),
        CoreModule.forRoot(config, clock),
        AuditModule,
        AuthModule,
        CommitmentsModule,
        RemindersModule,
        SourcesModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Every route is denied unless it declares @Access(...); see libs/api/auth.
        { provide: APP_GUARD, useExisting: AccessGuard },
      ],
    };
  }
}
