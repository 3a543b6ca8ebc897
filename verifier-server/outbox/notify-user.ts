import type { AppContext } from '../app-context';
import type { MessageKey } from '../i18n/messages-nl';
import type { Translate } from '../i18n/translator';
import type { User } from '../store/store';
import type { OutgoingMessage } from './message-transport';

/** A failing transport is logged, never shown as a failed action: the action itself succeeded. */
async function deliver(ctx: AppContext, userId: number, message: OutgoingMessage): Promise<void> {
  try {
    await ctx.transport.send(message);
  } catch (err) {
    ctx.log.error({ err, userId, event: 'notify.failed' }, 'security notification could not be sent');
  }
}

/**
 * A security notification by e-mail: an authenticator added or removed, a replayed code, a new
 * password, a changed mobile number.
 */
export async function notifyUser(
  ctx: AppContext,
  t: Translate,
  user: Pick<User, 'id' | 'email'>,
  subject: MessageKey,
  body: MessageKey,
  params: Record<string, string> = {},
): Promise<void> {
  await deliver(ctx, user.id, {
    channel: 'email',
    to: user.email,
    subject: t(subject, params),
    body: t(body, params),
  });
}

/** The same by SMS, to a number that is (or was) the user's: a changed number warns the old one. */
export async function notifyBySms(
  ctx: AppContext,
  t: Translate,
  user: Pick<User, 'id'>,
  to: string,
  body: MessageKey,
  params: Record<string, string> = {},
): Promise<void> {
  await deliver(ctx, user.id, { channel: 'sms', to, subject: null, body: t(body, params) });
}
