/** Thrown when moto cannot be started, or a snapshot holds something the seed cannot create in it. */
export class MotoCrossCheckError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MotoCrossCheckError';
  }
}
