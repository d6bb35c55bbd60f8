import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '../http/problem-details.filter';

/** The :sub of /chairs/:sub: the identity provider's subject id, printable ASCII without spaces, else 400. */
@Injectable()
export class ParseSubjectPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (/^[!-~]{1,255}$/.test(value)) return value;
    throw new RequestValidationException([
      { field: 'sub', messages: ["sub must be the identity provider's subject id (printable, no spaces, up to 255)"] },
    ]);
  }
}
