import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from '../../../shared/report/html/markup.js';

describe('Function: escapeHtml', () => {
  it('returns the text with &, <, >, double and single quotes escaped', () => {
    // Act
    const escaped = escapeHtml(`a & b <c> "d" 'e'`);

    // Assess
    expect(escaped).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;');
  });
});

describe('Function: html', () => {
  it('returns markup with strings and numbers escaped, markup kept, lists joined and absent values dropped', () => {
    // Prepare
    const name = '<b>orders</b>';

    // Act
    const markup = html`<p title="${name}">${name} ${3} ${html`<i>${'x'}</i>`}${['<', html`<br>`]}${undefined}${null}${false}</p>`;

    // Assess
    expect(String(markup)).toBe(
      '<p title="&lt;b&gt;orders&lt;/b&gt;">&lt;b&gt;orders&lt;/b&gt; 3 <i>x</i>&lt;<br></p>',
    );
  });
});

describe('Function: trusted', () => {
  it('returns the constant unescaped', () => {
    // Act
    const markup = html`<style>${trusted('a>b{color:red}')}</style>`;

    // Assess
    expect(String(markup)).toBe('<style>a>b{color:red}</style>');
  });
});
