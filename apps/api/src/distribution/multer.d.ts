/**
 * What the version upload uses of multer (package.json pins the version @nestjs/platform-express
 * uses, so there is one copy; it ships no types): the middleware factory with a storage engine of
 * our own, and its errors.
 */
declare module 'multer' {
  import type { Readable } from 'node:stream';
  import type { Request, RequestHandler } from 'express';

  namespace multer {
    interface IncomingFile {
      fieldname: string;
      originalname: string;
      encoding: string;
      mimetype: string;
      stream: Readable;
    }
    interface StorageEngine {
      _handleFile(req: Request, file: IncomingFile, callback: (error?: unknown, info?: object) => void): void;
      _removeFile(
        req: Request,
        file: IncomingFile & Record<string, unknown>,
        callback: (error: unknown) => void,
      ): void;
    }
    interface Limits {
      fieldNameSize?: number;
      fieldSize?: number;
      fields?: number;
      fileSize?: number;
      files?: number;
      parts?: number;
      headerPairs?: number;
    }
    interface Options {
      storage?: StorageEngine;
      limits?: Limits;
    }
    interface Instance {
      any(): RequestHandler;
    }
    class MulterError extends Error {
      code: string;
      field?: string;
    }
  }
  function multer(options?: multer.Options): multer.Instance;
  export = multer;
}
