import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CommitmentFiltersDto } from '../commitments/commitment-query.dto';

/** The list filters, plus the personal API token calendar apps put in the URL (read by the access guard). */
export class FeedQueryDto extends CommitmentFiltersDto {
  @ApiPropertyOptional({ description: 'A personal API token, for calendar and feed readers that cannot sign in' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}
