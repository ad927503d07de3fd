import { Link, useQueryState } from '../router';
import { shortId } from '../format';
import { FilterText, Filters, Page, Pager, QueryView, Table, Time, useCursorList } from '../ui';

interface AuditEntry {
  id: string;
  createdAt: string;
  actorRole: string;
  actorKeyId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What changed, in a line: the fields whose values differ between before and after. */
function changes(entry: AuditEntry): string {
  if (!entry.before) return entry.after ? 'created' : '—';
  if (!entry.after) return 'removed';
  const names = Object.keys({ ...entry.before, ...entry.after }).filter(
    (name) => JSON.stringify(entry.before?.[name]) !== JSON.stringify(entry.after?.[name]) && name !== 'updatedAt',
  );
  return names.length ? names.join(', ') : 'no field changed';
}

export function AuditLogPage() {
  const [params] = useQueryState();
  const filters = {
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    action: params.get('action') ?? undefined,
    actorKeyId: params.get('actorKeyId') ?? undefined,
  };
  const list = useCursorList<AuditEntry>('audit', '/v1/admin/audit-log', filters);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Page
      title="Audit log"
      description="Every change made through the API or the console, with the key that made it, newest first."
    >
      <Filters>
        <FilterText name="entityType" label="Entity type" placeholder="retailer" />
        <FilterText name="action" label="Action" placeholder="retailer.update" />
        <FilterText name="entityId" label="Entity id" />
      </Filters>
      <QueryView query={list} what="the audit log">
        {(page) => (
          <>
            <Table
              caption="Audit log entries"
              rows={page.items}
              rowKey={(entry) => entry.id}
              empty={
                filtered ? (
                  <>
                    No entries match these filters. Check the spelling of the action (such as retailer.update) or clear
                    a filter.
                  </>
                ) : (
                  <>Nothing has been changed yet.</>
                )
              }
              columns={[
                { header: 'When', cell: (entry) => <Time iso={entry.createdAt} /> },
                {
                  header: 'Action',
                  cell: (entry) => (
                    <Link to={`/audit-log?action=${encodeURIComponent(entry.action)}`} title={`Only ${entry.action}`}>
                      <code>{entry.action}</code>
                    </Link>
                  ),
                },
                {
                  header: 'Entity',
                  cell: (entry) => (
                    <Link
                      to={
                        `/audit-log?entityType=${encodeURIComponent(entry.entityType)}` +
                        `&entityId=${encodeURIComponent(entry.entityId)}`
                      }
                      title="Every change of this one"
                    >
                      {entry.entityType} {shortId(entry.entityId)}
                    </Link>
                  ),
                },
                { header: 'Changed', cell: (entry) => changes(entry) },
                {
                  header: 'By',
                  cell: (entry) => `${entry.actorRole}${entry.actorKeyId ? ` · key ${shortId(entry.actorKeyId)}` : ''}`,
                },
              ]}
            />
            <Pager nextCursor={page.nextCursor} />
          </>
        )}
      </QueryView>
    </Page>
  );
}
