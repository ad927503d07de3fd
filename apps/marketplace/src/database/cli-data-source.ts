import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#platform';
import { MARKETPLACE_SCHEMA } from './schema.js';

/**
 * For the TypeORM CLI (npm run migration:generate / migration:check / migration:run), against the
 * database in DATABASE_URL.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name the database the TypeORM CLI works on');

export default new DataSource(dataSourceOptions(url, MARKETPLACE_SCHEMA, { poolSize: 2 }));
