import { randomBytes } from 'node:crypto';
import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';

/** Any entity owned by an administration. */
export interface AdministrationOwned extends ObjectLiteral {
  administrationId: string;
}

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/**
 * A repository bound to one administration: every read and write it offers carries
 * `administration_id`, so an unscoped query cannot be written through it. Services get
 * one from `scoped(manager, Entity, administrationId)` and never touch a raw Repository.
 *
 * - A where clause naming another administration matches nothing (it never widens).
 * - An empty where list means "every row of this administration".
 * - save() refuses an entity whose id belongs to another administration.
 * - createQueryBuilder() returns a builder whose where() only narrows (it is andWhere)
 *   and whose orWhere() throws, so the administration filter cannot be dropped.
 */
export class ScopedRepository<T extends AdministrationOwned> {
  private readonly repository: Repository<T>;
  private readonly parameter = `scope_${randomBytes(6).toString('hex')}`;

  constructor(
    manager: EntityManager,
    target: EntityTarget<T>,
    readonly administrationId: string,
  ) {
    this.repository = manager.getRepository(target);
  }

  /** The caller's where with the scope added; null when nothing can match. */
  private scope(where: Where<T> | undefined): Where<T> | null {
    const scope = { administrationId: this.administrationId } as FindOptionsWhere<T>;
    const list = where === undefined ? [] : Array.isArray(where) ? where : [where];
    if (list.length === 0) return scope;
    const kept = list.filter((w) => {
      const named = (w as { administrationId?: unknown }).administrationId;
      return named === undefined || named === this.administrationId;
    });
    if (kept.length === 0) return null;
    return kept.map((w) => ({ ...w, ...scope }));
  }

  async find(options: FindManyOptions<T> = {}): Promise<T[]> {
    const where = this.scope(options.where as Where<T>);
    return where ? this.repository.find({ ...options, where }) : [];
  }

  async findOne(options: FindOneOptions<T>): Promise<T | null> {
    const where = this.scope(options.where as Where<T>);
    return where ? this.repository.findOne({ ...options, where }) : null;
  }

  async findBy(where: Where<T>): Promise<T[]> {
    const scoped = this.scope(where);
    return scoped ? this.repository.findBy(scoped) : [];
  }

  async findOneBy(where: Where<T>): Promise<T | null> {
    const scoped = this.scope(where);
    return scoped ? this.repository.findOneBy(scoped) : null;
  }

  async count(where?: Where<T>): Promise<number> {
    const scoped = this.scope(where);
    return scoped ? this.repository.countBy(scoped) : 0;
  }

  /** Creates the entity with this administration's id, whatever `values` says. */
  create(values: DeepPartial<T>): T {
    return this.repository.create({
      ...values,
      administrationId: this.administrationId,
    } as DeepPartial<T>);
  }

  async save(entity: T): Promise<T> {
    if (entity.administrationId !== this.administrationId) {
      throw new Error('ScopedRepository: entity belongs to another administration');
    }
    const id = this.repository.metadata.getEntityIdMap(entity);
    if (id) {
      // An id that exists under another administration must not be taken over.
      const owner = await this.repository.findOne({
        where: id as FindOptionsWhere<T>,
        select: { administrationId: true } as never,
      });
      if (owner && owner.administrationId !== this.administrationId) {
        throw new Error('ScopedRepository: that row belongs to another administration');
      }
    }
    return this.repository.save(entity);
  }

  async delete(where: Where<T>): Promise<number> {
    const scoped = this.scope(where);
    if (!scoped) return 0;
    let affected = 0;
    for (const w of Array.isArray(scoped) ? scoped : [scoped]) {
      affected += (await this.repository.delete(w)).affected ?? 0;
    }
    return affected;
  }

  /** A query builder that filters on this administration and cannot be unscoped. */
  createQueryBuilder(alias: string): SelectQueryBuilder<T> {
    const qb = this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.administrationId = :${this.parameter}`, {
        [this.parameter]: this.administrationId,
      });
    return lockScope(qb);
  }
}

/** where() narrows like andWhere(); orWhere() throws; clones stay locked. */
function lockScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const andWhere = qb.andWhere.bind(qb);
  const clone = qb.clone.bind(qb);
  const setParameters = qb.setParameters.bind(qb);
  const scopeParams = Object.keys(qb.getParameters());
  Object.assign(qb, {
    where: (...args: Parameters<typeof qb.andWhere>) => andWhere(...args),
    orWhere: () => {
      throw new Error('orWhere on a scoped query could widen it: use andWhere(new Brackets(...))');
    },
    clone: () => lockScope(clone()),
    setParameters: (parameters: Record<string, unknown>) => {
      if (scopeParams.some((p) => p in parameters)) throw new Error('cannot override the scope');
      return setParameters(parameters);
    },
  });
  const setParameter = qb.setParameter.bind(qb);
  Object.assign(qb, {
    setParameter: (key: string, value: unknown) => {
      if (scopeParams.includes(key)) throw new Error('cannot override the scope');
      return setParameter(key, value);
    },
  });
  return qb;
}

export function scoped<T extends AdministrationOwned>(
  manager: EntityManager,
  target: EntityTarget<T>,
  administrationId: string,
): ScopedRepository<T> {
  return new ScopedRepository(manager, target, administrationId);
}

/**
 * A query builder over the rows of several administrations at once (a per-request loader's
 * batch): it filters on `administration_id = ANY(administrationIds)` and, like
 * ScopedRepository.createQueryBuilder, its where() only narrows and orWhere() throws. The ids
 * must be uuids (callers filter with isUuid).
 */
export function scopedMany<T extends AdministrationOwned>(
  manager: EntityManager,
  target: EntityTarget<T>,
  administrationIds: readonly string[],
  alias: string,
): SelectQueryBuilder<T> {
  const parameter = `scope_${randomBytes(6).toString('hex')}`;
  const qb = manager
    .getRepository(target)
    .createQueryBuilder(alias)
    .where(`${alias}.administrationId = ANY(CAST(:${parameter} AS uuid[]))`, {
      [parameter]: [...administrationIds],
    });
  return lockScope(qb);
}
