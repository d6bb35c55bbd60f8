import type { OpenAPIObject } from '@nestjs/swagger';
import { ROLES_EXTENSION } from '../auth/roles.decorator';
import { MULTIPART_BODY_EXTENSION } from './openapi';

type Operation = { description?: string; summary?: string; [key: string]: unknown };
type Schema = { properties?: Record<string, { example?: unknown; description?: string; enum?: string[] }> };

export interface GenericApiFacts {
  /** Registered types without a domain API: the generic POST /workflows and /events serve them. */
  genericTypes: string[];
  /** Types with a domain API, and its path. */
  domainApis: { type: string; domainApi: string }[];
}

function operations(document: OpenAPIObject): Operation[] {
  return Object.values(document.paths).flatMap((item) =>
    ['get', 'put', 'post', 'delete', 'patch']
      .map((method) => (item as Record<string, Operation | undefined>)[method])
      .filter((op): op is Operation => op !== undefined),
  );
}

function appendDescription(op: Operation | undefined, text: string): void {
  if (!op) return;
  op.description = op.description ? `${op.description}\n\n${text}` : text;
}

/**
 * What the decorators cannot know when the document is built: each operation's roles written
 * out in its description (from the `x-roles` its @Roles gave it), and which types the generic
 * start and event routes serve in this deployment (the registered types without a domain API).
 */
export function finishDocument(document: OpenAPIObject, facts: GenericApiFacts): OpenAPIObject {
  for (const op of operations(document)) {
    const form = op[MULTIPART_BODY_EXTENSION] as { schema: unknown } | undefined;
    const content = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
    if (form && content) content['multipart/form-data'] = { schema: form.schema };
    delete op[MULTIPART_BODY_EXTENSION];
    const roles = op[ROLES_EXTENSION] as string[] | undefined;
    if (roles) appendDescription(op, `Roles: ${roles.join(', ')}.`);
  }
  const served =
    facts.genericTypes.length > 0
      ? `Serves the registered types without a domain API: ${facts.genericTypes.join(', ')}.`
      : 'Serves the registered types without a domain API: none in this deployment, so every start and event here is refused.';
  const elsewhere = facts.domainApis.map((d) => `${d.type} through ${d.domainApi}`).join(', ');
  const refused = elsewhere ? ` Types with a domain API answer 403 naming it (\`use\`): ${elsewhere}.` : '';
  const workflows = document.paths['/workflows'] as Record<string, Operation> | undefined;
  const events = document.paths['/workflows/{id}/events'] as Record<string, Operation> | undefined;
  appendDescription(workflows?.post, `${served}${refused}`);
  appendDescription(events?.post, `${served}${refused} GET /workflow-types lists each type's events.`);
  const start = document.components?.schemas?.StartWorkflowDto as Schema | undefined;
  const type = start?.properties?.type;
  if (type) {
    if (facts.genericTypes.length > 0) {
      type.enum = facts.genericTypes;
      type.example = facts.genericTypes[0];
    } else {
      delete type.example;
    }
  }
  return document;
}
