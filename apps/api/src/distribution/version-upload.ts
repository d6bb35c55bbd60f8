import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
  type PipeTransform,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request, Response } from 'express';
import multer from 'multer';
import { from, type Observable, switchMap } from 'rxjs';
import { AppConfig } from '@app/persistence';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { RequestValidationException } from '../http/problem-details.filter';
import { strictValidationPipe } from '../http/validation';
import {
  DocumentVersionDto,
  type ManifestPartDto,
  ParseRoundPipe,
  VERSION_MAX_PARTS,
  VersionManifestDto,
} from './distribution.dto';

/** The multipart text field that describes the version; it comes before any file. */
export const VERSION_MANIFEST_FIELD = 'manifest';
/** The manifest is small: ids, kinds and field names for at most VERSION_MAX_PARTS parts. */
const MANIFEST_MAX_BYTES = 64 * 1024;

/** A new part's bytes as they arrived, or a part carried over: what registerVersion takes from a form. */
export interface UploadedPart {
  partId?: string;
  kind?: ManifestPartDto['kind'];
  sectionId?: string;
  addressOfPersonId?: string;
  content?: Buffer;
}

/** A version read from multipart/form-data: the manifest's parts, each new one with its file's bytes. */
export class VersionUpload {
  constructor(readonly parts: UploadedPart[]) {}
}

const invalid = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/** The manifest field's text, judged as the JSON body is: its errors name `manifest.…`, never a value sent. */
export function parseManifest(raw: unknown): VersionManifestDto {
  if (typeof raw !== 'string')
    throw invalid(VERSION_MANIFEST_FIELD, 'manifest must be one text field holding JSON');
  let plain: unknown;
  try {
    plain = JSON.parse(raw);
  } catch {
    throw invalid(VERSION_MANIFEST_FIELD, 'manifest must be JSON: {"parts":[...]}');
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain))
    throw invalid(VERSION_MANIFEST_FIELD, 'manifest must be a JSON object: {"parts":[...]}');
  const manifest = plainToInstance(VersionManifestDto, plain);
  const errors = validateSync(manifest, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    const flatten = (list: typeof errors, parent: string): { field: string; messages: string[] }[] =>
      list.flatMap((e) => {
        const field = `${parent}.${e.property}`;
        const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
        return [...own, ...flatten(e.children ?? [], field)];
      });
    throw new RequestValidationException(flatten(errors, VERSION_MANIFEST_FIELD));
  }
  const seen = new Set<string>();
  for (const [index, part] of manifest.parts.entries()) {
    if (part.file === undefined) continue;
    if (seen.has(part.file))
      throw invalid(
        `${VERSION_MANIFEST_FIELD}.parts.${index}.file`,
        'each new part names a file field of its own',
      );
    seen.add(part.file);
  }
  return manifest;
}

/**
 * One multipart version as it streams in: the manifest (which must have come first), the files it
 * names (each once), and the bytes counted per file and across them all, so the upload stops at
 * the first byte over a limit rather than after the body.
 */
class VersionForm {
  manifest?: VersionManifestDto;
  readonly files = new Map<string, Buffer>();
  private readonly receiving = new Set<string>();
  private total = 0;

  constructor(private readonly limits: { part: number; version: number }) {}

  /** A file is about to arrive under `field`: the manifest must be in, and name it, once. */
  accept(body: Record<string, unknown>, field: string): void {
    if (!this.manifest) this.manifest = this.readManifest(body);
    if (!this.manifest.parts.some((p) => p.file === field))
      throw invalid('files', 'every file field must be one the manifest names');
    if (this.receiving.has(field)) throw invalid('files', 'each file field is sent once');
    this.receiving.add(field);
  }

  /** `bytes` more of a file now `size` long: the refusal when a limit is passed, else undefined. */
  count(bytes: number, size: number): Error | undefined {
    this.total += bytes;
    if (size > this.limits.part)
      return new PayloadTooLargeException(
        `A part is over DISTRIBUTION_PART_MAX_BYTES (${this.limits.part} bytes); nothing was stored`,
      );
    if (this.total > this.limits.version)
      return new PayloadTooLargeException(
        `The version is over DISTRIBUTION_VERSION_MAX_BYTES (${this.limits.version} bytes, its files together); nothing was stored`,
      );
    return undefined;
  }

  /** The body has ended: every file the manifest names arrived, and nothing else did. */
  finish(body: Record<string, unknown>): VersionUpload {
    const manifest = this.manifest ?? this.readManifest(body);
    const fields = Object.keys(body);
    if (fields.length !== 1 || fields[0] !== VERSION_MANIFEST_FIELD)
      throw invalid(VERSION_MANIFEST_FIELD, 'manifest must be the one text field');
    return new VersionUpload(
      manifest.parts.map((part, index) => {
        const content = part.file === undefined ? undefined : this.files.get(part.file);
        if (part.file !== undefined && content === undefined)
          throw invalid(
            `${VERSION_MANIFEST_FIELD}.parts.${index}.file`,
            'the file the manifest names was not sent',
          );
        return {
          ...(part.partId !== undefined ? { partId: part.partId } : {}),
          ...(part.kind !== undefined ? { kind: part.kind } : {}),
          ...(part.sectionId !== undefined ? { sectionId: part.sectionId } : {}),
          ...(part.addressOfPersonId !== undefined ? { addressOfPersonId: part.addressOfPersonId } : {}),
          ...(content !== undefined ? { content } : {}),
        };
      }),
    );
  }

  private readManifest(body: Record<string, unknown>): VersionManifestDto {
    const fields = Object.keys(body);
    if (fields[0] !== VERSION_MANIFEST_FIELD || fields.length !== 1)
      throw invalid(
        VERSION_MANIFEST_FIELD,
        'manifest must be the first field, before any file, and the only text field',
      );
    return parseManifest(body[VERSION_MANIFEST_FIELD]);
  }
}

/**
 * A multer storage engine for one version: each file's bytes counted as they stream (per file
 * against DISTRIBUTION_PART_MAX_BYTES, across the files against DISTRIBUTION_VERSION_MAX_BYTES)
 * and kept in memory, never a temporary file. At the first byte over a limit, or a file the
 * manifest does not name, it stops keeping bytes and tells `refuse` at once, so the answer (413,
 * 400) leaves while the rest of the body is still arriving (multer reads it to its end, keeping
 * none of it, so the client is not cut off mid-send).
 */
export class VersionStorage implements multer.StorageEngine {
  constructor(
    private readonly form: VersionForm,
    private readonly refuse: (error: unknown) => void,
  ) {}

  _handleFile(
    req: Request,
    file: multer.IncomingFile,
    callback: (error?: unknown, info?: object) => void,
  ): void {
    let settled = false;
    const settle = (error?: unknown, info?: object) => {
      if (settled) return;
      settled = true;
      if (error) {
        file.stream.removeAllListeners('data');
        file.stream.resume();
        this.refuse(error);
      }
      callback(error, info);
    };
    try {
      this.form.accept(req.body as Record<string, unknown>, file.fieldname);
    } catch (error) {
      return settle(error);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    file.stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      const over = this.form.count(chunk.length, size);
      if (over) {
        chunks.length = 0;
        return settle(over);
      }
      chunks.push(chunk);
    });
    file.stream.on('error', (error) => settle(error));
    file.stream.on('end', () => {
      if (settled) return;
      this.form.files.set(file.fieldname, Buffer.concat(chunks, size));
      chunks.length = 0;
      settle(undefined, { size });
    });
  }

  _removeFile(_req: Request, file: multer.IncomingFile, callback: (error: unknown) => void): void {
    this.form.files.delete(file.fieldname);
    callback(null);
  }
}

/** What multer or busboy refused, said as this API says it (400), never quoting the body. */
function multipartProblem(error: unknown): unknown {
  if (error instanceof DomainError || error instanceof RequestValidationException) return error;
  if (error instanceof PayloadTooLargeException) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'LIMIT_FILE_COUNT' || code === 'LIMIT_PART_COUNT')
    return invalid('files', `a version has at most ${VERSION_MAX_PARTS} files`);
  if (code === 'LIMIT_FIELD_COUNT')
    return invalid(VERSION_MANIFEST_FIELD, 'manifest must be the one text field');
  if (code === 'LIMIT_FIELD_VALUE')
    return invalid(VERSION_MANIFEST_FIELD, `manifest must be at most ${MANIFEST_MAX_BYTES} bytes`);
  return invalid('body', 'The multipart/form-data body could not be read');
}

const mediaTypeOf = (req: Request): string | undefined =>
  req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

const UPLOAD = Symbol('version upload');
type WithUpload = Request & { [UPLOAD]?: VersionUpload };

/**
 * POST …/versions takes JSON (parts in base64) or multipart/form-data (a `manifest` field, then a
 * file per new part). It runs after the guards and after FoundBeforeBody, so a role that may not
 * upload, or a distribution that is not there or outside the caller's areas, is refused before a
 * byte of the body is read; so is a round that is none (400). JSON was read by the body parser and
 * passes on; a form is read here; any other body (multipart/mixed, text, a URL-encoded form) is 415.
 */
@Injectable()
export class VersionUploadInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<WithUpload>();
    const type = mediaTypeOf(req);
    if (type === 'application/json' || (type === undefined && !hasBody(req))) return next.handle();
    if (type !== 'multipart/form-data')
      throw new UnsupportedMediaTypeException(
        'A version is sent as application/json (parts in base64) or multipart/form-data (a manifest field, then its files)',
      );
    new ParseRoundPipe().transform(req.params.round);
    return from(this.read(req, http.getResponse<Response>())).pipe(
      switchMap((upload) => {
        req[UPLOAD] = upload;
        return next.handle();
      }),
    );
  }

  private read(req: Request, res: Response): Promise<VersionUpload> {
    return new Promise<VersionUpload>((resolve, reject) => {
      const form = new VersionForm({
        part: this.config.distributionPartMaxBytes,
        version: this.config.distributionVersionMaxBytes,
      });
      const refuse = (error: unknown) => reject(multipartProblem(error));
      const middleware = multer({
        storage: new VersionStorage(form, refuse),
        limits: {
          fields: 1,
          fieldSize: MANIFEST_MAX_BYTES,
          fieldNameSize: 100,
          files: VERSION_MAX_PARTS,
          parts: VERSION_MAX_PARTS + 1,
          headerPairs: 20,
        },
      }).any();
      middleware(req, res, (error?: unknown) => {
        if (error) return refuse(error);
        try {
          resolve(form.finish(req.body as Record<string, unknown>));
        } catch (problem) {
          refuse(problem);
        }
      });
    });
  }
}

/** The version's body: the form VersionUploadInterceptor read, or the JSON body. */
export const VersionBody = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const req = context.switchToHttp().getRequest<WithUpload>();
  return req[UPLOAD] ?? req.body;
});

/** A JSON body is validated as DocumentVersionDto (as @Body() would be); a form was judged as it arrived. */
@Injectable()
export class VersionBodyPipe implements PipeTransform<unknown, Promise<DocumentVersionDto | VersionUpload>> {
  private readonly validation = strictValidationPipe();

  async transform(value: unknown): Promise<DocumentVersionDto | VersionUpload> {
    if (value instanceof VersionUpload) return value;
    return this.validation.transform(value, {
      type: 'body',
      metatype: DocumentVersionDto,
    }) as Promise<DocumentVersionDto>;
  }
}
