/**
 * Views of one trace, each a pure function of (trace, scenario names): the sentences, the
 * protocol tables, JSON, mermaid, Markdown and a text ladder. The scenario supplies names and
 * titles only. The export CLI (scripts/export-cli.ts) is Node-only and not re-exported here.
 */
export * from './format';
export * from './tables';
export * from './json';
export * from './mermaid';
export * from './markdown';
export * from './text';
