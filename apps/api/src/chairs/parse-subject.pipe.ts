import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { RequestValidationException } from '../http/problem-details.filter';

/** The identity provider's subject id: printable ASCII without spaces, up to 255. */
const SUBJECT = /^[!-~]{1,255}$/;

/** The :sub of /chairs/:sub: the identity provider's subject id, printable ASCII without spaces, else 400. */
@Injectable()
export class ParseSubjectPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (SUBJECT.test(value)) return value;
    throw new RequestValidationException([
      { field: 'sub', messages: ["sub must be the identity provider's subject id (printable, no spaces, up to 255)"] },
    ]);
  }
}

/** The :sub path parameter as OpenAPI describes it: the rule ParseSubjectPipe applies. */
export const SubjectParam = () =>
  ApiParam({
    name: 'sub',
    description: "The chair's subject id at the identity provider.",
    schema: { type: 'string', pattern: SUBJECT.source },
  });
