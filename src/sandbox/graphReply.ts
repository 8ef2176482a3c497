/** What the Graph stand-in answers, before the headers common to every response. */
export type GraphReply =
  | { status: number; json: unknown }
  | { status: number; bytes: Buffer; contentType: string }
  | { status: number; error: { code: string; message: string } };
