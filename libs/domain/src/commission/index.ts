export * from './commission-math.js';
export * from './half-even.js';
export * from './rule-precedence.js';
