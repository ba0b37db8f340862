export * from './lib/entities/source.entities';
export * from './lib/sources.module';
