import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, describeError } from '../api';
import { Link, useQueryState } from '../router';
import type { Retailer } from '../types';
import {
  Field,
  FilterSelect,
  Filters,
  Notice,
  Page,
  Pager,
  QueryView,
  Status,
  Table,
  Time,
  useCursorList,
} from '../ui';

function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function RetailersPage() {
  const [params] = useQueryState();
  const client = useQueryClient();
  const list = useCursorList<Retailer>('retailers', '/v1/admin/retailers', {
    status: params.get('status') ?? undefined,
  });
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string } | null>(null);
  const toggle = useMutation({
    mutationFn: (retailer: Retailer) =>
      api.post<Retailer>(`/v1/admin/retailers/${retailer.id}/${retailer.status === 'active' ? 'pause' : 'activate'}`),
    onSuccess: async (retailer) => {
      setMessage({ tone: 'good', text: `${retailer.name} is now ${retailer.status}.` });
      await client.invalidateQueries({ queryKey: ['retailers'] });
      await client.invalidateQueries({ queryKey: ['retailer-names'] });
    },
    onError: (error) => setMessage({ tone: 'bad', text: describeError(error) }),
  });
  return (
    <Page
      title="Retailers"
      description="The shops whose offers Souk sells. Pausing a retailer takes its offers out of every channel."
    >
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <CreateRetailer
        onCreated={(retailer) =>
          setMessage({
            tone: 'good',
            text: `Created ${retailer.name}. Add a connector config to bring its catalog in.`,
          })
        }
      />
      <Filters>
        <FilterSelect name="status" label="Status" options={['active', 'paused']} />
      </Filters>
      <QueryView query={list} what="retailers">
        {(page) => (
          <>
            <Table
              caption="Retailers"
              rows={page.items}
              rowKey={(retailer) => retailer.id}
              empty={<>No retailers match. Create one above, or clear the status filter.</>}
              columns={[
                { header: 'Name', cell: (retailer) => <strong>{retailer.name}</strong> },
                { header: 'Status', cell: (retailer) => <Status value={retailer.status} /> },
                { header: 'Currency', cell: (retailer) => retailer.defaultCurrency },
                { header: 'Countries', cell: (retailer) => retailer.countries.join(', ') },
                { header: 'Contact', cell: (retailer) => retailer.contactEmail },
                { header: 'Created', cell: (retailer) => <Time iso={retailer.createdAt} /> },
                {
                  header: 'Open',
                  cell: (retailer) => (
                    <span className="inline-links">
                      <Link to={`/connector-configs?retailerId=${retailer.id}`}>Catalog</Link>{' '}
                      <Link to={`/orders?retailerId=${retailer.id}`}>Orders</Link>{' '}
                      <Link to={`/commission?retailerId=${retailer.id}`}>Statements</Link>
                    </span>
                  ),
                },
                {
                  header: 'Actions',
                  cell: (retailer) => (
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => toggle.mutate(retailer)}
                      disabled={toggle.isPending}
                      aria-label={`${retailer.status === 'active' ? 'Pause' : 'Activate'} ${retailer.name}`}
                    >
                      {retailer.status === 'active' ? 'Pause' : 'Activate'}
                    </button>
                  ),
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

function CreateRetailer({ onCreated }: { onCreated: (retailer: Retailer) => void }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', slug: '', defaultCurrency: 'EUR', contactEmail: '', countries: 'NL' });
  const [slugTouched, setSlugTouched] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof form, value: string) =>
    setForm((current) => ({
      ...current,
      [name]: value,
      ...(name === 'name' && !slugTouched ? { slug: slugOf(value) } : {}),
    }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.post<Retailer>('/v1/admin/retailers', {
        name: form.name.trim(),
        slug: form.slug.trim(),
        defaultCurrency: form.defaultCurrency.trim().toUpperCase(),
        contactEmail: form.contactEmail.trim(),
        countries: form.countries
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((country) => country.toUpperCase()),
      });
      await client.invalidateQueries({ queryKey: ['retailers'] });
      await client.invalidateQueries({ queryKey: ['retailer-names'] });
      setForm({ name: '', slug: '', defaultCurrency: 'EUR', contactEmail: '', countries: 'NL' });
      setSlugTouched(false);
      setOpen(false);
      onCreated(created);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          New retailer
        </button>
      </p>
    );
  return (
    <form className="card form form-grid" onSubmit={submit} aria-label="New retailer">
      <h2 className="span-all">New retailer</h2>
      <Field label="Name">
        {(props) => (
          <input
            {...props}
            name="name"
            value={form.name}
            onChange={(event) => set('name', event.target.value)}
            required
            autoComplete="organization"
          />
        )}
      </Field>
      <Field label="Slug" hint="Lowercase letters, digits and hyphens; unique.">
        {(props) => (
          <input
            {...props}
            name="slug"
            value={form.slug}
            onChange={(event) => {
              setSlugTouched(true);
              set('slug', event.target.value);
            }}
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
          />
        )}
      </Field>
      <Field label="Default currency">
        {(props) => (
          <input
            {...props}
            name="defaultCurrency"
            value={form.defaultCurrency}
            onChange={(event) => set('defaultCurrency', event.target.value)}
            required
            maxLength={3}
          />
        )}
      </Field>
      <Field label="Contact email">
        {(props) => (
          <input
            {...props}
            name="contactEmail"
            type="email"
            value={form.contactEmail}
            onChange={(event) => set('contactEmail', event.target.value)}
            required
            autoComplete="email"
          />
        )}
      </Field>
      <Field label="Countries" hint="ISO codes, separated by commas: NL, BE">
        {(props) => (
          <input
            {...props}
            name="countries"
            value={form.countries}
            onChange={(event) => set('countries', event.target.value)}
            required
          />
        )}
      </Field>
      {failure ? (
        <div className="span-all">
          <Notice tone="bad">{failure}</Notice>
        </div>
      ) : null}
      <div className="form-actions span-all">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create retailer'}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
