import { request as httpRequest } from 'node:http';
import type { Response } from 'superagent';

/** A multipart/form-data body written out by hand, in the order given (to send it as it streams). */
export function formBody(
  boundary: string,
  entries: (
    { field: string; value: string } | { file: string; content: Buffer; filename?: string; type?: string }
  )[],
): Buffer {
  const chunks: Buffer[] = [];
  for (const entry of entries) {
    if ('field' in entry) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${entry.field}"\r\n\r\n${entry.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${entry.file}"; filename="${entry.filename ?? 'part.pdf'}"\r\n` +
            `Content-Type: ${entry.type ?? 'application/pdf'}\r\n\r\n`,
        ),
        entry.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** What the checks read of an answer, from supertest or a raw request. */
export interface Answer {
  status: number;
  body: Record<string, unknown> & { detail?: string };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Sends `body` over a socket of its own in chunks, writing no more after `pauseAt` bytes until
 * the answer arrives (or a second passes): whether the service answered before the body ended.
 */
export function streamedRequest(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  pauseAt: number,
) {
  return new Promise<Answer & { answeredAfter: number; ended: boolean }>((resolve, reject) => {
    let sent = 0;
    let ended = false;
    let answeredAfter = -1;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(body.length) },
      },
      (res) => {
        answeredAfter = sent;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode!,
            body: text ? JSON.parse(text) : {},
            headers: res.headers,
            answeredAfter,
            ended,
          });
          // The rest of the body: the service reads it to its end, keeping none of it.
          if (!ended) {
            ended = true;
            req.end(body.subarray(sent));
          }
        });
      },
    );
    req.on('error', reject);
    const step = 16 * 1024;
    const write = () => {
      if (answeredAfter >= 0 || ended) return;
      if (sent >= pauseAt) {
        // Wait for the answer; if none comes, finish the body.
        setTimeout(() => {
          if (answeredAfter < 0 && !ended) {
            ended = true;
            req.end(body.subarray(sent));
          }
        }, 1000);
        return;
      }
      const next = body.subarray(sent, Math.min(sent + step, pauseAt));
      sent += next.length;
      req.write(next, () => setImmediate(write));
    };
    write();
  });
}


/** supertest's parser for a body kept as its bytes (a ZIP, a PDF): `.buffer(true).parse(asBytes)`. */
export function asBytes(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
