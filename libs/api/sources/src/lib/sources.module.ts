import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitmentsModule } from '@pactwatch/api/commitments';
import { DocumentsService } from './documents/documents.service';
import { SOURCE_ENTITIES } from './entities/source.entities';
import { ProvenanceService } from './provenance/provenance.service';
import { ReviewService } from './review/review.service';
import { SourcesController } from './sources.controller';
import { SourcesRepository } from './sources.repository';

/** Source documents of agreements, the commitments drafted from them, and the provenance of quotes. */
@Module({
  imports: [TypeOrmModule.forFeature(SOURCE_ENTITIES), CommitmentsModule],
  controllers: [SourcesController],
  providers: [SourcesRepository, DocumentsService, ReviewService, ProvenanceService],
})
export class SourcesModule {}
