import { Initial1795743390622 } from './1795743390622-Initial';

/** Migrations in the order they apply. Add each new migration here. */
export const MIGRATIONS = [Initial1795743390622];
