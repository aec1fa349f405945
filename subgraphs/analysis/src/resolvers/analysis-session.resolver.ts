import {
  type Connection,
  keysetCursor,
  recordAudit,
  type RequestContext,
  requireUser,
  toConnection,
} from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AnalysisServices } from '../analysis-services';
import { askHealthQuestion, MAX_QUESTION_CHARS } from '../chat/health-question';
import { visibleSession } from '../chat/session-access';
import { sessionInteractionsLoader } from '../chat/session-interactions';
import { listSessions, MAX_SESSION_PAGE } from '../chat/session-list';
import { AIInteractionEntity } from '../entities/ai-interaction.entity';
import { AnalysisSessionEntity } from '../entities/analysis-session.entity';
import { AnalysisSessionConnection } from './types/chat.type';

type Ctx = RequestContext<AnalysisServices>;

@Resolver(() => AnalysisSessionEntity)
export class AnalysisSessionResolver {
  @Mutation(() => AIInteractionEntity, {
    description: `Answers a question (at most ${MAX_QUESTION_CHARS} characters) from the patient’s record with an AI model, citing the records; the record is read with your own access and sent de-identified. A null sessionId starts a session (patientId required). Without a model: BAD_USER_INPUT, reason CHAT_NEEDS_MODEL.`,
  })
  askHealthQuestion(
    @Arg('sessionId', () => ID, { nullable: true, description: 'Your session to continue; null starts one.' })
    sessionId: string | null,
    @Arg('text', () => String, { description: 'The question.' }) text: string,
    @Arg('patientId', () => ID, {
      nullable: true,
      description: 'The patient a new session is about (yours, or one you hold consent for).',
    })
    patientId: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<AIInteractionEntity> {
    return askHealthQuestion(ctx, requireUser(ctx), {
      sessionId: sessionId ?? null,
      patientId: patientId ?? null,
      text,
    });
  }

  @Query(() => AnalysisSessionConnection, { description: 'Your chat sessions, newest first.' })
  async analysisSessions(
    @Arg('first', () => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_SESSION_PAGE}.` })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<Connection<AnalysisSessionEntity>> {
    const principal = requireUser(ctx);
    const page = toConnection(
      await listSessions(ctx.dataSource, principal.id, first, after),
      first,
      (session) => keysetCursor(session.createdAt, session.id),
    );
    if (page.nodes.length > 0) {
      await recordAudit(ctx.dataSource.manager, ctx, {
        action: 'read',
        entityType: 'AnalysisSession',
        entityIds: page.nodes.map((session) => session.id),
        patientIds: [...new Set(page.nodes.map((session) => session.patientId))],
        outcome: 'SUCCESS',
      });
    }
    return page;
  }

  @Query(() => AnalysisSessionEntity, {
    description: 'One of your chat sessions (any for ADMIN) with its turns; NOT_FOUND otherwise.',
  })
  async analysisSession(
    @Arg('id', () => ID, { description: 'The session.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<AnalysisSessionEntity> {
    const session = await visibleSession(ctx.dataSource, requireUser(ctx), id, 'read');
    await recordAudit(ctx.dataSource.manager, ctx, {
      action: 'read',
      entityType: 'AnalysisSession',
      entityIds: [session.id],
      patientIds: [session.patientId],
      outcome: 'SUCCESS',
    });
    return session;
  }

  @FieldResolver(() => [AIInteractionEntity], { description: 'Questions and answers, oldest first.' })
  interactions(@Root() session: AnalysisSessionEntity, @Ctx() ctx: Ctx): Promise<AIInteractionEntity[]> {
    return sessionInteractionsLoader(ctx).load(session.id);
  }
}
