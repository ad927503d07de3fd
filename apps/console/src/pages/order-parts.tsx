import type { RetailerOrder, Transition } from '../types';
import { Money, Status, Table, Time } from '../ui';

/** A retailer order's status changes, oldest first. */
export function Timeline({ history }: { history: readonly Transition[] }) {
  if (history.length === 0) return <p className="hint">No status changes yet.</p>;
  return (
    <ol className="timeline" aria-label="Status timeline">
      {history.map((step, index) => (
        <li key={index}>
          <Status value={step.to} />
          <span className="timeline-meta">
            <Time iso={step.at} /> · by {step.by}
            {step.reason ? ` · ${step.reason}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function Lines({ order }: { order: RetailerOrder }) {
  return (
    <Table
      caption="Lines"
      rows={order.lines}
      rowKey={(line) => line.id}
      empty={<>No lines.</>}
      columns={[
        { header: 'Item', cell: (line) => line.title },
        { header: 'Retailer item', cell: (line) => <code>{line.retailerItemId}</code> },
        { header: 'Qty', cell: (line) => line.quantity, className: 'num' },
        {
          header: 'Unit price',
          cell: (line) => <Money minor={line.unitPriceMinor} currency={line.currency} />,
          className: 'num',
        },
        {
          header: 'Total',
          cell: (line) => <Money minor={line.totalMinor} currency={line.currency} />,
          className: 'num',
        },
        { header: 'Status', cell: (line) => <Status value={line.status} /> },
      ]}
    />
  );
}
