/** The HTML report: one self-contained page with charts, dependency graphs and filterable findings. */
export { htmlChunks, REPORT_CSP, renderHtml } from './render-html.js';
