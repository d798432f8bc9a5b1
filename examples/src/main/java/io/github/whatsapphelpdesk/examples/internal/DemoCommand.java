package io.github.whatsapphelpdesk.examples.internal;

import io.github.whatsapphelpdesk.bridge.BridgeStats;
import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.LimiterConfig;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import io.github.whatsapphelpdesk.testkit.CompressedTimeGateway;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandbox;
import io.github.whatsapphelpdesk.testkit.sandbox.SandboxTemplate;
import io.github.whatsapphelpdesk.testkit.sandbox.SimulatedCustomer;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code demo}: a scripted day on embedded defaults. The Cloud API sandbox, a webhook endpoint on the
 * JDK HttpServer (loopback), the SDK's client, webhook handler, session tracker, template registry,
 * limiter and bridge, and the in-memory helpdesk. Time is a fake clock, so the "day" takes seconds.
 */
public final class DemoCommand implements Command {

  /** What the demo counted; the test asserts it. */
  public record Summary(int tickets, int customerMessages, int repliesSent, int templatesSent,
      int rejections130429, int duplicatesSkipped, int windowWarnings, int csatAnswers, int optOuts,
      int heldReplies) {}

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "play a scripted day on the embedded sandbox, bridge and in-memory helpdesk (no credentials)";
  }

  @Override
  public String usage() {
    return """
        usage: demo [--quiet]

        Starts the Cloud API sandbox, the bridge and an in-memory helpdesk on loopback, plays a scripted
        day (customers write in, a duplicate delivery, media, agents reply, a window warning, a reply
        after the window closed sent as a template, a burst paced by the limiter, CSAT, an opt-out) and
        prints a transcript and a summary. Exit code 0 when every expectation held.
        """;
  }

  @Override
  public int run(List<String> args, Console console) throws Exception {
    Args a = Args.parse(args, Set.of(), Set.of("quiet"));
    PrintStream out = a.flag("quiet") ? new PrintStream(OutputStream.nullOutputStream()) : console.out();
    Summary s = play(out);
    console.out().println(s);
    boolean ok = s.tickets() >= 3 && s.rejections130429() == 0 && s.templatesSent() >= 1 && s.csatAnswers() == 1
        && s.optOuts() == 1 && s.duplicatesSkipped() >= 1 && s.windowWarnings() >= 1;
    console.out().println(ok ? "demo OK" : "demo FAILED: an expectation did not hold");
    return ok ? 0 : 1;
  }

  /** Plays the day and returns the counts. */
  public static Summary play(PrintStream out) throws Exception {
    MutableClock clock = MutableClock.create();
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Holder<WebhookHandler> handler = new Holder<>();
    ServeCommand.mountWebhook(server, "/webhooks/whatsapp", () -> handler.value);
    server.start();
    String webhookUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/whatsapp";
    try (CloudApiSandbox sandbox = CloudApiSandbox.builder().clock(clock).seed(42).webhookUrl(webhookUrl)
        .throughputMps(20)
        .template(SandboxTemplate.approved("reopen_conversation", "en_US", "An update on your request: {{1}}"))
        .start();
        WhatsAppClient client = WhatsAppClient.builder().accessToken(sandbox.accessToken())
            .phoneNumberId(sandbox.phoneNumberId()).wabaId(sandbox.wabaId()).baseUrl(sandbox.baseUrl())
            .clock(clock).build()) {
      out.println("== Setup: sandbox at " + sandbox.baseUrl() + ", webhooks to " + webhookUrl);
      TemplateRegistry registry = TemplateRegistry.builder().client(client).clock(clock).build();
      registry.sync();
      out.println("   template registry synced: " + registry.templates().size() + " templates");
      TemplatePolicy policy = TemplatePolicy.builder()
          .rule(PolicyRule.builder("reopen").onReplyWindowClosed().template("reopen_conversation", "en_US")
              .body(PolicyParam.agentText().maxLength(900)).build())
          .build();
      SessionWindowTracker sessions = SessionWindowTracker.builder().clock(clock).build();
      // The limiter paces sends; in compressed time a wait moves the fake clock instead of sleeping.
      DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder().clock(clock)
          .config(LimiterConfig.builder().throughputMps(20).build()).build();
      CompressedTimeGateway paced = new CompressedTimeGateway(CloudApiGateway.of(client), limiter, clock);
      HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(desk).gateway(paced).clock(clock).sessions(sessions)
          .templates(registry).policy(policy).csatQuestion("How did we do?").build();
      handler.value = WebhookHandler.builder().appSecret(sandbox.appSecret()).verifyToken("demo-verify-token")
          .listener(bridge).executor(Runnable::run).clock(clock).build();

      // 1. Customers write in.
      out.println("\n== " + clock.instant() + "  Customers write in");
      SimulatedCustomer ana = sandbox.customer("+4915112345678", "Ana");
      SimulatedCustomer ben = sandbox.customer("+5511987654321", "Ben");
      SimulatedCustomer cleo = sandbox.customer("+14155550123", "Cleo");
      sandbox.setDuplicateProbability(1.0);
      ana.sendText("Hi, my order #1234 has not arrived.");
      sandbox.deliverPending();
      sandbox.setDuplicateProbability(0.0);
      out.println("   Ana: text (Meta delivered the webhook twice)");
      ben.sendImage(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x01}, "image/jpeg", "The box arrived damaged");
      out.println("   Ben: photo with a caption");
      cleo.sendText("Can I change my delivery address?");
      out.println("   Cleo: text");
      sandbox.deliverPending();
      bridge.tick();
      printTickets(desk, out);

      // 2. Agents reply inside the window.
      out.println("\n== " + clock.instant().plus(Duration.ofMinutes(15)) + "  Agents reply");
      StoredTicket anaT = ticketOf(desk, bridge, sandbox, ana);
      StoredTicket benT = ticketOf(desk, bridge, sandbox, ben);
      StoredTicket cleoT = ticketOf(desk, bridge, sandbox, cleo);
      clock.advance(Duration.ofMinutes(15));
      bridge.onAgentReplyWebhook(desk.agentReply(anaT.id(), "agent-maria", "Sorry Ana, it ships today. Tracking: ZX123."));
      bridge.onAgentReplyWebhook(desk.agentReply(cleoT.id(), "agent-tom", "Yes: send us the new address here."));
      bridge.tick();
      sandbox.deliverPending();
      out.println("   sent " + bridge.stats().messagesSent() + " replies; statuses sent/delivered/read came back");

      // 3. A window-expiry warning appears on Ben's ticket.
      out.println("\n== +23 h  Window warnings");
      clock.advance(Duration.ofHours(23).minusMinutes(15));
      bridge.tick();
      long warnings = desk.tickets().stream().flatMap(t -> desk.notes(t.id()).stream())
          .filter(n -> n.text().contains("window closes")).count();
      desk.notes(benT.id()).stream().filter(n -> n.text().contains("window closes")).findFirst()
          .ifPresent(n -> out.println("   note on ticket " + benT.id() + ": " + n.text()));

      // 4. An agent replies after Ben's window has closed: the template fallback.
      out.println("\n== +25 h  A reply after the window closed");
      clock.advance(Duration.ofHours(2));
      bridge.onAgentReplyWebhook(desk.agentReply(benT.id(), "agent-maria", "We are sending a replacement, Ben."));
      bridge.tick();
      sandbox.deliverPending();
      desk.notes(benT.id()).stream().filter(n -> n.text().contains("template")).findFirst()
          .ifPresent(n -> out.println("   note: " + n.text()));

      // 5. A burst: 40 customers write at once and agents answer every one; the limiter paces the sends.
      out.println("\n== " + clock.instant() + "  A burst of 40 conversations");
      List<SimulatedCustomer> burst = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        SimulatedCustomer c = sandbox.customer("+4917" + (10_000_000 + i * 7919), "Customer " + i);
        c.sendText("Is the shop open on Sunday?");
        burst.add(c);
      }
      sandbox.deliverPending();
      java.time.Instant burstStart = clock.instant();
      for (SimulatedCustomer c : burst) {
        StoredTicket t = ticketOf(desk, bridge, sandbox, c);
        bridge.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-bot", "Yes, 10:00 to 16:00."));
      }
      bridge.tick();
      sandbox.deliverPending();
      out.println("   40 replies paced over " + Duration.between(burstStart, clock.instant()).toMillis()
          + " ms of sandbox time at 20 mps, 130429 errors: " + paced.throttledAnswers());

      // 6. Cleo's ticket is solved: CSAT is sent and answered.
      out.println("\n== " + clock.instant() + "  A ticket is solved: CSAT");
      cleo.sendText("Thanks, address sent!");
      sandbox.deliverPending();
      desk.solve(cleoT.id());
      bridge.onTicketSolved(cleoT.id());
      bridge.tick();
      sandbox.deliverPending();
      cleo.sendButtonReply("csat:" + cleoT.id() + ":good", "Good");
      sandbox.deliverPending();
      long csat = desk.notes(cleoT.id()).stream().filter(n -> n.text().startsWith("CSAT answer")).count();
      desk.notes(cleoT.id()).stream().filter(n -> n.text().startsWith("CSAT answer")).findFirst()
          .ifPresent(n -> out.println("   note: " + n.text()));

      // 7. A customer opts out.
      out.println("\n== " + clock.instant() + "  Ana opts out");
      ana.sendText("STOP");
      sandbox.deliverPending();
      out.println("   Ana on the suppression list: "
          + bridge.suppressionList().isSuppressed(customerId(bridge, ana)));

      BridgeStats st = bridge.stats();
      int customerMessages = desk.tickets().stream().mapToInt(t -> (int) desk.comments(t.id()).stream()
          .filter(c -> c.authorKind() == StoredComment.AuthorKind.CUSTOMER).count()).sum();
      Summary s = new Summary(desk.tickets().size(), customerMessages, (int) st.messagesSent(),
          (int) st.templatesSent(), paced.throttledAnswers(), (int) st.duplicatesSkipped(), (int) warnings, (int) csat,
          (int) st.optOuts(), (int) st.repliesHeld());
      out.println("\n== Summary");
      out.println("   tickets " + s.tickets() + ", customer messages " + s.customerMessages() + ", messages sent "
          + s.repliesSent() + " (templates " + s.templatesSent() + "), 130429 rejections " + s.rejections130429()
          + ", duplicates skipped " + s.duplicatesSkipped() + ", window warnings " + s.windowWarnings()
          + ", CSAT answers " + s.csatAnswers() + ", opt-outs " + s.optOuts() + ", held replies " + s.heldReplies());
      return s;
    } finally {
      server.stop(0);
    }
  }

  private static StoredTicket ticketOf(InMemoryHelpdesk desk, HelpdeskBridge bridge, CloudApiSandbox sandbox,
      SimulatedCustomer c) {
    String id = bridge.conversations().ticketFor(bridge.conversations().currentKey(sandbox.phoneNumberId(),
            customerId(bridge, c)))
        .orElseThrow(() -> new IllegalStateException("no ticket for " + c.profileName())).ticketId();
    return desk.ticket(id).orElseThrow();
  }

  /** The stable id the bridge gave a simulated customer (their BSUID, which every sandbox payload carries). */
  private static CustomerId customerId(HelpdeskBridge bridge, SimulatedCustomer c) {
    return bridge.customers().findByBsuid(c.bsuid()).orElseThrow(
        () -> new IllegalStateException("the bridge has not seen " + c.profileName())).id();
  }

  private static void printTickets(InMemoryHelpdesk desk, PrintStream out) {
    for (StoredTicket t : desk.tickets()) {
      out.println("   ticket " + t.id() + " \"" + t.subject() + "\" " + t.status());
      for (StoredComment c : desk.comments(t.id())) {
        out.println("     - " + c.authorKind().name().toLowerCase() + ": " + c.text()
            + (c.attachments().isEmpty() ? "" : " (+" + c.attachments().size() + " attachment)"));
      }
    }
  }

  private static final class Holder<T> {
    volatile T value;
  }

}
