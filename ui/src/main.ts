import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { AppModel } from './lib/app.svelte';

mount(App, { target: document.getElementById('app')!, props: { model: new AppModel() } });
