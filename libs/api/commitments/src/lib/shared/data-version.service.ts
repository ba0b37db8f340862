import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATA_VERSION_STATEMENT, dataVersionOf, ReadCache } from './read-cache';

/** Reads the data version and serves live reads from a ReadCache while it holds. */
@Injectable()
export class DataVersionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(): Promise<number> {
    return dataVersionOf(await this.dataSource.query(DATA_VERSION_STATEMENT));
  }

  /** The answer for `key` from `cache` if it was kept at `version` (read before the request's other statements), else `compute()`'s. */
  cached<T>(cache: ReadCache<T>, key: string, version: number, compute: () => Promise<T>): Promise<T> {
    return cache.get(key, version, compute, () => this.current());
  }
}
