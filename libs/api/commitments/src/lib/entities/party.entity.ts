import { CreatedAtColumn, UpdatedAtColumn } from '@pactwatch/api/core';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export type PartyKind = 'country' | 'organisation';

/** A country or organisation; `code` is ISO 3166 alpha-2 where there is one. */
@Entity({ name: 'parties' })
@Index('parties_code_key', ['code'], { unique: true })
export class PartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16, default: 'country' })
  kind!: PartyKind;

  @VersionColumn()
  version!: number;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
