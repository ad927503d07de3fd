import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#platform';
import { migrate } from '../src/database/database-runtime.js';
import { MARKETPLACE_SCHEMA } from '../src/database/schema.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

describe('database schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrate(database.url);
    dataSource = await new DataSource(
      dataSourceOptions(database.url, MARKETPLACE_SCHEMA, { poolSize: 2 }),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('is what the entities describe: after the migrations, the schema diff is empty', async () => {
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('applies migrations once: a second run finds nothing to do', async () => {
    expect(await migrate(database.url)).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('refuses to update, delete or truncate audit entries', async () => {
    await dataSource.query(
      `INSERT INTO audit_entry (actor_role, action, entity_type, entity_id) VALUES ('system', 'test.write', 'test', '1')`,
    );
    await expect(dataSource.query(`UPDATE audit_entry SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
    expect((await dataSource.query(`SELECT action FROM audit_entry`))[0].action).toBe('test.write');
  });
});
