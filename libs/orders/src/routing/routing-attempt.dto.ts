import { ApiProperty } from '@nestjs/swagger';
import { ROUTING_OUTCOMES, type RoutingAttempt, type RoutingOutcome } from '../orders/routing-attempt.entity.js';

export class RoutingAttemptView {
  @ApiProperty() number: number;
  @ApiProperty() method: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ROUTING_OUTCOMES, description: 'Null while the call is in flight.' })
  outcome: RoutingOutcome | null;
  @ApiProperty({ nullable: true, type: Number }) responseStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: Date }) retryAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) instanceId: string | null;

  static of(attempt: RoutingAttempt): RoutingAttemptView {
    const { number, method, startedAt, finishedAt, outcome, responseStatus, error, retryAt, instanceId } = attempt;
    return Object.assign(new RoutingAttemptView(), {
      number,
      method,
      startedAt,
      finishedAt,
      outcome,
      responseStatus,
      error,
      retryAt,
      instanceId,
    });
  }
}
