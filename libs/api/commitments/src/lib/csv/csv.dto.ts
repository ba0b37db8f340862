import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ImportReportDto, ImportRowResultDto } from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBool } from '../shared/query-transforms';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Check the file and report, changing nothing', default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    description: 'Create the parties and policy areas the file names that do not exist yet (else those rows are refused)',
    default: false,
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  createMissing?: boolean;

  @ApiPropertyOptional({
    description: 'Update the commitments whose reference codes exist already (else those rows are refused)',
    default: false,
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  updateExisting?: boolean;
}

class ImportRowResultResponse implements ImportRowResultDto {
  @ApiProperty() row!: number;
  @ApiProperty() refCode!: string;
  @ApiProperty({ enum: ['create', 'update', 'unchanged'] }) action!: ImportRowResultDto['action'];
  @ApiProperty({ type: [String], description: 'For an update: the columns that change' }) changes!: string[];
}

class ImportErrorResponse {
  @ApiProperty({ description: 'Spreadsheet row number; the header is row 1' }) row!: number;
  @ApiProperty({ description: 'The CSV column, or empty for a whole-row problem', example: 'deadline_duration' }) column!: string;
  @ApiProperty({ example: 'must be an ISO-8601 duration such as P6M or P90D' }) message!: string;
}

export class ImportReportResponse implements ImportReportDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Commitments imported (with dryRun: how many would be); 0 when there are errors' }) imported!: number;
  @ApiProperty({ description: 'Data rows in the file' }) rows!: number;
  @ApiProperty({ type: [ImportErrorResponse] }) errors!: ImportReportDto['errors'];
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ type: [String], description: 'Party codes the import creates (createMissing)' }) createdParties!: string[];
  @ApiProperty({ type: [String], description: 'Area slugs the import creates (createMissing)' }) createdAreas!: string[];
  @ApiProperty({ type: [ImportRowResultResponse], description: 'Row by row, when there are no errors' }) results!: ImportRowResultDto[];
}
