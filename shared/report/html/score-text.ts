import type { Grade, ScoreCap } from '../../score/score.js';
import { html, type Markup } from './markup.js';

/** Why a score stopped where it did, as docs/scoring.md puts it. */
export const CAP_REASONS = {
  critical: 'Capped at 40: a critical check fails or could not be verified.',
  high: 'Capped at 70: a high-severity check fails or could not be verified.',
  error: 'Capped at 89: some checks could not be verified (ERROR).',
} as const satisfies Record<ScoreCap, string>;

/** A score out of 100 and its grade badge; an unscored subject says so instead of showing 0. */
export function scoreBadge(score: number | null, grade: Grade | null): Markup {
  if (score === null)
    return html`<span class="score">–</span> <span class="badge grade-none">not scored</span>`;
  return html`<span class="score">${score}<span class="out-of">/100</span></span> <span class="badge grade-${grade ?? 'none'}"><span class="visually-hidden">grade </span>${grade ?? '–'}</span>`;
}
