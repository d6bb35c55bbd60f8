import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi';
import { AccessLogService } from '@app/persistence';
import { POLICY, Roles } from '../auth';
import { AuditPage, AuditQuery } from './audit.dto';

/** The access log, for auditors. Read only: no route changes or removes an entry. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get()
  @Roles(POLICY.readAccessLog)
  @ApiOperation({
    summary: 'Who read or wrote which record, when, in which role and from where; newest first.',
  })
  @ApiOkResponse({ type: AuditPage })
  @ApiProblems(400)
  async find(@Query() query: AuditQuery): Promise<AuditPage> {
    const page = await this.accessLog.find({
      subject: query.subject,
      recordType: query.recordType,
      recordId: query.recordId,
      action: query.action,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      cursor: query.cursor,
      limit: query.limit ?? 50,
    });
    return {
      items: page.items.map((item) => ({ ...item, at: item.at.toISOString() })),
      nextCursor: page.nextCursor,
    };
  }
}
