import type { FastifyInstance } from 'fastify';
import type { PasswordHasher } from '../auth/password-hasher';
import { demoOpenHash } from '../seed/seed-demo';
import type { Store } from '../store/store';

/**
 * The demo notice ("anyone can log in as demo/demo") follows the demo account while an instance
 * runs: once its password is no longer `demo` (changed on another instance or worker, or with
 * `set-password`), the pages stop saying so within `intervalMs`. The same instance's own portal
 * change ends the notice at once (password-routes.tsx). Checked only while the notice shows, and
 * the password is checked again only when its hash changed, so an idle demo costs one read per
 * tick. A read that fails changes nothing.
 */
export function watchDemoAccount(
  app: FastifyInstance,
  store: Pick<Store, 'findUserByName'>,
  passwords: Pick<PasswordHasher, 'verify'>,
  intervalMs: number,
): void {
  if (!app.demoNotice) return;
  let openHash: string | undefined;
  let busy = false;
  const stop = () => clearInterval(timer);
  const timer = setInterval(() => {
    if (!app.demoNotice) return stop();
    if (busy) return;
    busy = true;
    demoOpenHash(store, passwords, openHash)
      .then(
        (open) => {
          if (open !== null) openHash = open;
          else {
            app.demoNotice = false;
            stop();
          }
        },
        () => undefined,
      )
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => stop());
}
