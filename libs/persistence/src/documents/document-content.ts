import { fileTypeFromBuffer } from 'file-type';

/** The media types a document may be stored as, by the name people use for them. */
export const DOCUMENT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  /** Drafted by the service itself from a template (never accepted as an upload). */
  text: 'text/plain',
} as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[keyof typeof DOCUMENT_MEDIA_TYPES];

/** What an upload may be: a report from an agency comes as PDF, DOCX or ODT. */
export const UPLOADABLE_MEDIA_TYPES: readonly DocumentMediaType[] = [
  DOCUMENT_MEDIA_TYPES.pdf,
  DOCUMENT_MEDIA_TYPES.docx,
  DOCUMENT_MEDIA_TYPES.odt,
];

export type UploadCheck =
  | { ok: true; mediaType: DocumentMediaType; extension: string }
  | { ok: false; reason: 'empty' | 'too-large' | 'unrecognised' | 'not-allowed'; detail: string };

/**
 * Judges an upload by its bytes, never by its name or the Content-Type it was sent with: a
 * renamed executable is not a PDF. The answer's detail names the rule and the type found, never
 * anything from inside the document.
 */
export async function checkUpload(
  content: Uint8Array,
  maxBytes: number,
  allowed: readonly DocumentMediaType[] = UPLOADABLE_MEDIA_TYPES,
): Promise<UploadCheck> {
  if (content.byteLength === 0) return { ok: false, reason: 'empty', detail: 'The document is empty' };
  if (content.byteLength > maxBytes) {
    return {
      ok: false,
      reason: 'too-large',
      detail: `The document is ${content.byteLength} bytes; the limit is ${maxBytes}`,
    };
  }
  const found = await fileTypeFromBuffer(content);
  if (!found) {
    return {
      ok: false,
      reason: 'unrecognised',
      detail: 'The document is not a PDF, DOCX or ODT file (its content was checked, not its name)',
    };
  }
  const mediaType = allowed.find((type) => type === found.mime);
  if (!mediaType) {
    return {
      ok: false,
      reason: 'not-allowed',
      detail: `The document's content is ${found.mime}; only PDF, DOCX or ODT is accepted`,
    };
  }
  return { ok: true, mediaType, extension: found.ext };
}
