import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import { AdjustmentBody } from '../ledger/adjustment.dto.js';
import { CommissionLedger } from '../ledger/commission-ledger.js';
import { CommissionPreview, PreviewBody, PreviewView } from '../freezing/commission-preview.js';
import { CommissionReport, ReportQuery, ReportRow } from '../reports/commission-report.js';
import {
  CommissionRulePage,
  CommissionRuleQuery,
  CommissionRuleView,
  CreateCommissionRuleBody,
  UpdateCommissionRuleBody,
} from '../rules/commission-rule.dto.js';
import { CommissionRuleService } from '../rules/commission-rule.service.js';
import {
  AdminStatementParams,
  EntryPage,
  EntryPageQuery,
  EntryView,
  StatementQuery,
  StatementView,
} from '../statements/statement.dto.js';
import { StatementService } from '../statements/statement.service.js';

@ApiTags('admin: commission')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/commission')
export class AdminCommissionController {
  constructor(
    private readonly rules: CommissionRuleService,
    private readonly preview: CommissionPreview,
    private readonly ledger: CommissionLedger,
    private readonly statements: StatementService,
    private readonly report: CommissionReport,
  ) {}

  @Post('rules')
  @ApiOperation({
    summary: 'Create a commission rule: a rate and/or fixed fee with caps, for a scope and a validity window.',
  })
  @ApiCreatedResponse({ type: CommissionRuleView })
  @ApiProblemResponse(422, 'The rule names a retailer, category or channel that does not exist.')
  create(@CurrentActor() actor: Actor, @Body() body: CreateCommissionRuleBody): Promise<CommissionRuleView> {
    return this.rules.create(actor, body);
  }

  @Get('rules')
  @ApiOkResponse({ type: CommissionRulePage })
  list(@Query() query: CommissionRuleQuery): Promise<Page<CommissionRuleView>> {
    return this.rules.list(query);
  }

  @Get('rules/:id')
  @ApiOkResponse({ type: CommissionRuleView })
  get(@Param('id', ParseId) id: string): Promise<CommissionRuleView> {
    return this.rules.get(id);
  }

  @Patch('rules/:id')
  @ApiOperation({ summary: 'Change a rule. Commissions already frozen on order lines keep their values.' })
  @ApiOkResponse({ type: CommissionRuleView })
  @ApiProblemResponse(409, 'The rule is retired.')
  @ApiProblemResponse(422, 'The rule names a retailer, category or channel that does not exist.')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: UpdateCommissionRuleBody,
  ): Promise<CommissionRuleView> {
    return this.rules.update(actor, id, body);
  }

  @Post('rules/:id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a rule: it no longer applies to new sales.' })
  @ApiOkResponse({ type: CommissionRuleView })
  @ApiProblemResponse(409, 'The platform default cannot be retired.')
  retire(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<CommissionRuleView> {
    return this.rules.retire(actor, id);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What commission would this line earn now, and by which rule? Nothing is stored.' })
  @ApiOkResponse({ type: PreviewView })
  @ApiProblemResponse(422, 'The retailer does not exist.')
  previewLine(@Body() body: PreviewBody): Promise<PreviewView> {
    return this.preview.preview(body);
  }

  @Post('adjustments')
  @ApiOperation({ summary: "A manual ledger entry (signed), with a reason; it lands in the retailer's open period." })
  @ApiCreatedResponse({ type: EntryView })
  @ApiProblemResponse(422, 'The retailer does not exist.')
  async adjust(@CurrentActor() actor: Actor, @Body() body: AdjustmentBody): Promise<EntryView> {
    return EntryView.of(
      await this.ledger.adjust(actor, {
        retailerId: body.retailerId,
        currency: body.currency,
        amountMinor: BigInt(body.amountMinor),
        reason: body.reason,
        channelId: body.channelId ?? null,
      }),
    );
  }

  @Get('statements')
  @ApiOperation({ summary: 'Statements of every retailer (or one), open and issued, per month and currency.' })
  @ApiOkResponse({ type: [StatementView] })
  listStatements(@Query() query: StatementQuery): Promise<StatementView[]> {
    return this.statements.list(query);
  }

  @Get('statements/:retailerId/:currency/:period')
  @ApiOkResponse({ type: StatementView })
  statement(@Param() params: AdminStatementParams): Promise<StatementView> {
    return this.statements.get(params.retailerId, params.currency, params.period);
  }

  @Get('statements/:retailerId/:currency/:period/entries')
  @ApiOkResponse({ type: EntryPage })
  entries(@Param() params: AdminStatementParams, @Query() query: EntryPageQuery): Promise<EntryPage> {
    return this.statements.entries(params.retailerId, params.currency, params.period, query.cursor);
  }

  @Get('statements/:retailerId/:currency/:period/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Every entry of the statement, one per row, with a header row.' })
  csv(@Param() params: AdminStatementParams): Promise<string> {
    return this.statements.csv(params.retailerId, params.currency, params.period);
  }

  @Post('statements/:retailerId/:currency/:period/issue')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue (freeze) a statement. Later events of the retailer and currency fall into the next open period.',
  })
  @ApiOkResponse({ type: StatementView })
  @ApiProblemResponse(409, 'The period has not ended, or an earlier statement is not issued yet.')
  issue(@CurrentActor() actor: Actor, @Param() params: AdminStatementParams): Promise<StatementView> {
    return this.statements.issue(actor, params.retailerId, params.currency, params.period);
  }

  @Get('report')
  @ApiOperation({ summary: 'Sales and commission by retailer, channel or day over a time range, per currency.' })
  @ApiOkResponse({ type: [ReportRow] })
  runReport(@Query() query: ReportQuery): Promise<ReportRow[]> {
    return this.report.run(query);
  }
}
