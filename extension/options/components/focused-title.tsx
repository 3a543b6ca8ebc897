import { t } from '../../popup/t';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';

/**
 * The page's title, taking the focus when it appears if nobody has it: after an unlock on this
 * page, whose form (and the focus in it) made way for the settings. Not on an ordinary opening,
 * where the focus would scroll the page away from a section asked for (`#activity`).
 */
export function FocusedTitle() {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <h1 ref={ref} tabIndex={-1}>
      {t('optionsTitle')}
    </h1>
  );
}
