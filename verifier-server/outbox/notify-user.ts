import type { AppContext } from '../app-context';
import type { MessageKey } from '../i18n/messages-nl';
import type { Translate } from '../i18n/translator';
import type { User } from '../store/store';

/**
 * Security notifications by e-mail (authenticator added or removed, a replayed code, a new password).
 * A failing transport is logged, never shown as a failed action: the action itself succeeded.
 */
export async function notifyUser(
  ctx: AppContext,
  t: Translate,
  user: Pick<User, 'id' | 'email'>,
  subject: MessageKey,
  body: MessageKey,
  params: Record<string, string> = {},
): Promise<void> {
  try {
    await ctx.transport.send({
      channel: 'email',
      to: user.email,
      subject: t(subject, params),
      body: t(body, params),
    });
  } catch (err) {
    ctx.log.error(
      { err, userId: user.id, event: 'notify.failed' },
      'security notification could not be sent',
    );
  }
}
