import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CommitmentFiltersDto } from '../commitments/commitment-query.dto';

/** The list filters, plus the feed link's token calendar apps put in the URL (read by the access guard). */
export class FeedQueryDto extends CommitmentFiltersDto {
  @ApiPropertyOptional({
    description: 'A feed link’s token (POST /api/me/feed-tokens), for calendar apps and feed readers that cannot sign in',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}
