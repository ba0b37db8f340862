import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ImportReportDto } from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBool } from '../shared/query-transforms';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Check the file and report, changing nothing', default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  dryRun?: boolean;
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
}
