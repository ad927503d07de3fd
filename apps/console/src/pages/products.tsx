import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { Link, useQueryState } from '../router';
import { Dl, FilterSelect, FilterText, Filters, Money, Page, Pager, QueryView, Table, useCursorList } from '../ui';
import { useRetailerNames } from './catalog';

interface ProductListItem {
  id: string;
  gtin: string | null;
  title: string;
  brand: string | null;
  offerCount: number;
  retailerCount: number;
  createdAt: string;
}

interface ProductOffer {
  offerId: string;
  retailerId: string;
  retailerItemId: string;
  title: string;
  availability: string;
  priceMinor: string;
  effectivePriceMinor: string;
  currency: string;
  link: string;
}

interface Product {
  id: string;
  gtin: string | null;
  title: string;
  brand: string | null;
  offers: ProductOffer[];
  bestOfferReason: string | null;
}

export function ProductsPage() {
  const [params] = useQueryState();
  const q = params.get('q') ?? undefined;
  const retailerId = params.get('retailerId') ?? undefined;
  const retailers = useRetailerNames(true);
  const list = useCursorList<ProductListItem>('products', '/v1/admin/products', { q, retailerId });
  return (
    <Page
      title="Products"
      description="Products group the offers of every retailer that sells the same item (by GTIN)."
    >
      <Filters>
        <FilterText name="q" label="Search products" placeholder="wireless speaker" />
        <FilterSelect
          name="retailerId"
          label="Offered by"
          options={(retailers.data ?? []).map((retailer) => ({ value: retailer.id, label: retailer.name }))}
        />
      </Filters>
      <QueryView query={list} what="products">
        {(page) => (
          <>
            <Table
              caption="Products"
              rows={page.items}
              rowKey={(product) => product.id}
              empty={
                q ? (
                  <>No product matches “{q}”. Try fewer words, or a GTIN.</>
                ) : (
                  <>No products yet. Products appear once a catalog sync brings offers in.</>
                )
              }
              columns={[
                { header: 'Product', cell: (product) => <Link to={`/products/${product.id}`}>{product.title}</Link> },
                { header: 'Brand', cell: (product) => product.brand ?? '—' },
                { header: 'GTIN', cell: (product) => (product.gtin ? <code>{product.gtin}</code> : '—') },
                { header: 'Offers', cell: (product) => product.offerCount, className: 'num' },
                { header: 'Retailers', cell: (product) => product.retailerCount, className: 'num' },
              ]}
            />
            <Pager nextCursor={page.nextCursor} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

export function ProductPage({ params }: { params: Record<string, string> }) {
  const [query] = useQueryState();
  const currency = query.get('currency') ?? undefined;
  const product = useQuery({
    queryKey: ['product', params.id, currency],
    queryFn: () => api.get<Product>(`/v1/admin/products/${params.id}`, { currency }),
  });
  const retailers = useRetailerNames(true);
  const nameOf = (id: string) => retailers.data?.find((retailer) => retailer.id === id)?.name ?? id.slice(0, 8);
  return (
    <QueryView query={product} what="the product">
      {(data) => (
        <Page title={data.title} description={<Link to="/products">All products</Link>}>
          <section className="card" aria-labelledby="product-facts">
            <h2 id="product-facts">Product</h2>
            <Dl
              items={[
                ['Brand', data.brand ?? '—'],
                ['GTIN', data.gtin ?? '—'],
                ['Offers', String(data.offers.length)],
              ]}
            />
          </section>
          <section className="card" aria-labelledby="best-title">
            <h2 id="best-title">Why the best offer is best</h2>
            <p className="best-reason">{data.bestOfferReason ?? 'No offer is available, so none is best.'}</p>
          </section>
          <section className="card" aria-labelledby="offers-title">
            <h2 id="offers-title">Offers, best first</h2>
            <Table
              caption="Offers of this product"
              rows={data.offers}
              rowKey={(offer) => offer.offerId}
              empty={<>No retailer offers this product now.</>}
              columns={[
                {
                  header: 'Rank',
                  cell: (offer) =>
                    data.offers.indexOf(offer) === 0 ? (
                      <span className="badge badge-good">Best</span>
                    ) : (
                      data.offers.indexOf(offer) + 1
                    ),
                },
                { header: 'Retailer', cell: (offer) => nameOf(offer.retailerId) },
                { header: 'Title', cell: (offer) => offer.title },
                { header: 'Availability', cell: (offer) => offer.availability.replace(/_/g, ' ') },
                {
                  header: 'Price',
                  cell: (offer) => <Money minor={offer.priceMinor} currency={offer.currency} />,
                  className: 'num',
                },
                {
                  header: 'Effective price',
                  cell: (offer) => <Money minor={offer.effectivePriceMinor} currency={offer.currency} />,
                  className: 'num',
                },
                {
                  header: 'Shop',
                  cell: (offer) => (
                    <a href={offer.link} target="_blank" rel="noreferrer noopener">
                      Open<span className="visually-hidden"> {offer.title} in the shop</span>
                    </a>
                  ),
                },
              ]}
            />
          </section>
        </Page>
      )}
    </QueryView>
  );
}
