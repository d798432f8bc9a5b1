package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ZendeskConcurrencyTest {

  @Test
  void conversationsInParallel_eachTicketGetsItsOwnCommentsInOrder() throws Exception {
    try (ZendeskTestSupport t = new ZendeskTestSupport();
        ZendeskAdapter a = ZendeskAdapter.create(t.config().build())) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<TicketHandle>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String wa = "49151000000" + i;
        futures.add(pool.submit(() -> {
          HelpdeskContact c = a.upsertContact(ContactInfo.ofPhone(wa, null));
          TicketHandle h = a.findOrCreateTicket(new TicketRequest("wa:1:" + wa + ":1", "idem-" + wa, c, "s",
              Fixtures.message(c, "m0", wa + "-0"), List.of(), Map.of())).ticket();
          for (int m = 1; m <= 5; m++) {
            a.appendCustomerMessage(h, Fixtures.message(c, "m" + m, wa + "-" + m));
          }
          return h;
        }));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      for (Future<TicketHandle> f : futures) {
        TicketHandle h = f.get();
        List<Map<String, Object>> comments = Json.objs(t.fake.ticket(Long.parseLong(h.ticketId())), "comments");
        String wa = h.requester().customer().value();
        assertThat(comments).extracting(c -> c.get("body"))
            .containsExactly(wa + "-0", wa + "-1", wa + "-2", wa + "-3", wa + "-4", wa + "-5");
        assertThat(comments).allSatisfy(c -> assertThat(Json.str(c, "author_id")).isEqualTo(h.requester().contactId()));
      }
      assertThat(t.fake.tokenRequests()).isEqualTo(1);
    }
  }
}
