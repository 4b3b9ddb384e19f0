import { ClawError, EXIT, type ClawErrorOptions } from '../errors.js';

// Failures that happen on a reachable host. They fail the task (a result the runner records),
// unlike UnreachableError, which takes the host out of the play.

/** sudo refused: wrong or missing password, user not in sudoers. */
export class BecomeError extends ClawError {
  constructor(code: string, message: string, options: ClawErrorOptions = {}) {
    super(code, message, EXIT.HOST_FAILED, options);
  }
}

/** put/get could not write or read the remote file (permissions, missing directory, disk full). */
export class TransferError extends ClawError {
  constructor(code: string, message: string, options: ClawErrorOptions = {}) {
    super(code, message, EXIT.HOST_FAILED, options);
  }
}
