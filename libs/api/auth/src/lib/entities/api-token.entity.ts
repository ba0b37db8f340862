import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiTokenScope } from '@pactwatch/shared/contracts';
import { UserEntity } from './user.entity';

/**
 * A personal API token, for scripts (`Authorization: Bearer`). The token is shown once; only its SHA-256
 * is kept (the token is 256 random bits, so a fast hash is enough). Revoked rows stay for the list.
 * `scope` is `read` (GET only) or `read-write`; no token may manage users, passwords or tokens.
 */
@Entity({ name: 'api_tokens' })
@Index('api_tokens_token_hash_key', ['tokenHash'], { unique: true })
@Index('api_tokens_user_idx', ['userId', 'createdAt'])
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'api_tokens_user_fk' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The first characters of the token, so its owner can tell tokens apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 16 })
  scope!: ApiTokenScope;

  /** null: valid until revoked. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
