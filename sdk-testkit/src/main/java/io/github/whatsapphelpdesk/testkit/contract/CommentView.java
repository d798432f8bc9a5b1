package io.github.whatsapphelpdesk.testkit.contract;

import java.util.List;
import java.util.Objects;

/**
 * A helpdesk comment or note as the contract test sees it, read back from the helpdesk (or its fake) by
 * {@link HelpdeskAdapterContractTest#readComments}.
 *
 * @param id the comment id, as the adapter reports it in {@code AppendResult.commentId()}
 * @param authorId the author's id, comparable with {@code HelpdeskContact.contactId()}
 * @param isPublic true when the customer can see it
 * @param text the comment's text (plain)
 * @param attachmentNames the file names attached natively, possibly empty
 */
public record CommentView(String id, String authorId, boolean isPublic, String text, List<String> attachmentNames) {
  public CommentView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(text, "text");
    attachmentNames = List.copyOf(attachmentNames);
  }
}
