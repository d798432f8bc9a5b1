package io.github.whatsapphelpdesk.testkit.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Raw HTTP against the sandbox for tests (OkHttp). */
final class SandboxHttp {
  static final OkHttpClient CLIENT = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();

  record Reply(int status, String body, byte[] bytes, String contentType) {}

  private final CloudApiSandbox sandbox;
  private String token;

  SandboxHttp(CloudApiSandbox sandbox) {
    this.sandbox = sandbox;
    this.token = sandbox.accessToken();
  }

  SandboxHttp withToken(String t) {
    SandboxHttp h = new SandboxHttp(sandbox);
    h.token = t;
    return h;
  }

  Reply get(String pathAndQuery) {
    return call(new Request.Builder().url(url(pathAndQuery)).get());
  }

  Reply delete(String pathAndQuery) {
    return call(new Request.Builder().url(url(pathAndQuery)).delete());
  }

  Reply post(String pathAndQuery, String json) {
    return call(new Request.Builder().url(url(pathAndQuery))
        .post(RequestBody.create(json, MediaType.get("application/json"))));
  }

  Reply send(String json) {
    return post("/" + sandbox.phoneNumberId() + "/messages", json);
  }

  Reply upload(byte[] data, String mime) {
    RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("messaging_product", "whatsapp")
        .addFormDataPart("file", "f.bin", RequestBody.create(data, MediaType.get(mime))).build();
    return call(new Request.Builder().url(url("/" + sandbox.phoneNumberId() + "/media")).post(body));
  }

  Reply getAbsolute(String url) {
    return call(new Request.Builder().url(url).get());
  }

  private String url(String pathAndQuery) {
    return sandbox.graphUrl() + pathAndQuery;
  }

  private Reply call(Request.Builder b) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try (Response r = CLIENT.newCall(b.build()).execute()) {
      byte[] bytes = r.body().bytes();
      return new Reply(r.code(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8), bytes,
          r.header("Content-Type"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A text message body to {@code to}. */
  static String text(String to, String body) {
    return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":\""
        + body + "\"}}";
  }

  /** A template message body. */
  static String template(String to, String name, String lang, String componentsJson) {
    return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"template\",\"template\":{"
        + "\"name\":\"" + name + "\",\"language\":{\"code\":\"" + lang + "\"},\"components\":" + componentsJson
        + "}}";
  }

}
