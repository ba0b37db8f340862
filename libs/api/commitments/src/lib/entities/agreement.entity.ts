import { CreatedAtColumn, UpdatedAtColumn } from '@pactwatch/api/core';
import { Column, Entity, Index, JoinTable, ManyToMany, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { PartyEntity } from './party.entity';

export const AGREEMENT_KINDS = [
  'mou',
  'treaty',
  'joint_declaration',
  'law',
  'executive_order',
  'communique',
  'statement',
  'other',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** The source document commitments come from. */
@Entity({ name: 'agreements' })
@Index('agreements_signed_on_idx', ['signedOn'])
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: AgreementKind;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ name: 'source_url', type: 'varchar', length: 2000, nullable: true })
  sourceUrl!: string | null;

  @Column({ type: 'text', default: '' })
  summary!: string;

  @ManyToMany(() => PartyEntity)
  @JoinTable({
    name: 'agreement_parties',
    joinColumn: { name: 'agreement_id', referencedColumnName: 'id', foreignKeyConstraintName: 'agreement_parties_agreement_fk' },
    inverseJoinColumn: { name: 'party_id', referencedColumnName: 'id', foreignKeyConstraintName: 'agreement_parties_party_fk' },
  })
  parties!: PartyEntity[];

  @VersionColumn()
  version!: number;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
