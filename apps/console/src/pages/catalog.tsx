import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, describeError, request } from '../api';
import { formatCount, formatDuration, shortId } from '../format';
import { fieldsFromSchema, initialValues, settingsFromValues, type FormValues, type JsonSchema } from '../schema-form';
import { SchemaFormFields } from '../schema-form-view';
import { Link, useQueryState, useRouter } from '../router';
import { useSession } from '../session';
import type { ConnectorConfig, ConnectorInfo, Retailer, SyncIssue, SyncRun } from '../types';
import {
  Dl,
  Empty,
  Field,
  FilterSelect,
  FilterText,
  Filters,
  Notice,
  Page,
  Pager,
  QueryView,
  Status,
  Table,
  Time,
  useCursorList,
  type CursorPage,
} from '../ui';

/** Operator and retailer share these pages; the scope picks the API and the console's paths. */
function useScope() {
  const { session } = useSession();
  const operator = session?.role === 'operator';
  return {
    operator,
    api: operator ? '/v1/admin' : '/v1/retailer',
    pages: operator ? '' : '/retailer',
  };
}

export function useRetailerNames(enabled: boolean) {
  return useQuery({
    queryKey: ['retailer-names'],
    queryFn: async () => {
      const page = await api.get<CursorPage<Retailer>>('/v1/admin/retailers', { limit: 100 });
      return page.items;
    },
    enabled,
    staleTime: 60_000,
  });
}

function retailerName(retailers: readonly Retailer[] | undefined, id: string): string {
  return retailers?.find((retailer) => retailer.id === id)?.name ?? shortId(id);
}

const RUNNING = new Set(['queued', 'running']);

export function ConnectorConfigsPage() {
  const scope = useScope();
  const [params] = useQueryState();
  const retailers = useRetailerNames(scope.operator);
  const list = useCursorList<ConnectorConfig>('configs', `${scope.api}/connector-configs`, {
    retailerId: params.get('retailerId') ?? undefined,
    enabled: params.get('enabled') ?? undefined,
  });
  return (
    <Page
      title="Catalog"
      description={
        "Connector configs bring each retailer's catalog in. " +
        'Open one to check it, sync it, upload a file and follow its runs.'
      }
      actions={
        <Link
          className="button"
          to={
            `${scope.pages}/connector-configs/new` +
            (params.get('retailerId') ? `?retailerId=${params.get('retailerId')}` : '')
          }
        >
          Add a connector config
        </Link>
      }
    >
      <Filters>
        {scope.operator ? (
          <FilterSelect
            name="retailerId"
            label="Retailer"
            options={(retailers.data ?? []).map((retailer) => ({ value: retailer.id, label: retailer.name }))}
          />
        ) : null}
        <FilterSelect
          name="enabled"
          label="Enabled"
          options={[
            { value: 'true', label: 'enabled' },
            { value: 'false', label: 'disabled' },
          ]}
        />
      </Filters>
      <QueryView query={list} what="connector configs">
        {(page) => (
          <>
            <Table
              caption="Connector configs"
              rows={page.items}
              rowKey={(config) => config.id}
              empty={<>No connector configs match. Add one to bring a retailer's catalog in.</>}
              columns={[
                {
                  header: 'Name',
                  cell: (config) => <Link to={`${scope.pages}/connector-configs/${config.id}`}>{config.name}</Link>,
                },
                { header: 'Connector', cell: (config) => config.connectorId },
                ...(scope.operator
                  ? [
                      {
                        header: 'Retailer',
                        cell: (config: ConnectorConfig) => retailerName(retailers.data, config.retailerId),
                      },
                    ]
                  : []),
                { header: 'Enabled', cell: (config) => <Status value={config.enabled ? 'active' : 'paused'} /> },
                {
                  header: 'Schedule',
                  cell: (config) =>
                    config.scheduleIntervalMinutes
                      ? `every ${config.scheduleIntervalMinutes} min`
                      : 'on upload or by hand',
                },
                { header: 'Next run', cell: (config) => <Time iso={config.nextRunAt} /> },
              ]}
            />
            <Pager nextCursor={page.nextCursor} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

export function NewConnectorConfigPage() {
  const scope = useScope();
  const { navigate } = useRouter();
  const [params] = useQueryState();
  const client = useQueryClient();
  const retailers = useRetailerNames(scope.operator);
  const connectors = useQuery({
    queryKey: ['connectors', scope.api],
    queryFn: () => api.get<ConnectorInfo[]>(`${scope.api}/connectors`),
  });
  const [retailerId, setRetailerId] = useState(params.get('retailerId') ?? '');
  const [connectorId, setConnectorId] = useState(params.get('connectorId') ?? '');
  const [name, setName] = useState('');
  const [schedule, setSchedule] = useState('');
  const connector = connectors.data?.find((candidate) => candidate.id === connectorId);
  const fields = useMemo(() => fieldsFromSchema(connector?.settingsSchema as JsonSchema | undefined), [connector]);
  const secretFields = useMemo(() => fieldsFromSchema(connector?.secretsSchema as JsonSchema | undefined), [connector]);
  const [values, setValues] = useState<FormValues>({});
  const [secrets, setSecrets] = useState<FormValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A corrected field loses its error at once; the rest are checked again on submit.
  function clearError(name: string) {
    setErrors((current) => {
      if (!(name in current)) return current;
      const next = { ...current };
      delete next[name];
      return next;
    });
  }

  function chooseConnector(id: string) {
    setConnectorId(id);
    const chosen = connectors.data?.find((candidate) => candidate.id === id);
    setValues(initialValues(fieldsFromSchema(chosen?.settingsSchema as JsonSchema | undefined)));
    setSecrets({});
    setErrors({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (scope.operator && !retailerId) problems.retailerId = 'Choose the retailer whose catalog this is.';
    if (!connectorId) problems.connectorId = 'Choose a connector.';
    if (!name.trim()) problems.name = 'Give the config a name, such as "Shop spreadsheet".';
    if (schedule && !/^\d+$/.test(schedule)) problems.schedule = 'The schedule is a whole number of minutes.';
    const settings = settingsFromValues(fields, values);
    const secretValues = settingsFromValues(secretFields, secrets);
    Object.assign(problems, settings.errors, secretValues.errors);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setFailure(null);
    try {
      const body: Record<string, unknown> = { connectorId, name: name.trim(), settings: settings.settings };
      if (Object.keys(secretValues.settings).length) body.secrets = secretValues.settings;
      if (schedule) body.scheduleIntervalMinutes = Number(schedule);
      if (scope.operator) body.retailerId = retailerId;
      const created = await api.post<ConnectorConfig>(`${scope.api}/connector-configs`, body);
      await client.invalidateQueries({ queryKey: ['configs'] });
      navigate(`${scope.pages}/connector-configs/${created.id}`);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page
      title="Add a connector config"
      description="The connector's own settings schema makes the form: change the connector and the fields follow."
    >
      <QueryView query={connectors} what="connectors">
        {(list) => (
          <form className="card form" onSubmit={submit} noValidate aria-label="New connector config">
            {scope.operator ? (
              <Field label="Retailer" error={errors.retailerId}>
                {(props) => (
                  <select
                    {...props}
                    name="retailerId"
                    value={retailerId}
                    onChange={(event) => setRetailerId(event.target.value)}
                    required
                  >
                    <option value="">Choose…</option>
                    {(retailers.data ?? []).map((retailer) => (
                      <option key={retailer.id} value={retailer.id}>
                        {retailer.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            <Field label="Connector" error={errors.connectorId} hint={connector?.description}>
              {(props) => (
                <select
                  {...props}
                  name="connectorId"
                  value={connectorId}
                  onChange={(event) => chooseConnector(event.target.value)}
                  required
                >
                  <option value="">Choose…</option>
                  {list.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {candidate.name} ({candidate.id})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Name" error={errors.name}>
              {(props) => (
                <input
                  {...props}
                  name="name"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  required
                  autoComplete="off"
                />
              )}
            </Field>
            {connector ? (
              <>
                <SchemaFormFields
                  fields={fields}
                  values={values}
                  setValues={setValues}
                  errors={errors}
                  legend="Settings"
                  onEdit={clearError}
                />
                {secretFields.length ? (
                  <SchemaFormFields
                    fields={secretFields}
                    values={secrets}
                    setValues={setSecrets}
                    errors={errors}
                    legend="Secrets"
                    secret
                    onEdit={clearError}
                  />
                ) : null}
                <Field
                  label="Sync every (minutes, optional)"
                  error={errors.schedule}
                  hint={
                    connector.acceptsUpload
                      ? 'Leave empty for a catalog you upload.'
                      : 'Leave empty to sync only by hand.'
                  }
                >
                  {(props) => (
                    <input
                      {...props}
                      name="scheduleIntervalMinutes"
                      inputMode="numeric"
                      value={schedule}
                      onChange={(event) => setSchedule(event.target.value)}
                    />
                  )}
                </Field>
              </>
            ) : null}
            {failure ? <Notice tone="bad">{failure}</Notice> : null}
            <div className="form-actions">
              <button type="submit" disabled={busy}>
                {busy ? 'Creating…' : 'Create connector config'}
              </button>
              <Link to={`${scope.pages}/connector-configs`}>Cancel</Link>
            </div>
          </form>
        )}
      </QueryView>
    </Page>
  );
}

export function ConnectorConfigPage({ params }: { params: Record<string, string> }) {
  const scope = useScope();
  const client = useQueryClient();
  const id = params.id!;
  const config = useQuery({
    queryKey: ['config', id],
    queryFn: () => api.get<ConnectorConfig>(`${scope.api}/connector-configs/${id}`),
  });
  const connectors = useQuery({
    queryKey: ['connectors', scope.api],
    queryFn: () => api.get<ConnectorInfo[]>(`${scope.api}/connectors`),
  });
  const retailers = useRetailerNames(scope.operator);
  const runs = useQuery({
    queryKey: ['runs', id],
    queryFn: () => api.get<CursorPage<SyncRun>>(`${scope.api}/sync-runs`, { configId: id, limit: 10 }),
    // Live while a run is queued or running.
    refetchInterval: (query) => (query.state.data?.items.some((run) => RUNNING.has(run.status)) ? 1000 : false),
  });
  const [message, setMessage] = useState<{ tone: 'good' | 'bad' | 'info'; text: string } | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const act = useMutation({
    mutationFn: async (action: 'check' | 'sync' | 'upload' | 'enable' | 'disable') => {
      if (action === 'upload') {
        if (!file) throw new Error('Choose a file to upload first.');
        return request<SyncRun>('POST', `${scope.api}/connector-configs/${id}/uploads`, {
          raw: { body: file, contentType: uploadType(file) },
        });
      }
      return api.post<unknown>(`${scope.api}/connector-configs/${id}/${action}`);
    },
    onSuccess: async (result, action) => {
      if (action === 'check') {
        const check = result as { ok: boolean; message?: string; reason?: string };
        setMessage(
          check.ok
            ? { tone: 'good', text: `Check passed. ${check.message ?? ''}` }
            : { tone: 'bad', text: `Check failed: ${check.message ?? check.reason ?? 'no reason given'}` },
        );
      } else if (action === 'sync' || action === 'upload') {
        setMessage({
          tone: 'info',
          text: action === 'upload' ? 'File uploaded: a run reads it now.' : 'Sync started.',
        });
        setFile(null);
      } else setMessage({ tone: 'good', text: action === 'enable' ? 'Enabled.' : 'Disabled.' });
      await client.invalidateQueries({ queryKey: ['runs', id] });
      await client.invalidateQueries({ queryKey: ['config', id] });
    },
    onError: (error) => setMessage({ tone: 'bad', text: describeError(error) }),
  });
  const connector = connectors.data?.find((candidate) => candidate.id === config.data?.connectorId);
  return (
    <QueryView query={config} what="the connector config">
      {(data) => (
        <Page
          title={data.name}
          description={
            <>
              <Link to={`${scope.pages}/connector-configs`}>Catalog</Link> › {data.connectorId}
              {scope.operator ? <> for {retailerName(retailers.data, data.retailerId)}</> : null}
            </>
          }
          actions={
            <>
              <button type="button" className="secondary" onClick={() => act.mutate('check')} disabled={act.isPending}>
                Check
              </button>
              <button type="button" onClick={() => act.mutate('sync')} disabled={act.isPending || !data.enabled}>
                Sync now
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => act.mutate(data.enabled ? 'disable' : 'enable')}
                disabled={act.isPending}
              >
                {data.enabled ? 'Disable' : 'Enable'}
              </button>
            </>
          }
        >
          {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
          <div className="grid-2">
            <section className="card" aria-labelledby="config-facts">
              <h2 id="config-facts">Settings</h2>
              <Dl
                items={[
                  ['Status', <Status key="s" value={data.enabled ? 'active' : 'paused'} />],
                  [
                    'Schedule',
                    data.scheduleIntervalMinutes ? `every ${data.scheduleIntervalMinutes} min` : 'on upload or by hand',
                  ],
                  ['Next run', <Time key="n" iso={data.nextRunAt} />],
                  ...Object.entries(data.settings).map(
                    ([name, value]) =>
                      [
                        name,
                        <code key={name}>
                          {typeof value === 'string' ? (value === '\t' ? 'tab' : value) : JSON.stringify(value)}
                        </code>,
                      ] as [string, ReactNode],
                  ),
                  ['Secrets set', data.secretsSet.length ? data.secretsSet.join(', ') : 'none'],
                ]}
              />
            </section>
            {connector?.acceptsUpload ? (
              <section className="card" aria-labelledby="upload-title">
                <h2 id="upload-title">Upload a catalog file</h2>
                <form
                  className="form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    act.mutate('upload');
                  }}
                >
                  <Field label="File" hint="CSV, TSV or a feed file. Uploading starts a run at once.">
                    {(props) => (
                      <input
                        {...props}
                        type="file"
                        name="file"
                        accept=".csv,.tsv,.txt,.xml,text/csv,text/tab-separated-values,application/xml"
                        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
                      />
                    )}
                  </Field>
                  <button type="submit" disabled={!file || act.isPending}>
                    Upload and sync
                  </button>
                </form>
              </section>
            ) : null}
          </div>
          <section className="card" aria-labelledby="runs-title">
            <h2 id="runs-title">Runs</h2>
            <QueryView query={runs} what="runs">
              {(page) =>
                page.items.length === 0 ? (
                  <Empty>
                    No runs yet. Use “Sync now”{connector?.acceptsUpload ? ' or upload a file' : ''} to read the
                    catalog.
                  </Empty>
                ) : (
                  <ul className="runs">
                    {page.items.map((run) => (
                      <li key={run.id}>
                        <RunSummary run={run} to={`${scope.pages}/sync-runs/${run.id}`} />
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryView>
          </section>
        </Page>
      )}
    </QueryView>
  );
}

function uploadType(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.tsv')) return 'text/tab-separated-values';
  if (name.endsWith('.xml')) return 'application/xml';
  return file.type || 'application/octet-stream';
}

function RunCounts({ run }: { run: SyncRun }) {
  const counts: [string, number][] = [
    ['read', run.read],
    ['created', run.created],
    ['updated', run.updated],
    ['unchanged', run.unchanged],
    ['removed', run.removed],
    ['failed', run.failed],
    ['warnings', run.warnings],
  ];
  return (
    <ul className="counts" aria-label="Counts">
      {counts.map(([label, value]) => (
        <li
          key={label}
          data-count={label}
          className={(label === 'failed' || label === 'warnings') && value > 0 ? 'count-flag' : undefined}
        >
          <span className="count-value">{formatCount(value)}</span> {label}
        </li>
      ))}
    </ul>
  );
}

/** A run's progress: items read so far while running (the total is not known ahead), full when done. */
function RunProgress({ run }: { run: SyncRun }) {
  const running = RUNNING.has(run.status);
  const written = run.created + run.updated + run.unchanged + run.failed;
  return (
    <div className="run-progress">
      <progress
        max={running ? Math.max(run.read, 1) : 1}
        value={running ? Math.min(written, Math.max(run.read, 1)) : 1}
        aria-label={running ? `Run ${run.status}: ${run.read} items read so far` : `Run ${run.status}`}
        className={`progress-${run.status}`}
      />
      <span className="hint" aria-live="polite">
        {running
          ? `${run.status === 'queued' ? 'Queued' : 'Running'} · ${formatCount(run.read)} items read`
          : `${run.status.replace('_', ' ')} in ${formatDuration(run.durationMs)}`}
      </span>
    </div>
  );
}

function RunSummary({ run, to }: { run: SyncRun; to: string }) {
  return (
    <div className="run" data-run-status={run.status}>
      <div className="run-head">
        <Link to={to}>
          Run {shortId(run.id)} · {run.trigger}, {run.mode}
        </Link>
        <Status value={run.status} />
        <span className="hint">
          <Time iso={run.startedAt ?? run.createdAt} />
        </span>
      </div>
      <RunProgress run={run} />
      <RunCounts run={run} />
      {run.error ? <p className="field-error">{run.error}</p> : null}
    </div>
  );
}

export function SyncRunPage({ params }: { params: Record<string, string> }) {
  const scope = useScope();
  const id = params.id!;
  const [query, update] = useQueryState();
  const run = useQuery({
    queryKey: ['run', id],
    queryFn: () => api.get<SyncRun>(`${scope.api}/sync-runs/${id}`),
    refetchInterval: (state) => (state.state.data && RUNNING.has(state.state.data.status) ? 1000 : false),
  });
  const running = run.data ? RUNNING.has(run.data.status) : false;
  const severity = query.get('severity') ?? undefined;
  const issues = useCursorList<SyncIssue>(
    'issues',
    `${scope.api}/sync-runs/${id}/issues`,
    { severity },
    { refetchInterval: running ? 2000 : false, limit: 100 },
  );
  const text = (query.get('q') ?? '').toLowerCase();
  return (
    <QueryView query={run} what="the run">
      {(data) => (
        <Page
          title={`Run ${shortId(data.id)}`}
          description={
            <>
              <Link to={`${scope.pages}/connector-configs/${data.configId}`}>Back to its connector config</Link> ·
              started <Time iso={data.startedAt ?? data.createdAt} />
            </>
          }
        >
          <section className="card" aria-labelledby="run-title">
            <h2 id="run-title">
              Progress <Status value={data.status} />
            </h2>
            <RunProgress run={data} />
            <RunCounts run={data} />
            {data.error ? <Notice tone="bad">{data.error}</Notice> : null}
          </section>
          <section className="card" aria-labelledby="issues" id="issues-section">
            <h2 id="issues">Item issues</h2>
            <Filters>
              <FilterSelect name="severity" label="Severity" options={['error', 'warning']} />
              <FilterText name="q" label="Search issues" placeholder="Item id, field or words" />
              {query.get('q') || severity ? (
                <button type="button" className="link-button" onClick={() => update({ q: null, severity: null })}>
                  Clear filters
                </button>
              ) : null}
            </Filters>
            <QueryView query={issues} what="issues">
              {(page) => {
                const rows = text
                  ? page.items.filter((issue) =>
                      [issue.itemId, issue.field, issue.message, issue.line?.toString()].some((value) =>
                        value?.toLowerCase().includes(text),
                      ),
                    )
                  : page.items;
                return (
                  <>
                    <Table
                      caption="Item issues of this run"
                      rows={rows}
                      rowKey={(issue) => `${issue.line}-${issue.itemId}-${issue.field}-${issue.message}`}
                      empty={
                        page.items.length === 0 ? (
                          <>
                            No issues{severity ? ` of severity ${severity}` : ''} in this run{running ? ' so far' : ''}.
                          </>
                        ) : (
                          <>No issue on this page matches “{query.get('q')}”. Clear the filter or try another word.</>
                        )
                      }
                      columns={[
                        { header: 'Line', cell: (issue) => issue.line ?? '—', className: 'num' },
                        { header: 'Item', cell: (issue) => (issue.itemId ? <code>{issue.itemId}</code> : '—') },
                        { header: 'Severity', cell: (issue) => <Status value={issue.severity} /> },
                        { header: 'Field', cell: (issue) => issue.field ?? '—' },
                        { header: 'Message', cell: (issue) => issue.message },
                      ]}
                    />
                    <Pager nextCursor={page.nextCursor} />
                  </>
                );
              }}
            </QueryView>
          </section>
        </Page>
      )}
    </QueryView>
  );
}
