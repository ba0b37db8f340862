export * from './account-link.entity';
export * from './api-token.entity';
export * from './feed-token.entity';
export * from './rate-limit-hit.entity';
export * from './session.entity';
export * from './user.entity';
