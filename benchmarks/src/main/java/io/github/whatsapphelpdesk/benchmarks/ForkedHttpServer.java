package io.github.whatsapphelpdesk.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link MiniHttpServer} in a child JVM, so the client's threads and garbage collections do not delay the
 * server's arrival stamps: Meta's edge does not share a CPU scheduler or a heap with the sender, and a
 * server that does turns its own scheduling delays into apparent bursts. Optionally started under a
 * command prefix such as {@code chrt -f 10} (real-time priority, needs root or CAP_SYS_NICE) or
 * {@code nice -n -10}; if the prefixed command fails, the harness says so and stops.
 */
final class ForkedHttpServer implements ArrivalServer {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;
  private Map<String, Long> byRecipient;
  private long connections;

  ForkedHttpServer(List<String> prefix) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xmn256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MiniHttpServer.class.getName());
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
    String first = out.readLine();
    if (first == null || !first.startsWith("PORT ")) {
      process.destroyForcibly();
      throw new IOException("forked server did not start (" + String.join(" ", cmd) + "): " + first);
    }
    port = Integer.parseInt(first.substring(5).trim());
  }

  @Override
  public int port() {
    return port;
  }

  private List<String> command(String c) throws IOException {
    in.write(c + "\n");
    in.flush();
    List<String> lines = new ArrayList<>();
    for (String l = out.readLine(); l != null; l = out.readLine()) {
      if (l.equals("END")) {
        return lines;
      }
      if (l.startsWith("ERROR")) {
        throw new IOException(l);
      }
      lines.add(l);
    }
    throw new IOException("forked server ended during " + c);
  }

  @Override
  public void recording(boolean on) throws IOException {
    command(on ? "record on" : "record off");
    byRecipient = null;
  }

  private Map<String, Long> dump() throws IOException {
    if (byRecipient == null) {
      Map<String, Long> m = new HashMap<>();
      for (String l : command("dump")) {
        if (l.startsWith("A ")) {
          int sp = l.indexOf(' ', 2);
          m.put(l.substring(sp + 1), Long.parseLong(l.substring(2, sp)));
        } else if (l.startsWith("CONNECTIONS ")) {
          connections = Long.parseLong(l.substring(12));
        }
      }
      byRecipient = m;
    }
    return byRecipient;
  }

  @Override
  public Map<String, Long> arrivalByRecipient() throws IOException {
    return dump();
  }

  @Override
  public long connections() throws IOException {
    dump();
    return connections;
  }

  @Override
  public void close() throws IOException {
    try {
      in.write("quit\n");
      in.flush();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
