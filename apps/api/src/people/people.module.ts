import { Module } from '@nestjs/common';
import { AccessLogModule, PeopleStoreModule } from '@app/persistence';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

/** People: the API over the people store. */
@Module({
  imports: [AccessLogModule, PeopleStoreModule],
  controllers: [PeopleController],
  providers: [PeopleService],
})
export class PeopleModule {}
