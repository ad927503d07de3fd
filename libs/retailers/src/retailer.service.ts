import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AuditService,
  PG_UNIQUE_VIOLATION,
  ProblemException,
  paginate,
  updateAudited,
  violatedConstraint,
  type Actor,
  type Page,
} from '#platform';
import type { CreateRetailerBody, RetailerListQuery, UpdateRetailerBody } from './retailer.dto.js';
import { RetailerView } from './retailer.dto.js';
import { Retailer, type RetailerStatus } from './retailer.entity.js';

/** Onboarding and upkeep of retailers; every write is audited in its own transaction. */
@Injectable()
export class RetailerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: CreateRetailerBody): Promise<RetailerView> {
    return this.write(async (manager) => {
      const retailer = await manager.save(
        manager.create(Retailer, { ...body, countries: body.countries ?? [], status: 'active' }),
      );
      const view = RetailerView.of(retailer);
      await this.audit.record(manager, actor, {
        action: 'retailer.create',
        entityType: 'retailer',
        entityId: retailer.id,
        before: null,
        after: view,
      });
      return view;
    });
  }

  async list(query: RetailerListQuery): Promise<Page<RetailerView>> {
    const builder = this.dataSource.getRepository(Retailer).createQueryBuilder('retailer');
    if (query.status) builder.andWhere('retailer.status = :status', { status: query.status });
    const page = await paginate(builder, 'retailer', query);
    return { items: page.items.map((retailer) => RetailerView.of(retailer)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<RetailerView> {
    return RetailerView.of(await this.find(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, body: UpdateRetailerBody): Promise<RetailerView> {
    return this.change(actor, id, 'retailer.update', (retailer) => Object.assign(retailer, body));
  }

  async setStatus(actor: Actor, id: string, status: RetailerStatus): Promise<RetailerView> {
    return this.change(actor, id, status === 'paused' ? 'retailer.pause' : 'retailer.activate', (retailer) => {
      retailer.status = status;
    });
  }

  private async change(
    actor: Actor,
    id: string,
    action: string,
    apply: (retailer: Retailer) => void,
  ): Promise<RetailerView> {
    return this.write((manager) =>
      updateAudited(manager, this.audit, actor, {
        entity: Retailer,
        entityType: 'retailer',
        id,
        action,
        view: RetailerView.of,
        apply,
      }),
    );
  }

  private async find(manager: EntityManager, id: string): Promise<Retailer> {
    const retailer = await manager.findOne(Retailer, { where: { id } });
    if (!retailer) throw ProblemException.notFound(`Retailer ${id}`);
    return retailer;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (violatedConstraint(error, PG_UNIQUE_VIOLATION) === 'uq_retailer_slug') {
        throw ProblemException.conflict('Another retailer already has this slug.', 'slug');
      }
      throw error;
    }
  }
}
