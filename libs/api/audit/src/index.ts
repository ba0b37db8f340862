export * from './lib/audit-log.entity';
export * from './lib/audit.service';
export * from './lib/audit.module';
export * from './lib/audit-query.dto';
export * from './lib/current-actor.decorator';
