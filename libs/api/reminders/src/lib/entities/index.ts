export * from './reminder-item.entity';
export * from './reminder-marks.entity';
export * from './reminder-preferences.entity';
export * from './reminder-state.entity';
export * from './watch.entity';
