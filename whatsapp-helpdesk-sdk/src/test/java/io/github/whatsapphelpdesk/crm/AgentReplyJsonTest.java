package io.github.whatsapphelpdesk.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentReplyJsonTest {

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_documentedBody_allFields() {
    AgentReply r = AgentReplyJson.parse(json("""
        {"ticket_id": 4711, "reply_id": "c-98", "author": {"id": 7, "name": "Ana"},
         "text": "Your parcel ships today.", "extra": {"ignored": true},
         "attachments": [{"id": "a1", "filename": "label.pdf", "mime_type": "application/pdf",
                          "size": 48213, "url": "https://crm.example.com/files/a1"}],
         "created_at": "2026-01-15T10:00:00Z"}"""));
    assertThat(r.ticketId()).isEqualTo("4711");
    assertThat(r.replyId()).isEqualTo("c-98");
    assertThat(r.authorId()).isEqualTo("7");
    assertThat(r.authorName()).isEqualTo("Ana");
    assertThat(r.text()).isEqualTo("Your parcel ships today.");
    assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
    assertThat(r.attachments()).containsExactly(new AgentAttachment("a1", "label.pdf", "application/pdf", 48213,
        "https://crm.example.com/files/a1"));
  }

  @Test
  void toJson_thenParse_roundTrip() {
    AgentReply reply = new AgentReply("T1", "R1", "agent-1", null, "héllo \"quoted\"",
        List.of(new AgentAttachment("a", "x.png", "image/png", -1, "memory://a")),
        Instant.parse("2026-01-15T10:00:00Z"));
    assertThat(AgentReplyJson.parse(AgentReplyJson.toJson(reply))).isEqualTo(reply);
  }

  @Test
  void parse_missingAndMistypedFields_namesEveryProblem() {
    assertThatThrownBy(() -> AgentReplyJson.parse(json("""
        {"ticket_id": "", "author": "ana", "text": 5, "created_at": "yesterday",
         "attachments": [{"id": "a1", "size": -3}, 7]}""")))
        .isInstanceOf(AgentReplyFormatException.class)
        .satisfies(e -> assertThat(((AgentReplyFormatException) e).violations()).containsExactlyInAnyOrder(
            "ticket_id must be a non-empty string or an integer",
            "reply_id is required",
            "author must be an object",
            "text must be a string",
            "created_at must be an ISO-8601 instant such as 2026-01-15T10:00:00Z",
            "attachments[0].filename is required",
            "attachments[0].mime_type is required",
            "attachments[0].url is required",
            "attachments[0].size must be a non-negative integer",
            "attachments[1] must be an object"));
  }

  @Test
  void parse_notJson_typedError() {
    assertThatThrownBy(() -> AgentReplyJson.parse(json("{\"ticket_id\": ")))
        .isInstanceOf(AgentReplyFormatException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> AgentReplyJson.parse(json("[1]")))
        .isInstanceOf(AgentReplyFormatException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> AgentReplyJson.parse(json("{} {}")))
        .isInstanceOf(AgentReplyFormatException.class);
  }
}
