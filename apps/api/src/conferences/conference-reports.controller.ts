import {
  Controller,
  Get,
  HttpCode,
  Param,
  type PipeTransform,
  Post,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AGENCY_KEY_PATTERN, DomainError, DomainErrorCode, SOCIAL_WORKER_REPORT } from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { FoundBeforeBody } from '../workflows/found-before-body.interceptor';
import { CONFERENCE_WORKFLOW } from './conference.workflow';
import { ConferenceTransitionDto } from './conference.responses';
import { ConferenceReportsService, type UploadedFile as File } from './conference-reports.service';

/** The multipart field the report's file is sent in. */
export const REPORT_FILE_FIELD = 'file';

/** A report's key in a path: an agency's key (`police:met`), or `social-worker`. */
export class ParseReportKeyPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (
      typeof value === 'string' &&
      (value === SOCIAL_WORKER_REPORT || (value.length <= 80 && AGENCY_KEY_PATTERN.test(value)))
    ) {
      return value;
    }
    const message = "key must be an agency's key (police:met) or social-worker";
    throw new DomainError(DomainErrorCode.InvalidInput, message, {
      errors: [{ field: 'key', messages: [message] }],
    });
  }
}

/**
 * A conference's reports as documents: uploaded (PDF, DOCX or ODT, judged by content, stored in
 * PostgreSQL with its SHA-256, named in the report's event) and read back (access-logged).
 * The multipart body is read by multer into memory only after the role check and once the
 * conference is found in the caller's areas (FoundBeforeBody), and only up to
 * REPORT_UPLOAD_MAX_BYTES (conferences.module.ts).
 */
@ApiTags('conferences')
@Controller('conferences')
export class ConferenceReportsController {
  constructor(private readonly reports: ConferenceReportsService) {}

  @Post(':id/reports/:key/document')
  @Roles(POLICY.submitConferenceReports)
  @HttpCode(200)
  @UseInterceptors(FoundBeforeBody(CONFERENCE_WORKFLOW), FileInterceptor(REPORT_FILE_FIELD))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [REPORT_FILE_FIELD],
      properties: {
        [REPORT_FILE_FIELD]: {
          type: 'string',
          format: 'binary',
          description:
            'The report: PDF, DOCX or ODT, judged by its content (not its name or the type sent), up to REPORT_UPLOAD_MAX_BYTES (10 MB by default).',
        },
      },
    },
  })
  @ApiOkResponse({ type: ConferenceTransitionDto })
  @ApiProblems(400, 404, 409, 413, 422)
  @ApiOperation({
    summary:
      "A report received as an uploaded document (the agency's, by its key, or social-worker): stored with its SHA-256 and named in the report's event, in one transaction.",
  })
  upload(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('key', new ParseReportKeyPipe()) reportKey: string,
    @UploadedFile() file: File | undefined,
    @IdempotencyKey() key?: string,
  ) {
    return this.reports.upload(req, id, reportKey, file, key);
  }

  @Get(':id/reports/:key/document')
  @Roles(POLICY.readConferences)
  @ApiProduces(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
  )
  @ApiOkResponse({
    description:
      'The bytes as stored, with their media type, `Content-Disposition: attachment` under a neutral name (case reference and report key) and the SHA-256 in `Repr-Digest` (RFC 9530). The read is in the access log (record type document).',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiProblems(400, 404)
  @ApiOperation({ summary: "A received report's document, for the roles that may read the conference." })
  async read(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('key', new ParseReportKeyPipe()) reportKey: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { document, fileName } = await this.reports.read(req, id, reportKey);
    res.setHeader('Cache-Control', 'no-store');
    // RFC 9530: the SHA-256 of the bytes as stored, for the client to check what it received.
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.meta.sha256, 'hex').toString('base64')}:`);
    return new StreamableFile(document.content, {
      type: document.meta.mediaType,
      length: document.meta.byteSize,
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}
