package io.github.whatsapphelpdesk.client.internal;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body that, once written, flushes the connection's sink and then runs a callback: the moment
 * the request has been handed to the socket, for the limiter's {@code onWritten}. OkHttp would flush
 * right after the body anyway (HTTP/1.1 {@code finishRequest}, a no-op after this flush); on HTTP/2 the
 * early flush sends the data frames first and the end of the stream in an empty frame after. A write
 * that throws does not run the callback.
 */
final class WrittenSignalBody extends RequestBody {
  private final RequestBody delegate;
  private final Runnable onWritten;

  WrittenSignalBody(RequestBody delegate, Runnable onWritten) {
    this.delegate = delegate;
    this.onWritten = onWritten;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() throws IOException {
    return delegate.contentLength();
  }

  @Override
  public boolean isOneShot() {
    return delegate.isOneShot();
  }

  @Override
  public boolean isDuplex() {
    return delegate.isDuplex();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    delegate.writeTo(sink);
    sink.flush();
    onWritten.run();
  }
}
