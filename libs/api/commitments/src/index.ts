export * from './lib/entities';
export * from './lib/commitments.module';
export * from './lib/commitments/commitments.service';
export * from './lib/demo/demo-data';
