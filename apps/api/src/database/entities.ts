import { AuditLogEntity } from '@pactwatch/api/audit';
import { UserEntity } from '@pactwatch/api/auth';
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
import { WorkspaceSettingsEntity } from '@pactwatch/api/core';

/** Every entity Pactwatch persists. Migrations must match these exactly (CI checks for drift). */
export const ENTITIES = [
  WorkspaceSettingsEntity,
  AuditLogEntity,
  UserEntity,
  PartyEntity,
  PolicyAreaEntity,
  AgreementEntity,
  AnchorEventEntity,
  AnchorEventChangeEntity,
  CommitmentEntity,
  StatusUpdateEntity,
  EvidenceEntity,
];
