import { Module } from '@nestjs/common';
import { ChairsStoreModule } from '@app/persistence';
import { ChairsController } from './chairs.controller';
import { ChairsService } from './chairs.service';

/** Chairs and their diaries: the API over the chairs store. */
@Module({
  imports: [ChairsStoreModule],
  controllers: [ChairsController],
  providers: [ChairsService],
})
export class ChairsModule {}
