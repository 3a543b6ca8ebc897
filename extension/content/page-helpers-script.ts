/**
 * Injected on demand (executeScript({ files })) into the page the user acts on, never declared in
 * the manifest and not web-accessible. It only leaves the helpers in this extension's isolated
 * world, where the page's own scripts cannot reach them; the worker then calls one with
 * executeScript({ func }) (background/run-page-helper.ts).
 */
import { PAGE_HELPERS_KEY, type PageHelpers } from '../page-helpers';
import { fillOneTimeCode } from './fill-one-time-code';
import { locateImage } from './locate-image';
import { pageShowsForeign, thisPage } from './page-shows-frames';

const helpers: PageHelpers = {
  fillOneTimeCode,
  locateImage,
  showsForeign: (area) => pageShowsForeign(thisPage(), area),
};
(globalThis as { [key: symbol]: PageHelpers })[Symbol.for(PAGE_HELPERS_KEY)] = helpers;
