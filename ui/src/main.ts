import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppModel } from './lib/app.svelte';
import { mark, platformOf } from './lib/paint';
import type { FirstLook } from './lib/types';

mark('script');

// Before anything is laid out: the fonts `app.css` names depend on it.
document.documentElement.dataset.platform = platformOf(navigator.userAgent);

// The CSP allows no inline style or script. Anything it blocks is counted on <html>, where the
// end-to-end tests look for it, and told on the console.
document.addEventListener('securitypolicyviolation', (event) => {
  const root = document.documentElement;
  root.dataset.cspViolations = String(Number(root.dataset.cspViolations ?? 0) + 1);
  console.error(`CSP blocked ${event.blockedURI || 'inline content'} (${event.violatedDirective})`);
});

// Started before mounting. With a first look to show, it asks nothing until that is painted
// (`AppModel.begin`); without one, the first rows wait on its answers.
const model = new AppModel();
const first = (window as { __INVALIDATOR_FIRST_LOOK__?: FirstLook }).__INVALIDATOR_FIRST_LOOK__;
if (first) model.seed(first);
void model.start();
mount(App, { target: document.getElementById('app')!, props: { model } });
mark('mounted');
