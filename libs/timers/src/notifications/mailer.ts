import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '@app/persistence';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable per delivery, so a mail client shows a redelivered message once. */
  messageId: string;
  /** The injected clock's now, so the Date header follows the service's time. */
  date: Date;
  /** Another sender than SMTP_FROM (the conferences' mailbox for invitations). */
  from?: string;
  /**
   * Files attached, each with its content type: an invitation's iCalendar file, or a conference
   * pack only where a setting allows it (for a secure email gateway).
   */
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
  /**
   * Ask the relay for a delivery status notification (RFC 3461): success, failure and delay, with
   * the headers only, sent to `returnPath` (the envelope sender, a bounce mailbox the service reads)
   * and naming `envelopeId` (ENVID, opaque: it must hold no personal data). A relay that does not
   * offer DSN takes the message all the same, and no report comes back.
   */
  deliveryReport?: { envelopeId: string; returnPath: string };
}

/**
 * The SMTP connection, through nodemailer, from the SMTP_* settings. One transport for the
 * process; each message opens its own connection, so a relay that was down is simply tried
 * again at the next attempt.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport?: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.smtpHost !== '';
  }

  async send(email: OutgoingEmail): Promise<void> {
    const info = await this.transporter().sendMail({
      from: email.from ?? this.config.smtpFrom,
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: email.messageId,
      date: email.date,
      attachments: email.attachments?.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
      ...(email.deliveryReport
        ? {
            envelope: { from: email.deliveryReport.returnPath, to: email.to },
            dsn: {
              id: email.deliveryReport.envelopeId,
              return: 'headers',
              notify: ['success', 'failure', 'delay'],
              recipient: email.to,
            },
          }
        : {}),
    });
    if (info.rejected.length > 0) throw Object.assign(new Error('recipient rejected'), { code: 'EENVELOPE' });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  private transporter(): Transporter<SMTPTransport.SentMessageInfo> {
    this.transport ??= createTransport({
      host: this.config.smtpHost,
      port: this.config.smtpPort,
      secure: this.config.smtpSecure,
      auth: this.config.smtpUser ? { user: this.config.smtpUser, pass: this.config.smtpPassword } : undefined,
      connectionTimeout: this.config.smtpTimeoutMs,
      greetingTimeout: this.config.smtpTimeoutMs,
      socketTimeout: this.config.smtpTimeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return this.transport;
  }
}

/**
 * The mail server refused the message for good (a 5xx reply, to the recipient or the message):
 * sending it again will not help. A 4xx reply, a refused connection or a timeout may pass.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const { responseCode } = (error ?? {}) as { responseCode?: unknown };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/**
 * Why a message was not sent, safe to store: nodemailer's error code and the SMTP reply code, never
 * the reply text (a server may quote the address back).
 */
export function describeSmtpError(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const parts = ['email not delivered'];
  if (typeof code === 'string' && /^[A-Z_]{2,30}$/.test(code)) parts.push(code);
  if (typeof responseCode === 'number') parts.push(`SMTP ${responseCode}`);
  return parts.length > 1 ? parts.join(': ') : `email not delivered: ${(error as Error)?.name ?? 'Error'}`;
}
