import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { DEFAULT_STATUTORY_SETTINGS, StatutorySettings } from '@app/workflows';

export type ProcessRole = 'all' | 'api' | 'worker';
export type NodeEnv = 'development' | 'test' | 'production';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StatutorySettingsConfig implements StatutorySettings {
  @IsInt() @Min(0) @Max(60) asvScreeningWorkingDays = DEFAULT_STATUTORY_SETTINGS.asvScreeningWorkingDays;
  @IsInt() @Min(0) @Max(60) ladoReferralWorkingDays = DEFAULT_STATUTORY_SETTINGS.ladoReferralWorkingDays;
  @IsInt() @Min(0) @Max(60) allegationMeetingWorkingDays = DEFAULT_STATUTORY_SETTINGS.allegationMeetingWorkingDays;
  @IsArray() @ArrayMaxSize(6) @IsInt({ each: true }) @Min(1, { each: true })
  ladoResolutionTargetMonths = [...DEFAULT_STATUTORY_SETTINGS.ladoResolutionTargetMonths];
  @IsArray() @ArrayMaxSize(6) @IsNumber({}, { each: true }) @Min(0, { each: true }) @Max(1, { each: true })
  ladoResolutionTargetShares = [...DEFAULT_STATUTORY_SETTINGS.ladoResolutionTargetShares];
  @IsInt() @Min(1) @Max(100) asvRetentionYears = DEFAULT_STATUTORY_SETTINGS.asvRetentionYears;
  @IsInt() @Min(50) @Max(80) asvNormalRetirementAge = DEFAULT_STATUTORY_SETTINGS.asvNormalRetirementAge;
  @IsInt() @Min(1) @Max(60) icpcWorkingDays = DEFAULT_STATUTORY_SETTINGS.icpcWorkingDays;
  @IsInt() @Min(0) @Max(60) icpcRequestWorkingDays = DEFAULT_STATUTORY_SETTINGS.icpcRequestWorkingDays;
  @IsInt() @Min(1) @Max(60) transferInWorkingDays = DEFAULT_STATUTORY_SETTINGS.transferInWorkingDays;
  @IsInt() @Min(1) @Max(24) firstReviewMonths = DEFAULT_STATUTORY_SETTINGS.firstReviewMonths;
  @IsInt() @Min(1) @Max(24) subsequentReviewMonths = DEFAULT_STATUTORY_SETTINGS.subsequentReviewMonths;
  @IsInt() @Min(1) @Max(60) postBirthReviewWorkingDays = DEFAULT_STATUTORY_SETTINGS.postBirthReviewWorkingDays;
  @IsInt() @Min(0) @Max(30) agencyReportWorkingDaysBeforeIcpc = DEFAULT_STATUTORY_SETTINGS.agencyReportWorkingDaysBeforeIcpc;
  @IsInt() @Min(0) @Max(30) agencyReportWorkingDaysBeforeReview =
    DEFAULT_STATUTORY_SETTINGS.agencyReportWorkingDaysBeforeReview;
  @IsInt() @Min(0) @Max(30) socialWorkerReportToParentsWorkingDays =
    DEFAULT_STATUTORY_SETTINGS.socialWorkerReportToParentsWorkingDays;
  @IsInt() @Min(1) @Max(10) quorumOtherAgencies = DEFAULT_STATUTORY_SETTINGS.quorumOtherAgencies;
  @IsInt() @Min(1) @Max(60) inquorateIcpcReconveneWorkingDays =
    DEFAULT_STATUTORY_SETTINGS.inquorateIcpcReconveneWorkingDays;
  @IsInt() @Min(1) @Max(12) inquorateReviewReconveneMonths = DEFAULT_STATUTORY_SETTINGS.inquorateReviewReconveneMonths;
  @IsInt() @Min(0) @Max(30) decisionsDistributionWorkingDays = DEFAULT_STATUTORY_SETTINGS.decisionsDistributionWorkingDays;
  @IsInt() @Min(1) @Max(60) coreGroupWorkingDays = DEFAULT_STATUTORY_SETTINGS.coreGroupWorkingDays;
  @IsInt() @Min(1) @Max(60) minutesDistributionWorkingDays = DEFAULT_STATUTORY_SETTINGS.minutesDistributionWorkingDays;
  @IsInt() @Min(1) @Max(60) minutesCorrectionsWorkingDays = DEFAULT_STATUTORY_SETTINGS.minutesCorrectionsWorkingDays;
  @IsInt() @Min(1) @Max(168) serviceDeskResponseHours = DEFAULT_STATUTORY_SETTINGS.serviceDeskResponseHours;
}

/**
 * The one validated configuration of the service. Built once from the environment by
 * loadConfig(); nothing else reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production']) nodeEnv: NodeEnv = 'development';
  @IsInt() @Min(0) @Max(65535) port = 3000;
  @IsString() @Matches(/^postgres(ql)?:\/\//) databaseUrl = 'postgres://postgres@127.0.0.1:5432/cp_workflows';
  @IsString() @Matches(/^rediss?:\/\//) redisUrl = 'redis://127.0.0.1:6379';
  /** Prefix of every BullMQ key, so several deployments or test suites can share one Redis. */
  @IsString() @Matches(/^[a-z0-9-]+$/) queuePrefix = 'cpw';
  @IsIn(['all', 'api', 'worker']) processRole: ProcessRole = 'all';
  @IsBoolean() migrateOnStart = true;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) logLevel = 'info';
  @IsUrl({ require_tld: false, require_protocol: true }) publicBaseUrl = 'http://localhost:3000';
  @IsArray() @Matches(ISO_DATE, { each: true }) localClosureDays: string[] = [];
  @ValidateNested() @Type(() => StatutorySettingsConfig) statutory = new StatutorySettingsConfig();
}

export class ConfigError extends Error {
  constructor(readonly invalidKeys: string[]) {
    // Only the names of invalid settings, never their values (a URL may hold a password).
    super(`Invalid configuration: ${invalidKeys.join(', ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const toSnake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function parseValue(raw: string, current: unknown): unknown {
  if (typeof current === 'number') return raw.trim() === '' ? NaN : Number(raw);
  if (typeof current === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (Array.isArray(current)) {
    const items = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    return typeof current[0] === 'number' ? items.map(Number) : items;
  }
  return raw;
}

/** Reads each field from its SCREAMING_SNAKE environment variable (statutory ones prefixed STATUTORY_). */
function overlay(target: object, env: Env, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, current] of Object.entries(target)) {
    if (current !== null && typeof current === 'object' && !Array.isArray(current)) continue;
    const raw = env[prefix + toSnake(key)];
    out[key] = raw === undefined ? current : parseValue(raw, current);
  }
  return out;
}

function collectErrors(errors: ReturnType<typeof validateSync>, path = ''): string[] {
  return errors.flatMap((e) => {
    const name = path ? `${path}.${e.property}` : e.property;
    return e.children && e.children.length > 0 ? collectErrors(e.children, name) : [name];
  });
}

export function loadConfig(env: Env = process.env): AppConfig {
  const defaults = new AppConfig();
  const plain = {
    ...overlay(defaults, env, ''),
    statutory: overlay(defaults.statutory, env, 'STATUTORY_'),
  };
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ConfigError(collectErrors(errors));
  return config;
}
