import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_ACTIVITY_DB_NAME } from '../../activity/activity-db';
import { readActivity, type StoredActivity } from '../../activity/read-activity';
import { watchActivity } from '../../activity/watch-activity';
import { t } from '../../popup/t';
import { activityCsv, activityKind } from '../activity-csv';
import { activityText } from '../activity-text';
import { datedName, downloadFile } from '../download-file';

/** The section's id: the page's contents link to it. */
export const ACTIVITY_SECTION = 'activity';

/** Rows shown at first, and added by each "Meer tonen". */
const PAGE = 25;

type Log = 'loading' | 'failed' | readonly StoredActivity[];

/**
 * "Activiteit op deze computer": the activity log, newest first, for the practice's IT person
 * (docs/extension.md, "Activity log"). It follows what happens meanwhile, here or in the popup.
 */
export function ActivityLog({ dbName = DEFAULT_ACTIVITY_DB_NAME }: { readonly dbName?: string }) {
  const [log, setLog] = useState<Log>('loading');
  const [shown, setShown] = useState(PAGE);
  const table = useRef<HTMLTableSectionElement>(null);
  /** The row "Meer tonen" revealed first: it takes the focus, so the keyboard goes on from there. */
  const firstNew = useRef<number | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    // One read at a time: entries arriving meanwhile (a burst of them) make one more read after it.
    let reading = false;
    let again = false;
    const read = () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      readActivity(dbName)
        .then(
          (entries) => !controller.signal.aborted && setLog(entries),
          () => !controller.signal.aborted && setLog('failed'),
        )
        .finally(() => {
          reading = false;
          if (again) {
            again = false;
            read();
          }
        });
    };
    read();
    watchActivity(dbName, read, controller.signal);
    return () => controller.abort();
  }, [dbName]);

  useEffect(() => {
    const index = firstNew.current;
    if (index === undefined) return;
    firstNew.current = undefined;
    table.current?.querySelectorAll<HTMLElement>('tr')[index]?.focus();
  }, [shown]);

  const format = new Intl.DateTimeFormat(t('htmlLang'), { dateStyle: 'medium', timeStyle: 'medium' });
  const when = (at: number) => (Number.isFinite(at) ? format.format(at) : '');

  return (
    <section id={ACTIVITY_SECTION} aria-labelledby="activity-heading" data-testid="activity-log">
      <h2 id="activity-heading">{t('activityHeading')}</h2>
      <p class="field-hint">{t('activityIntro')}</p>
      {log === 'loading' && <p aria-busy="true">{t('activityLoading')}</p>}
      {log === 'failed' && (
        <p class="notice error" role="alert">
          {t('activityReadFailed')}
        </p>
      )}
      {typeof log === 'object' && log.length === 0 && (
        <p class="notice" data-testid="activity-empty">
          {t('activityEmpty')}
        </p>
      )}
      {typeof log === 'object' && log.length > 0 && (
        <>
          <table class="preview-table" aria-labelledby="activity-heading">
            <thead>
              <tr>
                <th scope="col">{t('activityWhen')}</th>
                <th scope="col">{t('activityWhat')}</th>
              </tr>
            </thead>
            <tbody ref={table}>
              {log.slice(0, shown).map((entry) => (
                <tr
                  key={entry.key}
                  data-testid="activity-entry"
                  data-kind={activityKind(entry.event)}
                  tabIndex={-1}
                >
                  <td>
                    <time dateTime={Number.isFinite(entry.at) ? new Date(entry.at).toISOString() : undefined}>
                      {when(entry.at)}
                    </time>
                  </td>
                  <td>{activityText(entry.event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="form-buttons">
            {log.length > shown && (
              <button
                type="button"
                class="button secondary"
                data-testid="activity-more"
                onClick={() => {
                  firstNew.current = shown;
                  setShown(shown + PAGE);
                }}
              >
                {t('activityMore', log.length - shown)}
              </button>
            )}
            <button
              type="button"
              class="button secondary"
              data-testid="activity-download"
              onClick={() =>
                downloadFile(datedName('authenticator-activiteit', 'csv'), activityCsv(log), 'text/csv')
              }
            >
              {t('activityDownload')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
