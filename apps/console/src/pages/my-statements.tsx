import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Statement } from '../types';
import { Empty, Page, QueryView } from '../ui';
import { StatementTable } from './commission';

export function MyStatementsPage() {
  const statements = useQuery({
    queryKey: ['my-statements'],
    queryFn: () => api.get<Statement[]>('/v1/retailer/statements'),
  });
  return (
    <Page
      title="Statements"
      description={
        "The marketplace's commission on your sales, month by month. " +
        'An open month still changes; an issued one is final.'
      }
    >
      <QueryView query={statements} what="your statements">
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No statements yet. Your first one opens when you accept your first order.</Empty>
          ) : (
            <StatementTable
              rows={rows}
              csvPath={(statement) => `/v1/retailer/statements/${statement.currency}/${statement.period}/csv`}
            />
          )
        }
      </QueryView>
    </Page>
  );
}
