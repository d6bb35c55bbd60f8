import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  Allow,
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
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import {
  DEFAULT_ESCALATION_LADDERS,
  DEFAULT_STATUTORY_SETTINGS,
  EscalationLadder,
  escalationLadderProblems,
  StatutorySettings,
} from '@app/workflows';

export type ProcessRole = 'all' | 'api' | 'worker';
export type NodeEnv = 'development' | 'test' | 'production';
/** Where BullMQ keeps the timer jobs; 'auto' is decided at start-up (libs/timers/src/queue). */
export type QueueBackendSetting = 'auto' | 'redis' | 'postgres';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEBHOOK_ENDPOINT = /^[a-z0-9-]{1,40}=https?:\/\/[^\s,]+$/;
const OFFICE_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WEBHOOK_SECRET = /^[a-z0-9-]{1,40}=[A-Za-z0-9+/=_.~-]{32,512}$/;

/** The issuer of development tokens (`npm run token`); production must name its identity provider's. */
export const DEV_TOKEN_ISSUER = 'cp-workflows-dev';

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
  @IsInt() @Min(0) @Max(30) preBirthLatestWeeksBeforeDelivery =
    DEFAULT_STATUTORY_SETTINGS.preBirthLatestWeeksBeforeDelivery;
  @IsInt() @Min(0) @Max(9) preBirthIdealMonthsBeforeDelivery =
    DEFAULT_STATUTORY_SETTINGS.preBirthIdealMonthsBeforeDelivery;
  @IsBoolean() preBirthSetsAsideIcpcWorkingDays = DEFAULT_STATUTORY_SETTINGS.preBirthSetsAsideIcpcWorkingDays;
  @IsInt() @Min(1) @Max(24) firstReviewMonths = DEFAULT_STATUTORY_SETTINGS.firstReviewMonths;
  @IsInt() @Min(1) @Max(24) subsequentReviewMonths = DEFAULT_STATUTORY_SETTINGS.subsequentReviewMonths;
  @IsInt() @Min(1) @Max(60) postBirthReviewWorkingDays = DEFAULT_STATUTORY_SETTINGS.postBirthReviewWorkingDays;
  @IsInt() @Min(0) @Max(30) invitationsWorkingDaysBefore = DEFAULT_STATUTORY_SETTINGS.invitationsWorkingDaysBefore;
  @IsInt() @Min(0) @Max(30) agencyReportWorkingDaysBeforeIcpc = DEFAULT_STATUTORY_SETTINGS.agencyReportWorkingDaysBeforeIcpc;
  @IsInt() @Min(0) @Max(30) agencyReportWorkingDaysBeforeReview =
    DEFAULT_STATUTORY_SETTINGS.agencyReportWorkingDaysBeforeReview;
  @IsInt() @Min(0) @Max(30) socialWorkerReportToParentsWorkingDays =
    DEFAULT_STATUTORY_SETTINGS.socialWorkerReportToParentsWorkingDays;
  @IsInt() @Min(1) @Max(10) quorumOtherAgencies = DEFAULT_STATUTORY_SETTINGS.quorumOtherAgencies;
  @IsInt() @Min(1) @Max(60) inquorateIcpcReconveneWorkingDays =
    DEFAULT_STATUTORY_SETTINGS.inquorateIcpcReconveneWorkingDays;
  @IsInt() @Min(1) @Max(60) inquorateReviewReconveneWorkingDays =
    DEFAULT_STATUTORY_SETTINGS.inquorateReviewReconveneWorkingDays;
  @IsInt() @Min(1) @Max(60) earlyReviewWorkingDays = DEFAULT_STATUTORY_SETTINGS.earlyReviewWorkingDays;
  @IsInt() @Min(0) @Max(30) decisionsDistributionWorkingDays = DEFAULT_STATUTORY_SETTINGS.decisionsDistributionWorkingDays;
  @IsInt() @Min(1) @Max(60) coreGroupWorkingDays = DEFAULT_STATUTORY_SETTINGS.coreGroupWorkingDays;
  @IsInt() @Min(1) @Max(60) minutesDistributionWorkingDays = DEFAULT_STATUTORY_SETTINGS.minutesDistributionWorkingDays;
  @IsInt() @Min(1) @Max(60) minutesCorrectionsWorkingDays = DEFAULT_STATUTORY_SETTINGS.minutesCorrectionsWorkingDays;
  @IsInt() @Min(1) @Max(60) correctionAnswerWorkingDays = DEFAULT_STATUTORY_SETTINGS.correctionAnswerWorkingDays;
  @IsInt() @Min(1) @Max(168) serviceDeskResponseHours = DEFAULT_STATUTORY_SETTINGS.serviceDeskResponseHours;
  @IsInt() @Min(0) @Max(18) childInvitationAge = DEFAULT_STATUTORY_SETTINGS.childInvitationAge;
  @IsInt() @Min(1) @Max(10) conferenceMovesFlaggedAt = DEFAULT_STATUTORY_SETTINGS.conferenceMovesFlaggedAt;
  @IsInt() @Min(1) @Max(365) personalLinkExpiryDays = DEFAULT_STATUTORY_SETTINGS.personalLinkExpiryDays;
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
  /**
   * BullMQ's datastore: 'redis' (REDIS_URL), or 'postgres' (BullMQ's own PostgreSQL backend, in the
   * schema QUEUE_SCHEMA of the service's database). Unset: 'redis' when REDIS_URL is given; else in
   * production 'postgres' (decided from settings alone, so every process of a deployment agrees);
   * else 'auto', which start-up turns into 'redis' when Redis answers and 'postgres' when not.
   */
  @IsIn(['auto', 'redis', 'postgres']) queueBackend: QueueBackendSetting = 'auto';
  /** The PostgreSQL schema BullMQ's backend keeps its tables in (its migrations create it). */
  @IsString() @Matches(/^[a-z_][a-z0-9_]{0,62}$/) queueSchema = 'bullmq';
  @IsIn(['all', 'api', 'worker']) processRole: ProcessRole = 'all';
  @IsBoolean() migrateOnStart = true;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) logLevel = 'info';
  @IsUrl({ require_tld: false, require_protocol: true }) publicBaseUrl = 'http://localhost:3000';
  @IsArray() @Matches(ISO_DATE, { each: true }) localClosureDays: string[] = [];
  /** Outbox: how often to look for effects when no commit has nudged the dispatcher. */
  @IsInt() @Min(50) @Max(60000) outboxPollMs = 1000;
  @IsInt() @Min(1) @Max(500) outboxBatchSize = 20;
  /** Attempts before an effect is recorded as an incident on its workflow. */
  @IsInt() @Min(1) @Max(50) outboxMaxAttempts = 8;
  /** A claimed effect not confirmed within this time is claimed again (its worker died). */
  @IsInt() @Min(100) @Max(3600000) outboxLeaseMs = 30000;
  /** First retry delay; doubles per attempt, capped at an hour. */
  @IsInt() @Min(10) @Max(3600000) outboxBackoffMs = 1000;
  /** Time allowed for one outgoing HTTP call (webhooks). */
  @IsInt() @Min(100) @Max(120000) httpTimeoutMs = 5000;
  @ValidateNested() @Type(() => StatutorySettingsConfig) statutory = new StatutorySettingsConfig();

  // Authentication (apps/api/src/auth). Tokens are verified against the JWKS URL or the PEM public
  // key; with neither, development and test trust the development key in authDevKeyDir, and
  // production refuses to start.
  @ValidateIf((c: AppConfig) => c.authJwksUrl !== '') @IsUrl({ require_tld: false, require_protocol: true })
  authJwksUrl = '';
  /** PEM (SPKI) public key; `\n` escapes are accepted so it fits in one environment variable. */
  @IsString() authPublicKey = '';
  @IsString() @Matches(/^\S+$/) authIssuer = DEV_TOKEN_ISSUER;
  @IsString() @Matches(/^\S+$/) authAudience = 'cp-workflows';
  @IsInt() @Min(0) @Max(300) authClockToleranceSeconds = 30;
  @IsString() @Matches(/^\S+$/) authRolesClaim = 'roles';
  @IsString() @Matches(/^\S+$/) authAreaClaim = 'area';
  @IsString() @Matches(/^\S+$/) authCoveringAreasClaim = 'covering_areas';
  @IsString() @Matches(/^\S+$/) authDevKeyDir = '.local/dev-keys';

  // Hardening (apps/api/src/bootstrap.ts): CORS closed unless origins are listed; rate limit per client IP.
  @IsArray() @IsUrl({ require_tld: false, require_protocol: true }, { each: true }) corsOrigins: string[] = [];
  @IsInt() @Min(1) @Max(3600) rateLimitWindowSeconds = 60;
  @IsInt() @Min(1) @Max(1_000_000) rateLimitMaxRequests = 600;
  /** Reverse proxies in front of the service, so the client IP (rate limits, access log) is the caller's. */
  @IsInt() @Min(0) @Max(10) trustProxyHops = 0;

  // Notifications (libs/timers/src/notifications): the in-app inbox always; email once SMTP_HOST is
  // set; a signed webhook to every subscriber in WEBHOOK_ENDPOINTS.
  /** The SMTP relay for notification emails; empty turns the email channel off. */
  @IsString() @Matches(/^[A-Za-z0-9.:-]*$/) smtpHost = '';
  @IsInt() @Min(1) @Max(65535) smtpPort = 587;
  /** true: TLS from the first byte (usually port 465); false: STARTTLS whenever the server offers it. */
  @IsBoolean() smtpSecure = false;
  /** SMTP authentication, when the relay wants it (both set, or neither). */
  @IsString() smtpUser = '';
  @IsString() smtpPassword = '';
  @IsString() @Matches(/^[^@\s]+@[^@\s]+$/) smtpFrom = 'cp-workflows@localhost';
  /** Time allowed to connect, greet and send one message. */
  @IsInt() @Min(100) @Max(120000) smtpTimeoutMs = 10000;
  /** Webhook subscribers (other council systems), `name=https://…` each. */
  @IsArray() @Matches(WEBHOOK_ENDPOINT, { each: true }) webhookEndpoints: string[] = [];
  /**
   * Each subscriber's HMAC secret, `name=secret` (32+ characters, no commas). Secrets live in the
   * configuration (a secret store's environment), never in the database.
   */
  @IsArray() @Matches(WEBHOOK_SECRET, { each: true }) webhookSecrets: string[] = [];

  // Deadline timers (libs/timers/src/deadlines): a BullMQ job per escalation step, and the reconciler.
  /**
   * The reconciler's period: every open deadline's jobs are checked and missed steps fired this
   * often, so it bounds how late an escalation can be after Redis loses its data.
   */
  @IsInt() @Min(5) @Max(3600) reconcilePeriodSeconds = 60;
  /** Step jobs one worker process runs at once. */
  @IsInt() @Min(1) @Max(100) timerConcurrency = 10;
  /** Attempts of a step job before it fails (an incident on the workflow); the reconciler retries it at its next pass. */
  @IsInt() @Min(1) @Max(50) timerAttempts = 10;
  /** First retry delay of a step job; doubles per attempt. */
  @IsInt() @Min(10) @Max(3600000) timerBackoffMs = 2000;
  /**
   * Escalation ladders by name (a deadline's ladder, by default its kind; 'default' for the rest):
   * the defaults of escalation-ladders.ts, each replaced by name by ESCALATION_LADDERS, a JSON object.
   */
  @Allow() escalationLadders: Record<string, EscalationLadder> = { ...DEFAULT_ESCALATION_LADDERS };

  // Chairs' diaries (libs/persistence/src/chairs): local practice, not statute.
  /** Conferences (bookings) one chair takes in a day at most: free slots leave out a day at the limit. */
  @IsInt() @Min(1) @Max(10) chairDailyConferenceLimit = 3;
  /** Office hours in Europe/London, 'HH:MM': free slots start and end within them. */
  @Matches(OFFICE_TIME) officeHoursStart = '09:30';
  @Matches(OFFICE_TIME) officeHoursEnd = '16:30';
  /** The grid free slots start on, and a conference's length unless the request says otherwise. */
  @IsInt() @Min(15) @Max(480) slotMinutes = 90;
  /**
   * The largest report a conference takes as an upload (POST /conferences/{id}/reports/{key}/document),
   * in bytes: 10 MB by default. Larger is refused (413) before it is stored; the bytes are held in
   * memory while they are checked, so the limit also bounds what one request can make the service hold.
   */
  @IsInt() @Min(1024) @Max(100 * 1024 * 1024) reportUploadMaxBytes = 10 * 1024 * 1024;
  // Conference invitations (libs/timers/src/invitations): email with an iCalendar file, letters, personal links.
  /** The conferences' mailbox: the From of every invitation and its iCalendar ORGANIZER; empty: SMTP_FROM. */
  @IsString() @Matches(/^([^@\s]+@[^@\s]+)?$/) conferenceMailbox = '';
  /** The organiser's name in the calendar file (CN). */
  @IsString() @Matches(/^[^\r\n"\\;:]{1,100}$/) conferenceMailboxName = 'Child protection conferences';
  /** An invitee's personal response link opens until the end of this many days after the conference (London). */
  @IsInt() @Min(0) @Max(60) invitationLinkDaysAfterConference = 1;
  // Distribution of a conference's documents (apps/api/src/distribution): personal links and codes.
  // The link's expiry is the statutory-style setting personalLinkExpiryDays.
  /** A one-time code for a family member's pack: valid this long after it is sent. */
  @IsInt() @Min(1) @Max(60) distributionCodeMinutes = 15;
  /** Wrong codes allowed before a code stops working (a new one must be asked for). */
  @IsInt() @Min(1) @Max(10) distributionCodeAttempts = 5;
  /** The largest document part accepted, in bytes (a part of a version, as JSON or multipart). */
  @IsInt() @Min(1024) @Max(50_000_000) distributionPartMaxBytes = 10_000_000;
  /**
   * The largest version a multipart upload takes (POST /distributions/{id}/documents/{round}/versions),
   * all its files together, in bytes: 50 MB by default, at least DISTRIBUTION_PART_MAX_BYTES. The
   * bytes are held in memory until the version is stored, so this bounds what one upload can make
   * the service hold; the upload is refused (413) as soon as it passes the limit.
   */
  @IsInt() @Min(1024) @Max(500 * 1024 * 1024) distributionVersionMaxBytes = 50 * 1024 * 1024;
  /**
   * Attach the pack to the email as well as the link: only for a secure email gateway
   * (the family's side is never sent an attachment).
   */
  @IsBoolean() distributionAttachPacks = false;
  /**
   * The bounce mailbox: the envelope sender (Return-Path) of every pack email, where the relay
   * returns its delivery status notifications (RFC 3461/3464). Set, each pack email asks for a
   * report (DSN: success, failure, delay; headers only; an opaque envelope id); empty, none is
   * asked and a pack stays `sent` once the relay takes it.
   */
  @IsString() @Matches(/^([^@\s]+@[^@\s]+)?$/) distributionReturnPath = '';
  // Delivery reports (apps/api/src/distribution/delivery-reports): the bounce mailbox read over IMAP
  // by the worker processes. An empty host turns the reading off.
  @IsString() @Matches(/^[A-Za-z0-9.:-]*$/) deliveryReportsImapHost = '';
  @IsInt() @Min(1) @Max(65535) deliveryReportsImapPort = 993;
  /** true: TLS from the first byte (usually 993); false: STARTTLS when the server offers it. */
  @IsBoolean() deliveryReportsImapSecure = true;
  /** The mailbox's login (both set whenever the host is). */
  @IsString() deliveryReportsImapUser = '';
  @IsString() deliveryReportsImapPassword = '';
  /** The folder the relay's reports arrive in. */
  @IsString() @Matches(/^[^\r\n*%"\\]{1,200}$/) deliveryReportsFolder = 'INBOX';
  /** Where a report goes once its outcome is committed, and where one that names no sending goes. */
  @IsString() @Matches(/^[^\r\n*%"\\]{1,200}$/) deliveryReportsProcessedFolder = 'Processed';
  @IsString() @Matches(/^[^\r\n*%"\\]{1,200}$/) deliveryReportsUnmatchedFolder = 'Unmatched';
  /** How often the mailbox is read (one poll across all worker processes, by a BullMQ job scheduler). */
  @IsInt() @Min(1) @Max(3600) deliveryReportsPollSeconds = 60;
  /** Time allowed to connect to the IMAP server, greet and answer one command. */
  @IsInt() @Min(100) @Max(120000) deliveryReportsImapTimeoutMs = 10000;
  // The managers' console (apps/api/src/console): OpenID Connect sign-in (authorization code with
  // PKCE) and a session in PostgreSQL. Roles and areas come from the ID token, read with the same
  // claim names as bearer tokens (AUTH_ROLES_CLAIM, AUTH_AREA_CLAIM, AUTH_COVERING_AREAS_CLAIM).
  /** The identity provider's issuer (Entra ID: https://login.microsoftonline.com/<tenant>/v2.0); empty: no sign-in. */
  @ValidateIf((c: AppConfig) => c.oidcIssuerUrl !== '') @IsUrl({ require_tld: false, require_protocol: true })
  oidcIssuerUrl = '';
  @IsString() @Matches(/^\S+$/) oidcClientId = 'cp-workflows-console';
  /** The console's client secret at the provider (a confidential client, with PKCE as well). */
  @IsString() oidcClientSecret = '';
  /** Scopes asked for at sign-in, space-separated; openid always. */
  @IsString() @Matches(/^openid( [\x21-\x7e]+)*$/) oidcScopes = 'openid profile';
  /**
   * Outside production with no OIDC_ISSUER_URL, `npm start` starts the local development sign-in
   * provider (a user per role) on this port and signs the console in through it; false: it does not.
   */
  @IsBoolean() localIdp = true;
  @IsInt() @Min(1) @Max(65535) localIdpPort = 3900;
  /** Keys the session ids stored in PostgreSQL (an HMAC of the cookie's id): 32+ characters in production. */
  @IsString() sessionSecret = '';
  /** A signed-in session ends this long after sign-in, whatever happens. */
  @IsInt() @Min(5) @Max(24 * 60) sessionTtlMinutes = 480;
  /**
   * Service addresses left to their defaults, which start-up may satisfy locally: with no
   * DATABASE_URL, scripts/services.sh may have started an embedded PostgreSQL there (outside
   * production), and the start-up line says so. Set by loadConfig from what the environment
   * held; not a setting.
   */
  @Allow() defaulted: { databaseUrl: boolean; redisUrl: boolean } = { databaseUrl: false, redisUrl: false };
}

/** The default ladders with those of ESCALATION_LADDERS (JSON) put over them by name, and what is wrong with the latter. */
function readEscalationLadders(raw: string | undefined): { ladders: Record<string, EscalationLadder>; invalid: string[] } {
  const ladders = { ...DEFAULT_ESCALATION_LADDERS };
  if (raw === undefined) return { ladders, invalid: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ladders, invalid: ['escalationLadders'] };
  }
  const invalid = escalationLadderProblems(parsed);
  return { ladders: invalid.length > 0 ? ladders : { ...ladders, ...(parsed as Record<string, EscalationLadder>) }, invalid };
}

/** A system that receives signed notification webhooks. */
export interface WebhookSubscriber {
  name: string;
  url: string;
  secret: string;
}

/** The webhook subscribers, each with its secret; a ConfigError (naming settings, never values) when they disagree. */
export function webhookSubscribers(config: Pick<AppConfig, 'webhookEndpoints' | 'webhookSecrets'>): WebhookSubscriber[] {
  const split = (entry: string) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as const;
  const secrets = new Map(config.webhookSecrets.map(split));
  const names = config.webhookEndpoints.map((entry) => split(entry)[0]);
  if (new Set(names).size !== names.length || secrets.size !== config.webhookSecrets.length) {
    throw new ConfigError(['webhookEndpoints', 'webhookSecrets'], 'a subscriber is named twice');
  }
  if (names.some((name) => !secrets.has(name)) || secrets.size !== names.length) {
    throw new ConfigError(['webhookEndpoints', 'webhookSecrets'], 'every subscriber needs exactly one secret');
  }
  return config.webhookEndpoints.map(split).map(([name, url]) => ({ name, url, secret: secrets.get(name)! }));
}

export class ConfigError extends Error {
  constructor(
    readonly invalidKeys: string[],
    reason?: string,
  ) {
    // Only the names of invalid settings, never their values (a URL may hold a password).
    super(`Invalid configuration: ${invalidKeys.join(', ')}${reason ? ` (${reason})` : ''}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const toSnake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/**
 * A setting's raw value, or undefined when it is unset or empty: `DATABASE_URL=` in a compose file
 * or a .env means "not given", so the default applies, for every setting.
 */
function setting(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

function parseValue(raw: string, current: unknown): unknown {
  if (typeof current === 'number') return Number(raw);
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
    const raw = setting(env, prefix + toSnake(key));
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
  const plain: Record<string, unknown> = {
    ...overlay(defaults, env, ''),
    // An empty DATABASE_URL is an unset one (an unfilled secret): production then refuses it by name.
    ...(isUnset(env.DATABASE_URL) ? { databaseUrl: defaults.databaseUrl } : {}),
    statutory: overlay(defaults.statutory, env, 'STATUTORY_'),
  };
  // Links in emails and the start-up line follow the port unless the public address is given.
  if (setting(env, 'PUBLIC_BASE_URL') === undefined && typeof plain.port === 'number' && Number.isInteger(plain.port)) {
    plain.publicBaseUrl = `http://localhost:${plain.port}`;
  }
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true });
  const ladders = readEscalationLadders(setting(env, 'ESCALATION_LADDERS'));
  if (errors.length > 0 || ladders.invalid.length > 0) {
    throw new ConfigError([...collectErrors(errors), ...ladders.invalid]);
  }
  config.escalationLadders = ladders.ladders;
  throwIfProductionTrustsDevelopmentTokens(config);
  config.defaulted = { databaseUrl: isUnset(env.DATABASE_URL), redisUrl: isUnset(env.REDIS_URL) };
  throwIfProductionWithoutDatabase(config);
  config.queueBackend = queueBackendFrom(config, env);
  webhookSubscribers(config);
  if ((config.smtpUser === '') !== (config.smtpPassword === '')) throw new ConfigError(['smtpUser', 'smtpPassword']);
  if (config.deliveryReportsImapHost !== '' && (config.deliveryReportsImapUser === '' || config.deliveryReportsImapPassword === ''))
    throw new ConfigError(['deliveryReportsImapUser', 'deliveryReportsImapPassword'], 'the bounce mailbox needs its login');
  throwIfOfficeHoursCannotHoldASlot(config);
  if (config.distributionVersionMaxBytes < config.distributionPartMaxBytes)
    throw new ConfigError(
      ['distributionVersionMaxBytes', 'distributionPartMaxBytes'],
      'a version must be able to hold its largest part',
    );
  throwIfProductionConsoleUnsafe(config);
  return config;
}

/** Office hours end after they start, with room for at least one slot (HH:MM compares as text). */
function throwIfOfficeHoursCannotHoldASlot(config: AppConfig): void {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  if (minutes(config.officeHoursEnd) - minutes(config.officeHoursStart) < config.slotMinutes) {
    throw new ConfigError(
      ['officeHoursStart', 'officeHoursEnd', 'slotMinutes'],
      'office hours must end after they start, with room for one slot',
    );
  }
}

const isUnset = (raw: string | undefined) => raw === undefined || raw.trim() === '';

/**
 * Production names its database: a missing or empty DATABASE_URL must never leave a deployment
 * writing children's records to a local server or an embedded folder.
 */
export function throwIfProductionWithoutDatabase(config: Pick<AppConfig, 'nodeEnv' | 'defaulted'>): void {
  if (config.nodeEnv === 'production' && config.defaulted.databaseUrl) {
    throw new ConfigError(
      ['databaseUrl'],
      "production needs DATABASE_URL set to the service's PostgreSQL database; it never uses a local or embedded one",
    );
  }
}

/** QUEUE_BACKEND when given; else from REDIS_URL, and in production from settings alone; else 'auto'. */
function queueBackendFrom(config: AppConfig, env: Env): QueueBackendSetting {
  if (!isUnset(env.QUEUE_BACKEND)) return config.queueBackend;
  if (!config.defaulted.redisUrl) return 'redis';
  return config.nodeEnv === 'production' ? 'postgres' : 'auto';
}

/** Production verifies tokens from the council's identity provider only, never the development key. */
export function throwIfProductionTrustsDevelopmentTokens(config: AppConfig): void {
  if (config.nodeEnv !== 'production') return;
  if (config.authJwksUrl === '' && config.authPublicKey === '') {
    throw new ConfigError(
      ['authJwksUrl', 'authPublicKey'],
      'production needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY; it never trusts the development token key',
    );
  }
  if (config.authIssuer === DEV_TOKEN_ISSUER) {
    throw new ConfigError(['authIssuer'], "production needs AUTH_ISSUER set to the identity provider's issuer");
  }
}

/** In production the console's sessions are keyed by a real secret, and its client authenticates. */
export function throwIfProductionConsoleUnsafe(config: AppConfig): void {
  if (config.nodeEnv !== 'production' || config.oidcIssuerUrl === '') return;
  if (config.sessionSecret.length < 32) {
    throw new ConfigError(['sessionSecret'], 'production needs SESSION_SECRET of 32 or more characters for the console');
  }
  if (!config.oidcIssuerUrl.startsWith('https://')) throw new ConfigError(['oidcIssuerUrl'], 'production needs an https issuer');
  if (config.oidcClientSecret === '') throw new ConfigError(['oidcClientSecret'], 'production needs OIDC_CLIENT_SECRET');
}
