import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserRefParams } from '#channels';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import { ErasedUserEventsView, RecordUserEventBody, UserEventView, UserInterestsView } from './user-event.dto.js';
import { UserEventService } from './user-event.service.js';

@ApiTags('channel: personal ranking')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel')
export class ChannelUserEventsController {
  constructor(private readonly events: UserEventService) {}

  @Post('events')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record that one of your users viewed, added to cart or bought a product, for personal ranking.',
    description:
      'The answer is the stored event, without the user reference (kept only as a keyed hash). ' +
      'A product this channel may not show answers 404.',
  })
  @ApiCreatedResponse({ type: UserEventView })
  record(@CurrentActor() actor: Actor, @Body() body: RecordUserEventBody): Promise<UserEventView> {
    return this.events.record(actor.channelId as string, body);
  }

  @Delete('users/:userRef/events')
  @ApiOperation({
    summary:
      "Erase every event of one of your users (a request to be forgotten); the user's interests are gone with them.",
  })
  @ApiOkResponse({ type: ErasedUserEventsView })
  async erase(@CurrentActor() actor: Actor, @Param() params: UserRefParams): Promise<ErasedUserEventsView> {
    return { erased: await this.events.erase(actor.channelId as string, params.userRef) };
  }

  @Get('users/:userRef/interests')
  @ApiOperation({
    summary:
      'What one of your users has shown interest in, as personal ranking weighs it, ' +
      'to explain "because you looked at…".',
  })
  @ApiOkResponse({ type: UserInterestsView })
  async interests(@CurrentActor() actor: Actor, @Param() params: UserRefParams): Promise<UserInterestsView> {
    const interests = await this.events.interests(actor.channelId as string, params.userRef);
    return { categories: [...interests.categories], brands: [...interests.brands] };
  }
}
