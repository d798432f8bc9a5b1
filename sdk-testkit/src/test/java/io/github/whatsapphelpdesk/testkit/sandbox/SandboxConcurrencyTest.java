package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parallel senders against one sandbox: every request answered, no id collisions, state consistent. */
class SandboxConcurrencyTest {
  @Test
  void send_parallelCallers_allAcceptedWithUniqueWamids() throws Exception {
    try (CloudApiSandbox sandbox = CloudApiSandbox.builder().throughputMps(1000).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      for (int t = 0; t < 4; t++) {
        sandbox.customer("+49151000000" + t).sendText("hi");
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          String to = "+49151000000" + t;
          futures.add(pool.submit(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
              SandboxHttp.Reply r = http.send(SandboxHttp.text(to, "m" + i));
              assertThat(r.status()).as(r.body()).isEqualTo(200);
              ids.add(J.str(r.body(), "messages.0.id"));
            }
            return ids;
          }));
        }
        Set<String> all = new HashSet<>();
        for (Future<List<String>> f : futures) {
          all.addAll(f.get());
        }
        assertThat(all).hasSize(40);
        assertThat(sandbox.sentMessages()).hasSize(40);
        assertThat(sandbox.requests()).hasSize(40);
        assertThat(sandbox.pendingWebhooks()).isEqualTo(4 + 40 * 3);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void customer_toSecondBusinessNumber_opensOnlyThatWindow() {
    BusinessNumber second = new BusinessNumber("200000000000002", "15550000002", "Second Line");
    try (CloudApiSandbox sandbox = CloudApiSandbox.builder()
        .phoneNumber(CloudApiSandboxBuilder.DEFAULT_NUMBER).phoneNumber(second)
        .windowClosedChannel(ErrorChannel.SYNC).start()) {
      sandbox.customer("+4915112345678").toBusinessNumber(second.id()).sendText("hi");
      SandboxHttp http = new SandboxHttp(sandbox);
      assertThat(http.post("/" + second.id() + "/messages", SandboxHttp.text("+4915112345678", "x")).status())
          .isEqualTo(200);
      assertThat(J.at(http.send(SandboxHttp.text("+4915112345678", "x")).body(), "error.code")).isEqualTo(131047L);
      assertThat(sandbox.phoneNumbers()).hasSize(2);
    }
  }

  @Test
  void accessTokenQueryParameter_isAccepted() {
    try (CloudApiSandbox sandbox = CloudApiSandbox.builder().start()) {
      SandboxHttp.Reply r = new SandboxHttp(sandbox).withToken(null)
          .get("/" + sandbox.phoneNumberId() + "?access_token=" + sandbox.accessToken());
      assertThat(r.status()).isEqualTo(200);
      assertThat(sandbox.requests().get(0).query()).doesNotContain(sandbox.accessToken());
    }
  }
}
