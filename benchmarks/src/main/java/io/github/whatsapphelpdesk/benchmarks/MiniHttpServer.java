package io.github.whatsapphelpdesk.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 responder on a plain {@link ServerSocket}: keep-alive, one thread per connection,
 * reads the request head and its {@code Content-Length} body, answers 200 with a Cloud API send
 * response. It records the arrival time of every request (when its request line has been read), so
 * the harness can check the rate Meta would see.
 */
final class MiniHttpServer implements ArrivalServer {
  private static final byte[] BODY = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"491700000000\","
      + "\"wa_id\":\"491700000000\"}],\"messages\":[{\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0E4QUQ0NjI4\"}]}")
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
      + BODY.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final Thread acceptor;
  private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
  /** Arrival time by the body's {@code "to"} recipient (the harness sends each recipient one message). */
  final ConcurrentHashMap<String, Long> arrivalByRecipient = new ConcurrentHashMap<>();
  final AtomicLong connections = new AtomicLong();
  private volatile boolean recording;

  MiniHttpServer() throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "mini-http-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @Override
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void recording(boolean on) {
    recording = on;
  }

  @Override
  public Map<String, Long> arrivalByRecipient() {
    return arrivalByRecipient;
  }

  @Override
  public long connections() {
    return connections.get();
  }

  /**
   * Runs the server as its own process for {@link ForkedHttpServer}: prints {@code PORT n}, then answers
   * the commands {@code record on}, {@code record off}, {@code dump} (one {@code A nanos recipient} line
   * per recorded arrival, then {@code CONNECTIONS n} and {@code END}) and {@code quit} read from stdin.
   */
  public static void main(String[] args) throws IOException {
    try (MiniHttpServer s = new MiniHttpServer();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
      PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
      out.println("PORT " + s.port());
      out.flush();
      for (String cmd = in.readLine(); cmd != null && !cmd.equals("quit"); cmd = in.readLine()) {
        switch (cmd) {
          case "record on" -> s.recording(true);
          case "record off" -> s.recording(false);
          case "dump" -> {
            s.arrivalByRecipient.forEach((to, t) -> out.println("A " + t + " " + to));
            out.println("CONNECTIONS " + s.connections());
          }
          default -> out.println("ERROR unknown command " + cmd);
        }
        out.println("END");
        out.flush();
      }
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        sockets.add(s);
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "mini-http-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      long[] arrival = new long[1];
      while (true) {
        int contentLength = readHead(in, arrival);
        if (contentLength < 0) {
          return;
        }
        byte[] body = in.readNBytes(contentLength);
        if (arrival[0] != 0) {
          String to = recipient(body);
          if (to != null) {
            arrivalByRecipient.put(to, arrival[0]);
          }
        }
        out.write(HEAD);
        out.write(BODY);
        out.flush();
      }
    } catch (IOException e) {
      // connection closed by the client
    }
  }

  /**
   * Reads a request head; returns its Content-Length, or -1 at end of stream. The arrival is recorded as
   * soon as the request line is complete, before the headers and body are read.
   */
  private int readHead(InputStream in, long[] arrival) throws IOException {
    arrival[0] = 0;
    StringBuilder line = new StringBuilder();
    int contentLength = 0;
    boolean first = true;
    while (true) {
      int c = in.read();
      if (c < 0) {
        return -1;
      }
      if (c == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        if (line.length() == 0) {
          if (first) {
            continue;
          }
          return contentLength;
        }
        if (first && recording) {
          arrival[0] = System.nanoTime();
        }
        first = false;
        String l = line.toString();
        int colon = l.indexOf(':');
        if (colon > 0 && l.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
          contentLength = Integer.parseInt(l.substring(colon + 1).trim());
        }
        line.setLength(0);
      } else {
        line.append((char) c);
      }
    }
  }

  /** The digits of the first {@code "to":"..."} in a JSON body, without a leading {@code +}, or null. */
  static String recipient(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    int i = s.indexOf("\"to\":\"");
    if (i < 0) {
      return null;
    }
    int from = i + 6;
    if (from < s.length() && s.charAt(from) == '+') {
      from++; // E.164 on the wire; the limiter's key is the bare wa_id
    }
    int to = s.indexOf('"', from);
    return to < 0 ? null : s.substring(from, to);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
