import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import { EntryPage, EntryPageQuery, StatementParams, StatementView } from '../statements/statement.dto.js';
import { StatementService } from '../statements/statement.service.js';

/** A retailer reads its own statements and ledger entries, never another retailer's. */
@ApiTags('retailer: commission')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer/statements')
export class RetailerStatementsController {
  constructor(private readonly statements: StatementService) {}

  @Get()
  @ApiOperation({ summary: 'Your commission statements, open and issued, per month and currency.' })
  @ApiOkResponse({ type: [StatementView] })
  list(@CurrentActor() actor: Actor): Promise<StatementView[]> {
    return this.statements.list({ retailerId: actor.retailerId as string });
  }

  @Get(':currency/:period')
  @ApiOkResponse({ type: StatementView })
  get(@CurrentActor() actor: Actor, @Param() params: StatementParams): Promise<StatementView> {
    return this.statements.get(actor.retailerId as string, params.currency, params.period);
  }

  @Get(':currency/:period/entries')
  @ApiOperation({ summary: 'The ledger entries of a statement, oldest first.' })
  @ApiOkResponse({ type: EntryPage })
  entries(
    @CurrentActor() actor: Actor,
    @Param() params: StatementParams,
    @Query() query: EntryPageQuery,
  ): Promise<EntryPage> {
    return this.statements.entries(actor.retailerId as string, params.currency, params.period, query.cursor);
  }

  @Get(':currency/:period/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Every entry of the statement, one per row, with a header row.' })
  csv(@CurrentActor() actor: Actor, @Param() params: StatementParams): Promise<string> {
    return this.statements.csv(actor.retailerId as string, params.currency, params.period);
  }
}
