import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { PackCodeFormDto, PackCorrectionFormDto } from './distribution.dto';
import { PackLinkService } from './pack-link.service';
import { PackViews } from './pack-views';

/**
 * A recipient's personal link: public, and gated by the token alone (a random 256-bit value, of
 * which only the SHA-256 is stored). GET shows the page; the documents go only in answer to its
 * POST. A superseded, revoked or expired link answers 410 problem+json with no document bytes.
 */
@ApiExcludeController()
@Public()
@Controller('packs')
export class PackLinkController {
  constructor(
    private readonly packs: PackLinkService,
    private readonly views: PackViews,
  ) {}

  @Get(':token')
  async page(@Param('token') token: string, @Res() res: Response) {
    const open = await this.packs.open(token);
    this.views.send(res, 'pack.njk', { ...this.packs.page(open), token });
  }

  /** A family member's one-time code, by a second email. */
  @Post(':token/code')
  @HttpCode(200)
  async code(@Param('token') token: string, @Res() res: Response) {
    const open = await this.packs.open(token);
    await this.packs.sendCode(open);
    this.views.send(res, 'pack.njk', { ...this.packs.page(open), token, codeSent: true });
  }

  @Post(':token/documents')
  @HttpCode(200)
  async documents(
    @Param('token') token: string,
    @Body() body: PackCodeFormDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const open = await this.packs.open(token);
    const file = await this.packs.release(req, open, body.code);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.status(200).type('application/zip').send(file.bytes);
  }

  @Post(':token/corrections')
  @HttpCode(200)
  async correction(
    @Param('token') token: string,
    @Body() body: PackCorrectionFormDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const open = await this.packs.open(token);
    await this.packs.requestCorrection(req, open, body.text);
    this.views.send(res, 'pack.njk', { ...this.packs.page(open), token, correctionSent: true });
  }
}
