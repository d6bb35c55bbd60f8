import { Module } from '@nestjs/common';
import { AccessLogModule } from '@app/persistence';
import { AuditController } from './audit.controller';

@Module({
  imports: [AccessLogModule],
  controllers: [AuditController],
})
export class AuditModule {}
