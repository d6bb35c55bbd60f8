import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtension,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Round, ROUNDS } from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { ConferenceTransitionDto } from '../conferences/conference.responses';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems, MULTIPART_BODY_EXTENSION } from '../http/openapi';
import { IdParam } from '../http/params';
import { NoBodyPipe } from '../asv/asv-request.pipes';
import { FoundBeforeBody } from '../workflows/found-before-body.interceptor';
import { DISTRIBUTION_WORKFLOW } from './distribution.workflow';
import {
  AddRecipientDto,
  ApprovalDto,
  CorrectionAnswerDto,
  CorrectionRequestDto,
  DocumentVersionDto,
  ListDistributionsQuery,
  ParseOpaqueIdPipe,
  ParsePackIdPipe,
  ParseRoundPipe,
  ResendDto,
  RevocationDto,
  VersionManifestDto,
} from './distribution.dto';
import {
  DataProtectionIncidentsDto,
  DistributionListDto,
  DistributionSummaryPageDto,
  DistributionViewDto,
} from './distribution.responses';
import { DistributionService } from './distribution.service';
import {
  VERSION_MANIFEST_FIELD,
  VersionBody,
  VersionBodyPipe,
  type VersionUpload,
  VersionUploadInterceptor,
} from './version-upload';

const ActionAnswers = () =>
  applyDecorators(
    HttpCode(200),
    ApiOkResponse({ type: ConferenceTransitionDto }),
    ApiProblems(400, 404, 409, 422),
  );

/** The `{round}` of a path, described (its type, a union, gives Swagger nothing to read). */
const ApiRoundParam = () =>
  ApiParam({
    name: 'round',
    enum: ROUNDS,
    description: 'decisions (the decisions and outline plan) or minutes',
  });

/**
 * The distribution of a conference's decisions, minutes and reports, in the service's words: each
 * action one event on the distribution's workflow (GET /workflows/:id/history shows them all).
 * 400 bad input, 403 a role without the permission, 404 missing or outside your areas, 409 not in
 * this state, 422 a rule refuses (an approval names each rule broken and its recipient).
 */
@ApiTags('distributions')
@Controller('distributions')
export class DistributionController {
  constructor(private readonly distributions: DistributionService) {}

  @Get()
  @Roles(POLICY.readDistributions)
  @ApiOkResponse({ type: DistributionSummaryPageDto })
  @ApiProblems(400)
  @ApiOperation({
    summary:
      'Distributions in your areas, newest change first; `conference` gives the one a conference started (each listed is access-logged).',
  })
  all(@Req() req: AuthenticatedRequest, @Query() query: ListDistributionsQuery) {
    return this.distributions.all(req, query);
  }

  @Get('incidents')
  @Roles(POLICY.readDataProtectionIncidents)
  @ApiOkResponse({ type: DataProtectionIncidentsDto })
  @ApiProblems(400)
  @ApiOperation({ summary: 'Data-protection incidents (packs sent in error) in your areas, newest first.' })
  allIncidents(@Req() req: AuthenticatedRequest) {
    return this.distributions.allIncidents(req);
  }

  @Get(':id')
  @Roles(POLICY.readDistributions)
  @ApiOkResponse({ type: DistributionViewDto })
  @ApiProblems(400, 404)
  @ApiOperation({
    summary: 'One distribution: documents and versions, approvals, packs, corrections, incidents (ids only).',
  })
  get(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.distributions.get(req, id);
  }

  @Get(':id/lists/:round')
  @ApiRoundParam()
  @Roles(POLICY.readDistributions)
  @ApiOkResponse({ type: DistributionListDto })
  @ApiProblems(400, 404)
  @ApiOperation({
    summary: 'The draft list for a round (decisions or minutes) and who may not receive each part, and why.',
  })
  list(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('round', new ParseRoundPipe()) round: Round,
  ) {
    return this.distributions.list(req, id, round);
  }

  @Post(':id/recipients')
  @Roles(POLICY.approveDistributions)
  @ActionAnswers()
  @ApiOperation({ summary: 'The chair adds someone who was not invited (a GP who did not attend).' })
  addRecipient(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: AddRecipientDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.addRecipient(req, id, body, key);
  }

  @Post(':id/documents/:round/versions')
  @ApiRoundParam()
  @Roles(POLICY.administerDistributions)
  @HttpCode(200)
  @ApiOkResponse({ type: ConferenceTransitionDto })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  @UseInterceptors(FoundBeforeBody(DISTRIBUTION_WORKFLOW), VersionUploadInterceptor)
  @ApiExtraModels(VersionManifestDto)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: DocumentVersionDto })
  @ApiExtension(MULTIPART_BODY_EXTENSION, {
    schema: {
      type: 'object',
      required: [VERSION_MANIFEST_FIELD],
      properties: {
        [VERSION_MANIFEST_FIELD]: {
          type: 'string',
          description:
            'First, before any file: the version as JSON, a VersionManifestDto (`{"parts":[{"kind":"main","file":"part0"},{"partId":"<a part of the previous version>"}]}`), each new part naming the file field that holds it.',
          example: '{"parts":[{"kind":"main","file":"part0"}]}',
        },
      },
      additionalProperties: {
        type: 'string',
        format: 'binary',
        description:
          'One file per new part, under the field name its manifest part gives: PDF, DOCX or ODT judged by content (not its name or the type sent), each up to DISTRIBUTION_PART_MAX_BYTES, all together up to DISTRIBUTION_VERSION_MAX_BYTES.',
      },
    },
  })
  @ApiOperation({
    summary:
      'A new version of the decisions or the minutes, part by part (PDF, DOCX or ODT): JSON with each part in base64, or multipart/form-data with a manifest field and a file per new part.',
    description:
      'multipart/form-data: the `manifest` field first, then one file per new part, named as the manifest says. ' +
      'A part over DISTRIBUTION_PART_MAX_BYTES, or files together over DISTRIBUTION_VERSION_MAX_BYTES, is refused (413) as soon as the bytes pass the limit; ' +
      'any other content type (multipart/mixed, text) is 415. A refused upload stores nothing.',
  })
  registerVersion(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('round', new ParseRoundPipe()) round: Round,
    @VersionBody(VersionBodyPipe) body: DocumentVersionDto | VersionUpload,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.registerVersion(req, id, round, body, key);
  }

  @Post(':id/documents/:round/drafts')
  @ApiRoundParam()
  @Roles(POLICY.administerDistributions)
  @ActionAnswers()
  @ApiOperation({
    summary: 'A version drafted from the template with the conference’s facts (ids, never names).',
  })
  draft(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('round', new ParseRoundPipe()) round: Round,
    @Body(NoBodyPipe) _body: undefined,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.draft(req, id, round, key);
  }

  @Post(':id/reports')
  @Roles(POLICY.administerDistributions)
  @ActionAnswers()
  @ApiOperation({
    summary: 'The reports from part 1 with a document enter the distribution, by their document ids.',
  })
  reports(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body(NoBodyPipe) _body: undefined,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.registerReports(req, id, key);
  }

  @Post(':id/approvals/:round')
  @ApiRoundParam()
  @Roles(POLICY.approveDistributions)
  @ActionAnswers()
  @ApiOperation({
    summary:
      'The chair approves the list for a round; refused (422) naming each rule broken and its recipient.',
  })
  approve(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('round', new ParseRoundPipe()) round: Round,
    @Body() body: ApprovalDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.approve(req, id, round, body, key);
  }

  @Get(':id/packs/:packId/print')
  @Roles(POLICY.administerDistributions)
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'A ZIP of the pack’s permitted parts, one entry each.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, 409)
  @ApiOperation({ summary: 'A printed pack’s file (a recipient without email), to print and post.' })
  async print(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('packId', new ParsePackIdPipe()) packId: string,
    @Res() res: Response,
  ) {
    const file = await this.distributions.print(req, id, packId);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.status(200).type('application/zip').send(file.bytes);
  }

  @Post(':id/packs/:packId/posted')
  @Roles(POLICY.administerDistributions)
  @ActionAnswers()
  @ApiOperation({ summary: 'A printed pack was posted.' })
  posted(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('packId', new ParsePackIdPipe()) packId: string,
    @Body(NoBodyPipe) _body: undefined,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.posted(req, id, packId, key);
  }

  @Post(':id/packs/:packId/resending')
  @Roles(POLICY.administerDistributions)
  @ActionAnswers()
  @ApiOperation({ summary: 'A pack that was not delivered, sent again (by email or as a printed pack).' })
  resend(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('packId', new ParsePackIdPipe()) packId: string,
    @Body() body: ResendDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.resend(req, id, packId, body, key);
  }

  @Post(':id/packs/:packId/revocation')
  @Roles(POLICY.revokeDistributionPacks)
  @ActionAnswers()
  @ApiOperation({
    summary: 'A pack sent in error: its link stops at once and a data-protection incident is recorded.',
  })
  revoke(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('packId', new ParsePackIdPipe()) packId: string,
    @Body() body: RevocationDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.revoke(req, id, packId, body, key);
  }

  @Post(':id/corrections')
  @Roles(POLICY.administerDistributions)
  @ActionAnswers()
  @ApiOperation({
    summary: 'A recipient’s request for a correction to the minutes, recorded on their behalf.',
  })
  requestCorrection(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: CorrectionRequestDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.requestCorrection(req, id, body, key);
  }

  @Post(':id/corrections/:correctionId/answer')
  @Roles(POLICY.approveDistributions)
  @ActionAnswers()
  @ApiOperation({
    summary: 'The chair accepts (a new version of the minutes to the same list) or rejects a correction.',
  })
  answerCorrection(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('correctionId', new ParseOpaqueIdPipe('correctionId')) correctionId: string,
    @Body() body: CorrectionAnswerDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.distributions.answerCorrection(req, id, correctionId, body, key);
  }

  @Get(':id/incidents')
  @Roles(POLICY.readDataProtectionIncidents)
  @ApiOkResponse({ type: DataProtectionIncidentsDto })
  @ApiProblems(400, 404)
  @ApiOperation({ summary: 'The data-protection incidents of this distribution.' })
  incidents(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.distributions.incidents(req, id);
  }
}
