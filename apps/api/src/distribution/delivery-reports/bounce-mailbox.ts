import { Injectable } from '@nestjs/common';
import { ImapFlow, type FetchMessageObject, type MessageStructureObject } from 'imapflow';
import { AppConfig } from '@app/persistence';

/** A message read from the bounce mailbox: its Message-ID and the text of its delivery-status part, if it has one. */
export interface MailboxMessage {
  uid: number;
  messageId: string | null;
  /** The `message/delivery-status` part, decoded; null for a message that is no delivery report. */
  deliveryStatus: string | null;
}

/** What became of a message: moved to Processed, moved to Unmatched, or left where it is for the next poll. */
export type Disposition = 'processed' | 'unmatched' | 'keep';

export interface PollSummary {
  read: number;
  processed: number;
  unmatched: number;
  kept: number;
}

/** Messages read in one poll at most: the rest wait for the next, so one poll is bounded. */
export const POLL_BATCH = 200;

/** Report parts larger than this are no delivery-status (a few hundred bytes per recipient): not downloaded. */
const MAX_STATUS_PART_BYTES = 64 * 1024;

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

/**
 * The delivery-status part of a report, found in the structure the IMAP server parsed (BODYSTRUCTURE):
 * a `multipart/report` whose `report-type` is `delivery-status`, or such a part anywhere below the top.
 */
export function deliveryStatusPart(node: MessageStructureObject | undefined): MessageStructureObject | null {
  if (!node) return null;
  if (REPORT_TYPES.has(node.type.toLowerCase())) return node;
  for (const child of node.childNodes ?? []) {
    const found = deliveryStatusPart(child);
    if (found) return found;
  }
  return null;
}

/**
 * The bounce mailbox, over IMAP (imapflow): one connection per poll, so a server that was down is
 * simply tried again at the next one. Reads the folder's messages oldest first, hands each to the
 * caller, and moves it only on the caller's answer (to Processed or Unmatched, created when
 * missing): a message whose outcome was not committed stays where it is and is read again.
 * Nothing read here is logged; imapflow's own logger is off (it would log addresses).
 */
@Injectable()
export class BounceMailbox {
  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.deliveryReportsImapHost !== '';
  }

  async poll(handle: (message: MailboxMessage) => Promise<Disposition>): Promise<PollSummary> {
    const c = this.config;
    const client = new ImapFlow({
      host: c.deliveryReportsImapHost,
      port: c.deliveryReportsImapPort,
      secure: c.deliveryReportsImapSecure,
      auth: { user: c.deliveryReportsImapUser, pass: c.deliveryReportsImapPassword },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: c.deliveryReportsImapTimeoutMs,
      greetingTimeout: c.deliveryReportsImapTimeoutMs,
      socketTimeout: Math.max(c.deliveryReportsImapTimeoutMs, 30_000),
    });
    // A dropped connection is reported on the command that was waiting; the event must not crash the process.
    client.on('error', () => undefined);
    const summary: PollSummary = { read: 0, processed: 0, unmatched: 0, kept: 0 };
    await client.connect();
    try {
      await this.ensureFolders(client);
      const lock = await client.getMailboxLock(c.deliveryReportsFolder);
      try {
        const exists = client.mailbox ? client.mailbox.exists : 0;
        if (exists === 0) return summary;
        const messages: FetchMessageObject[] = await client.fetchAll(`1:${Math.min(exists, POLL_BATCH)}`, {
          uid: true,
          envelope: true,
          bodyStructure: true,
        });
        for (const message of messages) {
          summary.read += 1;
          const disposition = await handle(await this.read(client, message));
          if (disposition === 'keep') {
            summary.kept += 1;
            continue;
          }
          const folder =
            disposition === 'processed' ? c.deliveryReportsProcessedFolder : c.deliveryReportsUnmatchedFolder;
          await client.messageMove(String(message.uid), folder, { uid: true });
          summary[disposition] += 1;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return summary;
  }

  private async read(client: ImapFlow, message: FetchMessageObject): Promise<MailboxMessage> {
    const part = deliveryStatusPart(message.bodyStructure);
    const base = { uid: message.uid, messageId: message.envelope?.messageId ?? null };
    if (!part?.part || (part.size ?? 0) > MAX_STATUS_PART_BYTES) return { ...base, deliveryStatus: null };
    const download = await client.download(String(message.uid), part.part, {
      uid: true,
      maxBytes: MAX_STATUS_PART_BYTES,
    });
    if (!download.content) return { ...base, deliveryStatus: null };
    const chunks: Buffer[] = [];
    for await (const chunk of download.content) chunks.push(chunk as Buffer);
    return { ...base, deliveryStatus: Buffer.concat(chunks).toString('utf8') };
  }

  private async ensureFolders(client: ImapFlow): Promise<void> {
    const existing = new Set((await client.list()).map((folder) => folder.path));
    for (const folder of [
      this.config.deliveryReportsProcessedFolder,
      this.config.deliveryReportsUnmatchedFolder,
    ]) {
      if (!existing.has(folder)) await client.mailboxCreate(folder);
    }
  }
}

/** What a log line says of an IMAP failure: its class and codes, never the server's text. */
export const imapErrorSummary = (error: unknown) => {
  const e = (error ?? {}) as { code?: unknown; serverResponseCode?: unknown; responseStatus?: unknown };
  return {
    cause: error instanceof Error ? error.constructor.name : typeof error,
    code: typeof e.code === 'string' ? e.code : undefined,
    serverResponseCode: typeof e.serverResponseCode === 'string' ? e.serverResponseCode : undefined,
    responseStatus: typeof e.responseStatus === 'string' ? e.responseStatus : undefined,
  };
};
