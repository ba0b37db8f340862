import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsController } from './agreements/agreements.controller';
import { AgreementsService } from './agreements/agreements.service';
import { AnchorEventsController } from './anchors/anchor-events.controller';
import { AnchorEventsService } from './anchors/anchor-events.service';
import { AreasController } from './areas/areas.controller';
import { AreasService } from './areas/areas.service';
import { CommitmentQueryService } from './commitments/commitment-query.service';
import { CommitmentReader } from './commitments/commitment-reader.service';
import { CommitmentsController } from './commitments/commitments.controller';
import { CommitmentsService } from './commitments/commitments.service';
import { CsvBodyParser } from './csv/csv-body-parser';
import { CsvExportService } from './csv/csv-export.service';
import { CsvImportService } from './csv/csv-import.service';
import { CsvController } from './csv/csv.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { RecurringDeadlinesService } from './deadlines/recurring-deadlines.service';
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
import { FeedsController } from './feeds/feeds.controller';
import { FeedsService } from './feeds/feeds.service';
import { PartiesController } from './parties/parties.controller';
import { PartiesService } from './parties/parties.service';
import { DataVersionService } from './shared/data-version.service';
import { WorkspaceCalendar } from './shared/workspace-calendar';
import { StatusUpdatesController } from './status-updates/status-updates.controller';
import { StatusUpdatesService } from './status-updates/status-updates.service';

/** Agreements, parties, areas, anchor events, commitments and their history; the dashboard, exports and feeds. */
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
  controllers: [
    // CsvController first: its static paths (export.csv, import.csv) sit beside /commitments/:id.
    CsvController,
    CommitmentsController,
    StatusUpdatesController,
    AgreementsController,
    AnchorEventsController,
    PartiesController,
    AreasController,
    DashboardController,
    FeedsController,
  ],
  providers: [
    WorkspaceCalendar,
    DataVersionService,
    RecurringDeadlinesService,
    CommitmentQueryService,
    CommitmentReader,
    CommitmentsService,
    StatusUpdatesService,
    AgreementsService,
    AnchorEventsService,
    PartiesService,
    AreasService,
    DashboardService,
    FeedsService,
    CsvExportService,
    CsvImportService,
    CsvBodyParser,
  ],
  exports: [
    CommitmentsService,
    CommitmentQueryService,
    RecurringDeadlinesService,
    // For source documents: the agreement, its anchor events and the catalogue the extractor matches against.
    AgreementsService,
    AnchorEventsService,
    PartiesService,
    AreasService,
  ],
})
export class CommitmentsModule {}
