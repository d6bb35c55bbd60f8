import { Injectable } from '@nestjs/common';
import { DocumentStore, sha256Of } from '@app/persistence';
import {
  approveDistribution,
  type DistributionContext,
  distributionFacts,
  DomainError,
  DomainErrorCode,
  type Pack,
} from '@app/workflows';
import { zipOf } from './pack-zip';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'txt',
};

/** What a pack's file holds: per entry, the part it came from (for checks and the access log). */
export interface AssembledPack {
  bytes: Buffer;
  entries: { name: string; documentId: string; version: number; partId: string }[];
}

/**
 * A recipient's pack as a file: a ZIP with one entry per part the pack names, read from the
 * document store by the part's id and checked against the SHA-256 the workflow recorded. The
 * parts come from the pack alone (what the approved list allowed), and the rule is applied once
 * more over the approval's facts, failing closed: a part the rule would withhold from this
 * recipient stops the whole pack. A withheld part is never read, so it cannot be in the bytes.
 * Entry names hold the document's kind, version and the part's position, never its title.
 */
@Injectable()
export class PackAssembler {
  constructor(private readonly documents: DocumentStore) {}

  async assemble(context: DistributionContext, pack: Pack): Promise<AssembledPack> {
    const approval = context.approvals.find((a) => a.packIds.includes(pack.packId));
    const entries: AssembledPack['entries'] = [];
    const files: { name: string; content: Buffer }[] = [];
    for (const document of pack.documents) {
      const version = context.documents
        .find((d) => d.documentId === document.documentId)
        ?.versions.find((v) => v.version === document.version);
      if (!version) throw this.broken();
      const label = document.documentId.startsWith('report:')
        ? `report-${entries.length + 1}`
        : document.documentId;
      // The rule again, over this version's parts, with the needs the chair marked.
      const facts = distributionFacts(
        {
          ...context,
          documents: [{ documentId: document.documentId, kind: 'minutes', versions: [version] }],
        },
        'minutes',
        approval?.addressNeeds ?? [],
      );
      const judged = approveDistribution(
        {
          ...facts,
          documents: [{ documentId: document.documentId, partIds: version.parts.map((p) => p.partId) }],
        },
        {
          recipients: [
            {
              recipientId: pack.recipientId,
              documents: [{ documentId: document.documentId, partIds: document.partIds }],
            },
          ],
        },
      );
      if (!judged.approved) throw this.broken();
      let position = 0;
      for (const partId of document.partIds) {
        position += 1;
        const part = version.parts.find((p) => p.partId === partId);
        const stored = part ? await this.documents.read(partId) : null;
        if (!part || !stored || sha256Of(stored.content) !== part.sha256) throw this.broken();
        const name = `${label}-v${document.version}/${String(position).padStart(2, '0')}-${part.kind}.${EXTENSIONS[stored.meta.mediaType] ?? 'bin'}`;
        files.push({ name, content: stored.content });
        entries.push({ name, documentId: document.documentId, version: document.version, partId });
      }
    }
    return { bytes: zipOf(files), entries };
  }

  private broken(): DomainError {
    return new DomainError(
      DomainErrorCode.Conflict,
      'The pack cannot be assembled from the stored parts (a part is missing, changed or withheld); nothing was released',
    );
  }
}
