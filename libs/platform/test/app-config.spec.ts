import { ConfigError, loadConfig } from '#platform';

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env, { cwd: '/srv/souk', stdoutIsTty: false });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('defaults to port 3000, every role, the embedded database under the project and demo data', () => {
    const config = loadConfig({}, { cwd: '/srv/souk', stdoutIsTty: false });
    expect(config.port).toBe(3000);
    expect([...config.roles]).toEqual(['api', 'worker', 'scheduler']);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.embeddedDatabase.dataDir).toBe('/srv/souk/.souk/postgres');
    expect(config.loadDemoData).toBe(true);
    expect(config.runMigrations).toBe(true);
    expect(config.logFormat).toBe('json');
  });

  it('turns demo data off by default with an external database, and needs an encryption key there', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/souk' })).toEqual([
      expect.objectContaining({ variable: 'SOUK_ENCRYPTION_KEY' }),
    ]);
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/souk',
      SOUK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.loadDemoData).toBe(false);
    expect(config.encryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  it('names every variable that holds a wrong value', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/souk',
      SOUK_ROLES: 'api,cron',
      SOUK_RUN_MIGRATIONS: 'maybe',
      SOUK_ENCRYPTION_KEY: 'c2hvcnQ=',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((problem) => problem.variable).sort()).toEqual(
      ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SOUK_ENCRYPTION_KEY', 'SOUK_ROLES', 'SOUK_RUN_MIGRATIONS'].sort(),
    );
    expect(problems.find((problem) => problem.variable === 'SOUK_ROLES')?.message).toMatch(/api, worker, scheduler/);
  });

  it('refuses a port out of range and a malformed operator key', () => {
    expect(problemsOf({ PORT: '70000' }).map((p) => p.variable)).toEqual(['PORT']);
    expect(problemsOf({ SOUK_OPERATOR_KEY: 'hunter2' }).map((p) => p.variable)).toEqual(['SOUK_OPERATOR_KEY']);
  });

  it('reads a role list and treats empty variables as unset', () => {
    const config = loadConfig({ SOUK_ROLES: ' worker , scheduler ', PORT: '' });
    expect([...config.roles]).toEqual(['worker', 'scheduler']);
    expect(config.port).toBe(3000);
  });

  it('allows no internal address by default, and what SOUK_OUTBOUND_ALLOW lists', () => {
    expect(loadConfig({}).outboundAllow.isEmpty).toBe(true);

    const allow = loadConfig({
      SOUK_OUTBOUND_ALLOW: '10.0.0.0/8, 127.0.0.1:3099, [::1]:8080, feeds.internal',
    }).outboundAllow;

    expect(allow.allowsAddress('10.1.2.3', 443)).toBe(true);
    expect(allow.allowsAddress('127.0.0.1', 3099)).toBe(true);
    expect(allow.allowsAddress('127.0.0.1', 3000)).toBe(false);
    expect(allow.allowsAddress('::1', 8080)).toBe(true);
    expect(allow.allowsHost('feeds.internal', 80)).toBe(true);
  });

  it('refuses an SOUK_OUTBOUND_ALLOW entry it cannot read, naming it', () => {
    const problems = problemsOf({ SOUK_OUTBOUND_ALLOW: '10.0.0.0/8,10.0.0.0/40,127.0.0.1:99999' });

    expect(problems.map((p) => p.variable)).toEqual(['SOUK_OUTBOUND_ALLOW', 'SOUK_OUTBOUND_ALLOW']);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('"10.0.0.0/40"'),
      expect.stringContaining('"127.0.0.1:99999"'),
    ]);
  });

  it('keeps user events 90 days unless told 1 to 3650 days', () => {
    expect(loadConfig({}).userEventRetentionDays).toBe(90);
    expect(loadConfig({ SOUK_USER_EVENT_RETENTION_DAYS: '30' }).userEventRetentionDays).toBe(30);
    for (const days of ['0', '3651', '7.5', 'forever']) {
      expect(problemsOf({ SOUK_USER_EVENT_RETENTION_DAYS: days }).map((p) => p.variable)).toEqual([
        'SOUK_USER_EVENT_RETENTION_DAYS',
      ]);
    }
  });

  it('has the demo electronics shop accept an order after 3 s and ship it 5 s later, unless told other whole ms', () => {
    expect(loadConfig({}).demoOrders).toEqual({ acceptAfterMs: 3000, shipAfterMs: 5000 });
    expect(loadConfig({ SOUK_DEMO_ACCEPT_AFTER_MS: '0', SOUK_DEMO_SHIP_AFTER_MS: '250' }).demoOrders).toEqual({
      acceptAfterMs: 0,
      shipAfterMs: 250,
    });
    expect(
      problemsOf({ SOUK_DEMO_ACCEPT_AFTER_MS: '-1', SOUK_DEMO_SHIP_AFTER_MS: 'soon' }).map((p) => p.variable),
    ).toEqual(['SOUK_DEMO_ACCEPT_AFTER_MS', 'SOUK_DEMO_SHIP_AFTER_MS']);
  });
});
