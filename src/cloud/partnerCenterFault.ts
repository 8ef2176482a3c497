/** The error bodies of Partner Center, read for the error its transport throws. Pure. */
import { prop, propText } from './caseInsensitiveJson';
import { isJsonObject } from '../jsonObject';
import { decodeEntities } from '../text/htmlEntities';

/** An ApiFault body (`code` as number or string, `description`, `data`) or the 429 body (`statusCode`, `message`). */
export interface ApiFault {
  code?: string;
  description: string;
  /** The fault's `data` ("a list of error objects", only for some errors): strings as sent, objects as JSON. */
  data?: string[];
}

function faultData(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => (typeof item === 'string' ? [item] : item === null || item === undefined ? [] : [JSON.stringify(item)]));
}

/** Reads an error body; undefined when it is neither documented shape. */
export function parseApiFault(body: unknown): ApiFault | undefined {
  if (!isJsonObject(body)) return undefined;
  const description = propText(body, 'description') ?? propText(body, 'message');
  if (description === undefined) return undefined;
  const code = propText(body, 'code') ?? propText(body, 'statusCode');
  const data = faultData(prop(body, 'data'));
  return { description: decodeEntities(description), ...(code === undefined ? {} : { code }), ...(data.length > 0 ? { data } : {}) };
}
