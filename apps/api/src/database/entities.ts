import { AuditLogEntity } from '@pactwatch/api/audit';
import { AccountLinkEntity, ApiTokenEntity, FeedTokenEntity, RateLimitHitEntity, SessionEntity, UserEntity } from '@pactwatch/api/auth';
import {
  AgreementEntity,
  AnchorEventChangeEntity,
  AnchorEventEntity,
  CommitmentEntity,
  EvidenceEntity,
  PartyEntity,
  PolicyAreaEntity,
  StatusUpdateEntity,
} from '@pactwatch/api/commitments';
import { MailDeliveryStatusEntity, MailOutboxEntity, WorkspaceSettingsEntity } from '@pactwatch/api/core';
import {
  ReminderCommitmentMarkEntity,
  ReminderItemEntity,
  ReminderPreferencesEntity,
  ReminderRecipientMarkEntity,
  ReminderStateEntity,
  WatchEntity,
} from '@pactwatch/api/reminders';
import { SOURCE_ENTITIES } from '@pactwatch/api/sources';

/** Every entity Pactwatch persists. Migrations must match these exactly (CI checks for drift). */
export const ENTITIES = [
  WorkspaceSettingsEntity,
  AuditLogEntity,
  UserEntity,
  SessionEntity,
  ApiTokenEntity,
  FeedTokenEntity,
  AccountLinkEntity,
  RateLimitHitEntity,
  MailOutboxEntity,
  MailDeliveryStatusEntity,
  PartyEntity,
  PolicyAreaEntity,
  AgreementEntity,
  AnchorEventEntity,
  AnchorEventChangeEntity,
  CommitmentEntity,
  StatusUpdateEntity,
  EvidenceEntity,
  WatchEntity,
  ReminderPreferencesEntity,
  ReminderItemEntity,
  ReminderStateEntity,
  ReminderCommitmentMarkEntity,
  ReminderRecipientMarkEntity,
  ...SOURCE_ENTITIES,
];
