import { Module, type DynamicModule } from '@nestjs/common';
import { AdminCommissionController } from './api/admin-commission.controller.js';
import { RetailerStatementsController } from './api/retailer-statements.controller.js';
import { CommissionFreezer } from './freezing/commission-freezer.js';
import { CommissionPreview } from './freezing/commission-preview.js';
import { CommissionLedger } from './ledger/commission-ledger.js';
import { CommissionReport } from './reports/commission-report.js';
import { CommissionRuleService } from './rules/commission-rule.service.js';
import { StatementService } from './statements/statement.service.js';

/** Commission rules, the frozen commission per line, the ledger, statements and reports. */
@Module({})
export class CommissionModule {
  static forRoot(options: { api: boolean }): DynamicModule {
    return {
      module: CommissionModule,
      providers: [
        CommissionRuleService,
        CommissionFreezer,
        CommissionPreview,
        CommissionLedger,
        StatementService,
        CommissionReport,
      ],
      controllers: options.api ? [AdminCommissionController, RetailerStatementsController] : [],
      exports: [CommissionFreezer, CommissionLedger, CommissionRuleService, StatementService, CommissionReport],
    };
  }
}
