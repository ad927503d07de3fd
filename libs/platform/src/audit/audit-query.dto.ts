import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../http/pagination.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'retailer' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Entries written with this API key.' })
  @IsOptional()
  @IsUUID()
  actorKeyId?: string;

  @ApiPropertyOptional({ example: 'retailer.update' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;
}
