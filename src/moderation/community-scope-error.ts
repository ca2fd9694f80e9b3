/**
 * @module
 * The refusal of a per-community setting where there is no community.
 */

/** `/library base` outside a community: private chats always answer from the base library. */
export class CommunityScopeError extends Error {
  override name = "CommunityScopeError";
  constructor() {
    super("only a group or server has its own library; private chats always answer from the base library");
  }
}
