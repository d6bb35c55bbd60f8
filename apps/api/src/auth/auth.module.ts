import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, ChairsStoreModule } from '@app/persistence';
import { AuthGuard } from './auth.guard';
import { EffectiveAreas } from './effective-areas';
import { TOKEN_VERIFICATION_KEY, TokenVerifier, verificationKeyFor } from './token-verifier';

/**
 * Rate limits, then authentication and authorization, on every route. The throttler runs first so
 * that floods of bad tokens are limited too; its counters are per process (in memory).
 */
@Module({
  imports: [
    ChairsStoreModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: config.rateLimitWindowSeconds * 1000, limit: config.rateLimitMaxRequests }],
        errorMessage: 'Too many requests: try again shortly.',
      }),
    }),
  ],
  providers: [
    { provide: TOKEN_VERIFICATION_KEY, inject: [AppConfig], useFactory: verificationKeyFor },
    TokenVerifier,
    EffectiveAreas,
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
