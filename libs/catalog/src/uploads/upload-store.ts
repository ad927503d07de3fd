import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProblemException } from '#platform';
import { CatalogUpload, CatalogUploadChunk } from './catalog-upload.entity.js';

const CHUNK_BYTES = 1024 * 1024;

/** Keeps uploaded catalog files in the database in 1 MiB chunks and reads them back as streams. */
@Injectable()
export class UploadStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the stream in the caller's transaction; refuses files over `maxBytes` (413) or empty ones. */
  async save(
    manager: EntityManager,
    source: AsyncIterable<Buffer | string>,
    meta: { configId: string; retailerId: string; contentType: string | null; maxBytes: number },
  ): Promise<CatalogUpload> {
    const upload = await manager.save(
      manager.create(CatalogUpload, {
        configId: meta.configId,
        retailerId: meta.retailerId,
        contentType: meta.contentType,
      }),
    );
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await manager.insert(CatalogUploadChunk, { uploadId: upload.id, seq: seq++, data: Buffer.concat(pending) });
      pending = [];
      pendingBytes = 0;
    };
    for await (const part of source) {
      const buffer = typeof part === 'string' ? Buffer.from(part) : part;
      size += buffer.length;
      if (size > meta.maxBytes) {
        throw new ProblemException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          'content-too-large',
          'Content too large',
          `The file is larger than ${meta.maxBytes} bytes.`,
        );
      }
      hash.update(buffer);
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    if (size === 0) throw ProblemException.validation([{ field: 'body', message: 'the file is empty' }]);
    upload.sizeBytes = String(size);
    upload.sha256 = hash.digest('hex');
    return manager.save(upload);
  }

  /** The file as a stream that fetches one chunk at a time, so memory stays bounded. */
  open(uploadId: string): Readable {
    const repository = this.dataSource.getRepository(CatalogUploadChunk);
    let seq = 0;
    return Readable.from(
      (async function* chunks() {
        for (;;) {
          const chunk = await repository.findOne({ where: { uploadId, seq } });
          if (!chunk) return;
          seq += 1;
          yield chunk.data;
        }
      })(),
    );
  }
}
