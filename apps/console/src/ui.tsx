import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { api, describeError } from './api';
import { formatTime, TIME_ZONE } from './format';
import { formatMoney } from './money';
import { useQueryState } from './router';

export function Page({
  title,
  actions,
  children,
  description,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  description?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Souk console`;
    // After a navigation, screen readers and keyboard users start at the new page's heading.
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title" tabIndex={-1} ref={heading}>
            {title}
          </h1>
          {description ? <p className="page-description">{description}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Loading({ what = 'data' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="error-state" role="alert">
      <p>
        <strong>Could not load this.</strong> {describeError(error)}
      </p>
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty-state">{children}</div>;
}

/** Loading, error and empty states around a query's data. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

export function Money({
  minor,
  currency,
  exponent,
}: {
  minor: string | null | undefined;
  currency: string;
  exponent?: number;
}) {
  if (minor === null || minor === undefined) return <>—</>;
  return <span className="money">{formatMoney(minor, currency, exponent)}</span>;
}

export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso} title={`${iso} (shown in ${TIME_ZONE})`}>
      {formatTime(iso)}
    </time>
  );
}

const TONES: Record<string, string> = {
  active: 'good',
  succeeded: 'good',
  delivered: 'good',
  accepted: 'good',
  shipped: 'good',
  placed: 'good',
  issued: 'good',
  ok: 'good',
  not_modified: 'good',
  paused: 'warn',
  pending: 'warn',
  submitted: 'warn',
  queued: 'warn',
  running: 'info',
  open: 'info',
  retry: 'warn',
  warning: 'warn',
  failed: 'bad',
  refused: 'bad',
  cancelled: 'muted',
  rejected: 'bad',
  abandoned: 'bad',
  error: 'bad',
  revoked: 'muted',
};

export function Status({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  return <span className={`badge badge-${TONES[value] ?? 'muted'}`}>{value.replace(/_/g, ' ')}</span>;
}

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly className?: string;
}

export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty: ReactNode;
}) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.className} data-label={column.header}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CursorPage<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * A keyset-paged list whose cursor and filters live in the URL: `cursor` is this page's cursor,
 * `prev` the cursors of the pages before it (so "Previous" needs no server support).
 */
export function useCursorList<T>(
  key: string,
  path: string,
  filters: Record<string, string | undefined>,
  options: { refetchInterval?: number | false; limit?: number } = {},
) {
  const [params] = useQueryState();
  const cursor = params.get('cursor') ?? undefined;
  const query = useQuery({
    queryKey: [key, path, filters, cursor],
    queryFn: () => api.get<CursorPage<T>>(path, { ...filters, cursor, limit: options.limit ?? 25 }),
    refetchInterval: options.refetchInterval,
  });
  return query;
}

export function Pager({ nextCursor }: { nextCursor: string | null | undefined }) {
  const [params, update] = useQueryState();
  const cursor = params.get('cursor');
  const previous = (params.get('prev') ?? '').split(' ').filter(Boolean);
  if (!cursor && !nextCursor) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button
        type="button"
        disabled={!cursor}
        onClick={() => {
          const before = [...previous];
          const last = before.pop();
          update({ cursor: last && last !== '-' ? last : null, prev: before.join(' ') || null }, { keepCursor: true });
        }}
      >
        ← Previous
      </button>
      <span className="pager-page">Page {previous.length + 1}</span>
      <button
        type="button"
        disabled={!nextCursor}
        onClick={() =>
          update({ cursor: nextCursor, prev: [...previous, cursor ?? '-'].join(' ') }, { keepCursor: true })
        }
      >
        Next →
      </button>
    </nav>
  );
}

export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'good' | 'bad'; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'bad' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A filter bar whose values are the URL's query. */
export function FilterSelect({
  name,
  label,
  options,
}: {
  name: string;
  label: string;
  options: readonly (string | { value: string; label: string })[];
}) {
  const [params, update] = useQueryState();
  return (
    <Field label={label}>
      {(props) => (
        <select {...props} value={params.get(name) ?? ''} onChange={(event) => update({ [name]: event.target.value })}>
          <option value="">All</option>
          {options.map((option) => {
            const value = typeof option === 'string' ? option : option.value;
            return (
              <option key={value} value={value}>
                {typeof option === 'string' ? option.replace(/_/g, ' ') : option.label}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

export function FilterText({ name, label, placeholder }: { name: string; label: string; placeholder?: string }) {
  const [params, update] = useQueryState();
  return (
    <Field label={label}>
      {(props) => (
        <input
          {...props}
          type="search"
          placeholder={placeholder}
          defaultValue={params.get(name) ?? ''}
          key={params.get(name) ?? ''}
          onKeyDown={(event) => {
            if (event.key === 'Enter') update({ [name]: event.currentTarget.value.trim() });
          }}
          onBlur={(event) => {
            if ((params.get(name) ?? '') !== event.currentTarget.value.trim())
              update({ [name]: event.currentTarget.value.trim() });
          }}
        />
      )}
    </Field>
  );
}

export function Filters({ children }: { children: ReactNode }) {
  return (
    <form className="filters" role="search" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      {children}
    </form>
  );
}

export function Dl({ items }: { items: readonly [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
