// Types for the LWC JavaScript under force-app, checked by `tsc -p tsconfig.lwc.json` (checkJs).
// `@lwc/types` types the `*.html` and `*.css` imports; `lwc` itself is mapped to @lwc/engine-dom in
// tsconfig.lwc.json paths. The lightning/* and @salesforce/* modules the components import are not typed
// by any package we can use (@salesforce/lightning-types 0.8.0 has no uiRecordApi, uiRelatedListApi or
// navigation; research/salesforce.md §4.5), so they are declared here from the UI API documentation:
// https://developer.salesforce.com/docs/platform/lwc/guide/reference-ui-api.html
import '@lwc/types';
