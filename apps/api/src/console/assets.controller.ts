import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { Public } from '../auth/roles.decorator';
import { PROBLEM_JSON, ProblemDetailsFilter } from '../http/problem-details.filter';
import { CONSOLE_ASSETS_DIRECTORY, councilStylesheet, GOVUK_FRONTEND_DIST } from './http/views';

/** Path segments that start with a letter or digit (so never '..'), ending in a static file's extension. */
const ASSET = /^[a-z0-9][a-z0-9.-]*(\/[a-z0-9][a-z0-9.-]*)*\.(css|js|mjs|woff2?|png|svg|ico|map|json)$/i;

/**
 * govuk-frontend's stylesheet, script, fonts and images, straight from node_modules, and the
 * console's own few files: public (they hold no data), cacheable, nothing built.
 */
@ApiExcludeController()
@Public()
@Controller('console/assets')
export class AssetsController {
  private stylesheet?: string;

  @Get('*path')
  asset(@Param('path') path: string | string[], @Res() res: Response) {
    const relative = Array.isArray(path) ? path.join('/') : path;
    if (!ASSET.test(relative)) throw new DomainError(DomainErrorCode.NotFound, 'No such asset');
    if (relative === 'govuk/govuk-frontend.min.css') {
      this.stylesheet ??= councilStylesheet();
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.type('text/css').send(this.stylesheet);
      return;
    }
    const [root, rest] = relative.startsWith('govuk/')
      ? [join(GOVUK_FRONTEND_DIST, 'govuk'), relative.slice('govuk/'.length)]
      : [CONSOLE_ASSETS_DIRECTORY, relative];
    res.sendFile(rest, { root, dotfiles: 'deny', maxAge: '1h' }, (error) => {
      if (error && !res.headersSent) {
        const problem = new ProblemDetailsFilter().toProblem(new DomainError(DomainErrorCode.NotFound, 'No such asset'));
        res.status(404).type(PROBLEM_JSON).send(JSON.stringify(problem));
      }
    });
  }
}
