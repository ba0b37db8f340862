export * from './agreement.entity';
export * from './anchor-event.entity';
export * from './commitment.entity';
export * from './party.entity';
export * from './policy-area.entity';
export * from './status-update.entity';
