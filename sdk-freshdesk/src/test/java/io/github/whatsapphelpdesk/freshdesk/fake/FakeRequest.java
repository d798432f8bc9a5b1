package io.github.whatsapphelpdesk.freshdesk.fake;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * A request to {@link FakeFreshdesk}, with its JSON or multipart/form-data body parsed the way
 * Freshdesk reads it: {@code tags[]} and {@code custom_fields[cf_x]} form fields become a list and a
 * map, and {@code attachments[]} parts become files.
 */
final class FakeRequest {
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final Pattern CUSTOM = Pattern.compile("custom_fields\\[(.+)]");

  /** A file of a multipart request. */
  record Upload(String name, String contentType, byte[] bytes) {}

  final Map<String, Object> fields = new LinkedHashMap<>();
  final List<Upload> uploads = new ArrayList<>();
  final boolean multipart;

  FakeRequest(RecordedRequest request) throws IOException {
    String type = request.getHeaders().get("Content-Type");
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    multipart = type != null && type.startsWith("multipart/form-data");
    if (multipart) {
      String boundary = type.substring(type.indexOf("boundary=") + 9).replace("\"", "");
      try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
        MultipartReader.Part part;
        while ((part = reader.nextPart()) != null) {
          String disposition = part.headers().get("Content-Disposition");
          String name = attribute(disposition, "name");
          String filename = attribute(disposition, "filename");
          byte[] content = part.body().readByteArray();
          if (filename != null) {
            String ct = part.headers().get("Content-Type");
            uploads.add(new Upload(filename, ct == null ? "application/octet-stream" : ct, content));
          } else {
            addField(name, new String(content, java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
    } else if (body.length > 0) {
      fields.putAll(JSON.fromJson(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  @SuppressWarnings("unchecked")
  private void addField(String name, String value) {
    Matcher m = CUSTOM.matcher(name);
    if (name.endsWith("[]")) {
      ((List<Object>) fields.computeIfAbsent(name.substring(0, name.length() - 2), k -> new ArrayList<>()))
          .add(value);
    } else if (m.matches()) {
      ((Map<String, Object>) fields.computeIfAbsent("custom_fields", k -> new LinkedHashMap<>()))
          .put(m.group(1), value);
    } else {
      fields.put(name, value);
    }
  }

  private static String attribute(String disposition, String attr) {
    Matcher m = Pattern.compile("\\b" + attr + "=\"([^\"]*)\"").matcher(disposition == null ? "" : disposition);
    return m.find() ? m.group(1) : null;
  }

  String string(String name) {
    Object v = fields.get(name);
    return v == null ? null : v.toString();
  }

  /** A number sent as a JSON number (Moshi reads a double) or as a form string. */
  Long number(String name) {
    Object v = fields.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    return Long.parseLong(v.toString());
  }

  /** A boolean sent as JSON or as a form string. */
  Boolean bool(String name) {
    Object v = fields.get(name);
    return v == null ? null : v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
  }

  @SuppressWarnings("unchecked")
  List<String> list(String name) {
    Object v = fields.get(name);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String name) {
    Object v = fields.get(name);
    return v instanceof Map<?, ?> ? new LinkedHashMap<>((Map<String, Object>) v) : new LinkedHashMap<>();
  }
}
