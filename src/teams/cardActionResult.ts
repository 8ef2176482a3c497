/** What a Universal Action answers: the card that replaces the one acted on, a message, or an error. */
export type CardActionResult =
  | { kind: 'card'; card: Record<string, unknown> }
  | { kind: 'message'; text: string }
  | { kind: 'error'; statusCode: 400 | 500; code: string; message: string };
