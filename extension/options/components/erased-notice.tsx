import { t } from '../../popup/t';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';

/** Said once, at the top, after an erase from the locked page; it takes the focus from the gone form. */
export function ErasedNotice() {
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <p class="notice" data-testid="erased" tabIndex={-1} ref={ref}>
      {t('erasedNotice')}
    </p>
  );
}
