import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { formatCount } from '../format';
import { Link } from '../router';
import { Empty, Page, QueryView, Table } from '../ui';

interface Coverage {
  retailerId: string;
  offers: number;
  mapped: number;
  share: number;
  topUnmapped: { path: string; offers: number }[];
}

export function CoveragePage() {
  const coverage = useQuery({
    queryKey: ['coverage'],
    queryFn: () => api.get<Coverage>('/v1/retailer/category-coverage'),
  });
  return (
    <Page
      title="Category coverage"
      description={
        'How many of your offers have a marketplace category. ' + 'Offers without one are harder for buyers to find.'
      }
    >
      <QueryView query={coverage} what="category coverage">
        {(data) =>
          data.offers === 0 ? (
            <Empty>
              You have no offers yet. <Link to="/retailer/connector-configs">Connect your catalog</Link> first.
            </Empty>
          ) : (
            <>
              <section className="card" aria-labelledby="share-title">
                <h2 id="share-title">
                  {formatCount(data.mapped)} of {formatCount(data.offers)} offers have a category
                </h2>
                <div className="coverage-bar" role="img" aria-label={`${Math.round(data.share * 100)}% covered`}>
                  <span className="coverage-fill" style={{ width: `${data.share * 100}%` }} />
                </div>
              </section>
              <section className="card" aria-labelledby="unmapped-title">
                <h2 id="unmapped-title">Your categories that map to none of ours</h2>
                <Table
                  caption="Unmapped category paths"
                  rows={data.topUnmapped}
                  rowKey={(row) => row.path}
                  empty={<>Every category of yours maps to one of the marketplace's.</>}
                  columns={[
                    {
                      header: 'Your category',
                      cell: (row) => row.path || <span className="hint">(no category given)</span>,
                    },
                    { header: 'Offers', cell: (row) => formatCount(row.offers), className: 'num' },
                  ]}
                />
                {data.topUnmapped.length ? (
                  <p className="hint">
                    Give these offers a google_product_category in your catalog, or ask the operator for a category
                    rule.
                  </p>
                ) : null}
              </section>
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
