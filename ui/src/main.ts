import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppModel } from './lib/app.svelte';

// The CSP allows no inline style or script. Anything it blocks is counted on <html>, where the
// end-to-end tests look for it, and told on the console.
document.addEventListener('securitypolicyviolation', (event) => {
  const root = document.documentElement;
  root.dataset.cspViolations = String(Number(root.dataset.cspViolations ?? 0) + 1);
  console.error(`CSP blocked ${event.blockedURI || 'inline content'} (${event.violatedDirective})`);
});

mount(App, { target: document.getElementById('app')!, props: { model: new AppModel() } });
