import type { Activity } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication, StatusCodes } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/** jsonwebtoken's errors, which botbuilder lets escape as plain errors (a bad signature, a token not yet valid). */
const TOKEN_ERRORS = ['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError'];

/**
 * botbuilder's own authentication, with one fix: every rejected token is a 401. botbuilder answers 500 with
 * jsonwebtoken's message for a bad signature or a future `nbf`, which tells an attacker which check failed
 * and shows up as a server error.
 */
export class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && TOKEN_ERRORS.includes(err.name)) {
        throw new AuthenticationError('Unauthorized Access. Request is not authorized', StatusCodes.UNAUTHORIZED);
      }
      throw err;
    }
  }
}
