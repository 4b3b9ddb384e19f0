// The template engine: Jinja2 syntax parsed by Nunjucks' parser, evaluated with Python's
// semantics and Ansible's filters, tests and lookups.
export { createTemplater, type TemplaterOptions } from './templater.js';
export { OMIT, type Templater, type Tracked } from './types.js';
export { readsHold } from './resolve.js';
export { pyStr, pyRepr } from './py/repr.js';
