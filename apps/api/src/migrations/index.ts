import { Initial1795743390622 } from './1795743390622-Initial';
import { Accounts1795744284337 } from './1795744284337-Accounts';
import { Reminders1795744632566 } from './1795744632566-Reminders';
import { CommitmentsApi1795744984727 } from './1795744984727-CommitmentsApi';
import { DashboardCountsIndex1795746166967 } from './1795746166967-DashboardCountsIndex';
import { DataVersion1795753295878 } from './1795753295878-DataVersion';
import { ReminderPlanningMarks1795755540732 } from './1795755540732-ReminderPlanningMarks';
import { FeedTokensAndTokenScopes1796304278484 } from './1796304278484-FeedTokensAndTokenScopes';
import { SourceDocuments1796304791186 } from './1796304791186-SourceDocuments';
import { OneClockCatchUp1796304796425 } from './1796304796425-OneClockCatchUp';

/** Migrations in the order they apply. Add each new migration here. */
export const MIGRATIONS = [
  Initial1795743390622,
  Accounts1795744284337,
  Reminders1795744632566,
  CommitmentsApi1795744984727,
  DashboardCountsIndex1795746166967,
  DataVersion1795753295878,
  ReminderPlanningMarks1795755540732,
  FeedTokensAndTokenScopes1796304278484,
  SourceDocuments1796304791186,
  OneClockCatchUp1796304796425,
];
