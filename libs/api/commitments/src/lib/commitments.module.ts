import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitmentsController } from './commitments/commitments.controller';
import { CommitmentsService } from './commitments/commitments.service';
import {
  AgreementEntity,
  AnchorEventChangeEntity,
  AnchorEventEntity,
  CommitmentEntity,
  EvidenceEntity,
  PartyEntity,
  PolicyAreaEntity,
  StatusUpdateEntity,
} from './entities';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AgreementEntity,
      AnchorEventEntity,
      AnchorEventChangeEntity,
      CommitmentEntity,
      EvidenceEntity,
      PartyEntity,
      PolicyAreaEntity,
      StatusUpdateEntity,
    ]),
  ],
  controllers: [CommitmentsController],
  providers: [CommitmentsService],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
