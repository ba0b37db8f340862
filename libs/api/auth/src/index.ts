export * from './lib/entities/user.entity';
