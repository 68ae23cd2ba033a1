import type { Grade } from '../../score/score.js';
import type { CapReason } from '../cap-reason.js';
import { html, type Markup } from './markup.js';

/** Why a score stopped where it did (`capReason`, `accountCapReason`), as a sentence. */
export function capSentence({ ceiling, clause }: CapReason): string {
  return `Capped at ${ceiling}: ${clause}.`;
}

/** A score out of 100 and its grade badge; an unscored subject says so instead of showing 0. */
export function scoreBadge(score: number | null, grade: Grade | null): Markup {
  if (score === null)
    return html`<span class="score">–</span> <span class="badge grade-none">not scored</span>`;
  return html`<span class="score">${score}<span class="out-of">/100</span></span> <span class="badge grade-${grade ?? 'none'}"><span class="visually-hidden">grade </span>${grade ?? '–'}</span>`;
}
