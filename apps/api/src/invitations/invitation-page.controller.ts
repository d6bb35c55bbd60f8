import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { Public } from '../auth/roles.decorator';
import { InvitationPageFilter } from './invitation-page.filter';
import { InvitationPageService } from './invitation-page.service';
import { InvitationViews } from './invitation-views';

/** What every invitee's page says about itself: not cached, not indexed, its URL never sent on. */
function personalPage(res: Response): void {
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
}

/**
 * An invitee's personal link (`/invitations/{token}` in their email): the page with the
 * conference's date, time and place and a form to answer. Public: the token is the credential.
 * A program (no text/html in Accept) gets problem+json for a refusal, as from the API.
 */
@ApiExcludeController()
@Public()
@UseFilters(InvitationPageFilter)
@Controller('invitations')
export class InvitationPageController {
  constructor(
    private readonly invitations: InvitationPageService,
    private readonly views: InvitationViews,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() res: Response) {
    const page = await this.invitations.page(token);
    personalPage(res);
    this.views.send(res, 'invitation.njk', { ...page, action: `/invitations/${token}` });
  }

  @Post(':token')
  @HttpCode(200)
  async answer(@Param('token') token: string, @Body() form: unknown, @Req() req: Request, @Res() res: Response) {
    const body = typeof form === 'object' && form !== null && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
    let answered: Awaited<ReturnType<InvitationPageService['answer']>>;
    try {
      answered = await this.invitations.answer(token, body);
    } catch (error) {
      // A person who sent the form without choosing gets it again, with the error (nothing written).
      if (!(error instanceof DomainError && error.code === DomainErrorCode.InvalidInput) || !/text\/html/.test(req.headers.accept ?? '')) {
        throw error;
      }
      const page = await this.invitations.page(token);
      personalPage(res);
      this.views.send(res, 'invitation.njk', { ...page, action: `/invitations/${token}`, error: 'Choose whether you will attend' }, 400);
      return;
    }
    personalPage(res);
    this.views.send(res, 'invitation-answered.njk', { reference: answered.reference, answer: answered.words });
  }
}
