import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { useClockForTimestamps } from './clock/clock-timestamps';
import { AppConfig } from './config/app-config';
import { Clock, SystemClock } from './clock/clock';
import { HealthController } from './health/health.controller';
import { MailHealthReader } from './health/mail-health';
import { MailDeliveryStatusEntity } from './mail/mail-delivery-status.entity';
import { MailOutboxEntity } from './mail/mail-outbox.entity';
import { DatabaseMailOutbox, MailOutbox } from './mail/mail-outbox';
import { WorkspaceSettingsEntity } from './settings/workspace-settings.entity';
import { WorkspaceSettingsService } from './settings/workspace-settings.service';

const CLOCK_TIMESTAMPS = Symbol('CLOCK_TIMESTAMPS');

/** Configuration, clock, workspace settings, the mail outbox and health: what every feature library may inject. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TerminusModule.forRoot({ errorLogStyle: 'pretty', gracefulShutdownTimeoutMs: 0 }),
        TypeOrmModule.forFeature([WorkspaceSettingsEntity, MailOutboxEntity, MailDeliveryStatusEntity]),
      ],
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
        {
          provide: CLOCK_TIMESTAMPS,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) => useClockForTimestamps(dataSource, clock),
        },
        WorkspaceSettingsService,
        { provide: MailOutbox, useClass: DatabaseMailOutbox },
        MailHealthReader,
      ],
      exports: [AppConfig, Clock, WorkspaceSettingsService, MailOutbox, MailHealthReader],
    };
  }
}
