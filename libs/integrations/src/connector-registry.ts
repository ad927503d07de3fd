import { Inject, Injectable } from '@nestjs/common';
import type { Connector } from '#connector-sdk';

/** The connectors this deployment offers, given by the application; the core knows them only by id. */
export const CONNECTORS = Symbol('CONNECTORS');

@Injectable()
export class ConnectorRegistry {
  private readonly byId: ReadonlyMap<string, Connector>;

  constructor(@Inject(CONNECTORS) connectors: readonly Connector[]) {
    this.byId = new Map(connectors.map((connector) => [connector.spec.id, connector]));
  }

  get(id: string): Connector | undefined {
    return this.byId.get(id);
  }

  all(): Connector[] {
    return [...this.byId.values()];
  }
}
