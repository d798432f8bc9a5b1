package io.github.whatsapphelpdesk.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 responder on a plain {@link ServerSocket}: keep-alive, one thread per connection,
 * reads the request head and its {@code Content-Length} body, answers 200 with a Cloud API send
 * response. It records the arrival time of every request (when its request line has been read), so
 * the harness can check the rate Meta would see.
 */
final class MiniHttpServer implements AutoCloseable {
  private static final byte[] BODY = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"491700000000\","
      + "\"wa_id\":\"491700000000\"}],\"messages\":[{\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0E4QUQ0NjI4\"}]}")
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
      + BODY.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final Thread acceptor;
  private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
  final AtomicLong connections = new AtomicLong();
  private volatile boolean recording;

  MiniHttpServer() throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "mini-http-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void recording(boolean on) {
    recording = on;
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
      while (true) {
        int contentLength = readHead(in);
        if (contentLength < 0) {
          return;
        }
        in.skipNBytes(contentLength);
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
  private int readHead(InputStream in) throws IOException {
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
          arrivals.add(System.nanoTime());
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

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
