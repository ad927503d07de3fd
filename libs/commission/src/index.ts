export * from './commission.module.js';
export * from './freezing/commission-freezer.js';
export * from './ledger/commission-entry.entity.js';
export * from './ledger/commission-ledger.js';
export * from './rules/commission-rule.entity.js';
export * from './rules/commission-rule.service.js';
export * from './statements/commission-statement.entity.js';
export * from './statements/statement.service.js';
