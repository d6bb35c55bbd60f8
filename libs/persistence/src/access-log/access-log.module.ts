import { Global, Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';

/** The access log, once for the whole application: any module may inject AccessLogService. */
@Global()
@Module({
  providers: [AccessLogService],
  exports: [AccessLogService],
})
export class AccessLogModule {}
